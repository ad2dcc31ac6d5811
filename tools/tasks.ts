import * as z from "zod";
import { asanaPath } from "../src/asana/index.js";
import { Asana, compact, type AnyToolDefinition, defineTool, gidParam, namedRef, refOf, refsOf, type AsanaRef } from "../src/toolkit/index.js";

const findTaskHint = "Find task ids with Asana_GetTasksWithoutId, or from a parent with Asana_GetSubtasksFromATask.";

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

export const mutationStatus = z.object({ success: z.boolean(), message: z.string() });

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
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
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

/** Task tools, in the order clients list them. */
export const taskTools: AnyToolDefinition[] = [getTaskById, deleteTask];
