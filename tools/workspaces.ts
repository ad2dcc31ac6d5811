import * as z from "zod";
import { asanaPath } from "../src/asana/index.js";
import {
  Asana,
  compact,
  type AnyToolDefinition,
  defineTool,
  gidParam,
  nextPageTokenParam,
  pagedList,
  pagedListShape,
  pageLimitParam,
  readOnlyAnnotations,
} from "../src/toolkit/index.js";
import { findWorkspaceHint } from "./id-hints.js";


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
  output: pagedListShape("workspaces", workspaceShape),
  annotations: readOnlyAnnotations,
  auth: Asana({ scopes: ["default"] }),
  async handler(input, { asana }) {
    const page = await asana.getPage<AsanaWorkspace>("/workspaces", {
      limit: input.limit,
      offset: input.next_page_token,
      optFields: workspaceOptFields,
    });
    const workspaces = page.items.map(presentWorkspace);
    return pagedList("workspaces", workspaces, page.nextOffset);
  },
});

export const getWorkspaceById = defineTool({
  name: "GetWorkspaceById",
  title: "Get a workspace",
  toolset: "workspaces",
  description:
    "Get one Asana workspace or organization by its id: its name, whether it is an organization (a company " +
    `domain with teams) and its email domains. ${findWorkspaceHint}`,
  input: z.strictObject({
    workspace_id: gidParam("workspace", findWorkspaceHint),
  }),
  output: z.object({ workspace: workspaceShape }),
  annotations: readOnlyAnnotations,
  auth: Asana({ scopes: ["default"] }),
  errorHints: { 404: `No workspace has this id, or the user is not a member of it. ${findWorkspaceHint}` },
  async handler(input, { asana }) {
    const raw = await asana.get<AsanaWorkspace>(asanaPath`/workspaces/${input.workspace_id}`, { optFields: workspaceOptFields });
    return { workspace: presentWorkspace(raw) };
  },
});

/** Workspace tools, in Arcade's order. */
export const workspaceTools: AnyToolDefinition[] = [getWorkspaceById, listWorkspaces];
