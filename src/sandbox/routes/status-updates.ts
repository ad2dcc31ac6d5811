import { badRequest, bodyData, data, mustGet, notFound, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { listResponse } from "../pagination.js";
import { requirePremium } from "../plans.js";
import { project } from "../projection.js";
import type { StoredObject } from "../store.js";
import { insertStatusUpdate } from "../status-updates.js";
import { readRichText } from "../rich-text.js";

/**
 * Status updates on projects, portfolios and goals (spec tag "Status updates"). They cannot be
 * edited, only posted and deleted. Posting one makes it the parent's `current_status_update`; on a
 * goal it also sets the goal's `status` (on_track → green, at_risk → yellow, off_track → red, the
 * closing types as themselves, per GoalResponse.status). Rich text follows the rules for comments
 * (asana-api.md: status updates take `html_text` like stories).
 *
 * Plans: updates on portfolios and goals need a paid plan like their parents (402 on free);
 * project status updates work on every plan.
 */

const statusTypesFor: Record<string, readonly string[]> = {
  project: ["on_track", "at_risk", "off_track", "on_hold", "complete", "dropped"],
  portfolio: ["on_track", "at_risk", "off_track", "on_hold", "complete", "dropped"],
  goal: ["on_track", "at_risk", "off_track", "achieved", "partial", "missed", "dropped"],
};

const goalStatusFor: Record<string, string> = {
  on_track: "green",
  at_risk: "yellow",
  off_track: "red",
  achieved: "achieved",
  partial: "partial",
  missed: "missed",
  dropped: "dropped",
};

function parentOf(request: EmulatorRequest, gid: unknown, field = "parent"): StoredObject {
  if (gid === undefined || gid === null || gid === "") throw badRequest(`${field}: Missing input`);
  if (typeof gid !== "string" || !/^\d+$/.test(gid)) throw badRequest(`${field}: Not a valid gid: ${String(gid)}`);
  const parent = request.store.get(gid);
  if (!parent || !(parent.resource_type in statusTypesFor)) throw notFound(`${field}: Unknown object: ${gid}`);
  if (parent.resource_type !== "project")
    requirePremium(mustGet(request, String(parent.workspace), "workspace", "workspace"), `${parent.resource_type === "goal" ? "Goals" : "Portfolios"}`);
  return parent;
}

/** A parent's updates, newest first. */
function updatesOf(request: EmulatorRequest, parent: StoredObject): StoredObject[] {
  return request.store.all("status_update", (u) => u.parent === parent.gid).reverse();
}

function createStatusUpdate(request: EmulatorRequest) {
  const fields = bodyData(request);
  const parent = parentOf(request, fields.parent);
  const allowed = statusTypesFor[parent.resource_type]!;
  if (fields.status_type === undefined) throw badRequest("status_type: Missing input");
  if (typeof fields.status_type !== "string" || !allowed.includes(fields.status_type)) {
    throw badRequest(`status_type: ${String(fields.status_type)} is not a status for a ${parent.resource_type}. Use one of ${allowed.join(", ")}.`);
  }
  if (fields.text !== undefined && fields.html_text !== undefined) throw badRequest("text: Cannot be used together with html_text.");
  const read = typeof fields.html_text === "string" ? readRichText(fields.html_text, "status_update") : undefined;
  if (read && "problem" in read) throw badRequest(`html_text: ${read.problem}`);
  const text = typeof fields.text === "string" ? fields.text : read?.plain;
  if (!text) throw badRequest("text: Missing input");
  const update = insertStatusUpdate(request.store, parent, request.me, {
    statusType: fields.status_type,
    title: typeof fields.title === "string" ? fields.title : "",
    text,
    htmlText: typeof fields.html_text === "string" ? fields.html_text : `<body>${text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</body>`,
  });
  if (parent.resource_type === "goal") parent.status = goalStatusFor[fields.status_type] ?? null;
  parent.modified_at = update.created_at;
  return data(project(request.store, update, request.optFields), 201);
}

export const statusUpdateRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/status_updates",
    handle: (request) => {
      const parent = parentOf(request, request.query.parent);
      const since = request.query.created_since;
      if (since !== undefined && Number.isNaN(Date.parse(since))) throw badRequest(`created_since: Expected an ISO 8601 date-time, got: ${since}`);
      const updates = updatesOf(request, parent).filter((u) => since === undefined || Date.parse(String(u.created_at)) >= Date.parse(since));
      return listResponse(request, updates);
    },
  },
  {
    method: "GET",
    path: "/status_updates/{status_update_gid}",
    handle: (request) => data(project(request.store, mustGet(request, request.params.status_update_gid, "status_update", "status_update"), request.optFields)),
  },
  {
    method: "POST",
    path: "/status_updates",
    handle: createStatusUpdate,
  },
  {
    method: "DELETE",
    path: "/status_updates/{status_update_gid}",
    handle: (request) => {
      const update = mustGet(request, request.params.status_update_gid, "status_update", "status_update");
      request.store.delete(update.gid);
      // The parent's current status falls back to its latest remaining update.
      const parent = request.store.get(String(update.parent));
      if (parent && parent.current_status_update === update.gid) {
        const latest = updatesOf(request, parent)[0];
        parent.current_status_update = latest?.gid ?? null;
        if (parent.resource_type === "goal") parent.status = latest ? (goalStatusFor[String(latest.status_type)] ?? null) : null;
      }
      return data({});
    },
  },
];
