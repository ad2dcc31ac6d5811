import { badRequest, bodyData, data, mustGet, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { listResponse } from "../pagination.js";
import { requireAdvanced } from "../plans.js";
import { project } from "../projection.js";
import type { StoredObject } from "../store.js";

/**
 * Time tracking entries on tasks (Asana's Advanced and Enterprise plans; see requireAdvanced for
 * why other plans get 402). Each write keeps the task's `actual_time_minutes` equal to the sum of
 * its entries. `attributable_to` must be one of the task's projects; entries start as DRAFT
 * (timesheet approval is not emulated).
 */

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const billableStatuses = new Set(["billable", "nonBillable", "notApplicable"]);

function advancedTask(request: EmulatorRequest, gid: string | undefined): StoredObject {
  const task = mustGet(request, gid, "task", "task");
  requireAdvanced(mustGet(request, String(task.workspace), "workspace", "workspace"), "Time tracking");
  return task;
}

function advancedEntry(request: EmulatorRequest): { entry: StoredObject; task: StoredObject } {
  const entry = mustGet(request, request.params.time_tracking_entry_gid, "time_tracking_entry", "time_tracking_entry");
  return { entry, task: advancedTask(request, String(entry.task)) };
}

function totalMinutes(request: EmulatorRequest, task: StoredObject): void {
  const entries = request.store.all("time_tracking_entry", (e) => e.task === task.gid);
  task.actual_time_minutes = entries.reduce((sum, e) => sum + Number(e.duration_minutes), 0);
}

/** The fields create and update share (CreateTimeTrackingEntryRequest / UpdateTimeTrackingEntryRequest). */
function entryFields(request: EmulatorRequest, task: StoredObject, fields: Record<string, unknown>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if ("duration_minutes" in fields) {
    const minutes = fields.duration_minutes;
    if (typeof minutes !== "number" || !Number.isInteger(minutes) || minutes <= 0) {
      throw badRequest(`duration_minutes: Must be a positive whole number of minutes; got ${JSON.stringify(minutes)}.`);
    }
    changes.duration_minutes = minutes;
  }
  if ("entered_on" in fields) {
    const day = fields.entered_on;
    if (typeof day !== "string" || !isoDate.test(day) || Number.isNaN(Date.parse(day)))
      throw badRequest(`entered_on: Invalid date format, must be YYYY-MM-DD: ${String(day)}`);
    changes.entered_on = day;
  }
  if ("attributable_to" in fields && fields.attributable_to !== null) {
    const owner = mustGet(request, String(fields.attributable_to), "project", "attributable_to");
    if (!((task.projects as string[] | undefined) ?? []).includes(owner.gid)) {
      throw badRequest(`attributable_to: Project ${owner.gid} is not one of the task's projects; time can only be attributed to a project the task is in.`);
    }
    changes.attributable_to = owner.gid;
  }
  if ("billable_status" in fields) {
    if (typeof fields.billable_status !== "string" || !billableStatuses.has(fields.billable_status)) {
      throw badRequest(`billable_status: Invalid value: ${String(fields.billable_status)}. Must be one of ${[...billableStatuses].join(", ")}.`);
    }
    changes.billable_status = fields.billable_status;
  }
  if ("description" in fields) {
    if (typeof fields.description !== "string") throw badRequest("description: Must be a string.");
    changes.description = fields.description;
  }
  return changes;
}

export const timeTrackingRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/tasks/{task_gid}/time_tracking_entries",
    handle: (request) => {
      const task = advancedTask(request, request.params.task_gid);
      return listResponse(
        request,
        request.store.all("time_tracking_entry", (e) => e.task === task.gid),
      );
    },
  },
  {
    method: "POST",
    path: "/tasks/{task_gid}/time_tracking_entries",
    handle: (request) => {
      const task = advancedTask(request, request.params.task_gid);
      const fields = bodyData(request);
      if (fields.duration_minutes === undefined) throw badRequest("duration_minutes: Missing input");
      const changes = entryFields(request, task, fields);
      const projects = (task.projects as string[] | undefined) ?? [];
      const entry = request.store.insert({
        resource_type: "time_tracking_entry",
        task: task.gid,
        created_by: request.me.gid,
        created_at: request.store.now(),
        // Without attributable_to, time counts toward the task's first project, if it has one.
        ...(projects[0] ? { attributable_to: projects[0] } : {}),
        // CreateTimeTrackingEntryRequest.entered_on: "Defaults to today if not specified" (today on the store's clock, UTC).
        entered_on: request.store.now().slice(0, 10),
        approval_status: "DRAFT",
        billable_status: "notApplicable",
        description: "",
        categories: [],
        ...changes,
      });
      totalMinutes(request, task);
      return data(project(request.store, entry, request.optFields), 201);
    },
  },
  {
    method: "GET",
    path: "/time_tracking_entries/{time_tracking_entry_gid}",
    handle: (request) => data(project(request.store, advancedEntry(request).entry, request.optFields)),
  },
  {
    method: "PUT",
    path: "/time_tracking_entries/{time_tracking_entry_gid}",
    handle: (request) => {
      const { entry, task } = advancedEntry(request);
      Object.assign(entry, entryFields(request, task, bodyData(request)));
      totalMinutes(request, task);
      return data(project(request.store, entry, request.optFields));
    },
  },
  {
    method: "DELETE",
    path: "/time_tracking_entries/{time_tracking_entry_gid}",
    handle: (request) => {
      const { entry, task } = advancedEntry(request);
      request.store.delete(entry.gid);
      totalMinutes(request, task);
      return data({});
    },
  },
];
