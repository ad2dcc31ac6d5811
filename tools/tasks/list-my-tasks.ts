import * as z from "zod";
import {
  annotate,
  compact,
  defineTool,
  namedRef,
  nextPageTokenParam,
  pagedList,
  pagedListShape,
  pageLimitParam,
  refOf,
  refsOf,
  userParam,
  type AsanaRef,
} from "../../src/toolkit/index.js";
import { findUserHint, findWorkspaceHint } from "../shared/hints.js";
import { resolveWorkspaceId } from "../shared/lookups.js";
import { workspaceIdParam } from "../shared/params.js";

interface AsanaMyTask {
  gid: string;
  name?: string;
  completed?: boolean;
  due_on?: string | null;
  due_at?: string | null;
  start_on?: string | null;
  projects?: AsanaRef[];
  parent?: AsanaRef | null;
  assignee_section?: AsanaRef | null;
}

const myTaskOptFields = ["name", "completed", "due_on", "due_at", "start_on", "projects.name", "parent.name", "assignee_section.name"] as const;

const myTaskShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  completed: z.boolean().optional(),
  due_on: z.string().optional(),
  due_at: z.string().optional(),
  start_on: z.string().optional(),
  projects: z.array(namedRef).optional(),
  parent: namedRef.optional().describe("Set for a subtask."),
  my_tasks_section: namedRef.optional().describe('Its section in My Tasks, e.g. "Do today"; Asana shows it only for the current user\'s own tasks.'),
});

function presentMyTask(raw: AsanaMyTask): z.infer<typeof myTaskShape> {
  return {
    id: raw.gid,
    ...compact({
      name: raw.name,
      completed: raw.completed === true ? true : undefined,
      due_on: raw.due_on,
      due_at: raw.due_at,
      start_on: raw.start_on,
      projects: refsOf(raw.projects),
      parent: refOf(raw.parent),
      my_tasks_section: refOf(raw.assignee_section),
    }),
  };
}

export const listMyTasks = defineTool({
  name: "ListMyTasks",
  title: "List My Tasks",
  toolset: "tasks",
  defaultProfile: true,
  description:
    "The tasks assigned to a user (default me), as in their My Tasks: due dates, projects, My Tasks section. Incomplete only unless include_completed. " +
    'Works on free plans; for "what\'s on my plate".',
  input: () =>
    z.strictObject({
      user: userParam("Whose tasks", findUserHint).default("me"),
      workspace_id: workspaceIdParam,
      include_completed: z.boolean({ error: "must be true or false" }).default(false),
      limit: pageLimitParam("tasks"),
      next_page_token: nextPageTokenParam,
    }),
  output: () => pagedListShape("tasks", myTaskShape),
  annotations: annotate.read,
  errorHints: {
    400: "The user must be a member of the workspace. If Asana calls the page token invalid, start again without next_page_token.",
    404: `The user or workspace is unknown, or not visible to the current user. ${findUserHint} ${findWorkspaceHint}`,
  },
  async handler(input, { asana }) {
    const workspaceId = await resolveWorkspaceId(asana, input.workspace_id);
    // GET /tasks with assignee and workspace lists the assignee's My Tasks in one request, on every plan;
    // completed_since=now is Asana's way of asking for incomplete tasks only.
    const page = await asana.getPage<AsanaMyTask>("/tasks", {
      limit: input.limit,
      offset: input.next_page_token,
      query: { assignee: input.user, workspace: workspaceId, completed_since: input.include_completed ? undefined : "now" },
      optFields: myTaskOptFields,
    });
    return pagedList("tasks", page.items.map(presentMyTask), page.nextOffset);
  },
});
