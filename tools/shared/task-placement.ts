import * as z from "zod";
import { asanaPath, type AsanaSession } from "../../src/asana/index.js";
import { compact, namedRef, refOf, refsOf, type AsanaRef } from "../../src/toolkit/index.js";

/**
 * Where a task sits: its parent, its projects with the section in each, and its tags. The tools that
 * move a task (between parents, projects, sections, tags) all answer with it.
 */
export const taskPlacementShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  parent: namedRef.optional(),
  memberships: z.array(z.object({ project: namedRef.optional(), section: namedRef.optional() })).optional(),
  tags: z.array(namedRef).optional(),
});

export type TaskPlacement = z.infer<typeof taskPlacementShape>;

export const taskPlacementOptFields = ["name", "parent.name", "memberships.project.name", "memberships.section.name", "tags.name"] as const;

export interface AsanaTaskPlacement {
  gid: string;
  name?: string;
  parent?: AsanaRef | null;
  memberships?: Array<{ project?: AsanaRef | null; section?: AsanaRef | null }>;
  tags?: AsanaRef[];
}

export function presentTaskPlacement(raw: AsanaTaskPlacement): TaskPlacement {
  const memberships = (raw.memberships ?? [])
    .map((m) => compact({ project: refOf(m.project), section: refOf(m.section) }))
    .filter((m) => m.project !== undefined || m.section !== undefined);
  return { id: raw.gid, ...compact({ name: raw.name, parent: refOf(raw.parent), memberships, tags: refsOf(raw.tags) }) };
}

/**
 * Asana answers addProject, removeProject, addTag, removeTag and addTask with an empty body, so the
 * task is read back: the model sees where the task now sits instead of taking the change on trust.
 */
export async function readTaskPlacement(asana: AsanaSession, taskId: string): Promise<TaskPlacement> {
  return presentTaskPlacement(await readRawTaskPlacement(asana, taskId));
}

export function readRawTaskPlacement(asana: AsanaSession, taskId: string): Promise<AsanaTaskPlacement> {
  return asana.get<AsanaTaskPlacement>(asanaPath`/tasks/${taskId}`, { optFields: taskPlacementOptFields });
}
