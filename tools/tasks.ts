import * as z from "zod";
import { AsanaApiError, asanaPath, type AsanaSession } from "../src/asana/index.js";
import {
  Asana,
  compact,
  type AnyToolDefinition,
  type AsanaRef,
  type NamedRef,
  dateParam,
  defineTool,
  gidParam,
  namedRef,
  pagedList,
  pagedListShape,
  readOnlyAnnotations,
  nextPageTokenParam,
  pageLimitParam,
  refOf,
  mutationStatus,
  refsOf,
  ToolExecutionError,
  ToolInputError,
  ToolRetryableError,
  userParam,
} from "../src/toolkit/index.js";
import { attachFileToTask } from "./attachments.js";
import { looksLikeGid, projectIdOf, resolveProject, resolveTagIds, resolveWorkspaceId, unknownTagsError, type LookupContext } from "./lookups.js";
import { findTaskHint, findSectionHint, findUserHint, findWorkspaceHint } from "./id-hints.js";


interface AsanaTask {
  gid: string;
  name?: string;
  resource_subtype?: string;
  notes?: string;
  completed?: boolean;
  completed_at?: string | null;
  completed_by?: AsanaRef | null;
  created_at?: string;
  modified_at?: string;
  due_on?: string | null;
  due_at?: string | null;
  start_on?: string | null;
  assignee?: AsanaRef | null;
  parent?: AsanaRef | null;
  memberships?: Array<{ project?: AsanaRef | null; section?: AsanaRef | null }>;
  tags?: AsanaRef[];
  workspace?: AsanaRef | null;
  num_subtasks?: number;
  permalink_url?: string;
  custom_fields?: Array<{ gid: string; name?: string; display_value?: string | null }>;
}

/** The fields a model needs to reason about a task; everything else Asana has stays out. */
export const taskOptFields = [
  "name",
  "resource_subtype",
  "notes",
  "completed",
  "completed_at",
  "completed_by.name",
  "created_at",
  "modified_at",
  "due_on",
  "due_at",
  "start_on",
  "assignee.name",
  "parent.name",
  "memberships.project.name",
  "memberships.section.name",
  "tags.name",
  "workspace.name",
  "num_subtasks",
  "permalink_url",
  "custom_fields.name",
  "custom_fields.display_value",
] as const;

export const subtaskOptFields = ["name", "completed", "due_on", "assignee.name"] as const;

export const subtaskShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  completed: z.boolean().optional(),
  due_on: z.string().optional(),
  assignee: namedRef.optional(),
});

export const taskShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  resource_subtype: z.string().optional().describe("default_task, milestone, approval or section"),
  notes: z.string().optional().describe("The description, as plain text."),
  completed: z.boolean().optional(),
  completed_at: z.string().optional(),
  completed_by: namedRef.optional(),
  created_at: z.string().optional(),
  modified_at: z.string().optional(),
  due_on: z.string().optional().describe("Due date, YYYY-MM-DD."),
  due_at: z.string().optional().describe("Due date and time, ISO 8601 UTC."),
  start_on: z.string().optional(),
  assignee: namedRef.optional(),
  parent: namedRef.optional().describe("Set when this task is a subtask."),
  memberships: z
    .array(z.object({ project: namedRef.optional(), section: namedRef.optional() }))
    .optional()
    .describe("The projects the task is in, with its section in each."),
  tags: z.array(namedRef).optional(),
  workspace: namedRef.optional(),
  num_subtasks: z.number().int().optional(),
  permalink_url: z.string().optional().describe("Link to the task in Asana's web app."),
  custom_fields: z.array(z.object({ id: z.string(), name: z.string().optional(), value: z.string().optional() })).optional(),
  subtasks: z.array(subtaskShape).optional(),
});

export function presentSubtask(raw: AsanaTask): z.infer<typeof subtaskShape> {
  return { id: raw.gid, ...compact({ name: raw.name, completed: raw.completed, due_on: raw.due_on, assignee: refOf(raw.assignee) }) };
}

export function presentTask(raw: AsanaTask): z.infer<typeof taskShape> {
  const memberships = (raw.memberships ?? [])
    .map((m) => compact({ project: refOf(m.project), section: refOf(m.section) }))
    .filter((m) => m.project !== undefined || m.section !== undefined);
  const customFields = (raw.custom_fields ?? []).map((field) => ({ id: field.gid, ...compact({ name: field.name, value: field.display_value }) }));
  return {
    id: raw.gid,
    ...compact({
      name: raw.name,
      resource_subtype: raw.resource_subtype,
      notes: raw.notes,
      completed: raw.completed,
      completed_at: raw.completed_at,
      completed_by: refOf(raw.completed_by),
      created_at: raw.created_at,
      modified_at: raw.modified_at,
      due_on: raw.due_on,
      due_at: raw.due_at,
      start_on: raw.start_on,
      assignee: refOf(raw.assignee),
      parent: refOf(raw.parent),
      memberships,
      tags: refsOf(raw.tags),
      workspace: refOf(raw.workspace),
      num_subtasks: raw.num_subtasks,
      permalink_url: raw.permalink_url,
      custom_fields: customFields,
    }),
  };
}


export const getTaskById = defineTool({
  name: "GetTaskById",
  title: "Get a task",
  toolset: "tasks",
  description:
    "Get one Asana task by its id: name, description, status, dates, assignee, projects and sections, tags, " +
    "custom field values, a link, and (unless max_subtasks is 0) its subtasks. " +
    `Use it when you have a task id. ${findTaskHint}`,
  input: z.strictObject({
    task_id: gidParam("task", findTaskHint),
    max_subtasks: z
      .number({ error: "must be a whole number from 0 to 100" })
      .int({ error: "must be a whole number from 0 to 100" })
      .default(100)
      .transform((value) => Math.min(100, Math.max(0, value)))
      .describe("How many subtasks to include, 0-100 (0 skips them; values outside are clamped). Default 100."),
  }),
  output: z.object({ task: taskShape }),
  annotations: readOnlyAnnotations,
  auth: Asana({ scopes: ["default"] }),
  errorHints: { 404: `No task has this id, or the user cannot see it. ${findTaskHint}` },
  async handler(input, { asana }) {
    const [raw, subtasks] = await Promise.all([
      asana.get<AsanaTask>(asanaPath`/tasks/${input.task_id}`, { optFields: taskOptFields }),
      input.max_subtasks > 0
        ? asana.getPage<AsanaTask>(asanaPath`/tasks/${input.task_id}/subtasks`, { limit: input.max_subtasks, optFields: subtaskOptFields })
        : undefined,
    ]);
    const task = presentTask(raw);
    if (subtasks && subtasks.items.length > 0) task.subtasks = subtasks.items.map(presentSubtask);
    return { task };
  },
});

