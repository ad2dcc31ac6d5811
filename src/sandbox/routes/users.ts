import { data, mustGet, notFound, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { listResponse } from "../pagination.js";
import { project } from "../projection.js";
import type { StoredObject } from "../store.js";

/** Asana's `user_gid` path parameter: "me", an email address, or a gid. */
export function userFromPath(request: EmulatorRequest, value: string | undefined): StoredObject {
  if (value?.includes("@")) {
    const wanted = value.toLowerCase();
    const user = request.store.all("user", (u) => typeof u.email === "string" && u.email.toLowerCase() === wanted)[0];
    if (!user) throw notFound(`user: Unknown object: ${value}`);
    return user;
  }
  return mustGet(request, value, "user", "user");
}

/** Gids are decimal strings of varying length, so "sorted by user ID" means numeric order. */
function byGid(a: StoredObject, b: StoredObject): number {
  const [x, y] = [BigInt(a.gid), BigInt(b.gid)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function workspacesOf(user: StoredObject): string[] {
  return (user.workspaces as string[] | undefined) ?? [];
}

export const userRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/users",
    handle: (request) => {
      const { workspace, team } = request.query;
      const workspaceGid = workspace ? mustGet(request, workspace, "workspace", "workspace").gid : undefined;
      const teamMembers = team ? new Set((mustGet(request, team, "team", "team")._members as string[] | undefined) ?? []) : undefined;
      // Without a workspace, Asana lists everyone the caller shares a workspace with.
      const visible = new Set(workspacesOf(request.me));
      const users = request.store
        .all(
          "user",
          (u) =>
            (workspaceGid ? workspacesOf(u).includes(workspaceGid) : workspacesOf(u).some((w) => visible.has(w))) && (!teamMembers || teamMembers.has(u.gid)),
        )
        .sort(byGid);
      return listResponse(request, users);
    },
  },
  {
    method: "GET",
    path: "/users/{user_gid}",
    handle: (request) => data(project(request.store, userFromPath(request, request.params.user_gid), request.optFields)),
  },
];
