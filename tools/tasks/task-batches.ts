import * as z from "zod";
import type { QueryValue } from "../../src/asana/index.js";
import { compact, namedRef } from "../../src/toolkit/index.js";
import { itemFailureShape } from "../shared/item-runner.js";
import { updatedTaskShape, type PresentedTask } from "./model.js";

/**
 * What CreateTasks and UpdateTasks (and CreateProject's tasks) answer with, item by item: each task
 * brief (Asana_GetTasksByIds has the rest), so fifty results stay small.
 */
export const briefTaskShape = updatedTaskShape.pick({
  id: true,
  name: true,
  completed: true,
  due_on: true,
  due_at: true,
  start_on: true,
  assignee: true,
  parent: true,
  memberships: true,
  custom_fields: true,
  permalink_url: true,
});

export function briefTask(task: PresentedTask): z.infer<typeof briefTaskShape> {
  const { id, name, completed, due_on, due_at, start_on, assignee, parent, memberships, custom_fields, permalink_url } = task;
  return { id, ...compact({ name, completed, due_on, due_at, start_on, assignee, parent, memberships, custom_fields, permalink_url }) };
}

export const taskItemsOutput = z.object({
  succeeded: z.array(z.object({ index: z.number().int(), task: briefTaskShape, created_tags: z.array(namedRef).optional() })),
  failed: z.array(itemFailureShape),
  summary: z.string(),
});

/** Most tasks per call: enough for a meeting's action items or a project plan, and within one call's deadline. */
export const maxTasksPerCall = 50;

/**
 * Reads that creating tasks and tags cannot change, so the items of one call share them: a project by
 * id, its sections and custom fields, the workspaces, project names, users. Never tags or tasks.
 */
export function readUnchangedByTaskCreates(path: string, query: Readonly<Record<string, QueryValue>>): boolean {
  if (/^\/projects\/\d+(\/sections|\/custom_field_settings)?$/.test(path)) return true;
  if (path === "/workspaces" || path === "/projects" || /^\/users\/[^/]+$/.test(path)) return true;
  return /^\/workspaces\/\d+\/typeahead$/.test(path) && query.resource_type === "project";
}