export const deleteTask = defineTool({
  name: "DeleteTask",
  title: "Delete a task",
  toolset: "tasks",
  description:
    "Delete an Asana task by its id. Asana moves it to the deleting user's trash, where it can be restored " +
    "in the web app for 30 days; its subtasks go with it. Confirm with the user before deleting, and use " +
    `Asana_GetTaskById first if you need to check which task the id is. ${findTaskHint}`,
  input: z.strictObject({
    task_id: gidParam("task", findTaskHint),
  }),
  output: z.object({
    status: mutationStatus,
    task: z.object({ id: z.string() }),
  }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  auth: Asana({ scopes: ["default"] }),
  errorHints: { 404: `No task has this id (it may already be deleted), or the user cannot see it. ${findTaskHint}` },
  async handler(input, { asana }) {
    await asana.delete(asanaPath`/tasks/${input.task_id}`);
    return {
      status: { success: true, message: `task ${input.task_id} deleted (it stays in the user's Asana trash for 30 days)` },
      task: { id: input.task_id },
    };
  },
});


/** Search results and subtask lists: enough to pick a task; Asana_GetTaskById gives the rest. */
export const taskSummaryShape = taskShape.pick({
  id: true,
  name: true,
  completed: true,
  completed_at: true,
  due_on: true,
  due_at: true,
  start_on: true,
  assignee: true,
  parent: true,
  memberships: true,
  tags: true,
  num_subtasks: true,
  modified_at: true,
  permalink_url: true,
});

const subtaskListOptFields = [
  "name",
  "completed",
  "completed_at",
  "due_on",
  "due_at",
  "start_on",
  "assignee.name",
  "memberships.project.name",
  "memberships.section.name",
  "tags.name",
  "num_subtasks",
  "modified_at",
  "permalink_url",
] as const;

/** Search results can be subtasks of anything, so they also name their parent. */
export const taskSummaryOptFields = [...subtaskListOptFields, "parent.name"] as const;

function presentTaskSummary(raw: AsanaTask): z.infer<typeof taskSummaryShape> {
  const { id, name, completed, completed_at, due_on, due_at, start_on, assignee, parent, memberships, tags, num_subtasks, modified_at, permalink_url } =
    presentTask(raw);
  return { id, ...compact({ name, completed, completed_at, due_on, due_at, start_on, assignee, parent, memberships, tags, num_subtasks, modified_at, permalink_url }) };
}

export function projectParam(use: string) {
  return z
    .string({ error: "must be a project id (digits) or a project name. Find projects with Asana_ListProjects" })
    .trim()
    .min(1, { error: "must not be empty. Pass a project id or name, or leave project out" })
    .describe(`${use} Either the project's id or its exact name (case-insensitive, looked up in the workspace).`);
}

function tagsParam(use: string) {
  return z
    .array(z.string({ error: "must be a tag id or tag name" }).trim().min(1, { error: "must not be empty. Remove empty entries from tags" }), {
      error: 'must be a list of tag ids or names, such as ["urgent"]',
    })
    .min(1, { error: "must list at least one tag. Leave tags out instead of passing an empty list" })
    .max(20, { error: "must list at most 20 tags" })
    .describe(`${use} A list of tag ids or tag names (names are looked up in the workspace, case-insensitively).`);
}

const taskNameParam = z
  .string({ error: "must be the task's name as text" })
  .trim()
  .min(1, { error: "must not be empty. Give the task a short name" })
  .max(1024, { error: "must be at most 1024 characters. Put the detail in description" });

const descriptionParam = z
  .string({ error: "must be plain text" })
  .max(65_536, { error: "must be at most 65536 characters" })
  .describe("The task's description (Asana's notes), as plain text. Replaces the current description.");

/** A start date after the due date is refused here, before Asana sees it. */
function startAfterDue(startDate: string | null | undefined, dueDate: string | null | undefined): ToolInputError | undefined {
  if (!startDate || !dueDate || startDate <= dueDate) return undefined;
  return new ToolInputError("start_date", `must not be after due_date (got start_date ${startDate}, due_date ${dueDate})`, "Swap them, or move start_date to on or before due_date.");
}

const searchSortKeys = ["due_date", "created_at", "completed_at", "modified_at", "likes"] as const;

const searchPremiumHint =
  "Task search only works in workspaces on a paid Asana plan, or for members of a premium team. " +
  "To find tasks on this workspace, list a project's tasks with Asana_ListTasksInProject (optionally one section, or only incomplete tasks) instead. " +
  "The other task tools also still work: Asana_GetTaskById and Asana_GetSubtasksFromATask (with a task id, e.g. from an Asana link " +
  "the user shares), Asana_CreateTask, Asana_UpdateTask and Asana_MarkTaskAsCompleted; Asana_ListProjects, Asana_GetProjectById, " +
  "Asana_ListTags and Asana_ListUsers browse the rest. Tell the user search needs a paid plan rather than retrying.";

async function workspaceOfTeam(asana: AsanaSession, teamId: string): Promise<string | undefined> {
  const team = await asana.get<{ organization?: AsanaRef | null }>(asanaPath`/teams/${teamId}`, { optFields: ["organization"] });
  return team.organization?.gid;
}

export const getTasksWithoutId = defineTool({
  name: "GetTasksWithoutId",
  title: "Search tasks",
  toolset: "tasks",
  description:
    "Search Asana tasks by keywords and filters (assignee, project, team, tags, due and start dates, completed) when you do not have " +
    "a task id: e.g. \"my open tasks due this week\" or \"tasks about the launch\". Filters combine with AND. Returns up to `limit` " +
    "tasks (max 100) without descriptions; call Asana_GetTaskById for a task's full details. There is no paging: if limit_reached " +
    "is true, narrow the filters or change the sort. Needs a paid Asana plan (Asana answers 402 on free workspaces). " +
    "The workspace is workspace_id, else the project's, else the team's, else the user's only workspace.",
  input: z.strictObject({
    keywords: z
      .string({ error: "must be text to search for" })
      .trim()
      .min(1, { error: "must not be empty. Leave keywords out to search by filters only" })
      .optional()
      .describe("Words to find in task names and descriptions."),
    workspace_id: gidParam("workspace", findWorkspaceHint).optional(),
    assignee_id: userParam("Only tasks assigned to this user", findUserHint).optional(),
    project: projectParam("Only tasks in this project.").optional(),
    team_id: gidParam("team", "Find team ids with Asana_ListTeams.").optional().describe("Only tasks in this team's projects; its id."),
    tags: tagsParam("Only tasks with at least one of these tags.").optional(),
    due_on: dateParam("Only tasks due on this day").optional(),
    due_on_or_after: dateParam("Only tasks due on or after this day").optional(),
    due_on_or_before: dateParam("Only tasks due on or before this day").optional(),
    start_on: dateParam("Only tasks starting on this day").optional(),
    start_on_or_after: dateParam("Only tasks starting on or after this day").optional(),
    start_on_or_before: dateParam("Only tasks starting on or before this day").optional(),
    completed: z
      .boolean({ error: "must be true or false" })
      .optional()
      .describe("true for completed tasks only, false for incomplete tasks only; leave out for both."),
    limit: pageLimitParam("tasks"),
    sort_by: z
      .enum(searchSortKeys, { error: `must be one of ${searchSortKeys.join(", ")}` })
      .default("modified_at")
      .describe("What to sort by: due_date, created_at, completed_at, modified_at (default) or likes."),
    sort_order: z
      .enum(["ascending", "descending"], { error: "must be ascending or descending" })
      .default("descending")
      .describe("ascending or descending (default)."),
  }),
  output: z.object({
    tasks: z.array(taskSummaryShape),
    count: z.number().int(),
    limit_reached: z.boolean().describe("True when Asana returned as many tasks as the limit allows, so more may match."),
    note: z.string().optional().describe("What to do when the limit was reached."),
  }),
  annotations: readOnlyAnnotations,
  auth: Asana({ scopes: ["default"] }),
  errorHints: {
    400: "Check the filter Asana names; ids must be digits and dates YYYY-MM-DD.",
    402: searchPremiumHint,
    404: "The workspace, project, team or tag id is unknown or not visible to the user. Asana_ListWorkspaces, Asana_ListProjects, Asana_ListTeams and Asana_ListTags list valid ids.",
  },
  async handler(input, ctx) {
    const { asana } = ctx;
    // The workspace: given; else the project's (an id says where it lives); else the team's organization;
    // else the user's only one. A project *name* is then looked up inside that workspace.
    let workspaceId = input.workspace_id;
    let projectId = input.project && looksLikeGid(input.project) && workspaceId ? input.project : undefined;
    if (!workspaceId && input.project && looksLikeGid(input.project)) {
      const found = await resolveProject(ctx, input.project, undefined);
      projectId = found.id;
      workspaceId = found.workspaceId;
    }
    if (!workspaceId && input.team_id) workspaceId = await workspaceOfTeam(asana, input.team_id);
    workspaceId = await resolveWorkspaceId(asana, workspaceId);
    if (input.project && !projectId) projectId = (await resolveProject(ctx, input.project, workspaceId)).id;

    let tagIds: string[] | undefined;
    if (input.tags) {
      const resolved = await resolveTagIds(ctx, input.tags, workspaceId);
      if (resolved.missing.length > 0) {
        throw unknownTagsError(resolved.missing, workspaceId, resolved.available, {
          fix: "Pass tag ids, or the names of existing tags listed below (Asana_ListTags lists them too).",
        });
      }
      tagIds = resolved.ids;
    }

    const raw = await asana.get<AsanaTask[]>(asanaPath`/workspaces/${workspaceId}/tasks/search`, {
      optFields: taskSummaryOptFields,
      query: {
        text: input.keywords,
        "assignee.any": input.assignee_id,
        "projects.any": projectId,
        "teams.any": input.team_id,
        "tags.any": tagIds,
        due_on: input.due_on,
        "due_on.after": input.due_on_or_after,
        "due_on.before": input.due_on_or_before,
        start_on: input.start_on,
        "start_on.after": input.start_on_or_after,
        "start_on.before": input.start_on_or_before,
        completed: input.completed,
        sort_by: input.sort_by,
        sort_ascending: input.sort_order === "ascending",
        limit: input.limit,
      },
    });
    const seen = new Set<string>();
    const tasks = raw.filter((task) => !seen.has(task.gid) && seen.add(task.gid)).map(presentTaskSummary);
    // Asana's search has no next page: a full result means there may be more, and only different filters find them.
    const limitReached = raw.length >= input.limit;
    return {
      tasks,
      count: tasks.length,
      limit_reached: limitReached,
      ...(limitReached
        ? {
            note:
              `Asana returned the maximum of ${input.limit} tasks, so more tasks may match. Search results cannot be paged: ` +
              "narrow the search (keywords, project, assignee_id, tags, a date range, completed) or sort differently " +
              "(e.g. sort_by created_at with due_on_or_after) to reach the others.",
          }
        : {}),
    };
  },
});

export const getSubtasksFromATask = defineTool({
  name: "GetSubtasksFromATask",
  title: "List a task's subtasks",
  toolset: "tasks",
  description:
    "List the subtasks of an Asana task, one page at a time, with their status, dates, assignee and tags. Use it to walk " +
    "down a task's checklist; Asana_GetTaskById already includes the first subtasks of a task. A subtask is a task: pass its id " +
    `to this tool again for its own subtasks, or to Asana_GetTaskById for details. ${findTaskHint}`,
  input: z.strictObject({
    task_id: gidParam("task", findTaskHint).describe("The id of the parent task whose subtasks to list."),
    limit: pageLimitParam("subtasks"),
    next_page_token: nextPageTokenParam,
  }),
  output: pagedListShape("subtasks", taskSummaryShape),
  annotations: readOnlyAnnotations,
  auth: Asana({ scopes: ["default"] }),
  errorHints: {
    400: "If Asana calls the page token invalid, start again without next_page_token.",
    404: `No task has this id, or the user cannot see it. ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    const page = await asana.getPage<AsanaTask>(asanaPath`/tasks/${input.task_id}/subtasks`, {
      limit: input.limit,
      offset: input.next_page_token,
      optFields: subtaskListOptFields,
    });
    const subtasks = page.items.map(presentTaskSummary);
    return pagedList("subtasks", subtasks, page.nextOffset);
  },
});

const updatedTaskShape = taskShape.omit({ subtasks: true });

const startNeedsDueHint = "Correct the field Asana names and retry. If it is start_on: a start date needs a due date, so pass due_date too (on or after start_date).";

/**
 * Asana's rule that a start date needs a due date, said in the tool's own terms: a start date alone on a
 * task without a due date, or a due date cleared from under a start date that stays.
 */
function explainStartWithoutDue(error: unknown, input: { task_id: string; start_date?: string | null; due_date?: string | null }): unknown {
  if (!(error instanceof AsanaApiError) || error.status !== 400 || !/start/i.test(error.asanaMessage)) return error;
  if (input.start_date && input.due_date === undefined) {
    return new ToolRetryableError(
      `Asana refused start_date ${input.start_date} for task ${input.task_id}: ${error.asanaMessage} ` +
        `Call Asana_UpdateTask again with due_date as well (on or after ${input.start_date}); only a task that already has a due date can take a start date alone.`,
    );
  }
  if (input.due_date === null && input.start_date === undefined) {
    return new ToolRetryableError(
      `Asana refused to clear the due date of task ${input.task_id}: ${error.asanaMessage} ` +
        "The task has a start date, which Asana keeps only with a due date: call Asana_UpdateTask again with start_date null as well as due_date null to clear both.",
    );
  }
  return error;
}

async function updateTaskFields(asana: AsanaSession, taskId: string, data: Record<string, unknown>) {
  const raw = await asana.put<AsanaTask>(asanaPath`/tasks/${taskId}`, data, { optFields: taskOptFields });
  return presentTask(raw);
}

export const updateTask = defineTool({
  name: "UpdateTask",
  title: "Update a task",
  toolset: "tasks",
  description:
    "Change an existing Asana task: its name, completion, start and due dates, description or assignee. Pass only what should " +
    "change; everything else stays as it is. null clears a date (start_date, due_date) or unassigns the task (assignee_id). " +
    "A start date needs a due date, so when the task has no due date pass both, and to clear the due date of a task with a " +
    "start date, clear both. " +
    "To only complete a task, Asana_MarkTaskAsCompleted is simpler. A task's parent, projects, section and tags cannot be changed " +
    "here: use Asana_SetTaskParent, Asana_AddTaskToProject / Asana_RemoveTaskFromProject, Asana_MoveTaskToSection and " +
    `Asana_AddTagToTask / Asana_RemoveTagFromTask. ${findTaskHint}`,
  input: z.strictObject({
    task_id: gidParam("task", findTaskHint),
    name: taskNameParam.optional().describe("The new name."),
    completed: z.boolean({ error: "must be true or false" }).optional().describe("true marks the task complete, false reopens it."),
    start_date: dateParam("The new start date").nullable().optional().describe("The new start date, as YYYY-MM-DD; null clears it."),
    due_date: dateParam("The new due date").nullable().optional().describe("The new due date, as YYYY-MM-DD; null clears it."),
    description: descriptionParam.optional(),
    assignee_id: userParam("Who the task is assigned to", findUserHint)
      .nullable()
      .optional()
      .describe(`Who the task is assigned to: a user's Asana id (a string of digits), "me" for the current user, or their email address; null unassigns the task. ${findUserHint}`),
  }),
  output: z.object({ status: mutationStatus, task: updatedTaskShape }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  auth: Asana({ scopes: ["default"] }),
  errorHints: {
    400: startNeedsDueHint,
    404: `No task (or assignee) has this id, or the user cannot see it. ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    const data: Record<string, unknown> = {};
    if (input.name !== undefined) data.name = input.name;
    if (input.completed !== undefined) data.completed = input.completed;
    if (input.due_date !== undefined) data.due_on = input.due_date;
    if (input.start_date !== undefined) data.start_on = input.start_date;
    if (input.description !== undefined) data.notes = input.description;
    if (input.assignee_id !== undefined) data.assignee = input.assignee_id;
    if (Object.keys(data).length === 0) {
      throw new ToolInputError(
        "name, completed, start_date, due_date, description, assignee_id",
        "must change at least one field: none of these was given",
        "Pass the fields to change (null clears start_date, due_date or assignee_id); to read the task without changing it, use Asana_GetTaskById.",
      );
    }
    if (input.start_date && input.due_date === null) {
      throw new ToolInputError(
        "start_date",
        "cannot be set while due_date is cleared: Asana keeps a start date only on a task with a due date",
        "Pass start_date null to clear both dates, or give due_date a date on or after start_date.",
      );
    }
    const tooLate = startAfterDue(input.start_date, input.due_date);
    if (tooLate) throw tooLate;
    try {
      const task = await updateTaskFields(asana, input.task_id, data);
      return { status: { success: true, message: "task updated successfully" }, task };
    } catch (error) {
      throw explainStartWithoutDue(error, input);
    }
  },
});

export const markTaskAsCompleted = defineTool({
  name: "MarkTaskAsCompleted",
  title: "Complete a task",
  toolset: "tasks",
  description:
    "Mark an Asana task as completed. Completing a task that is already complete changes nothing. To reopen a task, use " +
    `Asana_UpdateTask with completed=false. ${findTaskHint}`,
  input: z.strictObject({
    task_id: gidParam("task", findTaskHint),
  }),
  output: z.object({ status: mutationStatus, task: updatedTaskShape }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  auth: Asana({ scopes: ["default"] }),
  errorHints: { 404: `No task has this id, or the user cannot see it. ${findTaskHint}` },
  async handler(input, { asana }) {
    const task = await updateTaskFields(asana, input.task_id, { completed: true });
    return { status: { success: true, message: "task updated successfully" }, task };
  },
});

interface AsanaTagRef {
  gid: string;
  name?: string;
}

const createTaskErrorHints = {
  400: "Check the field Asana names. The project, parent task and tags must all be in the task's workspace.",
  404: "The parent task, project, workspace, assignee or a tag id is unknown or not visible to the user. Asana_ListProjects, Asana_ListTags, Asana_ListUsers and Asana_ListWorkspaces list valid ids.",
} as const;

/** Asana's error text goes to a model: one line, and short (as the error formatter does for its own messages). */
function asanaTextOf(error: AsanaApiError): string {
  const oneLine = error.asanaMessage.replace(/\s+/g, " ").trim();
  return oneLine.length > 300 ? `${oneLine.slice(0, 297)}...` : oneLine;
}

/**
 * CreateTask makes the missing tags before the task, and Asana cannot undo them, so a failure after
 * that leaves tags behind that the model has not heard of; the error has to name them. Letting
 * Asana's error through unchanged would keep its exact kind and status, but the one error formatter
 * shows only Asana's own text, and slipping a note into Asana's `help` would present our words as
 * Asana's (and cut them at 300 characters). So, only when tags were created, the failure becomes a
 * tool error carrying Asana's status and text, this tool's hint for that status, and the tags:
 * retryable for a 400 or 404 (the input can be corrected, and a retry finds the tags by name instead
 * of creating them again), fatal otherwise. Without created tags the error passes through untouched.
 */
function noteCreatedTags(error: unknown, created: readonly NamedRef[], workspaceId: string, creating: "the task" | "a tag"): unknown {
  if (created.length === 0) return error;
  const tags = created.map((tag) => `"${tag.name ?? ""}" (id ${tag.id})`).join(", ");
  const note =
    created.length === 1
      ? `Before that, tag ${tags} was created in workspace ${workspaceId}, and it stays there.`
      : `Before that, tags ${tags} were created in workspace ${workspaceId}, and they stay there.`;
  if (error instanceof AsanaApiError && (error.status === 400 || error.status === 404)) {
    return new ToolRetryableError(
      `Asana refused to create ${creating} (${error.status}): ${asanaTextOf(error)}. ${createTaskErrorHints[error.status]} No task was created. ${note} ` +
        "Correct the input and call Asana_CreateTask again: the same tag names now find these tags instead of creating new ones.",
    );
  }
  const cause = error instanceof AsanaApiError ? `Asana answered ${error.status}: ${asanaTextOf(error)}` : error instanceof Error ? error.message : String(error);
  const taskState =
    error instanceof AsanaApiError && error.status < 500
      ? "No task was created."
      : "Asana may or may not have created the task: check (e.g. with Asana_ListTasksInProject) before calling Asana_CreateTask again.";
  return new ToolExecutionError(`Creating ${creating} failed (${cause}). ${taskState} ${note}`);
}

export const createTask = defineTool({
  name: "CreateTask",
  title: "Create a task",
  toolset: "tasks",
  description:
    "Create an Asana task, optionally as a subtask (parent_task_id), in a project (by id or name), with dates, a description, " +
    "tags and an assignee (the current user unless you say otherwise; null leaves it unassigned). Tag names that do not exist " +
    "in the workspace are created. The workspace is workspace_id, else the project's, else the parent task's, else the user's " +
    "only workspace; with several workspaces and none of these, the tool asks which one. Not idempotent: calling it twice " +
    "makes two tasks.",
  input: z.strictObject({
    name: taskNameParam.describe("The task's name."),
    start_date: dateParam("The start date; needs due_date too").optional(),
    due_date: dateParam("The due date").optional(),
    description: descriptionParam.optional().describe("The task's description (Asana's notes), as plain text."),
    parent_task_id: gidParam("parent task", findTaskHint).optional().describe("Make the new task a subtask of this task; its id."),
    workspace_id: gidParam("workspace", findWorkspaceHint).optional(),
    project: projectParam("Put the task in this project.").optional(),
    assignee_id: userParam("Who to assign the task to", findUserHint)
      .nullable()
      .default("me")
      .describe('Who to assign the task to: "me" (the default) for the current user, a user id, or an email address; null leaves the task unassigned.'),
    tags: tagsParam("Tags to put on the task; names that do not exist yet are created.").optional(),
  }),
  output: z.object({
    status: mutationStatus,
    task: updatedTaskShape,
    created_tags: z.array(namedRef).optional().describe("Tags that did not exist in the workspace and were created for this task."),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  auth: Asana({ scopes: ["default"] }),
  errorHints: createTaskErrorHints,
  async handler(input, ctx) {
    const { asana } = ctx;
    if (input.start_date && !input.due_date) {
      throw new ToolInputError("start_date", "needs a due date: Asana only accepts a start date on a task that has a due date", "Pass due_date too (on or after start_date), or leave start_date out.");
    }
    const tooLate = startAfterDue(input.start_date, input.due_date);
    if (tooLate) throw tooLate;

    // Arcade's association rules, with the name lookups kept inside the workspace: a project id says
    // where the task goes; else a parent task does; a project name is then looked up in that workspace.
    let workspaceId = input.workspace_id;
    let projectId: string | undefined;
    if (input.project && looksLikeGid(input.project)) {
      const found = await resolveProject(ctx, input.project, undefined);
      if (workspaceId && found.workspaceId && found.workspaceId !== workspaceId) {
        throw new ToolRetryableError(
          `Project ${found.id}${found.name ? ` ("${found.name}")` : ""} is in workspace ${found.workspaceId}, not in workspace_id ${workspaceId}. ` +
            "Leave workspace_id out to create the task in the project's workspace, or pass a project from that workspace.",
        );
      }
      projectId = found.id;
      workspaceId ??= found.workspaceId;
    }
    if (!workspaceId && input.parent_task_id) {
      const parent = await asana.get<AsanaTask>(asanaPath`/tasks/${input.parent_task_id}`, { optFields: ["workspace"] });
      workspaceId = parent.workspace?.gid;
    }
    if (input.project && !projectId) {
      const found = await resolveProject(ctx, input.project, workspaceId);
      projectId = found.id;
      workspaceId ??= found.workspaceId;
    }
    workspaceId = await resolveWorkspaceId(asana, workspaceId);

    let tagIds: string[] | undefined;
    let createdTags: NamedRef[] = [];
    if (input.tags) {
      // resolveTagIds lists each missing name once, case-insensitively: ["Urgent", "urgent"] makes one tag.
      const resolved = await resolveTagIds(ctx, input.tags, workspaceId);
      const settled = await Promise.allSettled(
        resolved.missing.map((name) => asana.post<AsanaTagRef>("/tags", { name, workspace: workspaceId }, { optFields: ["name"] })),
      );
      createdTags = settled.flatMap((result) => (result.status === "fulfilled" ? [{ id: result.value.gid, ...(result.value.name ? { name: result.value.name } : {}) }] : []));
      const failed = settled.find((result) => result.status === "rejected");
      if (failed) throw noteCreatedTags(failed.reason, createdTags, workspaceId, "a tag");
      tagIds = [...resolved.ids, ...createdTags.map((tag) => tag.id)];
    }

    let raw: AsanaTask;
    try {
      raw = await asana.post<AsanaTask>(
        "/tasks",
        {
          name: input.name,
          notes: input.description,
          due_on: input.due_date,
          start_on: input.start_date,
          parent: input.parent_task_id,
          projects: projectId ? [projectId] : undefined,
          workspace: workspaceId,
          assignee: input.assignee_id ?? undefined,
          tags: tagIds,
        },
        { optFields: taskOptFields },
      );
    } catch (error) {
      throw noteCreatedTags(error, createdTags, workspaceId, "the task");
    }
    return {
      status: { success: true, message: "task successfully created" },
      task: presentTask(raw),
      ...(createdTags.length > 0 ? { created_tags: createdTags } : {}),
    };
  },
});

/** What the tools that move a task report back: where it now sits, and nothing else. */
export const taskPlacementShape = taskShape.pick({ id: true, name: true, parent: true, memberships: true, tags: true });

const taskPlacementOptFields = ["name", "parent.name", "memberships.project.name", "memberships.section.name", "tags.name"] as const;

function presentTaskPlacement(raw: AsanaTask): z.infer<typeof taskPlacementShape> {
  const { id, name, parent, memberships, tags } = presentTask(raw);
  return { id, ...compact({ name, parent, memberships, tags }) };
}

/**
 * Asana answers addProject, removeProject, addTag, removeTag and addTask with an empty body, so the
 * task is read back: the model sees where the task now sits instead of taking the change on trust.
 */
export async function readTaskPlacement(asana: AsanaSession, taskId: string): Promise<z.infer<typeof taskPlacementShape>> {
  return presentTaskPlacement(await asana.get<AsanaTask>(asanaPath`/tasks/${taskId}`, { optFields: taskPlacementOptFields }));
}

/** insert_before and insert_after: the id of one of the tasks (`among`) the moved task goes next to. */
export function insertAnchorParams(anchor: { resource: string; among: string; howToFind: string }) {
  const anchorParam = (position: "before" | "after") =>
    gidParam(anchor.resource, anchor.howToFind)
      .optional()
      .describe(`Place the task just ${position} this ${anchor.resource} of ${anchor.among}; its id. Give at most one of insert_before and insert_after.`);
  return { insert_before: anchorParam("before"), insert_after: anchorParam("after") };
}

/** Asana takes at most one of insert_before and insert_after, and never the task itself as the anchor. */
export function checkInsertAnchors(input: { task_id: string; insert_before?: string | undefined; insert_after?: string | undefined }, siblingsAre: string): void {
  if (input.insert_before !== undefined && input.insert_after !== undefined) {
    throw new ToolInputError("insert_before, insert_after", "are both given; Asana takes at most one", `Keep one of them: the ${siblingsAre} the task should go just before or just after.`);
  }
  for (const field of ["insert_before", "insert_after"] as const) {
    if (input[field] === input.task_id) {
      throw new ToolInputError(field, "is the task being moved", `Pass one of the ${siblingsAre} instead, or leave ${field} out.`);
    }
  }
}

interface AsanaSectionRef {
  gid: string;
  name?: string;
  project?: AsanaRef | null;
}

/** A section given with a project must belong to it; otherwise the model is confused about where it is looking. */
function checkSectionInProject(section: AsanaSectionRef, project: string): void {
  const owner = section.project;
  const belongs = looksLikeGid(project) ? owner?.gid === project : owner?.name?.trim().toLowerCase() === project.toLowerCase();
  if (belongs) return;
  const sectionName = section.name ? ` ("${section.name}")` : "";
  const ownerName = owner?.name ? ` ("${owner.name}")` : "";
  throw new ToolRetryableError(
    `Section ${section.gid}${sectionName} is in project ${owner?.gid ?? "(unknown)"}${ownerName}, not in project "${project}". ` +
      "Pass that project instead, or find the sections of the project you meant with Asana_ListSections.",
  );
}

export const listTasksInProject = defineTool({
  name: "ListTasksInProject",
  title: "List a project's tasks",
  toolset: "tasks",
  description:
    "List the tasks of an Asana project (by id or name), or of one section of it, a page at a time, in the project's order, with their " +
    "status, dates, assignee, section and tags. It works on every Asana plan, so it is the way to find tasks when search " +
    "(Asana_GetTasksWithoutId) is not available: free workspaces answer search with 402. Subtasks are listed only if they were added to " +
    "the project themselves; Asana_GetSubtasksFromATask lists the rest. completed=false asks Asana for incomplete tasks only. " +
    "completed=true is filtered here, after each page arrives, so a page can hold fewer than limit tasks (even none) while " +
    "next_page.has_more_pages is still true: keep paging with next_page_token. Find projects with Asana_ListProjects and sections with " +
    "Asana_ListSections; call Asana_GetTaskById for a task's description and custom fields.",
  input: z.strictObject({
    project: projectParam("The project whose tasks to list."),
    workspace_id: gidParam("workspace", findWorkspaceHint)
      .optional()
      .describe("The workspace to look a project name up in. Only needed for a project name when the user has several workspaces."),
    section_id: gidParam("section", findSectionHint)
      .optional()
      .describe(`List only the tasks in this section of the project; its id. ${findSectionHint}`),
    completed: z
      .boolean({ error: "must be true or false" })
      .optional()
      .describe("false for incomplete tasks only; true for completed tasks only (filtered after paging, see the description); leave out for both."),
    limit: pageLimitParam("tasks"),
    next_page_token: nextPageTokenParam,
  }),
  output: pagedListShape("tasks", taskSummaryShape),
  annotations: readOnlyAnnotations,
  auth: Asana({ scopes: ["default"] }),
  errorHints: {
    400: "If Asana calls the page token invalid, start again without next_page_token.",
    404: `No project or section has this id, or the user cannot see it. Find projects with Asana_ListProjects. ${findSectionHint}`,
  },
  async handler(input, ctx) {
    const { asana } = ctx;
    let path: string;
    if (input.section_id) {
      const section = await asana.get<AsanaSectionRef>(asanaPath`/sections/${input.section_id}`, { optFields: ["name", "project.name"] });
      checkSectionInProject(section, input.project);
      path = asanaPath`/sections/${input.section_id}/tasks`;
    } else {
      path = asanaPath`/projects/${await projectIdOf(ctx, input.project, input.workspace_id)}/tasks`;
    }
    const page = await asana.getPage<AsanaTask>(path, {
      limit: input.limit,
      offset: input.next_page_token,
      // "now" is Asana's own way to ask for incomplete tasks only; it has no way to ask for completed ones only.
      query: { completed_since: input.completed === false ? "now" : undefined },
      optFields: taskSummaryOptFields,
    });
    const tasks = page.items.filter((task) => input.completed !== true || task.completed === true).map(presentTaskSummary);
    return pagedList("tasks", tasks, page.nextOffset);
  },
});

const placementOutput = z.object({ status: mutationStatus, task: taskPlacementShape });
const membershipEditAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true } as const;

export const setTaskParent = defineTool({
  name: "SetTaskParent",
  title: "Set a task's parent",
  toolset: "tasks",
  description:
    "Make an Asana task a subtask of another task, move a subtask to a different parent, or (parent_task_id null) turn a subtask " +
    "into a top-level task. Asana_UpdateTask cannot change a parent; this tool can. insert_before or insert_after (one of the new " +
    "parent's subtasks) sets the position; otherwise the task goes last. The task keeps its own subtasks, projects and tags. " +
    `Calling it again with the same arguments changes nothing further. ${findTaskHint}`,
  input: z.strictObject({
    task_id: gidParam("task", findTaskHint).describe("The task to move; its id."),
    parent_task_id: gidParam("parent task", findTaskHint)
      .nullable()
      .describe("The id of the task that becomes the parent, or null to make the task a top-level task with no parent."),
    ...insertAnchorParams({ resource: "subtask", among: "the new parent", howToFind: "List the new parent's subtasks with Asana_GetSubtasksFromATask." }),
  }),
  output: placementOutput,
  annotations: membershipEditAnnotations,
  auth: Asana({ scopes: ["default"] }),
  errorHints: {
    400:
      "A task cannot become a subtask of itself or of one of its own subtasks, both tasks must be in the same workspace, and " +
      "insert_before/insert_after must be a current subtask of the new parent (Asana_GetSubtasksFromATask lists them).",
    404: `The task or the parent task is unknown, or the user cannot see it. ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    if (input.parent_task_id === input.task_id) {
      throw new ToolInputError("parent_task_id", "is the task itself; a task cannot be its own parent", "Pass another task's id, or null to make the task top-level.");
    }
    if (input.parent_task_id === null) {
      const anchor = input.insert_before !== undefined ? "insert_before" : input.insert_after !== undefined ? "insert_after" : undefined;
      if (anchor) throw new ToolInputError(anchor, "only applies when the task gets a parent", `Leave ${anchor} out when parent_task_id is null.`);
    }
    checkInsertAnchors(input, "new parent's subtasks");
    const raw = await asana.post<AsanaTask>(
      asanaPath`/tasks/${input.task_id}/setParent`,
      { parent: input.parent_task_id, insert_before: input.insert_before, insert_after: input.insert_after },
      { optFields: taskPlacementOptFields },
    );
    const message =
      input.parent_task_id === null ? `task ${input.task_id} is now a top-level task (no parent)` : `task ${input.task_id} is now a subtask of task ${input.parent_task_id}`;
    return { status: { success: true, message }, task: presentTaskPlacement(raw) };
  },
});

/** A task's workspace, where names of its projects and tags are looked up. */
async function workspaceOfTask(asana: AsanaSession, taskId: string): Promise<string> {
  const task = await asana.get<AsanaTask>(asanaPath`/tasks/${taskId}`, { optFields: ["workspace"] });
  if (!task.workspace?.gid) throw new ToolExecutionError(`Asana did not say which workspace task ${taskId} is in, so a name cannot be looked up; pass an id instead.`);
  return task.workspace.gid;
}

export const addTaskToProject = defineTool({
  name: "AddTaskToProject",
  title: "Add a task to a project",
  toolset: "tasks",
  description:
    "Add an existing Asana task to a project (by id or name), optionally into one of its sections; otherwise it goes to the end of the " +
    "project. A task can be in several projects at once (Asana allows 20), and its other projects stay as they are. If the task is " +
    "already in the project, it moves to the end of the given section (or of the project). Project names are looked up in the " +
    `task's workspace. To move a task between sections of a project, Asana_MoveTaskToSection is simpler. ${findTaskHint}`,
  input: z.strictObject({
    task_id: gidParam("task", findTaskHint),
    project: projectParam("The project to add the task to."),
    section_id: gidParam("section", findSectionHint)
      .optional()
      .describe(`Put the task at the end of this section of the project; its id. ${findSectionHint}`),
  }),
  output: placementOutput,
  annotations: membershipEditAnnotations,
  auth: Asana({ scopes: ["default"] }),
  errorHints: {
    400: "The project (and section) must be in the task's workspace, the section must belong to the project, and a task can be in at most 20 projects.",
    404: `The task, project or section is unknown, or the user cannot see it. Find projects with Asana_ListProjects. ${findSectionHint}`,
  },
  async handler(input, ctx) {
    const { asana } = ctx;
    const projectId = await projectIdOf(ctx, input.project, () => workspaceOfTask(asana, input.task_id));
    await asana.post(asanaPath`/tasks/${input.task_id}/addProject`, { project: projectId, section: input.section_id });
    const where = input.section_id ? `project ${projectId}, section ${input.section_id}` : `project ${projectId}`;
    return { status: { success: true, message: `task ${input.task_id} is in ${where}` }, task: await readTaskPlacement(asana, input.task_id) };
  },
});

export const removeTaskFromProject = defineTool({
  name: "RemoveTaskFromProject",
  title: "Remove a task from a project",
  toolset: "tasks",
  description:
    "Take an Asana task out of one project. The task is not deleted: it keeps its other projects, subtasks, comments and tags, and " +
    "Asana_GetTaskById still finds it (to delete a task, use Asana_DeleteTask). Removing a task from a project it is not in changes " +
    `nothing. Asana_GetTaskById shows which projects a task is in. ${findTaskHint}`,
  input: z.strictObject({
    task_id: gidParam("task", findTaskHint),
    project_id: gidParam("project", "Asana_GetTaskById lists the task's projects; Asana_ListProjects lists all."),
  }),
  output: placementOutput,
  annotations: membershipEditAnnotations,
  auth: Asana({ scopes: ["default"] }),
  errorHints: { 404: `The task or project is unknown, or the user cannot see it. Asana_GetTaskById lists a task's projects. ${findTaskHint}` },
  async handler(input, { asana }) {
    await asana.post(asanaPath`/tasks/${input.task_id}/removeProject`, { project: input.project_id });
    return {
      status: { success: true, message: `task ${input.task_id} is not in project ${input.project_id} (the task itself still exists)` },
      task: await readTaskPlacement(asana, input.task_id),
    };
  },
});

function tagParam(use: string) {
  return z
    .string({ error: "must be a tag id or a tag name" })
    .trim()
    .min(1, { error: "must not be empty. Pass a tag id or name; Asana_ListTags lists them" })
    .describe(`${use} Either the tag's id or its exact name (case-insensitive, looked up in the task's workspace).`);
}

/** A tag given by name is found in the task's workspace; a name that matches nothing lists the tags that exist. */
async function resolveTaskTag(ctx: LookupContext, taskId: string, tag: string, creatingHelps: boolean): Promise<string> {
  if (looksLikeGid(tag)) return tag;
  const workspaceId = await workspaceOfTask(ctx.asana, taskId);
  const resolved = await resolveTagIds(ctx, [tag], workspaceId);
  if (resolved.ids.length > 0) return resolved.ids[0]!;
  throw unknownTagsError([tag], workspaceId, resolved.available, {
    where: `, where task ${taskId} is`,
    fix: `Pass a tag id, or one of the names listed below${creatingHelps ? "; to use a new tag, create it first with Asana_CreateTag" : ""}.`,
  });
}

export const addTagToTask = defineTool({
  name: "AddTagToTask",
  title: "Tag a task",
  toolset: "tasks",
  description:
    "Put a tag on an existing Asana task, by the tag's id or name. The tag must already exist in the task's workspace (create it with " +
    "Asana_CreateTag; Asana_ListTags lists the tags). Tagging a task that already has the tag changes nothing. " + findTaskHint,
  input: z.strictObject({
    task_id: gidParam("task", findTaskHint),
    tag: tagParam("The tag to add."),
  }),
  output: placementOutput,
  annotations: membershipEditAnnotations,
  auth: Asana({ scopes: ["default"] }),
  errorHints: {
    400: "The tag must be in the task's workspace; Asana_ListTags with the task's workspace lists those tags.",
    404: `The task or tag is unknown, or the user cannot see it. Asana_ListTags lists tags. ${findTaskHint}`,
  },
  async handler(input, ctx) {
    const tagId = await resolveTaskTag(ctx, input.task_id, input.tag, true);
    await ctx.asana.post(asanaPath`/tasks/${input.task_id}/addTag`, { tag: tagId });
    return { status: { success: true, message: `tag ${tagId} is on task ${input.task_id}` }, task: await readTaskPlacement(ctx.asana, input.task_id) };
  },
});

export const removeTagFromTask = defineTool({
  name: "RemoveTagFromTask",
  title: "Untag a task",
  toolset: "tasks",
  description:
    "Take a tag off an Asana task, by the tag's id or name. Only the link is removed: the tag itself and the task both stay. Removing a tag " +
    `the task does not have changes nothing. Asana_GetTaskById shows a task's tags. ${findTaskHint}`,
  input: z.strictObject({
    task_id: gidParam("task", findTaskHint),
    tag: tagParam("The tag to remove."),
  }),
  output: placementOutput,
  annotations: membershipEditAnnotations,
  auth: Asana({ scopes: ["default"] }),
  errorHints: { 404: `The task or tag is unknown, or the user cannot see it. Asana_GetTaskById shows a task's tags. ${findTaskHint}` },
  async handler(input, ctx) {
    const tagId = await resolveTaskTag(ctx, input.task_id, input.tag, false);
    await ctx.asana.post(asanaPath`/tasks/${input.task_id}/removeTag`, { tag: tagId });
    return { status: { success: true, message: `tag ${tagId} is not on task ${input.task_id}` }, task: await readTaskPlacement(ctx.asana, input.task_id) };
  },
});

/** Task tools, in the order clients list them. */
export const taskTools: AnyToolDefinition[] = [
  getTasksWithoutId,
  getTaskById,
  getSubtasksFromATask,
  updateTask,
  markTaskAsCompleted,
  createTask,
  attachFileToTask,
  deleteTask,
  listTasksInProject,
  setTaskParent,
  addTaskToProject,
  removeTaskFromProject,
  addTagToTask,
  removeTagFromTask,
];
