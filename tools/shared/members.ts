import * as z from "zod";
import { isUserRef, refsOf, type AsanaRef, type NamedRef } from "../../src/toolkit/index.js";
import { findUserHint } from "./hints.js";

/** Members listed by name on a project or portfolio; beyond this only the count is given. */
export const maxMembersShown = 20;

/**
 * The first members and, when there are more than fit, how many there are in all: a large team's
 * project would otherwise answer with hundreds of names nobody asked for.
 */
export function presentMembers(raw: readonly AsanaRef[] | null | undefined): { members: NamedRef[] | undefined; member_count: number | undefined } {
  const members = refsOf(raw);
  return {
    members: members?.slice(0, maxMembersShown),
    member_count: members && members.length > maxMembersShown ? members.length : undefined,
  };
}

/** People added or removed in one call (members, followers); more is a runaway argument, not a team. */
export const maxUsersPerCall = 50;

const userRule = `must be "me", a user id (digits) or an email address. ${findUserHint}`;

/** Users as Asana takes them in member and follower lists: "me", gids or emails. */
export const usersParam = z
  .array(
    z
      .string({ error: userRule })
      .trim()
      .refine((value) => value.length <= 254 && isUserRef(value), { error: userRule }),
    {
      error: 'must be a list of users, such as ["me", "dana@example.com"]',
    },
  )
  .min(1, { error: "must name at least one user" })
  .max(maxUsersPerCall, { error: `must name at most ${maxUsersPerCall} users per call` })
  .describe('"me", user ids or emails.');
