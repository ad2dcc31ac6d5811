import { badRequest, bodyData, data, mustGet, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { listResponse } from "../pagination.js";
import { project } from "../projection.js";
import type { StoredObject } from "../store.js";
import { sectionsOf, tasksInProject, unfileTask } from "../task-placement.js";
import { readRichText } from "../rich-text.js";
import { userByIdentifier } from "./tasks.js";

/**
 * Projects outside an organization have no team, yet Asana's document types `team` as a non-null
 * object; the field is left out for them rather than answered as null.
 */
export function projectedProject(request: EmulatorRequest, stored: StoredObject): Record<string, unknown> {
  const result = project(request.store, stored, request.optFields);
  if (result.team === null) delete result.team;
  return result;
}

function listed(request: EmulatorRequest, objects: StoredObject[]) {
  return listResponse(request, objects, (o) => projectedProject(request, o));
}

/** ProjectBase.color: Asana's palette, "none", or null. */
export const projectColors = new Set([
  ...["pink", "green", "blue", "red", "teal", "brown", "orange", "purple", "warm-gray"].flatMap((hue) => [`dark-${hue}`, `light-${hue}`]),
  "none",
]);
const privacySettings = new Set(["public_to_workspace", "private_to_team", "private"]);
const defaultViews = new Set(["list", "board", "calendar", "timeline"]);
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function checkChoice(fields: Record<string, unknown>, name: string, allowed: Set<string>, nullable = false): void {
  const value = fields[name];
  if (value === undefined || (nullable && value === null)) return;
  if (typeof value !== "string" || !allowed.has(value))
    throw badRequest(`${name}: Invalid value: ${String(value)}. Must be one of ${[...allowed].join(", ")}.`);
}

/** A list of users as Asana takes them in member and follower fields: an array, or a comma-separated string. */
export function userList(request: EmulatorRequest, value: unknown, field: string): string[] {
  const items =
    typeof value === "string"
      ? value
          .split(",")
          .map((item) => item.trim())
          .filter(Boolean)
      : value;
  if (!Array.isArray(items) || items.some((item) => typeof item !== "string")) throw badRequest(`${field}: Must be a list of users ("me", an email or a gid).`);
  return [...new Set((items as string[]).map((identifier) => userByIdentifier(request, identifier, field).gid))];
}

/** The writable fields both create and update take, checked before anything is stored. */
function projectChanges(request: EmulatorRequest, current: Record<string, unknown>, fields: Record<string, unknown>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if ("name" in fields) {
    if (typeof fields.name !== "string" || fields.name.trim() === "") throw badRequest("name: Missing input");
    changes.name = fields.name;
  }
  checkChoice(fields, "color", projectColors, true);
  checkChoice(fields, "privacy_setting", privacySettings);
  checkChoice(fields, "default_view", defaultViews);
  for (const name of ["due_on", "start_on", "due_date"]) {
    const value = fields[name];
    if (value !== undefined && value !== null && (typeof value !== "string" || !isoDate.test(value) || Number.isNaN(Date.parse(value)))) {
      throw badRequest(`${name}: Invalid date format, must be YYYY-MM-DD: ${String(value)}`);
    }
  }
  for (const name of ["color", "privacy_setting", "default_view", "start_on", "due_on", "notes"] as const) if (name in fields) changes[name] = fields[name];
  // Notes are text, never null: clearing them leaves them empty.
  if (fields.notes === null) Object.assign(changes, { notes: "", html_notes: "<body></body>" });
  // due_date is the deprecated name of due_on.
  if ("due_date" in fields && !("due_on" in fields)) changes.due_on = fields.due_date;
  for (const name of ["archived", "public"] as const) {
    if (!(name in fields)) continue;
    if (typeof fields[name] !== "boolean") throw badRequest(`${name}: Must be true or false.`);
    changes[name] = fields[name];
  }
  if (typeof fields.html_notes === "string") {
    const read = readRichText(fields.html_notes, "project");
    if ("problem" in read) throw badRequest(`html_notes: ${read.problem}`);
    changes.html_notes = fields.html_notes;
    if (!("notes" in fields)) changes.notes = read.plain;
  } else if (typeof fields.notes === "string") {
    changes.html_notes = `<body>${fields.notes.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</body>`;
  }
  if ("owner" in fields) changes.owner = fields.owner === null ? null : userByIdentifier(request, String(fields.owner), "owner").gid;
  if ("completed" in fields) {
    if (typeof fields.completed !== "boolean") throw badRequest("completed: Must be true or false.");
    if (fields.completed !== Boolean(current.completed)) {
      Object.assign(changes, {
        completed: fields.completed,
        completed_at: fields.completed ? request.store.now() : null,
        completed_by: fields.completed ? request.me.gid : null,
      });
    }
  }
  // ProjectBase.start_on: "due_on or due_at must be present", and a start after the due date makes no sense.
  const next = { ...current, ...changes };
  if (typeof next.start_on === "string" && typeof next.due_on !== "string")
    throw badRequest("start_on: A project with a start date must also have a due date (due_on).");
  if (typeof next.start_on === "string" && typeof next.due_on === "string" && next.start_on > next.due_on) {
    throw badRequest(`start_on: The start date (${next.start_on}) must not be after the due date (${next.due_on}).`);
  }
  return changes;
}

/**
 * createProject / createProjectForTeam. "Every project is required to be created in a specific
 * workspace or organization … If the workspace for your project is an organization, you must also
 * supply a team." The creator becomes owner (unless `owner` says otherwise), member and follower.
 */
function createProject(request: EmulatorRequest, teamFromPath?: StoredObject) {
  const fields = bodyData(request);
  const team = teamFromPath ?? (fields.team === undefined || fields.team === null ? undefined : mustGet(request, String(fields.team), "team", "team"));
  const workspaceGid = fields.workspace ?? team?.organization;
  if (workspaceGid === undefined || workspaceGid === null) throw badRequest("workspace: Missing input");
  const workspace = mustGet(request, String(workspaceGid), "workspace", "workspace");
  if (team && team.organization !== workspace.gid) throw badRequest(`team: Team ${team.gid} is not in workspace ${workspace.gid}.`);
  if (workspace.is_organization === true && !team) throw badRequest("team: Missing input. A project in an organization must be shared with a team.");
  if (!("name" in fields)) throw badRequest("name: Missing input");
  const now = request.store.now();
  const base: Record<string, unknown> = {
    resource_type: "project",
    name: "",
    notes: "",
    html_notes: "<body></body>",
    archived: false,
    color: null,
    created_at: now,
    modified_at: now,
    due_on: null,
    start_on: null,
    completed: false,
    completed_at: null,
    completed_by: null,
    public: fields.privacy_setting === undefined ? true : fields.privacy_setting === "public_to_workspace",
    privacy_setting: "public_to_workspace",
    default_view: "list",
    current_status_update: null,
    workspace: workspace.gid,
    team: team?.gid ?? null,
    owner: request.me.gid,
    members: [request.me.gid],
    followers: [request.me.gid, ...(fields.followers === undefined ? [] : userList(request, fields.followers, "followers"))],
    custom_field_settings: [],
    permalink_url: "",
  };
  const changes = projectChanges(request, base, fields);
  const created = request.store.insert({ ...base, ...changes, followers: [...new Set(base.followers as string[])] } as Omit<StoredObject, "gid">);
  if (typeof created.owner === "string" && !(created.members as string[]).includes(created.owner))
    created.members = [...(created.members as string[]), created.owner];
  created.permalink_url = `https://app.asana.com/0/${created.gid}/list`;
  return data(projectedProject(request, created), 201);
}

/**
 * deleteProject. Asana deletes the tasks that live only in the project (with their subtasks) and
 * takes multi-homed ones out of it; its sections, custom field settings and status updates go too,
 * and portfolios no longer list it. The documents do not spell this out; it is what the app does.
 */
function deleteProject(request: EmulatorRequest) {
  const { store } = request;
  const owner = mustGet(request, request.params.project_gid, "project", "project");
  const removeTree = (gid: string) => {
    for (const child of store.all("task", (t) => t.parent === gid)) removeTree(child.gid);
    store.delete(gid);
  };
  for (const task of tasksInProject(store, owner)) {
    if (((task.projects as string[] | undefined) ?? []).length > 1) unfileTask(request, task, owner);
    else removeTree(task.gid);
  }
  for (const section of sectionsOf(store, owner)) store.delete(section.gid);
  for (const gid of (owner.custom_field_settings as string[] | undefined) ?? []) store.delete(gid);
  for (const update of store.all("status_update", (u) => u.parent === owner.gid)) store.delete(update.gid);
  for (const portfolio of store.all("portfolio")) {
    const items = (portfolio._items as string[] | undefined) ?? [];
    if (items.includes(owner.gid)) portfolio._items = items.filter((gid) => gid !== owner.gid);
  }
  store.delete(owner.gid);
  return data({});
}

function editMembers(request: EmulatorRequest, edit: "add" | "remove") {
  const owner = mustGet(request, request.params.project_gid, "project", "project");
  const fields = bodyData(request);
  if (fields.members === undefined || fields.members === null) throw badRequest("members: Missing input");
  const named = userList(request, fields.members, "members");
  const members = (owner.members as string[] | undefined) ?? [];
  if (edit === "add") {
    owner.members = [...new Set([...members, ...named])];
  } else {
    // A user who is no longer a member stops following the project too.
    owner.members = members.filter((gid) => !named.includes(gid));
    owner.followers = ((owner.followers as string[] | undefined) ?? []).filter((gid) => !named.includes(gid));
  }
  owner.modified_at = request.store.now();
  return data(projectedProject(request, owner));
}

/** getTaskCountsForProject: "all fields are excluded by default"; each count must be asked for with opt_fields. */
function taskCounts(request: EmulatorRequest) {
  const owner = mustGet(request, request.params.project_gid, "project", "project");
  const tasks = tasksInProject(request.store, owner);
  const milestones = tasks.filter((t) => t.resource_subtype === "milestone");
  const counts: Record<string, number> = {
    num_tasks: tasks.length,
    num_incomplete_tasks: tasks.filter((t) => !t.completed).length,
    num_completed_tasks: tasks.filter((t) => t.completed).length,
    num_milestones: milestones.length,
    num_incomplete_milestones: milestones.filter((t) => !t.completed).length,
    num_completed_milestones: milestones.filter((t) => t.completed).length,
  };
  const wanted = request.optFields ?? [];
  return data(Object.fromEntries(Object.entries(counts).filter(([name]) => wanted.includes(name))));
}

export const projectRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/projects",
    handle: (request) => {
      const { workspace, team, archived } = request.query;
      if (!workspace && !team) throw badRequest("workspace: Missing input. Provide a workspace or a team.");
      if (workspace) mustGet(request, workspace, "workspace", "workspace");
      if (team) mustGet(request, team, "team", "team");
      const projects = request.store.all(
        "project",
        (p) => (!workspace || p.workspace === workspace) && (!team || p.team === team) && (archived === undefined || String(Boolean(p.archived)) === archived),
      );
      return listed(request, projects);
    },
  },
  {
    method: "POST",
    path: "/projects",
    handle: (request) => createProject(request),
  },
  {
    // The asana npm client's getProjectsForWorkspace calls this one rather than GET /projects.
    method: "GET",
    path: "/workspaces/{workspace_gid}/projects",
    handle: (request) => {
      const workspace = mustGet(request, request.params.workspace_gid, "workspace", "workspace");
      const { archived } = request.query;
      return listed(
        request,
        request.store.all("project", (p) => p.workspace === workspace.gid && (archived === undefined || String(Boolean(p.archived)) === archived)),
      );
    },
  },
  {
    method: "GET",
    path: "/teams/{team_gid}/projects",
    handle: (request) => {
      const team = mustGet(request, request.params.team_gid, "team", "team");
      const { archived } = request.query;
      return listed(
        request,
        request.store.all("project", (p) => p.team === team.gid && (archived === undefined || String(Boolean(p.archived)) === archived)),
      );
    },
  },
  {
    method: "POST",
    path: "/teams/{team_gid}/projects",
    handle: (request) => createProject(request, mustGet(request, request.params.team_gid, "team", "team")),
  },
  {
    method: "GET",
    path: "/projects/{project_gid}",
    handle: (request) => data(projectedProject(request, mustGet(request, request.params.project_gid, "project", "project"))),
  },
  {
    method: "PUT",
    path: "/projects/{project_gid}",
    handle: (request) => {
      const owner = mustGet(request, request.params.project_gid, "project", "project");
      const fields = bodyData(request);
      const changes = projectChanges(request, owner, fields);
      if ("team" in fields) {
        const team = mustGet(request, String(fields.team), "team", "team");
        if (team.organization !== owner.workspace) throw badRequest(`team: Team ${team.gid} is not in the project's workspace.`);
        changes.team = team.gid;
      }
      if ("workspace" in fields && fields.workspace !== owner.workspace) throw badRequest("workspace: A project's workspace cannot be changed.");
      Object.assign(owner, changes, { modified_at: request.store.now() });
      return data(projectedProject(request, owner));
    },
  },
  {
    method: "DELETE",
    path: "/projects/{project_gid}",
    handle: deleteProject,
  },
  {
    method: "POST",
    path: "/projects/{project_gid}/addMembers",
    handle: (request) => editMembers(request, "add"),
  },
  {
    method: "POST",
    path: "/projects/{project_gid}/removeMembers",
    handle: (request) => editMembers(request, "remove"),
  },
  {
    method: "GET",
    path: "/projects/{project_gid}/task_counts",
    handle: taskCounts,
  },
];
