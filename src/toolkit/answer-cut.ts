/**
 * Cutting an answer to a byte budget, measured on the compact JSON text a client gets (the text
 * content, which is exactly `JSON.stringify` of structuredContent). What is kept, in order:
 * - a page's list keeps whole items, first to last: never half an item;
 * - lists a tool names as "cut first" (a task's subtasks, which another tool pages through) go before
 *   anything else;
 * - then the largest part is cut down towards the next largest, over and over (a water level), so a
 *   long text and a long list both keep a fair share: lists lose whole items from the end, texts lose
 *   their tail behind a marker;
 * - ids, names and cursors are cut last of all, and only when nothing else is left.
 * Every cut is recorded, so the answer can say what was left out and how to fetch it.
 */

export interface Cut {
  /** Where, as a model reads it: `tasks`, `task.notes`, `comments[0].text`. */
  path: string;
  kind: "items" | "text";
  /** Items or characters kept. */
  shown: number;
  /** Items or characters left out. */
  leftOut: number;
}

export interface CutPlan {
  budget: number;
  /** The top-level list the answer is a page of: whole items, at least one while anything else can go. */
  list?: string | undefined;
  /** Lists cut before anything else (whole items, down to none), in this order. */
  first: readonly string[];
  /**
   * Writes what depends on the cuts into the answer (its count, cursor and `truncated` block), so their
   * size counts too. `level` 0 gives every follow-up call; higher levels give shorter ones, for budgets
   * too small to hold them.
   */
  dress(answer: Record<string, unknown>, cuts: readonly Cut[], level: number): void;
  levels: number;
}

/** Texts are kept to at least this many characters, so a cut one still says what it was about. */
const minTextKeep = 100;
/** Fields that identify an object or carry a cursor: cut only when nothing else is left. */
const identityKeys = new Set(["id", "gid", "name", "title", "resource_type", "resource_subtype", "type", "permalink_url", "next_page_token", "sync_token"]);

export const cutMarker = (leftOut: number) => `…[${leftOut} more characters]`;

/** Exact size of the compact JSON text, in UTF-8 bytes. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? "");
}

type Container = Record<string, unknown> | unknown[];

interface Part {
  path: string;
  kind: "items" | "text";
  parent: Container;
  key: string | number;
  size: number;
  /** An id, a name or a cursor. */
  identity: boolean;
}

interface ListState {
  original: unknown[];
  shown: number;
}
interface TextState {
  original: string;
  shown: number;
}

/**
 * The answer cut to fit `plan.budget`, with what was cut (nothing, when it fits as it is). Each level
 * of follow-up detail is tried in turn; the result is over the budget only when even its ids and
 * cursors alone exceed it.
 */
export function cutToBudget(full: Record<string, unknown>, plan: CutPlan): { answer: Record<string, unknown>; cuts: Cut[] } {
  let last: { answer: Record<string, unknown>; cuts: Cut[] } | undefined;
  for (let level = 0; level < plan.levels; level += 1) {
    last = cutAtLevel(full, plan, level);
    if (jsonBytes(last.answer) <= plan.budget) return last;
  }
  return last!;
}

