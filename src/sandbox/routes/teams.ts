import { badRequest, data, mustGet, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { listResponse } from "../pagination.js";
import { project } from "../projection.js";
import type { StoredObject } from "../store.js";
import { userFromPath } from "./users.js";

/** Teams exist only inside organizations, so a plain workspace simply has none. */
function teamsOf(request: EmulatorRequest, organizationGid: string, member?: string): StoredObject[] {
  return request.store.all("team", (t) => t.organization === organizationGid && (!member || ((t._members as string[] | undefined) ?? []).includes(member)));
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
      return listResponse(request, teamsOf(request, organization.gid, user.gid));
    },
  },
  {
    method: "GET",
    path: "/workspaces/{workspace_gid}/teams",
    handle: (request) => {
      const workspace = mustGet(request, request.params.workspace_gid, "workspace", "workspace");
      return listResponse(request, teamsOf(request, workspace.gid));
    },
  },
];
