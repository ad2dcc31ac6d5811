import { badRequest, bodyData, data, mustGet, notFound, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { listResponse } from "../pagination.js";
import { project } from "../projection.js";
import { sectionsOf, tasksInSection } from "../task-placement.js";
import type { AsanaStore, StoredObject } from "../store.js";
import type { ProjectTemplateRecipe } from "../templates.js";
import { jobAnswer } from "./jobs.js";
import { userByIdentifier } from "./tasks.js";

/**
 * Project and task templates, kept simple but real: instantiating one is a job that builds the
 * project (sections and tasks from the template's recipe) or the task (with its subtasks).
 *
 * A project template's recipe lives in `_recipe` (hidden): sections of tasks, each task due a number
 * of days after the project's start date (requested date "1"; "2" is the due date, per
 * DateVariableCompact). Without a start date, days count from today on the store's clock.
 *
 * A task template's `template` is TaskTemplateRecipe: `relative_due_on` days from instantiation,
 * `description`, `subtasks` (names), `followers`.
 */

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A template's workspace: its team's organization, or (saved from a project outside an organization) the one it keeps. */
export function templateWorkspace(store: AsanaStore, template: StoredObject): unknown {
  return template._workspace ?? store.get(String(template.team), "team")?.organization;
}

/** getProjectTemplates: by workspace or by team (one of them). */
function listProjectTemplates(request: EmulatorRequest, teamGid?: string) {
  const { workspace, team } = request.query;
  const teamFilter = teamGid ?? team;
  if (!workspace && !teamFilter) throw badRequest("workspace: Missing input. Provide a workspace or a team.");
  const owner = teamFilter ? mustGet(request, teamFilter, "team", "team") : undefined;
  const space = workspace ? mustGet(request, workspace, "workspace", "workspace") : undefined;
  const templates = request.store.all(
    "project_template",
    (t) => (!owner || t.team === owner.gid) && (!space || templateWorkspace(request.store, t) === space.gid),
  );
  return listResponse(request, templates);
}

function instantiateProject(request: EmulatorRequest) {
  const template = mustGet(request, request.params.project_template_gid, "project_template", "project_template");
  const fields = bodyData(request);
  if (typeof fields.name !== "string" || fields.name.trim() === "") throw badRequest("name: Missing input");
  const name = fields.name;
  const team =
    fields.team === undefined || fields.team === null
      ? mustGet(request, String(template.team), "team", "team")
      : mustGet(request, String(fields.team), "team", "team");
  const templateTeam = request.store.get(String(template.team), "team");
  if (templateTeam && team.organization !== templateTeam.organization) throw badRequest(`team: Team ${team.gid} is not in the template's organization.`);
  const requested = new Map<string, string>();
  for (const item of (fields.requested_dates as Array<{ gid?: unknown; value?: unknown }> | undefined) ?? []) {
    if (typeof item?.gid !== "string") throw badRequest("requested_dates: Each item needs a gid.");
    if (!((template.requested_dates as Array<{ gid: string }> | undefined) ?? []).some((d) => d.gid === item.gid)) {
      throw badRequest(`requested_dates: ${item.gid} is not a date this template asks for.`);
    }
    if (typeof item.value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(item.value))
      throw badRequest(`requested_dates: The value for ${item.gid} must be a date (YYYY-MM-DD).`);
    requested.set(item.gid, item.value);
  }
  // RequestedRoleRequest: a template role's gid, and "me", an email or a user's gid for it; whoever fills a role joins the project.
  const roleHolders = new Set<string>();
  for (const item of (fields.requested_roles as Array<{ gid?: unknown; value?: unknown }> | undefined) ?? []) {
    if (typeof item?.gid !== "string") throw badRequest("requested_roles: Each item needs a gid.");
    if (!((template.requested_roles as Array<{ gid: string }> | undefined) ?? []).some((r) => r.gid === item.gid)) {
      throw badRequest(`requested_roles: ${item.gid} is not a role of this template.`);
    }
    if (typeof item.value !== "string") throw badRequest(`requested_roles: The value for ${item.gid} must be "me", an email or a user gid.`);
    roleHolders.add(userByIdentifier(request, item.value, "requested_roles").gid);
  }
  // is_strict: "If set to true, the endpoint returns an "Unprocessable Entity" error if you fail to provide a calendar date value for any date variable."
  const missing = ((template.requested_dates as Array<{ gid: string; name: string }> | undefined) ?? []).filter((d) => !requested.has(d.gid));
  if (fields.is_strict === true && missing.length > 0)
    throw badRequest(`requested_dates: Missing values for ${missing.map((d) => `${d.name} (${d.gid})`).join(", ")}.`);
  const job = request.services.jobs.start("instantiate_project", request.me.gid, () => {
    const { store } = request;
    const source = store.get(template.gid, "project_template");
    if (!source) throw notFound(`project_template: Unknown object: ${template.gid}`);
    const now = store.now();
    const start = requested.get("1") ?? null;
    const due = requested.get("2") ?? null;
    const created = store.insert({
      resource_type: "project",
      name,
      notes: String(source.description ?? ""),
      archived: false,
      color: source.color ?? null,
      created_at: now,
      modified_at: now,
      due_on: due,
      start_on: due ? start : null,
      completed: false,
      completed_at: null,
      completed_by: null,
      public:
        fields.public === true ||
        fields.privacy_setting === "public_to_workspace" ||
        (fields.public === undefined && fields.privacy_setting === undefined && source.public === true),
      privacy_setting: typeof fields.privacy_setting === "string" ? fields.privacy_setting : "public_to_workspace",
      current_status_update: null,
      created_from_template: source.gid,
      workspace: team.organization,
      team: team.gid,
      owner: request.me.gid,
      members: [...new Set([request.me.gid, ...roleHolders])],
      followers: [request.me.gid],
      custom_field_settings: [],
      permalink_url: "",
    });
    created.permalink_url = `https://app.asana.com/0/${created.gid}/list`;
    const base = start ?? now.slice(0, 10);
    for (const recipeSection of (source._recipe as ProjectTemplateRecipe | undefined)?.sections ?? []) {
      const section = store.insert({ resource_type: "section", name: recipeSection.name, project: created.gid, created_at: now });
      for (const recipeTask of recipeSection.tasks) {
        const task = store.insert({
          resource_type: "task",
          name: recipeTask.name,
          resource_subtype: "default_task",
          notes: recipeTask.notes ?? "",
          completed: false,
          completed_at: null,
          completed_by: null,
          created_at: now,
          created_by: request.me.gid,
          modified_at: now,
          due_on: recipeTask.dueAfterDays === undefined ? null : addDays(base, recipeTask.dueAfterDays),
          due_at: null,
          start_on: null,
          start_at: null,
          assignee: null,
          parent: null,
          workspace: team.organization,
          projects: [created.gid],
          memberships: [{ project: created.gid, section: section.gid }],
          tags: [],
          followers: [request.me.gid],
          permalink_url: "",
        });
        task.permalink_url = `https://app.asana.com/0/0/${task.gid}`;
      }
    }
    if (sectionsOf(store, created).length === 0) store.insert({ resource_type: "section", name: "Untitled section", project: created.gid, created_at: now });
    return { new_project: created.gid };
  });
  return jobAnswer(request, job, 201);
}

function instantiateTask(request: EmulatorRequest) {
  const template = mustGet(request, request.params.task_template_gid, "task_template", "task_template");
  const fields = bodyData(request);
  if (fields.name !== undefined && (typeof fields.name !== "string" || fields.name.trim() === "")) throw badRequest("name: Must be a non-empty string.");
  const job = request.services.jobs.start("instantiate_task", request.me.gid, () => {
    const { store } = request;
    const source = store.get(template.gid, "task_template");
    if (!source) throw notFound(`task_template: Unknown object: ${template.gid}`);
    const recipe = (source.template as Record<string, unknown> | undefined) ?? {};
    const owner = typeof source.project === "string" ? store.get(source.project, "project") : undefined;
    const firstSection = owner ? sectionsOf(store, owner)[0] : undefined;
    const now = store.now();
    const relativeDue = typeof recipe.relative_due_on === "number" ? recipe.relative_due_on : undefined;
    const followers = ((recipe.followers as Array<{ gid: string }> | undefined) ?? []).map((f) => f.gid);
    const base = {
      resource_type: "task" as const,
      resource_subtype: "default_task",
      completed: false,
      completed_at: null,
      completed_by: null,
      created_at: now,
      created_by: request.me.gid,
      modified_at: now,
      due_at: null,
      start_on: null,
      start_at: null,
      assignee: null,
      workspace: owner?.workspace ?? null,
      tags: [],
      followers: [...new Set([request.me.gid, ...followers])],
      permalink_url: "",
    };
    const task = store.insert({
      ...base,
      name: typeof fields.name === "string" ? fields.name : String(source.name),
      notes: String(recipe.description ?? ""),
      due_on: relativeDue === undefined ? null : addDays(now.slice(0, 10), relativeDue),
      parent: null,
      projects: owner ? [owner.gid] : [],
      memberships: owner ? [firstSection ? { project: owner.gid, section: firstSection.gid } : { project: owner.gid }] : [],
    });
    task.permalink_url = `https://app.asana.com/0/0/${task.gid}`;
    for (const subtask of (recipe.subtasks as Array<{ name: string }> | undefined) ?? []) {
      const child = store.insert({ ...base, name: subtask.name, notes: "", due_on: null, parent: task.gid, projects: [], memberships: [] });
      child.permalink_url = `https://app.asana.com/0/0/${child.gid}`;
    }
    return { new_task: task.gid };
  });
  return jobAnswer(request, job, 201);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * projectSaveAsTemplate (ProjectSaveAsTemplateRequest: name and public required; team for a project
 * in an organization, workspace otherwise). The job makes a template whose recipe is the project's
 * sections and open tasks, each due as many days after the project's start as it is now.
 */
function saveAsTemplate(request: EmulatorRequest) {
  const source = mustGet(request, request.params.project_gid, "project", "project");
  const fields = bodyData(request);
  if (typeof fields.name !== "string" || fields.name.trim() === "") throw badRequest("name: Missing input");
  if (typeof fields.public !== "boolean") throw badRequest("public: Missing input");
  const workspace = mustGet(request, String(source.workspace), "workspace", "workspace");
  if (workspace.is_organization === true) {
    if (fields.workspace !== undefined) throw badRequest("workspace: The project is in an organization; specify team and not workspace.");
    if (fields.team === undefined || fields.team === null)
      throw badRequest("team: Missing input. A template of a project in an organization belongs to a team.");
  } else if (fields.team !== undefined) throw badRequest("team: The project is not in an organization; specify workspace, not team.");
  const team = fields.team === undefined || fields.team === null ? undefined : mustGet(request, String(fields.team), "team", "team");
  if (team && team.organization !== workspace.gid) throw badRequest(`team: Team ${team.gid} is not in the project's workspace.`);
  const name = fields.name;
  const job = request.services.jobs.start("save_project_as_template", request.me.gid, () => {
    const { store } = request;
    const original = store.get(source.gid, "project");
    if (!original) throw notFound(`project: Unknown object: ${source.gid}`);
    const start = typeof original.start_on === "string" ? original.start_on : String(original.created_at ?? store.now()).slice(0, 10);
    const recipe: ProjectTemplateRecipe = {
      sections: sectionsOf(store, original).map((section) => ({
        name: String(section.name),
        tasks: tasksInSection(store, section)
          .filter((task) => !task.completed)
          .map((task) => ({
            name: String(task.name),
            ...(task.notes ? { notes: String(task.notes) } : {}),
            ...(typeof task.due_on === "string" ? { dueAfterDays: daysBetween(start, task.due_on) } : {}),
          })),
      })),
    };
    const template = store.insert({
      resource_type: "project_template",
      name,
      description: String(original.notes ?? ""),
      html_description: `<body>${String(original.notes ?? "")
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")}</body>`,
      public: fields.public === true,
      owner: request.me.gid,
      team: team?.gid ?? null,
      color: original.color ?? null,
      requested_dates: [{ gid: "1", name: "Start Date", description: "Choose a start date for your project." }],
      requested_roles: [],
      _recipe: recipe,
      _workspace: workspace.gid,
    });
    return { new_project_template: template.gid };
  });
  return jobAnswer(request, job, 201);
}

export const templateRoutes: EmulatorRoute[] = [
  { method: "GET", path: "/project_templates", handle: (request) => listProjectTemplates(request) },
  { method: "GET", path: "/teams/{team_gid}/project_templates", handle: (request) => listProjectTemplates(request, request.params.team_gid) },
  {
    method: "GET",
    path: "/project_templates/{project_template_gid}",
    handle: (request) =>
      data(project(request.store, mustGet(request, request.params.project_template_gid, "project_template", "project_template"), request.optFields)),
  },
  { method: "POST", path: "/project_templates/{project_template_gid}/instantiateProject", handle: instantiateProject },
  {
    method: "GET",
    path: "/task_templates",
    handle: (request) => {
      // The document leaves `project` optional; Asana lists a project's templates, so the emulator asks for one.
      if (!request.query.project) throw badRequest("project: Missing input");
      const owner = mustGet(request, request.query.project, "project", "project");
      return listResponse(
        request,
        request.store.all("task_template", (t) => t.project === owner.gid),
      );
    },
  },
  {
    method: "GET",
    path: "/task_templates/{task_template_gid}",
    handle: (request) => data(project(request.store, mustGet(request, request.params.task_template_gid, "task_template", "task_template"), request.optFields)),
  },
  { method: "POST", path: "/task_templates/{task_template_gid}/instantiateTask", handle: instantiateTask },
  { method: "POST", path: "/projects/{project_gid}/saveAsTemplate", handle: saveAsTemplate },
];
