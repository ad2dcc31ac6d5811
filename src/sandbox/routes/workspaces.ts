import { data, mustGet, type EmulatorRoute } from "../http-kit.js";
import { listResponse } from "../pagination.js";
import { project } from "../projection.js";

export const workspaceRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/workspaces",
    handle: (request) => {
      const memberOf = new Set((request.me.workspaces as string[] | undefined) ?? []);
      const workspaces = request.store.all("workspace", (w) => memberOf.has(w.gid));
      return listResponse(request, workspaces);
    },
  },
  {
    method: "GET",
    path: "/workspaces/{workspace_gid}",
    handle: (request) => data(project(request.store, mustGet(request, request.params.workspace_gid, "workspace", "workspace"), request.optFields)),
  },
];
