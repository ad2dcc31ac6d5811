import * as z from "zod";
import { asanaPath, type AsanaSession } from "../../src/asana/index.js";
import { compact, gidParam, mutationStatus, namedRef, type AsanaRef } from "../../src/toolkit/index.js";
import { findProjectHint } from "../shared/hints.js";
import { maxMembersShown, presentMembers } from "../shared/members.js";
import { membersParam } from "./project-members.js";

/** What AddProjectFollowers and RemoveProjectFollowers share: the people, and the answer. */

export const projectFollowersInput = z.strictObject({
  project_id: gidParam("project", findProjectHint),
  followers: membersParam,
});

export const projectFollowersOutput = z.object({
  status: mutationStatus,
  project: z.object({
    id: z.string(),
    name: z.string().optional(),
    followers: z.array(namedRef).optional().describe(`Up to ${maxMembersShown} followers.`),
    follower_count: z.number().int().optional().describe(`The total, given when there are more than ${maxMembersShown}.`),
  }),
});

/** addFollowers / removeFollowers take the users as one comma-separated string (AddFollowersRequest.followers). */
export async function editProjectFollowers(asana: AsanaSession, projectId: string, edit: "addFollowers" | "removeFollowers", followers: readonly string[]) {
  const path = edit === "addFollowers" ? asanaPath`/projects/${projectId}/addFollowers` : asanaPath`/projects/${projectId}/removeFollowers`;
  const raw = await asana.post<{ gid: string; name?: string; followers?: AsanaRef[] }>(
    path,
    { followers: [...new Set(followers)].join(",") },
    { optFields: ["name", "followers.name"], idempotent: true },
  );
  const { members, member_count } = presentMembers(raw.followers);
  return { id: raw.gid, ...compact({ name: raw.name, followers: members, follower_count: member_count }) };
}
