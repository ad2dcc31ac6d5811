import { data, mustGet, type EmulatorRoute } from "../http-kit.js";
import { paginate } from "../pagination.js";
import { compactOf, project } from "../projection.js";

export const workspaceRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/workspaces",
    handle: (request) => {
      const memberOf = new Set((request.me.workspaces as string[] | undefined) ?? []);
      const workspaces = request.store.all("workspace", (w) => memberOf.has(w.gid));
      return paginate(request, workspaces.map((w) => (request.optFields ? project(request.store, w, request.optFields) : compactOf(request.store, w))));
    },
  },
  {
    method: "GET",
    path: "/workspaces/{workspace_gid}",
    handle: (request) => data(project(request.store, mustGet(request, request.params.workspace_gid, "workspace", "workspace"), request.optFields)),
  },
];
