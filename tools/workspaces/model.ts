import * as z from "zod";
import { compact } from "../../src/toolkit/index.js";

export interface AsanaWorkspace {
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
