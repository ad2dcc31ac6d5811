import { badRequest, bodyData, data, mustGet, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { paginate } from "../pagination.js";
import { project } from "../projection.js";
import { readRichText } from "../rich-text.js";
import type { StoredObject } from "../store.js";
import { insertStatusUpdate } from "../status-updates.js";

/**
 * Project statuses (spec tag "Project statuses"), Asana's deprecated forerunner of status updates that
 * older clients still call (the `asana` npm client's ProjectStatusesApi). They are stored as project
 * status updates, so either API sees what the other posted: a status's `color` maps to a status type
 * the way Asana's UI pairs them (green on track, yellow at risk, red off track, blue on hold).
 */

const statusTypeOfColor: Record<string, string> = { green: "on_track", yellow: "at_risk", red: "off_track", blue: "on_hold", complete: "complete" };
const colorOfStatusType: Record<string, string> = Object.fromEntries(Object.entries(statusTypeOfColor).map(([color, type]) => [type, color]));

/** ProjectStatusCompact's fields (gid, resource_type, title); ProjectStatusResponse's on a single answer. */
const compactFields = ["title"];
const fullFields = ["title", "text", "html_text", "color", "author", "created_at", "created_by", "modified_at"];

function asProjectStatus(request: EmulatorRequest, update: StoredObject, fields: readonly string[]): Record<string, unknown> {
  const wanted = request.optFields ?? fields;
  const view = project(
    request.store,
    update,
    wanted.filter((field) => field.split(".")[0] !== "color"),
  );
  return {
    ...view,
    resource_type: "project_status",
    ...(wanted.includes("color") ? { color: colorOfStatusType[String(update.status_type)] ?? null } : {}),
  };
}

export const projectStatusRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/projects/{project_gid}/project_statuses",
    handle: (request) => {
      const parent = mustGet(request, request.params.project_gid, "project", "project");
      const updates = request.store.all("status_update", (u) => u.parent === parent.gid).reverse();
      return paginate(
        request,
        updates.map((update) => asProjectStatus(request, update, compactFields)),
      );
    },
  },
  {
    method: "POST",
    path: "/projects/{project_gid}/project_statuses",
    handle: (request) => {
      const parent = mustGet(request, request.params.project_gid, "project", "project");
      const fields = bodyData(request);
      const color = fields.color;
      if (color === undefined) throw badRequest("color: Missing input");
      if (typeof color !== "string" || !(color in statusTypeOfColor))
        throw badRequest(`color: ${String(color)} is not one of ${Object.keys(statusTypeOfColor).join(", ")}`);
      if (fields.text !== undefined && fields.html_text !== undefined) throw badRequest("text: Cannot be used together with html_text.");
      const read = typeof fields.html_text === "string" ? readRichText(fields.html_text, "status_update") : undefined;
      if (read && "problem" in read) throw badRequest(`html_text: ${read.problem}`);
      const text = typeof fields.text === "string" ? fields.text : read?.plain;
      if (!text) throw badRequest("text: Missing input");
      const update = insertStatusUpdate(request.store, parent, request.me, {
        statusType: statusTypeOfColor[color]!,
        title: typeof fields.title === "string" ? fields.title : "",
        text,
        htmlText: typeof fields.html_text === "string" ? fields.html_text : `<body>${text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</body>`,
      });
      parent.modified_at = update.created_at;
      return data(asProjectStatus(request, update, fullFields), 201);
    },
  },
];
