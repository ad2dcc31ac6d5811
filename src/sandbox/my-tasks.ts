import { badRequest } from "./http-kit.js";
import { inManualOrder } from "./manual-order.js";
import type { AsanaStore, StoredObject } from "./store.js";

/**
 * "My Tasks": one user task list per user and workspace, with its own sections. A task assigned to
 * someone carries `assignee_section`, a section of the assignee's list; a newly assigned task lands
 * in "Recently assigned", as in Asana. The list and its sections are made the first time anything
 * needs them, so a world only seeds the lists it wants at fixed gids.
 */
export const myTasksSectionNames = ["Recently assigned", "Do today", "Do next week", "Do later"] as const;

export function myTasksOf(store: AsanaStore, userGid: string, workspaceGid: string): StoredObject {
  const existing = store.all("user_task_list", (l) => l.owner === userGid && l.workspace === workspaceGid)[0];
  if (existing) return existing;
  const list = store.insert({ resource_type: "user_task_list", name: "My Tasks", owner: userGid, workspace: workspaceGid });
  for (const name of myTasksSectionNames) store.insert({ resource_type: "section", name, project: list.gid, created_at: store.now() });
  return list;
}

export function myTasksSections(store: AsanaStore, list: StoredObject): StoredObject[] {
  return inManualOrder(
    list,
    "_section_order",
    store.all("section", (s) => s.project === list.gid),
  );
}

/** Where a task goes in its assignee's My Tasks when it is (re)assigned: the first section, "Recently assigned". */
export function recentlyAssignedSection(store: AsanaStore, userGid: string, workspaceGid: string): StoredObject {
  return myTasksSections(store, myTasksOf(store, userGid, workspaceGid))[0]!;
}

/** A section a caller names as `assignee_section`: it must be in the assignee's own My Tasks for the task's workspace. */
export function checkAssigneeSection(store: AsanaStore, task: Record<string, unknown>, sectionGid: string): StoredObject {
  if (typeof task.assignee !== "string") throw badRequest("assignee_section: The task has no assignee, so it is in nobody's My Tasks.");
  const list = myTasksOf(store, task.assignee, String(task.workspace));
  const section = myTasksSections(store, list).find((s) => s.gid === sectionGid);
  if (!section) throw badRequest(`assignee_section: ${sectionGid} is not a section of the assignee's My Tasks in this workspace.`);
  return section;
}

/** The tasks of a My Tasks list, section by section; a task with no section yet counts as recently assigned. */
export function tasksInMyTasks(store: AsanaStore, list: StoredObject): StoredObject[] {
  const sections = myTasksSections(store, list);
  const assigned = store.all("task", (t) => t.assignee === list.owner && t.workspace === list.workspace);
  const rank = (task: StoredObject) => {
    const index = sections.findIndex((s) => s.gid === task.assignee_section);
    return index === -1 ? 0 : index;
  };
  return [...assigned].sort((a, b) => rank(a) - rank(b));
}
