import * as z from "zod";
import { asanaPath, type AsanaSession } from "../../src/asana/index.js";
import { compact, namedRef, refOf, refsOf, ToolExecutionError, type AsanaRef } from "../../src/toolkit/index.js";
import {
  customFieldValueOptFields,
  customFieldValueShape,
  hasCustomFieldValue,
  presentCustomFieldValue,
  type AsanaCustomField,
} from "../shared/custom-fields.js";

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
  start_at?: string | null;
  approval_status?: string | null;
  assignee?: AsanaRef | null;
  followers?: AsanaRef[];
  dependencies?: AsanaRef[];
  dependents?: AsanaRef[];
  parent?: AsanaRef | null;
  memberships?: Array<{ project?: AsanaRef | null; section?: AsanaRef | null }>;
  tags?: AsanaRef[];
  workspace?: AsanaRef | null;
  num_subtasks?: number;
  permalink_url?: string;
  custom_fields?: AsanaCustomField[];
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
  "start_at",
  "approval_status",
  "assignee.name",
  "followers.name",
  "parent.name",
  "memberships.project.name",
  "memberships.section.name",
  "tags.name",
  "workspace.name",
  "num_subtasks",
  "permalink_url",
  ...customFieldValueOptFields,
] as const;

/**
 * GetTaskById also asks which tasks block this one and which it blocks. The task itself names them
 * by id only (getTask's opt_fields offer no `dependencies.name`), so their names and completion are
 * read from the dependency lists, and only when there are any: those lists answer 402 on a free plan.
 */
export const taskLinkOptFields = ["dependencies", "dependents"] as const;

/** A task that blocks, or waits for, another: enough to tell whether it is still in the way. */
export const linkedTaskOptFields = ["name", "completed", "assignee.name", "due_on"] as const;

export const linkedTaskShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  completed: z.boolean().optional().describe("true when done; absent while open"),
  assignee: namedRef.optional(),
  due_on: z.string().optional(),
});

export function presentLinkedTask(raw: AsanaTask): z.infer<typeof linkedTaskShape> {
  return {
    id: raw.gid,
    ...compact({ name: raw.name, completed: raw.completed === true ? true : undefined, assignee: refOf(raw.assignee), due_on: raw.due_on }),
  };
}

export const subtaskOptFields = ["name", "completed", "due_on", "assignee.name"] as const;

export const subtaskShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  completed: z.boolean().optional().describe("true when done; absent while open"),
  due_on: z.string().optional(),
  assignee: namedRef.optional(),
});

export const taskShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  resource_subtype: z.string().optional().describe("milestone, approval or section; absent for a plain task"),
  notes: z.string().optional().describe("The description, as plain text."),
  completed: z.boolean().optional().describe("true when done; absent while open"),
  completed_at: z.string().optional(),
  completed_by: namedRef.optional(),
  created_at: z.string().optional(),
  modified_at: z.string().optional(),
  due_on: z.string().optional().describe("Due date, YYYY-MM-DD."),
  due_at: z.string().optional().describe("Due date and time, ISO 8601 UTC."),
  start_on: z.string().optional(),
  start_at: z.string().optional().describe("Start date and time, ISO 8601 UTC."),
  approval_status: z.string().optional().describe("Approval tasks: pending, approved, rejected or changes_requested."),
  assignee: namedRef.optional(),
  followers: z.array(namedRef).optional(),
  dependencies: z.array(linkedTaskShape).optional().describe("Tasks this one waits for."),
  dependents: z.array(linkedTaskShape).optional().describe("Tasks waiting for this one."),
  parent: namedRef.optional().describe("Set when this task is a subtask."),
  memberships: z
    .array(z.object({ project: namedRef.optional(), section: namedRef.optional() }))
    .optional()
    .describe("The projects the task is in, with its section in each; without project, the answer's project."),
  tags: z.array(namedRef).optional(),
  workspace: namedRef.optional(),
  num_subtasks: z.number().int().optional(),
  permalink_url: z.string().optional().describe("Link to the task in Asana's web app."),
  custom_fields: z.array(customFieldValueShape).optional(),
  subtasks: z.array(subtaskShape).optional(),
});

export type PresentedTask = z.infer<typeof taskShape>;

/** A task as the write tools answer with it: everything but the subtasks and the dependency lists GetTaskById reads. */
export const updatedTaskShape = taskShape.omit({ subtasks: true, dependencies: true, dependents: true });

export function presentSubtask(raw: AsanaTask): z.infer<typeof subtaskShape> {
  return {
    id: raw.gid,
    ...compact({ name: raw.name, completed: raw.completed === true ? true : undefined, due_on: raw.due_on, assignee: refOf(raw.assignee) }),
  };
}