function cutAtLevel(full: Record<string, unknown>, plan: CutPlan, level: number): { answer: Record<string, unknown>; cuts: Cut[] } {
  const answer = structuredClone(full);
  const lists = new Map<string, ListState>();
  const texts = new Map<string, TextState>();

  const cuts = (): Cut[] => {
    const found: Cut[] = [];
    for (const [path, state] of lists) {
      if (state.shown < state.original.length) found.push({ path, kind: "items", shown: state.shown, leftOut: state.original.length - state.shown });
    }
    for (const [path, state] of texts) found.push({ path, kind: "text", shown: state.shown, leftOut: state.original.length - state.shown });
    return found;
  };
  const measure = (): number => {
    plan.dress(answer, cuts(), level);
    return jsonBytes(answer);
  };
  const fits = () => measure() <= plan.budget;

  /** Keeps the first `shown` items of the list at `path`; forgets cuts inside the items dropped. */
  const keepItems = (path: string, list: unknown[], shown: number) => {
    const state = lists.get(path) ?? { original: [...list], shown: list.length };
    lists.set(path, state);
    list.splice(0, list.length, ...state.original.slice(0, shown));
    state.shown = shown;
    for (const map of [lists, texts] as const) {
      for (const inner of map.keys()) {
        const index = indexUnder(inner, path);
        if (index !== undefined && index >= shown) map.delete(inner);
      }
    }
  };
  /**
   * The largest number of items in [low, list length] that fits, or `low` if none does. Each item is
   * measured once; each try measures only the rest of the answer, with the list emptied for a moment.
   */
  const fitItems = (path: string, list: unknown[], low: number) => {
    const original = lists.get(path)?.original ?? list;
    const sizes = original.map((item) => jsonBytes(item));
    const fitsWith = (shown: number) => {
      keepItems(path, list, shown);
      plan.dress(answer, cuts(), level);
      const kept = list.splice(0);
      const rest = jsonBytes(answer);
      list.push(...kept);
      let items = Math.max(0, shown - 1);
      for (let index = 0; index < shown; index += 1) items += sizes[index]!;
      return rest + items <= plan.budget;
    };
    let [lo, hi] = [low, original.length];
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fitsWith(mid)) lo = mid;
      else hi = mid - 1;
    }
    keepItems(path, list, lo);
  };

  if (fits()) return { answer, cuts: cuts() };
  for (const path of plan.first) {
    const list = at(answer, path);
    if (!Array.isArray(list)) continue;
    fitItems(path, list, 0);
    if (fits()) return { answer, cuts: cuts() };
  }
  const mainList = plan.list !== undefined ? answer[plan.list] : undefined;
  if (plan.list !== undefined && Array.isArray(mainList) && mainList.length > 0) {
    fitItems(plan.list, mainList, 1);
    if (fits()) return { answer, cuts: cuts() };
  }
  const skip = (path: string) => path === plan.list || path === "truncated" || path.startsWith("truncated.");
  if (waterLevel(answer, plan.budget, measure, skip, texts, keepItems, false)) return { answer, cuts: cuts() };
  if (plan.list !== undefined && Array.isArray(mainList) && mainList.length > 0) {
    keepItems(plan.list, mainList, 0);
    if (waterLevel(answer, plan.budget, measure, skip, texts, keepItems, false)) return { answer, cuts: cuts() };
  }
  waterLevel(answer, plan.budget, measure, skip, texts, keepItems, true);
  return { answer, cuts: cuts() };
}

/**
 * Lowers every large part to one water level at a time: the level is where cutting what stands above
 * it frees the excess, so the largest parts give the most and small ones nothing. Lists lose whole
 * items from the end, texts their tail. Only outermost parts are cut (a list's items go whole, not
 * bit by bit), except in a page's list, whose first item may be cut inside. True when the answer fits;
 * identity fields join in only when `identity` is set, after everything else has gone.
 */
function waterLevel(
  answer: Record<string, unknown>,
  budget: number,
  measure: () => number,
  skip: (path: string) => boolean,
  texts: Map<string, TextState>,
  keepItems: (path: string, list: unknown[], shown: number) => void,
  identity: boolean,
): boolean {
  // Each round cuts something from every part above the level (at least an item or a few characters),
  // so this ends; the bound is a backstop.
  for (let round = 0; round < 500; round += 1) {
    const total = measure();
    if (total <= budget) return true;
    const eligible = (part: Part) => (part.kind === "items" ? true : (identity || !part.identity) && canShorten(part, texts));
    const parts = partsOf(answer, skip, eligible).sort((a, b) => b.size - a.size);
    if (parts.length === 0) return false;
    const level = waterLine(
      parts.map((part) => part.size),
      total - budget,
    );
    for (const part of parts) {
      if (part.size <= level) break;
      const want = part.size - level;
      if (part.kind === "items") {
        const list = (part.parent as Record<string | number, unknown>)[part.key] as unknown[];
        let shown = list.length;
        let removed = 0;
        while (shown > 0 && (removed < want || shown === list.length)) {
          shown -= 1;
          removed += jsonBytes(list[shown]) + 1;
        }
        keepItems(part.path, list, shown);
      } else {
        shortenText(part, want, texts);
      }
    }
  }
  return measure() <= budget;
}

/** The size every part above it is cut down to so that `excess` bytes go, the largest parts first. */
function waterLine(sizes: readonly number[], excess: number): number {
  let above = 0;
  for (let index = 0; index < sizes.length; index += 1) {
    above += sizes[index]!;
    const next = sizes[index + 1] ?? 0;
    // Cutting the first index + 1 parts down to `next` frees this much.
    if (above - next * (index + 1) >= excess) return Math.max(next, Math.floor((above - excess) / (index + 1)));
  }
  return 0;
}

