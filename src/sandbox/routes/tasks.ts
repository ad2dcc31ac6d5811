import { withProjectFields, writeCustomFieldValues } from "../custom-fields.js";
import { writeExternalData } from "../external-data.js";
import { badRequest, bodyData, data, mustGet, notFound, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { checkAssigneeSection, myTasksOf, recentlyAssignedSection, tasksInMyTasks } from "../my-tasks.js";
import { listResponse } from "../pagination.js";
import { readRichText } from "../rich-text.js";
import { project } from "../projection.js";
import { checkPlacement, inManualOrder, placeInOrder, removeFromOrder } from "../manual-order.js";
import type { StoredObject } from "../store.js";
import { fileTask, sectionsOf, tasksInProject, tasksInSection, unfileTask } from "../task-placement.js";

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function checkDates(fields: Record<string, unknown>): void {
  for (const name of ["due_on", "start_on"]) {
    const value = fields[name];
    if (value !== undefined && value !== null && (typeof value !== "string" || !isoDate.test(value) || Number.isNaN(Date.parse(value)))) {
      throw badRequest(`${name}: Invalid date format, must be YYYY-MM-DD: ${String(value)}`);
    }
  }
  for (const name of ["due_at", "start_at"]) {
    const value = fields[name];
    if (value !== undefined && value !== null && (typeof value !== "string" || !value.includes("T") || Number.isNaN(Date.parse(value)))) {
      throw badRequest(`${name}: Invalid date-time format, must be ISO 8601: ${String(value)}`);
    }
  }
  // TaskRequestBase: "due_at must be present in the request when setting or unsetting the start_at parameter".
  if ("start_at" in fields && !("due_at" in fields)) throw badRequest("start_at: due_at must be present in the request when setting or unsetting start_at.");
}

/** TaskBase.approval_status: what an approval task's status may be. */
const approvalStatuses = ["pending", "approved", "rejected", "changes_requested"];

/** Asana names a user by gid, by email, or as "me" wherever it takes a user (assignee, search filters). */
export function userByIdentifier(request: EmulatorRequest, identifier: string, field: string): StoredObject {
  if (!identifier.includes("@")) return mustGet(request, identifier, "user", field);
  const wanted = identifier.trim().toLowerCase();
  const user = request.store.all("user", (u) => String(u.email ?? "").toLowerCase() === wanted)[0];
  if (!user) throw notFound(`${field}: Unknown object: ${identifier}`);
  return user;
}

/** The writable task fields that map one to one onto stored fields. */
const simpleTaskFields = ["name", "notes", "html_notes", "completed", "due_on", "due_at", "start_on", "start_at", "resource_subtype"] as const;

/**
 * Asana's date rules for a task as a whole: a start date needs a due date (TaskRequestBase says
 * `start_on` needs `due_on` or `due_at`; Asana accepts a start date alone when the task already has a
 * due date) and may not fall after it. Checked on the task as it would be, before anything is stored.
 */
function checkTaskDates(next: Record<string, unknown>): void {
  const startOn = next.start_on as string | null | undefined;
  const dueOn = next.due_on as string | null | undefined;
  const dueAt = next.due_at as string | null | undefined;
  if (startOn && !dueOn && !dueAt) {
    throw badRequest("start_on: A task with a start date must also have a due date (due_on or due_at).");
  }
  const dueDay = dueOn ?? dueAt?.slice(0, 10);
  if (startOn && dueDay && startOn > dueDay) {
    throw badRequest(`start_on: The start date (${startOn}) must not be after the due date (${dueDay}).`);
  }
}

function applyTaskFields(request: EmulatorRequest, task: Record<string, unknown>, fields: Record<string, unknown>): void {
  checkDates(fields);
  if (typeof fields.html_notes === "string") {
    const read = readRichText(fields.html_notes, "task");
    if ("problem" in read) throw badRequest(`html_notes: ${read.problem}`);
    // Asana keeps notes and html_notes in step: the plain text is the markup without its tags.
    if (!("notes" in fields)) fields = { ...fields, notes: read.plain };
  }
  const changes: Record<string, unknown> = {};
  for (const name of simpleTaskFields) if (name in fields) changes[name] = fields[name];
  // due_on and due_at (start_on and start_at) are two forms of one date: writing the date form, or null,
  // drops the time form, so `due_on: null` leaves the task with no due date at all.
  if ("due_on" in fields && !("due_at" in fields)) changes.due_at = null;
  if ("start_on" in fields && !("start_at" in fields)) changes.start_at = null;
  // The other way round, a time also sets the day (Asana's day is the user's local one; the emulator's is UTC's).
  for (const prefix of ["due", "start"]) {
    const at = fields[`${prefix}_at`];
    if (`${prefix}_at` in fields && !(`${prefix}_on` in fields)) {
      changes[`${prefix}_at`] = typeof at === "string" ? new Date(at).toISOString() : null;
      changes[`${prefix}_on`] = typeof at === "string" ? new Date(at).toISOString().slice(0, 10) : null;
    }
  }
  // An approval task's status follows completion and the other way round (TaskBase.approval_status):
  // pending is incomplete, the other statuses complete; completing it approves it.
  const subtype = changes.resource_subtype ?? task.resource_subtype;
  if ("approval_status" in fields) {
    if (subtype !== "approval") throw badRequest("approval_status: Only approval tasks (resource_subtype approval) have an approval status.");
    if (!approvalStatuses.includes(String(fields.approval_status)))
      throw badRequest(`approval_status: Invalid value: ${String(fields.approval_status)}. Must be one of ${approvalStatuses.join(", ")}.`);
    changes.approval_status = fields.approval_status;
    if (!("completed" in fields)) fields = { ...fields, completed: fields.approval_status !== "pending" };
  } else if (subtype === "approval" && "completed" in fields) {
    changes.approval_status = fields.completed ? "approved" : "pending";
  } else if (subtype === "approval" && task.approval_status === undefined) {
    changes.approval_status = "pending";
  }
  const dropsApproval = changes.resource_subtype !== undefined && changes.resource_subtype !== "approval";
  if ("completed" in fields) changes.completed = fields.completed;
  if ("assignee" in fields) {
    changes.assignee = fields.assignee === null ? null : userByIdentifier(request, String(fields.assignee), "assignee").gid;
    // A newly assigned task lands in the assignee's "Recently assigned"; an unassigned one is in nobody's My Tasks.
    if (changes.assignee !== task.assignee) {
      changes.assignee_section = changes.assignee ? recentlyAssignedSection(request.store, changes.assignee as string, String(task.workspace)).gid : null;
    }
  }
  if ("assignee_section" in fields) {
    const next = { ...task, ...changes };
    if (fields.assignee_section === null) {
      changes.assignee_section = typeof next.assignee === "string" ? recentlyAssignedSection(request.store, next.assignee, String(task.workspace)).gid : null;
    } else {
      changes.assignee_section = checkAssigneeSection(request.store, next, String(fields.assignee_section)).gid;
    }
  }
  if ("custom_fields" in fields) {
    changes.custom_fields = writeCustomFieldValues(request, task, fields.custom_fields, (identifier) => {
      try {
        return userByIdentifier(request, identifier, "custom_fields");
      } catch {
        return undefined;
      }
    });
  }
  // Re-sending completed=true changes nothing, so completed_at stays that of the first completion.
  if ("completed" in fields && Boolean(fields.completed) !== Boolean(task.completed)) {
    changes.completed_at = fields.completed ? request.store.now() : null;
    changes.completed_by = fields.completed ? request.me.gid : null;
  }
  checkTaskDates({ ...task, ...changes });
  if ("external" in fields) writeExternalData(request, task, fields.external);
  Object.assign(task, changes, { modified_at: request.store.now() });
  // Asana omits approval_status on tasks that are not approvals.
  if (dropsApproval) delete task.approval_status;
}

export function newTask(request: EmulatorRequest, fields: Record<string, unknown>, parent?: StoredObject): StoredObject {
  const projects = ((fields.projects as string[] | undefined) ?? []).map((gid) => mustGet(request, gid, "project", "projects"));
  const workspaceGid = (fields.workspace as string | undefined) ?? (parent?.workspace as string | undefined) ?? (projects[0]?.workspace as string | undefined);
  if (!workspaceGid) throw badRequest("workspace: Missing input");
  const workspace = mustGet(request, workspaceGid, "workspace", "workspace");
  for (const project of projects) {
    if (project.workspace !== workspace.gid) throw badRequest(`projects: Project ${project.gid} is not in workspace ${workspace.gid}.`);
  }
  const task: Record<string, unknown> = {
    resource_type: "task",
    name: "",
    resource_subtype: "default_task",
    notes: "",
    completed: false,
    completed_at: null,
    completed_by: null,
    created_at: request.store.now(),
    created_by: request.me.gid,
    modified_at: request.store.now(),
    due_on: null,
    due_at: null,
    start_on: null,
    start_at: null,
    assignee: null,
    parent: parent?.gid ?? null,
    workspace: workspace.gid,
    projects: projects.map((p) => p.gid),
    // Asana files a new task under the project's first section; the document types `section` as an object, never null.
    memberships: projects.map((p) => {
      const firstSection = sectionsOf(request.store, p)[0];
      return firstSection ? { project: p.gid, section: firstSection.gid } : { project: p.gid };
    }),
    tags: ((fields.tags as string[] | undefined) ?? []).map((gid) => mustGet(request, gid, "tag", "tags").gid),
    // TaskCreateRequest `followers` ("create-only"): the creator follows too, as in Asana.
    followers: [...new Set([request.me.gid, ...followerList(request, fields.followers ?? [])])],
    permalink_url: "",
  };
  for (const owner of projects) {
    const entries = withProjectFields(request.store, owner, task.custom_fields as Array<Record<string, unknown>> | undefined);
    if (entries) task.custom_fields = entries;
  }
  applyTaskFields(request, task, fields);
  const stored = request.store.insert(task as Omit<StoredObject, "gid">);
  stored.permalink_url = `https://app.asana.com/0/0/${stored.gid}`;
  return stored;
}

/** `followers` as Asana takes them: an array of "me", emails or gids (a comma-separated string also works). */
export function followerList(request: EmulatorRequest, value: unknown, field = "followers"): string[] {
  const items =
    typeof value === "string"
      ? value
          .split(",")
          .map((item) => item.trim())
          .filter(Boolean)
      : value;
  if (!Array.isArray(items) || items.some((item) => typeof item !== "string")) {
    throw badRequest(`${field}: Must be an array of users ("me", an email or a gid).`);
  }
  return (items as string[]).map((identifier) => userByIdentifier(request, identifier, field).gid);
}

export function subtasksOf(request: EmulatorRequest, parentGid: string): StoredObject[] {
  const subtasks = request.store.all("task", (t) => t.parent === parentGid);
  const parent = request.store.get(parentGid, "task");
  return parent ? inManualOrder(parent, "_subtask_order", subtasks) : subtasks;
}

/**
 * `completed_since`: incomplete tasks plus those completed at or after the given time. The keyword
 * "now" therefore leaves only incomplete tasks, which is how clients ask for open work.
 */
export function completedSinceFilter(request: EmulatorRequest): (task: StoredObject) => boolean {
  const raw = request.query.completed_since;
  if (raw === undefined) return () => true;
  if (raw === "now") return (task) => !task.completed;
  const since = Date.parse(raw);
  if (Number.isNaN(since)) throw badRequest(`completed_since: Expected an ISO 8601 date-time or "now", got: ${raw}`);
  return (task) => !task.completed || (typeof task.completed_at === "string" && Date.parse(task.completed_at) >= since);
}

/** A required gid field of a POST body; Asana's wording when it is absent. */
function requiredGid(fields: Record<string, unknown>, name: string): string {
  if (fields[name] === undefined || fields[name] === null) throw badRequest(`${name}: Missing input`);
  return String(fields[name]);
}

/** Makes a task a subtask of `parentGid`, or top-level for null, refusing cycles as Asana does. */
function setParent(request: EmulatorRequest, task: StoredObject, parentGid: unknown, placement: { insert_before?: unknown; insert_after?: unknown }): void {
  const { store } = request;
  const previousParent = typeof task.parent === "string" ? store.get(task.parent, "task") : undefined;
  if (parentGid === null) {
    if (typeof placement.insert_before === "string" || typeof placement.insert_after === "string") {
      throw badRequest("insert_before: A task without a parent has no siblings to be placed among.");
    }
    removeFromOrder(previousParent, "_subtask_order", task.gid);
    task.parent = null;
    return;
  }
  const parent = mustGet(request, String(parentGid), "task", "parent");
  if (parent.workspace !== task.workspace) throw badRequest(`parent: Task ${parent.gid} is in another workspace.`);
  for (let cursor: StoredObject | undefined = parent; cursor; cursor = typeof cursor.parent === "string" ? store.get(cursor.parent, "task") : undefined) {
    if (cursor.gid === task.gid)
      throw badRequest(
        `parent: Task ${parent.gid} is ${parent.gid === task.gid ? "the task itself" : "one of the task's own subtasks"}; a task cannot be its own ancestor.`,
      );
  }
  const siblings = subtasksOf(request, parent.gid);
  checkPlacement(placement, siblings, task.gid, `subtasks of task ${parent.gid}`);
  if (previousParent && previousParent.gid !== parent.gid) removeFromOrder(previousParent, "_subtask_order", task.gid);
  placeInOrder(parent, "_subtask_order", siblings, task.gid, placement, "end");
  task.parent = parent.gid;
}

/**
 * `GET /tasks` (getTasks): a project, a tag, a section, or an assignee with a workspace, and exactly
 * one of those. Asana's message when the filter is missing or doubled is kept word for word. `tag`
 * is taken as Asana takes it, though the document does not declare it (the contract checker will
 * say so to a client that sends it; GET /tags/{tag_gid}/tasks is the declared way).
 */
function listTasks(request: EmulatorRequest) {
  const { project: projectGid, tag, section, assignee, workspace } = request.query;
  const chosen = [projectGid, tag, section, assignee !== undefined || workspace !== undefined ? "assignee" : undefined].filter((v) => v !== undefined);
  if (chosen.length !== 1 || (assignee === undefined) !== (workspace === undefined)) {
    throw badRequest("Must specify exactly one of project, tag, section, user task list, or assignee + workspace");
  }
  const { store } = request;
  let tasks: StoredObject[];
  if (projectGid !== undefined) tasks = tasksInProject(store, mustGet(request, projectGid, "project", "project"));
  else if (section !== undefined) tasks = tasksInSection(store, mustGet(request, section, "section", "section"));
  else if (tag !== undefined) {
    const owner = mustGet(request, tag, "tag", "tag");
    tasks = store.all("task", (t) => ((t.tags as string[] | undefined) ?? []).includes(owner.gid));
  } else {
    const user = userByIdentifier(request, String(assignee), "assignee");
    const space = mustGet(request, String(workspace), "workspace", "workspace");
    tasks = tasksInMyTasks(store, myTasksOf(store, user.gid, space.gid));
  }
  return listResponse(request, tasks.filter(completedSinceFilter(request)).filter(modifiedSinceFilter(request)));
}

/** `modified_since`: tasks changed at or after the given time. */
function modifiedSinceFilter(request: EmulatorRequest): (task: StoredObject) => boolean {
  const raw = request.query.modified_since;
  if (raw === undefined) return () => true;
  const since = Date.parse(raw);
  if (Number.isNaN(since)) throw badRequest(`modified_since: Expected an ISO 8601 date-time, got: ${raw}`);
  return (task) => typeof task.modified_at === "string" && Date.parse(task.modified_at) >= since;
}

/** addFollowers / removeFollowers: answer with the whole task, as the document says (TaskResponse). */
function editFollowers(request: EmulatorRequest, edit: "add" | "remove") {
  const task = mustGet(request, request.params.task_gid, "task", "task");
  const fields = bodyData(request);
  if (fields.followers === undefined || fields.followers === null) throw badRequest("followers: Missing input");
  const named = followerList(request, fields.followers);
  const current = (task.followers as string[] | undefined) ?? [];
  const next = edit === "add" ? [...new Set([...current, ...named])] : current.filter((gid) => !named.includes(gid));
  if (next.length !== current.length || next.some((gid, i) => gid !== current[i])) Object.assign(task, { followers: next, modified_at: request.store.now() });
  return data(project(request.store, task, request.optFields));
}

export const taskRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/tasks",
    handle: listTasks,
  },
  {
    method: "POST",
    path: "/tasks/{task_gid}/addFollowers",
    handle: (request) => editFollowers(request, "add"),
  },
  {
    method: "POST",
    path: "/tasks/{task_gid}/removeFollowers",
    handle: (request) => editFollowers(request, "remove"),
  },
  {
    method: "GET",
    path: "/tasks/{task_gid}",
    handle: (request) => {
      const task = mustGet(request, request.params.task_gid, "task", "task");
      const shown = project(request.store, task, request.optFields);
      // Asana counts a task's subtasks on request (an opt-in field); they are not a stored field here.
      if (request.optFields?.includes("num_subtasks")) shown.num_subtasks = request.store.all("task", (t) => t.parent === task.gid).length;
      return data(shown);
    },
  },
  {
    method: "PUT",
    path: "/tasks/{task_gid}",
    handle: (request) => {
      const task = mustGet(request, request.params.task_gid, "task", "task");
      const fields = bodyData(request);
      if ("parent" in fields) throw badRequest("parent: Cannot change the parent of a task with this endpoint; use POST /tasks/{task_gid}/setParent.");
      applyTaskFields(request, task, fields);
      return data(project(request.store, task, request.optFields));
    },
  },
  {
    method: "DELETE",
    path: "/tasks/{task_gid}",
    handle: (request) => {
      const task = mustGet(request, request.params.task_gid, "task", "task");
      const removeTree = (gid: string) => {
        for (const child of subtasksOf(request, gid)) removeTree(child.gid);
        request.store.delete(gid);
      };
      removeTree(task.gid);
      return data({});
    },
  },
  {
    method: "POST",
    path: "/tasks",
    handle: (request) => {
      const fields = bodyData(request);
      const parent = fields.parent ? mustGet(request, String(fields.parent), "task", "parent") : undefined;
      return data(project(request.store, newTask(request, fields, parent), request.optFields), 201);
    },
  },
  {
    method: "GET",
    path: "/tasks/{task_gid}/subtasks",
    handle: (request) => {
      const parent = mustGet(request, request.params.task_gid, "task", "task");
      return listResponse(request, subtasksOf(request, parent.gid));
    },
  },
  {
    method: "POST",
    path: "/tasks/{task_gid}/subtasks",
    handle: (request) => {
      const parent = mustGet(request, request.params.task_gid, "task", "task");
      return data(project(request.store, newTask(request, bodyData(request), parent), request.optFields), 201);
    },
  },
  {
    method: "GET",
    path: "/projects/{project_gid}/tasks",
    handle: (request) => {
      const owner = mustGet(request, request.params.project_gid, "project", "project");
      return listResponse(request, tasksInProject(request.store, owner).filter(completedSinceFilter(request)));
    },
  },
  {
    method: "POST",
    path: "/tasks/{task_gid}/setParent",
    handle: (request) => {
      const task = mustGet(request, request.params.task_gid, "task", "task");
      const fields = bodyData(request);
      if (!("parent" in fields)) throw badRequest("parent: Missing input");
      setParent(request, task, fields.parent, { insert_before: fields.insert_before, insert_after: fields.insert_after });
      task.modified_at = request.store.now();
      // Unlike the other membership edits, setParent answers with the whole updated task.
      return data(project(request.store, task, request.optFields));
    },
  },
  {
    method: "POST",
    path: "/tasks/{task_gid}/addProject",
    handle: (request) => {
      const task = mustGet(request, request.params.task_gid, "task", "task");
      const fields = bodyData(request);
      const target = mustGet(request, requiredGid(fields, "project"), "project", "project");
      const section = fields.section === undefined || fields.section === null ? undefined : mustGet(request, String(fields.section), "section", "section");
      fileTask(request, task, target, {
        ...(section ? { section } : {}),
        placement: { insert_before: fields.insert_before, insert_after: fields.insert_after },
        where: "end",
      });
      return data({});
    },
  },
  {
    method: "POST",
    path: "/tasks/{task_gid}/removeProject",
    handle: (request) => {
      const task = mustGet(request, request.params.task_gid, "task", "task");
      unfileTask(request, task, mustGet(request, requiredGid(bodyData(request), "project"), "project", "project"));
      return data({});
    },
  },
  {
    method: "POST",
    path: "/tasks/{task_gid}/addTag",
    handle: (request) => {
      const task = mustGet(request, request.params.task_gid, "task", "task");
      const tag = mustGet(request, requiredGid(bodyData(request), "tag"), "tag", "tag");
      if (tag.workspace !== task.workspace) throw badRequest(`tag: Tag ${tag.gid} is not in the task's workspace.`);
      const tags = (task.tags as string[] | undefined) ?? [];
      if (!tags.includes(tag.gid)) Object.assign(task, { tags: [...tags, tag.gid], modified_at: request.store.now() });
      return data({});
    },
  },
  {
    method: "POST",
    path: "/tasks/{task_gid}/removeTag",
    handle: (request) => {
      const task = mustGet(request, request.params.task_gid, "task", "task");
      const tag = mustGet(request, requiredGid(bodyData(request), "tag"), "tag", "tag");
      const tags = (task.tags as string[] | undefined) ?? [];
      if (tags.includes(tag.gid)) Object.assign(task, { tags: tags.filter((gid) => gid !== tag.gid), modified_at: request.store.now() });
      return data({});
    },
  },
];
