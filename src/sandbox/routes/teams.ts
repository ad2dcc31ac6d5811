import { badRequest, data, mustGet, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { paginate } from "../pagination.js";
import { compactOf, project } from "../projection.js";
import type { StoredObject } from "../store.js";
import { userFromPath } from "./users.js";

function listed(request: EmulatorRequest, teams: StoredObject[]) {
  return paginate(request, teams.map((t) => (request.optFields ? project(request.store, t, request.optFields) : compactOf(request.store, t))));
}

/** Teams exist only inside organizations, so a plain workspace simply has none. */
function teamsOf(request: EmulatorRequest, organizationGid: string, member?: string): StoredObject[] {
  return request.store.all(
    "team",
    (t) => t.organization === organizationGid && (!member || ((t._members as string[] | undefined) ?? []).includes(member)),
  );
}

export const teamRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/teams/{team_gid}",
    handle: (request) => data(project(request.store, mustGet(request, request.params.team_gid, "team", "team"), request.optFields)),
  },
  {
    method: "GET",
    path: "/users/{user_gid}/teams",
    handle: (request) => {
      const user = userFromPath(request, request.params.user_gid);
      // Asana's document marks `organization` as required here, unlike on the other team lists.
      if (!request.query.organization) throw badRequest("organization: Missing input");
      const organization = mustGet(request, request.query.organization, "workspace", "organization");
      return listed(request, teamsOf(request, organization.gid, user.gid));
    },
  },
  {
    method: "GET",
    path: "/workspaces/{workspace_gid}/teams",
    handle: (request) => {
      const workspace = mustGet(request, request.params.workspace_gid, "workspace", "workspace");
      return listed(request, teamsOf(request, workspace.gid));
    },
  },
];
