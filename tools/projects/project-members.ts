import * as z from "zod";
import { asanaPath, type AsanaSession } from "../../src/asana/index.js";
import { isUserRef } from "../../src/toolkit/index.js";
import { findUserHint } from "../shared/hints.js";
import { presentProject, projectShape, type AsanaProject } from "./model.js";
import { maxMembersPerCall } from "./params.js";

/** What AddProjectMembers and RemoveProjectMembers share: the people, and the answer. */

const memberRule = `must be "me", a user id (digits) or an email address. ${findUserHint}`;

export const membersParam = z
  .array(
    z
      .string({ error: memberRule })
      .trim()
      .refine((value) => value.length <= 254 && isUserRef(value), { error: memberRule }),
    {
      error: 'must be a list of users, such as ["me", "dana@example.com"]',
    },
  )
  .min(1, { error: "must name at least one user" })
  .max(maxMembersPerCall, { error: `must name at most ${maxMembersPerCall} users per call` })
  .describe('"me", user ids or emails.');

export const projectMembersShape = projectShape.pick({ id: true, name: true, members: true, member_count: true });

/** addMembers / removeMembers take the users as one comma-separated string (AddMembersRequest.members). */
export async function editProjectMembers(asana: AsanaSession, projectId: string, edit: "addMembers" | "removeMembers", members: readonly string[]) {
  const path = edit === "addMembers" ? asanaPath`/projects/${projectId}/addMembers` : asanaPath`/projects/${projectId}/removeMembers`;
  const raw = await asana.post<AsanaProject>(path, { members: [...new Set(members)].join(",") }, { optFields: ["name", "members.name"], idempotent: true });
  const { id, name, members: shown, member_count } = presentProject(raw);
  return { id, ...(name ? { name } : {}), ...(shown ? { members: shown } : {}), ...(member_count !== undefined ? { member_count } : {}) };
}
