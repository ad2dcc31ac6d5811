import * as z from "zod";
import { annotate, defineTool, gidParam, nextPageTokenParam, pagedList, pagedListShape, pageLimitParam, ToolInputError } from "../../src/toolkit/index.js";
import { findProjectHint, findTeamHint, findWorkspaceHint } from "../shared/hints.js";
import { resolveWorkspaceId } from "../shared/lookups.js";
import { workspaceIdParam } from "../shared/params.js";
import {
  presentProjectTemplate,
  presentTaskTemplate,
  projectTemplateOptFields,
  taskTemplateOptFields,
  templateShape,
  type AsanaProjectTemplate,
  type AsanaTaskTemplate,
} from "./model.js";

export const listTemplates = defineTool({
  name: "ListTemplates",
  title: "List templates",
  toolset: "templates",
  description: "List the project templates of a team or workspace, with the dates and roles each asks for; or, with project_id, that project's task templates.",
  input: () =>
    z.strictObject({
      team_id: gidParam("team", findTeamHint).optional(),
      workspace_id: workspaceIdParam,
      project_id: gidParam("project", findProjectHint).optional().describe("For its task templates."),
      limit: pageLimitParam("templates"),
      next_page_token: nextPageTokenParam,
    }),
  output: () => pagedListShape("templates", templateShape),
  annotations: annotate.read,
  errorHints: {
    400: "If Asana calls the page token invalid, start again without next_page_token.",
    404: `The team, workspace or project is unknown or not visible to the user. ${findTeamHint} ${findWorkspaceHint} ${findProjectHint}`,
  },
  async handler(input, { asana }) {
    const paging = { limit: input.limit, offset: input.next_page_token };
    if (input.project_id) {
      if (input.team_id || input.workspace_id) {
        throw new ToolInputError(
          "project_id, team_id, workspace_id",
          "mix task templates (a project's) with project templates (a team's or workspace's)",
          "Pass project_id alone for task templates, or team_id or workspace_id for project templates.",
        );
      }
      const page = await asana.getPage<AsanaTaskTemplate>("/task_templates", {
        ...paging,
        query: { project: input.project_id },
        optFields: taskTemplateOptFields,
      });
      return pagedList("templates", page.items.map(presentTaskTemplate), page.nextOffset);
    }
    // getProjectTemplates takes a team or a workspace; a team already names its workspace.
    const query = input.team_id ? { team: input.team_id } : { workspace: await resolveWorkspaceId(asana, input.workspace_id) };
    const page = await asana.getPage<AsanaProjectTemplate>("/project_templates", { ...paging, query, optFields: projectTemplateOptFields });
    return pagedList("templates", page.items.map(presentProjectTemplate), page.nextOffset);
  },
});
