import { badRequest, data, mustGet, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { paginate } from "../pagination.js";
import { compactOf, project } from "../projection.js";
import type { StoredObject } from "../store.js";

function listed(request: EmulatorRequest, objects: StoredObject[]) {
  return paginate(request, objects.map((o) => (request.optFields ? project(request.store, o, request.optFields) : compactOf(request.store, o))));
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
        (p) =>
          (!workspace || p.workspace === workspace) &&
          (!team || p.team === team) &&
          (archived === undefined || String(Boolean(p.archived)) === archived),
      );
      return listed(request, projects);
    },
  },
  {
    method: "GET",
    path: "/projects/{project_gid}",
    handle: (request) => data(project(request.store, mustGet(request, request.params.project_gid, "project", "project"), request.optFields)),
  },
];
