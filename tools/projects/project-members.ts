import { asanaPath, type AsanaSession } from "../../src/asana/index.js";
import { presentProject, projectShape, type AsanaProject } from "./model.js";

/** What AddProjectMembers and RemoveProjectMembers share: the people, and the answer. */

export { usersParam as membersParam } from "../shared/members.js";

export const projectMembersShape = projectShape.pick({ id: true, name: true, members: true, member_count: true });

/** addMembers / removeMembers take the users as one comma-separated string (AddMembersRequest.members). */
export async function editProjectMembers(asana: AsanaSession, projectId: string, edit: "addMembers" | "removeMembers", members: readonly string[]) {
  const path = edit === "addMembers" ? asanaPath`/projects/${projectId}/addMembers` : asanaPath`/projects/${projectId}/removeMembers`;
  const raw = await asana.post<AsanaProject>(path, { members: [...new Set(members)].join(",") }, { optFields: ["name", "members.name"], idempotent: true });
  const { id, name, members: shown, member_count } = presentProject(raw);
  return { id, ...(name ? { name } : {}), ...(shown ? { members: shown } : {}), ...(member_count !== undefined ? { member_count } : {}) };
}
