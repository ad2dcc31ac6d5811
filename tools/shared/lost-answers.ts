import type { AsanaSession } from "../../src/asana/index.js";

/**
 * Pages through a list until `matches` finds an item, up to `maxPages` pages of 100: a lost answer is
 * looked for briefly, never with an unbounded scan.
 */
export async function findInPages<T>(
  asana: AsanaSession,
  path: string,
  request: { query?: Record<string, string | undefined>; optFields: readonly string[] },
  matches: (item: T) => boolean,
  maxPages = 5,
): Promise<T[]> {
  const found: T[] = [];
  let offset: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const result: { items: T[]; nextOffset: string | null } = await asana.getPage<T>(path, { limit: 100, offset, ...request });
    found.push(...result.items.filter(matches));
    offset = result.nextOffset;
    if (!offset) break;
  }
  return found;
}

/** The current user's id, to tell the caller's own comment from someone else's. */
export async function currentUserId(asana: AsanaSession): Promise<string> {
  return (await asana.get<{ gid: string }>("/users/me", { optFields: ["name"] })).gid;
}
