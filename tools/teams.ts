import * as z from "zod";
import { asanaPath } from "../src/asana/index.js";
import {
  Asana,
  compact,
  type AnyToolDefinition,
  type AsanaRef,
  defineTool,
  gidParam,
  namedRef,
  pagedList,
  pagedListShape,
  readOnlyAnnotations,
  nextPageTokenParam,
  pageLimitParam,
  refOf,
} from "../src/toolkit/index.js";
import { resolveWorkspaceId } from "./lookups.js";
import { findTeamHint, findWorkspaceHint } from "./id-hints.js";

/** Teams exist only in organizations; a plain workspace answers with an error or nothing. */
const organizationNote = "Only organizations (is_organization true in Asana_ListWorkspaces) have teams.";

interface AsanaTeam {
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

const teamListOutput = pagedListShape("teams", teamShape);

const teamListInput = z.strictObject({
  workspace_id: gidParam("workspace", findWorkspaceHint)
    .optional()
    .describe("The organization whose teams to list. Optional when the user has only one workspace."),
  limit: pageLimitParam("teams"),
  next_page_token: nextPageTokenParam,
});

export const getTeamById = defineTool({
  name: "GetTeamById",
  title: "Get a team",
  toolset: "teams",
  description:
    "Get one Asana team by its id: name, description, organization and a link. To list the team's projects, " +
    `use Asana_ListProjects with team_id. ${findTeamHint}`,
  input: z.strictObject({
    team_id: gidParam("team", findTeamHint),
  }),
  output: z.object({ team: teamShape }),
  annotations: readOnlyAnnotations,
  auth: Asana({ scopes: ["default"] }),
  errorHints: { 404: `No team has this id, or the user cannot see it. ${findTeamHint}` },
  async handler(input, { asana }) {
    const raw = await asana.get<AsanaTeam>(asanaPath`/teams/${input.team_id}`, { optFields: teamOptFields });
    return { team: presentTeam(raw) };
  },
});

export const listTeamsTheCurrentUserIsAMemberOf = defineTool({
  name: "ListTeamsTheCurrentUserIsAMemberOf",
  title: "List my teams",
  toolset: "teams",
  description:
    "List the Asana teams the current user is a member of, in one organization, with their ids. Use it when " +
    "the user says \"my team\"; to see every team in the organization use Asana_ListTeams instead. " +
    `Pass workspace_id (from Asana_ListWorkspaces) unless the user has only one workspace. ${organizationNote} ` +
    "Page on with next_page_token while next_page.has_more_pages is true.",
  input: teamListInput,
  output: teamListOutput,
  annotations: readOnlyAnnotations,
  auth: Asana({ scopes: ["default"] }),
  errorHints: {
    400: `Asana needs an organization here. ${organizationNote}`,
    404: `The workspace does not exist or the user is not a member of it. ${findWorkspaceHint}`,
  },
  async handler(input, { asana }) {
    const organization = await resolveWorkspaceId(asana, input.workspace_id);
    const page = await asana.getPage<AsanaTeam>("/users/me/teams", {
      limit: input.limit,
      offset: input.next_page_token,
      query: { organization },
      optFields: teamOptFields,
    });
    const teams = page.items.map(presentTeam);
    return pagedList("teams", teams, page.nextOffset);
  },
});

export const listTeams = defineTool({
  name: "ListTeams",
  title: "List teams",
  toolset: "teams",
  description:
    "List all the Asana teams in an organization that the current user can see, with their ids. Use it to " +
    "find a team id for Asana_ListProjects (team_id) or Asana_GetTasksWithoutId; for only the user's own " +
    `teams use Asana_ListTeamsTheCurrentUserIsAMemberOf. Pass workspace_id (from Asana_ListWorkspaces) unless ` +
    `the user has only one workspace. ${organizationNote} ` +
    "Page on with next_page_token while next_page.has_more_pages is true.",
  input: teamListInput,
  output: teamListOutput,
  annotations: readOnlyAnnotations,
  auth: Asana({ scopes: ["default"] }),
  errorHints: {
    400: `Asana needs an organization here. ${organizationNote}`,
    404: `The workspace does not exist or the user is not a member of it. ${findWorkspaceHint}`,
  },
  async handler(input, { asana }) {
    const workspace = await resolveWorkspaceId(asana, input.workspace_id);
    const page = await asana.getPage<AsanaTeam>(asanaPath`/workspaces/${workspace}/teams`, {
      limit: input.limit,
      offset: input.next_page_token,
      optFields: teamOptFields,
    });
    const teams = page.items.map(presentTeam);
    return pagedList("teams", teams, page.nextOffset);
  },
});

/** Team tools, in Arcade's order. */
export const teamTools: AnyToolDefinition[] = [getTeamById, listTeamsTheCurrentUserIsAMemberOf, listTeams];
