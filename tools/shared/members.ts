import { refsOf, type AsanaRef, type NamedRef } from "../../src/toolkit/index.js";

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
