import type { AsanaSession } from "../../src/asana/index.js";
import { quoted } from "../../src/toolkit/index.js";

/**
 * Pieces the write tools' previews share (ToolSpec.preview): the words a person reads before saying
 * yes, and the cheap reads behind them.
 */

/** One page is enough to say "2 comments" or "100+ comments"; a preview never walks every page. */
const countPageSize = 100;

export interface PageCount {
  count: number;
  /** More pages followed: the count is a lower bound. */
  more: boolean;
}

/** How many items a list holds, from its first page only; `keep` counts only some of them (comments among stories). */
export async function countFirstPage<T>(asana: AsanaSession, path: string, fields: readonly string[], keep?: (item: T) => boolean): Promise<PageCount> {
  const page = await asana.getPage<T>(path, { limit: countPageSize, optFields: fields });
  return { count: keep ? page.items.filter(keep).length : page.items.length, more: page.nextOffset !== null };
}

/** "1 subtask", "3 subtasks", "no subtasks", "100+ comments". */
export function counted(count: number | PageCount, one: string, many = `${one}s`): string {
  const { count: n, more } = typeof count === "number" ? { count, more: false } : count;
  if (n === 0 && !more) return `no ${many}`;
  return `${n}${more ? "+" : ""} ${n === 1 && !more ? one : many}`;
}

/** `"A", "B", "C" and 22 more`: enough names to recognise a list, never the whole of a long one. */
export function someNames(names: readonly string[], shown = 3): string {
  const listed = names.slice(0, shown).map((name) => quoted(name, 60));
  const rest = names.length - listed.length;
  if (rest > 0) return `${listed.join(", ")} and ${rest} more`;
  if (listed.length <= 1) return listed.join("");
  return `${listed.slice(0, -1).join(", ")} and ${listed.at(-1)}`;
}

/** A named object as a preview shows it: its name, else its id. */
export function named(kind: string, object: { name?: string | null | undefined }, id: string): string {
  return object.name ? `${kind} ${quoted(object.name)}` : `${kind} ${id}`;
}
