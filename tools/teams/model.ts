import * as z from "zod";
import { compact, namedRef, nextPageTokenParam, pagedListShape, pageLimitParam, refOf, type AsanaRef } from "../../src/toolkit/index.js";
import { workspaceIdParam } from "../shared/params.js";

/** Teams exist only in organizations; a plain workspace answers with an error or nothing. */
export const organizationNote = "Only organizations (is_organization true in Asana_ListWorkspaces) have teams.";

export interface AsanaTeam {
  gid: string;
  name?: string;
  description?: string;
  organization?: AsanaRef | null;
  permalink_url?: string;
}

export const teamOptFields = ["name", "description", "organization.name", "permalink_url"] as const;

export const teamShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  description: z.string().optional(),
  organization: namedRef.optional().describe("The organization (workspace) the team belongs to."),
  permalink_url: z.string().optional().describe("Link to the team in Asana's web app."),
});

export function presentTeam(raw: AsanaTeam): z.infer<typeof teamShape> {
  return {
    id: raw.gid,
    ...compact({ name: raw.name, description: raw.description, organization: refOf(raw.organization), permalink_url: raw.permalink_url }),
  };
}

export const teamListOutput = pagedListShape("teams", teamShape);

export const teamListInput = z.strictObject({
  workspace_id: workspaceIdParam,
  limit: pageLimitParam("teams"),
  next_page_token: nextPageTokenParam,
});