function canShorten(part: Part, texts: Map<string, TextState>): boolean {
  const state = texts.get(part.path);
  const length = state ? state.shown : ((part.parent as Record<string | number, string>)[part.key]?.length ?? 0);
  const floor = part.identity ? 16 : minTextKeep;
  return state ? length > floor : length > floor + cutMarker(length).length;
}

/** Cuts about `want` bytes off the end of a text, behind a marker that says how much is gone. */
function shortenText(part: Part, want: number, texts: Map<string, TextState>): void {
  const parent = part.parent as Record<string | number, string>;
  const state = texts.get(part.path) ?? { original: parent[part.key]!, shown: parent[part.key]!.length };
  texts.set(part.path, state);
  const kept = state.original.slice(0, state.shown);
  const keptBytes = Math.max(1, jsonBytes(kept));
  // Bytes per character of what is kept (non-ASCII and escapes take more than one), to turn bytes into characters.
  const perChar = keptBytes / Math.max(1, kept.length);
  const marker = cutMarker(state.original.length).length;
  const floor = part.identity ? 16 : minTextKeep;
  const drop = Math.max(16, Math.ceil(want / perChar) + (texts.has(part.path) && state.shown < state.original.length ? 0 : marker));
  let shown = Math.max(floor, state.shown - drop);
  // Never split a surrogate pair: half an emoji is not text.
  const code = state.original.charCodeAt(shown - 1);
  if (code >= 0xd800 && code <= 0xdbff) shown -= 1;
  state.shown = shown;
  parent[part.key] = state.original.slice(0, shown) + cutMarker(state.original.length - shown);
}

/**
 * The outermost lists and long texts of the answer that `eligible` takes, with their size in the JSON
 * text; a part inside one of them is not listed.
 */
function partsOf(answer: Record<string, unknown>, skip: (path: string) => boolean, eligible: (part: Part) => boolean): Part[] {
  const parts: Part[] = [];
  const consider = (part: Part) => {
    if (skip(part.path) || !eligible(part)) return false;
    parts.push(part);
    return true;
  };
  const walk = (value: unknown, path: string, parent: Container | undefined, key: string | number | undefined, covered: boolean): number => {
    if (typeof value === "string") {
      const size = jsonBytes(value);
      if (!covered && parent !== undefined && key !== undefined && value.length > minTextKeep / 2) {
        consider({ path, kind: "text", parent, key, size, identity: typeof key === "string" && identityKeys.has(key) });
      }
      return size;
    }
    if (Array.isArray(value)) {
      // Whether this list is a part is known only once it is measured; its items are walked as
      // covered when it could be one (it has items and is not skipped), and again only if it is not.
      const candidate = !covered && parent !== undefined && key !== undefined && value.length > 0 && !skip(path);
      let size = 2 + Math.max(0, value.length - 1);
      const mark = parts.length;
      value.forEach((item, index) => {
        size += item === undefined ? 4 : walk(item, `${path}[${index}]`, value, index, covered || candidate);
      });
      if (candidate && consider({ path, kind: "items", parent: parent!, key: key!, size, identity: false })) return size;
      if (candidate) {
        parts.length = mark;
        value.forEach((item, index) => {
          walk(item, `${path}[${index}]`, value, index, covered);
        });
      }
      return size;
    }
    if (value !== null && typeof value === "object") {
      let size = 2;
      let count = 0;
      for (const [field, inner] of Object.entries(value as Record<string, unknown>)) {
        if (inner === undefined) continue;
        size += jsonBytes(field) + 1 + walk(inner, path ? `${path}.${field}` : field, value as Record<string, unknown>, field, covered);
        count += 1;
      }
      return size + Math.max(0, count - 1);
    }
    return jsonBytes(value);
  };
  walk(answer, "", undefined, undefined, false);
  return parts;
}

/** The value at a dotted path (`task.subtasks`). */
export function at(root: unknown, path: string): unknown {
  let value = root;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The index of the item of the list at `list` that `path` lies in, if it lies in one. */
function indexUnder(path: string, list: string): number | undefined {
  if (!path.startsWith(`${list}[`)) return undefined;
  const end = path.indexOf("]", list.length + 1);
  return end < 0 ? undefined : Number(path.slice(list.length + 1, end));
}
