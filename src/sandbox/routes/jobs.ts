import { duplicateProject, parseIncludes, projectIncludes, scheduleShift, taskIncludes, TaskCopier } from "../duplication.js";
import { badRequest, bodyData, data, mustGet, notFound, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { project } from "../projection.js";
import type { StoredObject } from "../store.js";
import { membershipsOf } from "../task-placement.js";

/** A job as JobResponse shows it: subtype, status, and new_project / new_task once the work is done. */
export function jobAnswer(request: EmulatorRequest, job: StoredObject, status = 200) {
  return data(project(request.store, job, request.optFields), status);
}

function requiredName(fields: Record<string, unknown>): string {
  if (typeof fields.name !== "string" || fields.name.trim() === "") throw badRequest("name: Missing input");
  return fields.name;
}

/**
 * duplicateProject. Everything the request says is checked now (a bad request is a 400, not a
 * failed job); the copy is made when the job runs, from the project as it is then.
 */
function duplicateProjectJob(request: EmulatorRequest) {
  const source = mustGet(request, request.params.project_gid, "project", "project");
  const fields = bodyData(request);
  const name = requiredName(fields);
  const includes = parseIncludes(fields.include, projectIncludes);
  const team = fields.team === undefined || fields.team === null ? undefined : mustGet(request, String(fields.team), "team", "team");
  if (team && team.organization !== source.workspace) throw badRequest(`team: Team ${team.gid} is not in the project's workspace.`);
  let schedule: { due_on?: string; start_on?: string; should_skip_weekends: boolean } | undefined;
  if (fields.schedule_dates !== undefined && fields.schedule_dates !== null) {
    // ProjectDuplicateRequest.schedule_dates: "task_dates must be included … Requires should_skip_weekends and either start_on or due_on, but not both."
    const given = fields.schedule_dates as Record<string, unknown>;
    if (!includes.has("task_dates")) throw badRequest("schedule_dates: task_dates must be included in include to use schedule_dates.");
    if (typeof given.should_skip_weekends !== "boolean") throw badRequest("schedule_dates.should_skip_weekends: Missing input");
    if ((given.due_on === undefined) === (given.start_on === undefined)) throw badRequest("schedule_dates: Provide exactly one of due_on and start_on.");
    const day = String(given.due_on ?? given.start_on);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day))) throw badRequest(`schedule_dates: Invalid date format, must be YYYY-MM-DD: ${day}`);
    schedule = { should_skip_weekends: given.should_skip_weekends, ...(given.due_on !== undefined ? { due_on: day } : { start_on: day }) };
  }
  const teamGid = team?.gid ?? (source.team as string | null | undefined) ?? null;
  const job = request.services.jobs.start("duplicate_project", request.me.gid, () => {
    const original = request.store.get(source.gid, "project");
    if (!original) throw notFound(`project: Unknown object: ${source.gid}`);
    const shiftDays = schedule ? scheduleShift(request.store, original, schedule) : 0;
    const copy = duplicateProject(request.store, request.me.gid, original, {
      name,
      team: teamGid,
      includes,
      shiftDays,
      skipWeekends: schedule?.should_skip_weekends ?? false,
    });
    return { new_project: copy.gid };
  });
  return jobAnswer(request, job, 201);
}

/** duplicateTask: a copy named `name`, with what `include` lists. */
function duplicateTaskJob(request: EmulatorRequest) {
  const source = mustGet(request, request.params.task_gid, "task", "task");
  const fields = bodyData(request);
  const name = requiredName(fields);
  const includes = parseIncludes(fields.include, taskIncludes);
  const job = request.services.jobs.start("duplicate_task", request.me.gid, () => {
    const original = request.store.get(source.gid, "task");
    if (!original) throw notFound(`task: Unknown object: ${source.gid}`);
    const copier = new TaskCopier(request.store, request.me.gid, {
      notes: includes.has("notes"),
      assignee: includes.has("assignee"),
      subtasks: includes.has("subtasks"),
      attachments: includes.has("attachments"),
      tags: includes.has("tags"),
      followers: includes.has("followers"),
      dates: includes.has("dates"),
      dependencies: includes.has("dependencies"),
    });
    const memberships = includes.has("projects") ? membershipsOf(original).map((m) => ({ ...m })) : [];
    const copy = copier.copy(
      original,
      {
        projects: memberships.map((m) => m.project),
        memberships,
        parent: includes.has("parent") && typeof original.parent === "string" ? original.parent : null,
      },
      name,
    );
    copier.linkDependencies();
    return { new_task: copy.gid };
  });
  return jobAnswer(request, job, 201);
}

export const jobRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/jobs/{job_gid}",
    handle: (request) => {
      const job = mustGet(request, request.params.job_gid, "job", "job");
      request.services.jobs.observe(job);
      return jobAnswer(request, job);
    },
  },
  {
    method: "POST",
    path: "/projects/{project_gid}/duplicate",
    handle: duplicateProjectJob,
  },
  {
    method: "POST",
    path: "/tasks/{task_gid}/duplicate",
    handle: duplicateTaskJob,
  },
];
