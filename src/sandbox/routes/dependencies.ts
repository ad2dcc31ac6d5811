import { badRequest, bodyData, data, mustGet, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { listResponse } from "../pagination.js";
import { requirePremium } from "../plans.js";
import type { StoredObject } from "../store.js";

/**
 * Task dependencies (premium; the document declares 402 on all six operations). Both sides are
 * stored: A in B.dependencies means B waits for A, and then B is in A.dependents.
 *
 * Limits: "at most 30 dependencies and dependents combined" per task (asana-api.md), checked on
 * both tasks of each link; a task cannot depend on itself. The emulator also refuses a link that
 * closes a cycle (A waits for B waits for A), as Asana's app does; the documents do not say.
 */
export const maxDependencyLinks = 30;

type Side = "dependencies" | "dependents";
const other: Record<Side, Side> = { dependencies: "dependents", dependents: "dependencies" };

const linksOf = (task: StoredObject, side: Side): string[] => (task[side] as string[] | undefined) ?? [];

function premiumTask(request: EmulatorRequest): StoredObject {
  const task = mustGet(request, request.params.task_gid, "task", "task");
  requirePremium(mustGet(request, String(task.workspace), "workspace", "workspace"), "Task dependencies");
  return task;
}

function listed(request: EmulatorRequest, side: Side) {
  const task = premiumTask(request);
  const linked = linksOf(task, side)
    .map((gid) => request.store.get(gid, "task"))
    .filter((t): t is StoredObject => t !== undefined);
  return listResponse(request, linked);
}

/** True when `from` already waits, directly or not, for `to`. */
function waitsFor(request: EmulatorRequest, from: StoredObject, to: string, seen = new Set<string>()): boolean {
  for (const gid of linksOf(from, "dependencies")) {
    if (gid === to) return true;
    if (seen.has(gid)) continue;
    seen.add(gid);
    const next = request.store.get(gid, "task");
    if (next && waitsFor(request, next, to, seen)) return true;
  }
  return false;
}

function edit(request: EmulatorRequest, side: Side, action: "add" | "remove") {
  const task = premiumTask(request);
  const fields = bodyData(request);
  const named = fields[side];
  if (named === undefined || named === null) throw badRequest(`${side}: Missing input`);
  if (!Array.isArray(named) || named.some((gid) => typeof gid !== "string")) throw badRequest(`${side}: Must be an array of task gids.`);
  const tasks = [...new Set(named as string[])].map((gid) => mustGet(request, gid, "task", side));
  const now = request.store.now();
  if (action === "remove") {
    for (const linked of tasks) {
      task[side] = linksOf(task, side).filter((gid) => gid !== linked.gid);
      linked[other[side]] = linksOf(linked, other[side]).filter((gid) => gid !== task.gid);
      task.modified_at = linked.modified_at = now;
    }
    return data({});
  }
  // Check everything first, so a refused request changes nothing.
  const added = new Map<string, number>();
  const links = (t: StoredObject) => linksOf(t, "dependencies").length + linksOf(t, "dependents").length + (added.get(t.gid) ?? 0);
  for (const linked of tasks) {
    if (linked.gid === task.gid) throw badRequest(`${side}: Task ${task.gid} cannot depend on itself.`);
    if (linked.workspace !== task.workspace) throw badRequest(`${side}: Task ${linked.gid} is in another workspace.`);
    if (linksOf(task, side).includes(linked.gid)) continue;
    const [waiter, blocker] = side === "dependencies" ? [task, linked] : [linked, task];
    if (waitsFor(request, blocker, waiter.gid)) {
      throw badRequest(
        `${side}: Task ${waiter.gid} waiting for task ${blocker.gid} would make a circular dependency; ${blocker.gid} already waits for ${waiter.gid}.`,
      );
    }
    for (const end of [task, linked]) {
      added.set(end.gid, (added.get(end.gid) ?? 0) + 1);
      if (links(end) > maxDependencyLinks) {
        throw badRequest(
          `${side}: Task ${end.gid} would have ${links(end)} dependencies and dependents combined; a task can have at most ${maxDependencyLinks}. Remove some with removeDependencies or removeDependents first.`,
        );
      }
    }
  }
  for (const linked of tasks) {
    if (!linksOf(task, side).includes(linked.gid)) task[side] = [...linksOf(task, side), linked.gid];
    if (!linksOf(linked, other[side]).includes(task.gid)) linked[other[side]] = [...linksOf(linked, other[side]), task.gid];
    task.modified_at = linked.modified_at = now;
  }
  return data({});
}

export const dependencyRoutes: EmulatorRoute[] = [
  { method: "GET", path: "/tasks/{task_gid}/dependencies", handle: (request) => listed(request, "dependencies") },
  { method: "GET", path: "/tasks/{task_gid}/dependents", handle: (request) => listed(request, "dependents") },
  { method: "POST", path: "/tasks/{task_gid}/addDependencies", handle: (request) => edit(request, "dependencies", "add") },
  { method: "POST", path: "/tasks/{task_gid}/removeDependencies", handle: (request) => edit(request, "dependencies", "remove") },
  { method: "POST", path: "/tasks/{task_gid}/addDependents", handle: (request) => edit(request, "dependents", "add") },
  { method: "POST", path: "/tasks/{task_gid}/removeDependents", handle: (request) => edit(request, "dependents", "remove") },
];
