import { badRequest } from "./http-kit.js";
import type { StoredObject } from "./store.js";

/**
 * Asana keeps a hand-made order for a project's sections, a section's tasks and a task's subtasks,
 * and lets callers place an item with `insert_before` / `insert_after`. The emulator keeps each
 * order as a list of gids on the container, under a `_`-prefixed key so it never shows in output;
 * members it has not placed yet follow in creation order.
 */
export type OrderKey = "_section_order" | "_task_order" | "_subtask_order" | "_items";

export function inManualOrder(container: StoredObject, key: OrderKey, members: StoredObject[]): StoredObject[] {
  const order = (container[key] as string[] | undefined) ?? [];
  const rank = (member: StoredObject) => {
    const index = order.indexOf(member.gid);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  // Array.prototype.sort is stable, so unplaced members keep their creation order.
  return [...members].sort((a, b) => rank(a) - rank(b));
}

/**
 * Where to put an item: before or after a sibling, `null` for Asana's "beginning" (insert_after) or
 * "end" (insert_before), or nowhere in particular (`where` decides).
 */
export interface Placement {
  insert_before?: unknown;
  insert_after?: unknown;
}

/** Asana refuses both anchors at once, and an anchor that is not a sibling in the same list. */
export function checkPlacement(placement: Placement, siblings: StoredObject[], movedGid: string, siblingsAre: string): void {
  if (placement.insert_before !== undefined && placement.insert_after !== undefined) {
    throw badRequest("insert_before: Cannot be provided together with insert_after.");
  }
  for (const field of ["insert_before", "insert_after"] as const) {
    const anchor = placement[field];
    if (anchor === undefined || anchor === null) continue;
    if (anchor === movedGid) throw badRequest(`${field}: ${movedGid} is the item being placed; it cannot be placed relative to itself.`);
    if (!siblings.some((sibling) => sibling.gid === anchor)) throw badRequest(`${field}: ${String(anchor)} is not one of the ${siblingsAre}.`);
  }
}

/** Moves (or adds) `movedGid` in the container's order; without an anchor it goes to `where`. */
export function placeInOrder(
  container: StoredObject,
  key: OrderKey,
  siblings: StoredObject[],
  movedGid: string,
  placement: Placement,
  where: "start" | "end",
): void {
  const order = inManualOrder(container, key, siblings)
    .map((sibling) => sibling.gid)
    .filter((gid) => gid !== movedGid);
  let index: number;
  if (typeof placement.insert_before === "string") index = order.indexOf(placement.insert_before);
  else if (typeof placement.insert_after === "string") index = order.indexOf(placement.insert_after) + 1;
  else if (placement.insert_after === null) index = 0;
  else if (placement.insert_before === null) index = order.length;
  else index = where === "start" ? 0 : order.length;
  order.splice(index, 0, movedGid);
  container[key] = order;
}

export function removeFromOrder(container: StoredObject | undefined, key: OrderKey, gid: string): void {
  const order = container?.[key] as string[] | undefined;
  if (container && order) container[key] = order.filter((member) => member !== gid);
}
