import * as z from "zod";
import { annotate, defineTool, gidParam, nextPageTokenParam, pagedList, pagedListShape, pageLimitParam } from "../../src/toolkit/index.js";
import { findTeamHint } from "../shared/hints.js";
import { resolveWorkspaceId } from "../shared/lookups.js";
import { workspaceIdParam } from "../shared/params.js";
import { presentProjectSummary, projectSummaryOptFields, projectSummaryShape, type AsanaProject } from "./model.js";

export const listProjects = defineTool({
  name: "ListProjects",
  title: "List projects",
  toolset: "projects",
  defaultProfile: true,
  description: "List the projects of a workspace, or of one team: id, name, team, archived, color, due date, link.",
  input: () =>
    z.strictObject({
      team_id: gidParam("team", findTeamHint).optional(),
      workspace_id: workspaceIdParam,
      limit: pageLimitParam("projects"),
      next_page_token: nextPageTokenParam,
    }),
  output: () => pagedListShape("projects", projectSummaryShape),
  annotations: annotate.read,
  errorHints: {
    404: "The workspace or team does not exist or the user cannot see it. Check workspace_id with Asana_ListWorkspaces and team_id with Asana_ListTeams.",
  },
  async handler(input, { asana }) {
    // A team already pins the workspace, so the unique-workspace rule is only needed without one.
    const workspace = input.team_id && !input.workspace_id ? undefined : await resolveWorkspaceId(asana, input.workspace_id);
    const page = await asana.getPage<AsanaProject>("/projects", {
      limit: input.limit,
      offset: input.next_page_token,
      query: { workspace, team: input.team_id },
      optFields: projectSummaryOptFields,
    });
    return pagedList("projects", page.items.map(presentProjectSummary), page.nextOffset);
  },
});
