import { data, mustGet, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { listResponse } from "../pagination.js";
import { requirePremium } from "../plans.js";
import { project } from "../projection.js";
import type { StoredObject } from "../store.js";

/** Custom field definitions and a project's settings: premium only, 402 on a free workspace, reads included. */

function workspaceOf(request: EmulatorRequest, object: StoredObject): StoredObject {
  return mustGet(request, String(object.workspace), "workspace", "workspace");
}

/** CustomFieldResponse has no workspace; the emulator keeps one on the definition for its own lookups. */
function projectedField(request: EmulatorRequest, field: StoredObject): Record<string, unknown> {
  const result = project(request.store, field, request.optFields);
  delete result.workspace;
  return result;
}

export const customFieldRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/workspaces/{workspace_gid}/custom_fields",
    handle: (request) => {
      const workspace = mustGet(request, request.params.workspace_gid, "workspace", "workspace");
      requirePremium(workspace, "Custom fields");
      return listResponse(
        request,
        request.store.all("custom_field", (f) => f.workspace === workspace.gid),
        (f) => projectedField(request, f),
      );
    },
  },
  {
    method: "GET",
    path: "/custom_fields/{custom_field_gid}",
    handle: (request) => {
      const field = mustGet(request, request.params.custom_field_gid, "custom_field", "custom_field");
      requirePremium(workspaceOf(request, field), "Custom fields");
      return data(projectedField(request, field));
    },
  },
  {
    method: "GET",
    path: "/projects/{project_gid}/custom_field_settings",
    handle: (request) => {
      const owner = mustGet(request, request.params.project_gid, "project", "project");
      requirePremium(workspaceOf(request, owner), "Custom fields");
      const settings = ((owner.custom_field_settings as string[] | undefined) ?? [])
        .map((gid) => request.store.get(gid, "custom_field_setting"))
        .filter((setting): setting is StoredObject => setting !== undefined);
      return listResponse(request, settings);
    },
  },
];
