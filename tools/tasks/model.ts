import * as z from "zod";
import { asanaPath, type AsanaSession } from "../../src/asana/index.js";
import { compact, namedRef, refOf, refsOf, ToolExecutionError, type AsanaRef } from "../../src/toolkit/index.js";

/** A task as Asana sends it, for the fields the task tools ask for. */
export interface AsanaTask {
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

export type PresentedTask = z.infer<typeof taskShape>;

/** A task as the write tools answer with it: everything but the subtasks. */
export const updatedTaskShape = taskShape.omit({ subtasks: true });

export function presentSubtask(raw: AsanaTask): z.infer<typeof subtaskShape> {
  return { id: raw.gid, ...compact({ name: raw.name, completed: raw.completed, due_on: raw.due_on, assignee: refOf(raw.assignee) }) };
}

export function presentTask(raw: AsanaTask): PresentedTask {
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

/** Search results and list pages: enough to pick a task; Asana_GetTaskById gives the rest. */
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

/** A subtask list names no parent: the caller asked for that parent's subtasks. */
export const subtaskListOptFields = [
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

/** Search results and project lists can hold subtasks of anything, so they also name their parent. */
export const taskSummaryOptFields = [...subtaskListOptFields, "parent.name"] as const;

export function presentTaskSummary(raw: AsanaTask): z.infer<typeof taskSummaryShape> {
  const { id, name, completed, completed_at, due_on, due_at, start_on, assignee, parent, memberships, tags, num_subtasks, modified_at, permalink_url } =
    presentTask(raw);
  return { id, ...compact({ name, completed, completed_at, due_on, due_at, start_on, assignee, parent, memberships, tags, num_subtasks, modified_at, permalink_url }) };
}

/** Writes task fields and answers with the task as it now is. */
export async function updateTaskFields(asana: AsanaSession, taskId: string, data: Record<string, unknown>): Promise<PresentedTask> {
  return presentTask(await asana.put<AsanaTask>(asanaPath`/tasks/${taskId}`, data, { optFields: taskOptFields }));
}

/** A task's workspace, where names of its projects and tags are looked up. */
export async function workspaceOfTask(asana: AsanaSession, taskId: string): Promise<string> {
  const task = await asana.get<AsanaTask>(asanaPath`/tasks/${taskId}`, { optFields: ["workspace"] });
  if (!task.workspace?.gid) throw new ToolExecutionError(`Asana did not say which workspace task ${taskId} is in, so a name cannot be looked up; pass an id instead.`);
  return task.workspace.gid;
}
