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
  refsOf,
} from "../src/toolkit/index.js";
import { resolveWorkspaceId } from "./lookups.js";
import { findProjectHint, findWorkspaceHint } from "./id-hints.js";


interface AsanaProject {
  gid: string;
  name?: string;
  workspace?: AsanaRef | null;
  team?: AsanaRef | null;
  owner?: AsanaRef | null;
  members?: AsanaRef[];
  notes?: string;
  color?: string | null;
  due_on?: string | null;
  start_on?: string | null;
  completed?: boolean;
  completed_at?: string | null;
  completed_by?: AsanaRef | null;
  archived?: boolean;
  current_status_update?: { gid: string; title?: string } | null;
  permalink_url?: string;
}

/** Arcade's project fields, with references asked for by name only so they come back small. */
export const projectOptFields = [
  "name",
  "workspace.name",
  "team.name",
  "owner",
  "members.name",
  "notes",
  "color",
  "due_on",
  "start_on",
  "completed",
  "completed_at",
  "completed_by.name",
  "archived",
  "current_status_update.title",
  "permalink_url",
] as const;

/** Big projects have hundreds of members; a model needs a sample and the total, not the roster. */
export const maxMembersShown = 20;

export const projectShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  workspace: namedRef.optional(),
  team: namedRef.optional().describe("The team that owns the project; absent in workspaces that are not organizations."),
  owner: namedRef.optional(),
  members: z.array(namedRef).optional().describe(`Up to ${maxMembersShown} members of the project.`),
  member_count: z.number().int().optional().describe(`The total number of members, given only when there are more than ${maxMembersShown}.`),
  notes: z.string().optional().describe("The project's description, as plain text."),
  color: z.string().optional(),
  due_on: z.string().optional().describe("Due date, YYYY-MM-DD."),
  start_on: z.string().optional().describe("Start date, YYYY-MM-DD."),
  completed: z.boolean().optional(),
  completed_at: z.string().optional(),
  completed_by: namedRef.optional(),
  archived: z.boolean().optional(),
  current_status: z.string().optional().describe("The title of the project's latest status update."),
  permalink_url: z.string().optional().describe("Link to the project in Asana's web app."),
});

export function presentProject(raw: AsanaProject): z.infer<typeof projectShape> {
  const members = refsOf(raw.members);
  return {
    id: raw.gid,
    ...compact({
      name: raw.name,
      workspace: refOf(raw.workspace),
      team: refOf(raw.team),
      owner: refOf(raw.owner),
      members: members?.slice(0, maxMembersShown),
      member_count: members && members.length > maxMembersShown ? members.length : undefined,
      notes: raw.notes,
      color: raw.color,
      due_on: raw.due_on,
      start_on: raw.start_on,
      completed: raw.completed,
      completed_at: raw.completed_at,
      completed_by: refOf(raw.completed_by),
      archived: raw.archived,
      current_status: raw.current_status_update?.title,
      permalink_url: raw.permalink_url,
    }),
  };
}

/**
 * A list item: enough to tell projects apart and pick one. Notes and members (up to 20 per project)
 * would multiply a 100-project page many times over; Asana_GetProjectById gives them for one project.
 */
export const projectSummaryShape = projectShape.pick({ id: true, name: true, team: true, archived: true, color: true, due_on: true, permalink_url: true });

export const projectSummaryOptFields = ["name", "team.name", "archived", "color", "due_on", "permalink_url"] as const;

export function presentProjectSummary(raw: AsanaProject): z.infer<typeof projectSummaryShape> {
  return {
    id: raw.gid,
    ...compact({ name: raw.name, team: refOf(raw.team), archived: raw.archived, color: raw.color, due_on: raw.due_on, permalink_url: raw.permalink_url }),
  };
}

export const getProjectById = defineTool({
  name: "GetProjectById",
  title: "Get a project",
  toolset: "projects",
  description:
    "Get one Asana project by its id: name, description, owner, team, members, dates, status, color and a link. " +
    `Use it when you already have a project id. ${findProjectHint} ` +
    "To see the project's tasks, use Asana_ListTasksInProject (any plan) or Asana_GetTasksWithoutId (search, paid plans) with this " +
    "project id; Asana_ListSections lists its sections.",
  input: z.strictObject({
    project_id: gidParam("project", findProjectHint),
  }),
  output: z.object({ project: projectShape }),
  annotations: readOnlyAnnotations,
  auth: Asana({ scopes: ["default"] }),
  errorHints: { 404: `No project has this id, or the user cannot see it. ${findProjectHint}` },
  async handler(input, { asana }) {
    const raw = await asana.get<AsanaProject>(asanaPath`/projects/${input.project_id}`, { optFields: projectOptFields });
    return { project: presentProject(raw) };
  },
});

export const listProjects = defineTool({
  name: "ListProjects",
  title: "List projects",
  toolset: "projects",
  description:
    "List Asana projects in a workspace or in one team, each with its id, name, team, archived flag, color, due date and link. " +
    "Use it to find a project id (for Asana_GetProjectById, Asana_ListTasksInProject, Asana_CreateTask or Asana_GetTasksWithoutId) " +
    "or to see what projects exist; Asana_GetProjectById gives one project's description, owner, members and status. " +
    "Pass team_id to list one team's projects (find teams with Asana_ListTeams), or workspace_id " +
    "(from Asana_ListWorkspaces); if the user has only one workspace, both may be omitted. " +
    "Page on with next_page_token while next_page.has_more_pages is true.",
  input: z.strictObject({
    team_id: gidParam("team", "Find team ids with Asana_ListTeams or Asana_ListTeamsTheCurrentUserIsAMemberOf.")
      .optional()
      .describe("List only this team's projects. Find team ids with Asana_ListTeams or Asana_ListTeamsTheCurrentUserIsAMemberOf."),
    workspace_id: gidParam("workspace", findWorkspaceHint)
      .optional()
      .describe("The workspace to list projects from. Optional when team_id is given or the user has only one workspace."),
    limit: pageLimitParam("projects"),
    next_page_token: nextPageTokenParam,
  }),
  output: pagedListShape("projects", projectSummaryShape),
  annotations: readOnlyAnnotations,
  auth: Asana({ scopes: ["default"] }),
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
    const projects = page.items.map(presentProjectSummary);
    return pagedList("projects", projects, page.nextOffset);
  },
});

/** Project tools, in Arcade's order. */
export const projectTools: AnyToolDefinition[] = [getProjectById, listProjects];
