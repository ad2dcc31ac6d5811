import type { NamedRef } from "./params.js";

/**
 * Output trimming: models pay for every token, and Asana objects are wide and full of nulls.
 * Tools pick a fixed set of meaningful fields; these helpers drop what is empty and rename `gid` to `id`
 * (as Arcade's toolkit does, so agents written for it read our outputs unchanged).
 */

export interface AsanaRef {
  gid: string;
  name?: string | null;
}

export function refOf(raw: AsanaRef | null | undefined): NamedRef | undefined {
  if (!raw?.gid) return undefined;
  return raw.name ? { id: raw.gid, name: raw.name } : { id: raw.gid };
}

export function refsOf(raw: readonly AsanaRef[] | null | undefined): NamedRef[] | undefined {
  const refs = (raw ?? []).map(refOf).filter((ref): ref is NamedRef => ref !== undefined);
  return refs.length > 0 ? refs : undefined;
}

type Compacted<T> = { [K in keyof T]?: Exclude<T[K], null> };

/** Drops keys whose value is null, undefined, an empty string or an empty array. */
export function compact<T extends Record<string, unknown>>(value: T): Compacted<T> {
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === null || field === undefined || field === "") continue;
    if (Array.isArray(field) && field.length === 0) continue;
    result[key] = field;
  }
  return result as Compacted<T>;
}

/**
 * A value the caller sent, quoted for a message and cut to `max` characters: an error must not grow
 * with its input (a 1 MB project name would otherwise come back as a 1 MB error).
 */
export function quoted(value: string, max = 80): string {
  return JSON.stringify(shortened(value, max));
}

/** The same cut, for a value shown without quotes. */
export function shortened(value: string, max = 80): string {
  return value.length > max ? `${value.slice(0, max - 3)}...` : value;
}
