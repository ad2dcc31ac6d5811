import { badRequest, bodyData, data, mustGet, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { projectedProject, userList } from "./projects.js";

/**
 * addFollowersForProject / removeFollowersForProject. "Followers are a subset of members who have
 * opted in to receive 'tasks added' notifications … if the users are not already members of the
 * project, they will also become members"; removing followers "will not affect project membership
 * status". Both answer with the project.
 */
function editFollowers(request: EmulatorRequest, edit: "add" | "remove") {
  const owner = mustGet(request, request.params.project_gid, "project", "project");
  const fields = bodyData(request);
  if (fields.followers === undefined || fields.followers === null) throw badRequest("followers: Missing input");
  const named = userList(request, fields.followers, "followers");
  const followers = (owner.followers as string[] | undefined) ?? [];
  if (edit === "add") {
    owner.followers = [...new Set([...followers, ...named])];
    owner.members = [...new Set([...((owner.members as string[] | undefined) ?? []), ...named])];
  } else {
    owner.followers = followers.filter((gid) => !named.includes(gid));
  }
  owner.modified_at = request.store.now();
  return data(projectedProject(request, owner));
}

export const projectFollowerRoutes: EmulatorRoute[] = [
  { method: "POST", path: "/projects/{project_gid}/addFollowers", handle: (request) => editFollowers(request, "add") },
  { method: "POST", path: "/projects/{project_gid}/removeFollowers", handle: (request) => editFollowers(request, "remove") },
];
