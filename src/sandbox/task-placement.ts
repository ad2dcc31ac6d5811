import { withProjectFields } from "./custom-fields.js";
import { badRequest, type EmulatorRequest } from "./http-kit.js";
import { checkPlacement, inManualOrder, placeInOrder, removeFromOrder, type Placement } from "./manual-order.js";
import type { AsanaStore, StoredObject } from "./store.js";

/**
 * Where a task lives: its `projects`, and one membership per project naming its section there.
 * Asana keeps the two in step (a task is in a project exactly when it has a membership for it), so
 * every route that files or unfiles a task goes through here, and GET /tasks/{gid} always agrees
 * with the project and section lists.
 */
export interface Membership {
  project: string;
  section?: string;
}

/** Asana's limit on multi-homing (addProjectForTask: "at most 20 projects"). */
const maxProjectsPerTask = 20;

export function membershipsOf(task: StoredObject): Membership[] {
  return (task.memberships as Membership[] | undefined) ?? [];
}

export function sectionsOf(store: AsanaStore, project: StoredObject): StoredObject[] {
  return inManualOrder(
    project,
    "_section_order",
    store.all("section", (section) => section.project === project.gid),
  );
}

export function tasksInSection(store: AsanaStore, section: StoredObject): StoredObject[] {
  const members = store.all("task", (task) => membershipsOf(task).some((m) => m.section === section.gid));
  return inManualOrder(section, "_task_order", members);
}

/** A project's tasks as Asana lists them: section by section, each in its order, then tasks filed under no section. */
export function tasksInProject(store: AsanaStore, project: StoredObject): StoredObject[] {
  const inSections = sectionsOf(store, project).flatMap((section) => tasksInSection(store, section));
  const unsectioned = store.all("task", (task) => membershipsOf(task).some((m) => m.project === project.gid && !m.section));
  return [...inSections, ...inManualOrder(project, "_task_order", unsectioned)];
}

/**
 * Files a task in a project, or moves it within one: into `section` if given, else next to an anchor
 * task, else into the section it already has there, else into the project's first section.
 */
export function fileTask(
  request: EmulatorRequest,
  task: StoredObject,
  project: StoredObject,
  options: { section?: StoredObject; placement: Placement; where: "start" | "end" },
): void {
  const { store } = request;
  if (task.workspace !== project.workspace) throw badRequest(`project: Task ${task.gid} and project ${project.gid} are not in the same workspace.`);
  if (options.section && options.section.project !== project.gid) {
    throw badRequest(`section: Section ${options.section.gid} is not in project ${project.gid}.`);
  }
  const projects = (task.projects as string[] | undefined) ?? [];
  if (!projects.includes(project.gid) && projects.length >= maxProjectsPerTask) {
    throw badRequest(`project: A task can be in at most ${maxProjectsPerTask} projects.`);
  }
  const memberships = membershipsOf(task);
  const previous = memberships.find((m) => m.project === project.gid);
  const anchor = [options.placement.insert_before, options.placement.insert_after].find((value) => typeof value === "string") as string | undefined;
  const anchorTask = anchor ? store.get(anchor, "task") : undefined;
  const anchorSection = anchorTask ? membershipsOf(anchorTask).find((m) => m.project === project.gid)?.section : undefined;
  const sectionGid = options.section?.gid ?? anchorSection ?? previous?.section ?? sectionsOf(store, project)[0]?.gid;
  const section = sectionGid ? store.get(sectionGid, "section") : undefined;

  // Without sections, the project itself holds the order.
  const container = section ?? project;
  const siblings = section ? tasksInSection(store, section) : tasksInProject(store, project);
  checkPlacement(options.placement, siblings, task.gid, section ? `tasks in section ${section.gid}` : `tasks in project ${project.gid}`);
  if (previous?.section && previous.section !== section?.gid) removeFromOrder(store.get(previous.section), "_task_order", task.gid);
  placeInOrder(container, "_task_order", siblings, task.gid, options.placement, options.where);

  // The document types a membership's `section` as an object, never null, so a project without sections gets none.
  const membership: Membership = section ? { project: project.gid, section: section.gid } : { project: project.gid };
  task.memberships = previous ? memberships.map((m) => (m === previous ? membership : m)) : [...memberships, membership];
  if (!projects.includes(project.gid)) {
    task.projects = [...projects, project.gid];
    // A task filed in a project shows that project's custom fields, unset until someone sets them.
    const entries = withProjectFields(store, project, task.custom_fields as Array<Record<string, unknown>> | undefined);
    if (entries) task.custom_fields = entries;
  }
  task.modified_at = store.now();
}

/** Takes a task out of a project; the task itself lives on (Asana's removeProjectForTask). */
export function unfileTask(request: EmulatorRequest, task: StoredObject, project: StoredObject): void {
  const previous = membershipsOf(task).find((m) => m.project === project.gid);
  if (!previous && !((task.projects as string[] | undefined) ?? []).includes(project.gid)) return;
  removeFromOrder(previous?.section ? request.store.get(previous.section) : project, "_task_order", task.gid);
  task.memberships = membershipsOf(task).filter((m) => m.project !== project.gid);
  task.projects = ((task.projects as string[] | undefined) ?? []).filter((gid) => gid !== project.gid);
  task.modified_at = request.store.now();
}
