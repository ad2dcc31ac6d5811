import { badRequest, data, mustGet, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { listResponse } from "../pagination.js";
import { project } from "../projection.js";
import type { StoredObject } from "../store.js";

/**
 * Projects outside an organization have no team, yet Asana's document types `team` as a non-null
 * object; the field is left out for them rather than answered as null.
 */
function projected(request: EmulatorRequest, stored: StoredObject): Record<string, unknown> {
  const result = project(request.store, stored, request.optFields);
  if (result.team === null) delete result.team;
  return result;
}

function listed(request: EmulatorRequest, objects: StoredObject[]) {
  return listResponse(request, objects, (o) => projected(request, o));
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
    handle: (request) => data(projected(request, mustGet(request, request.params.project_gid, "project", "project"))),
  },
];