export function presentTask(raw: AsanaTask): PresentedTask {
  const memberships = (raw.memberships ?? [])
    .map((m) => compact({ project: refOf(m.project), section: refOf(m.section) }))
    .filter((m) => m.project !== undefined || m.section !== undefined);
  // Defaults and empty fields say nothing: a task is a plain one, and open, unless it says otherwise.
  const customFields = (raw.custom_fields ?? []).map(presentCustomFieldValue).filter(hasCustomFieldValue);
  return {
    id: raw.gid,
    ...compact({
      name: raw.name,
      resource_subtype: raw.resource_subtype === "default_task" ? undefined : raw.resource_subtype,
      notes: raw.notes,
      completed: raw.completed === true ? true : undefined,
      completed_at: raw.completed_at,
      completed_by: refOf(raw.completed_by),
      created_at: raw.created_at,
      modified_at: raw.modified_at,
      due_on: raw.due_on,
      due_at: raw.due_at,
      start_on: raw.start_on,
      start_at: raw.start_at,
      approval_status: raw.approval_status,
      assignee: refOf(raw.assignee),
      followers: refsOf(raw.followers),
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
  return {
    id,
    ...compact({ name, completed, completed_at, due_on, due_at, start_on, assignee, parent, memberships, tags, num_subtasks, modified_at, permalink_url }),
  };
}

type NamedRef = z.infer<typeof namedRef>;
type TaskSummary = z.infer<typeof taskSummaryShape>;

/**
 * A list of one project's tasks names that project once: each task's membership in it keeps only its
 * section (about 80 bytes a task), and the project comes back beside the list. Other projects a task is
 * in stay whole.
 */
export function sayProjectOnce(tasks: TaskSummary[], projectId: string): { project?: NamedRef; tasks: TaskSummary[] } {
  let project: NamedRef | undefined;
  const trimmed = tasks.map((task) => {
    if (!task.memberships?.some((m) => m.project?.id === projectId)) return task;
    const memberships = task.memberships.flatMap((m) => {
      if (m.project?.id !== projectId) return [m];
      project ??= m.project;
      return m.section ? [{ section: m.section }] : [];
    });
    const { memberships: _whole, ...rest } = task;
    return memberships.length > 0 ? { ...rest, memberships } : rest;
  });
  return project ? { project, tasks: trimmed } : { tasks };
}

/** Writes task fields and answers with the task as it now is. */
export async function updateTaskFields(asana: AsanaSession, taskId: string, data: Record<string, unknown>): Promise<PresentedTask> {
  return presentTask(await asana.put<AsanaTask>(asanaPath`/tasks/${taskId}`, data, { optFields: taskOptFields }));
}

/** A task's workspace, where names of its projects and tags are looked up. */
export async function workspaceOfTask(asana: AsanaSession, taskId: string): Promise<string> {
  const task = await asana.get<AsanaTask>(asanaPath`/tasks/${taskId}`, { optFields: ["workspace"] });
  if (!task.workspace?.gid)
    throw new ToolExecutionError(`Asana did not say which workspace task ${taskId} is in, so a name cannot be looked up; pass an id instead.`);
  return task.workspace.gid;
}

/** Following: what AddFollowersToTask and RemoveFollowersFromTask answer with. */
export const followerOptFields = ["name", "followers.name"] as const;

export const followedTaskShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  followers: z.array(namedRef).describe("Everyone who follows the task now."),
});

export function presentFollowedTask(raw: AsanaTask): z.infer<typeof followedTaskShape> {
  return { id: raw.gid, ...compact({ name: raw.name }), followers: refsOf(raw.followers) ?? [] };
}

/** Dependencies are a paid-plan feature; a free workspace answers 402, reads included. */
export const dependenciesPremiumHint =
  "Task dependencies need a paid Asana plan. Tell the user rather than retrying; to record that one task waits for another, " +
  "say so in a comment (Asana_AddCommentToTask) or in the task's notes (Asana_UpdateTask).";

/** Asana's limit on a task's links, both directions together (asana-api.md). */
export const maxDependencyLinks = 30;

/** A task's dependencies and dependents, each with name and completion. */
export async function readTaskLinks(asana: AsanaSession, taskId: string, sides: ReadonlyArray<"dependencies" | "dependents">) {
  const pages = await Promise.all(
    sides.map((side) => asana.getPage<AsanaTask>(asanaPath`/tasks/${taskId}/${side}`, { limit: 100, optFields: linkedTaskOptFields })),
  );
  return Object.fromEntries(sides.map((side, index) => [side, pages[index]!.items.map(presentLinkedTask)])) as Partial<
    Record<"dependencies" | "dependents", Array<z.infer<typeof linkedTaskShape>>>
  >;
}
