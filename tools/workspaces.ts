import * as z from "zod";
import { Asana, compact, type AnyToolDefinition, defineTool, nextPageOf, nextPageShape, nextPageTokenParam, pageLimitParam } from "../src/toolkit/index.js";

interface AsanaWorkspace {
  gid: string;
  name?: string;
  is_organization?: boolean;
  email_domains?: string[] | null;
}

export const workspaceShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  is_organization: z.boolean().optional().describe("True for an organization (a company domain), false for a plain workspace."),
  email_domains: z.array(z.string()).optional(),
});

export const workspaceOptFields = ["name", "is_organization", "email_domains"] as const;

export function presentWorkspace(raw: AsanaWorkspace): z.infer<typeof workspaceShape> {
  return { id: raw.gid, ...compact({ name: raw.name, is_organization: raw.is_organization, email_domains: raw.email_domains }) };
}

export const listWorkspaces = defineTool({
  name: "ListWorkspaces",
  title: "List workspaces",
  toolset: "workspaces",
  description:
    "List the Asana workspaces and organizations the user belongs to, with their ids. Call this first when " +
    "another tool asks for a workspace_id, or to learn which workspace the user means. Most users have one.",
  input: z.strictObject({
    limit: pageLimitParam("workspaces"),
    next_page_token: nextPageTokenParam,
  }),
  output: z.object({
    workspaces: z.array(workspaceShape),
    count: z.number().int(),
    next_page: nextPageShape,
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  auth: Asana({ scopes: ["default"] }),
  async handler(input, { asana }) {
    const page = await asana.getPage<AsanaWorkspace>("/workspaces", {
      limit: input.limit,
      offset: input.next_page_token,
      optFields: workspaceOptFields,
    });
    const workspaces = page.items.map(presentWorkspace);
    return { workspaces, count: workspaces.length, next_page: nextPageOf(page.nextOffset) };
  },
});

export const workspaceTools: AnyToolDefinition[] = [listWorkspaces];
