import { randomBytes } from "node:crypto";
import { referenceFields, type AsanaStore, type ResourceType, type StoredObject } from "./store.js";

/**
 * Asana's event stream (`GET /events?resource=&sync=`), kept by watching the store: before a
 * request that may change something the log takes a snapshot of the watched objects, and after it
 * succeeds the difference becomes events. Every route (and every batch action, and every job) is
 * covered without each one having to remember to report its changes.
 *
 * Shapes follow EventResponse: `action` is what happened to the resource (added, removed, changed,
 * deleted); `parent` is the object it was added to or removed from, else null; `change` is present
 * only on `changed`, and carries `new_value` / `added_value` / `removed_value` only when the value is
 * an Asana resource ("This property is only present when ... the new_value is an Asana resource").
 */

const watchedTypes: readonly ResourceType[] = ["task", "project", "section", "story"];

/**
 * Fields that move as a side effect of another change, or that Asana does not report: the
 * timestamps, the completion bookkeeping that follows `completed`, the rich-text twin of `notes`,
 * the My Tasks section that follows `assignee` (and is private to the assignee anyway).
 */
const unreportedFields = new Set(["modified_at", "created_at", "permalink_url", "completed_at", "completed_by", "html_notes", "assignee_section"]);

/** Asana keeps a sync token's events for about a day (asana-api.md: "Tokens expire within 24 h"). */
export const defaultSyncTokenTtlMs = 24 * 60 * 60 * 1000;

/** "Asana limits a single sync token to 100 events" (getEvents). */
const eventsPerPage = 100;
/** The emulator forgets the oldest events past this many, as Asana forgets old ones. */
const eventsKept = 10_000;

/**
 * Each watched object as JSON text, less its internal fields. A write changes a few objects of many:
 * the unchanged ones are told apart by comparing two strings, and only the changed ones are parsed
 * and compared field by field (a clone of every object, compared field by field, took seconds a test).
 */
type Snapshot = Map<string, string>;

interface ResourceRef {
  gid: string;
  resource_type: string;
  name?: string;
}

export interface RecordedEvent {
  seq: number;
  created_at: string;
  user: string | null;
  action: "added" | "removed" | "changed" | "deleted";
  resource: ResourceRef;
  parent: ResourceRef | null;
  change?: { field: string; action: "changed" | "added" | "removed"; new_value?: ResourceRef; added_value?: ResourceRef; removed_value?: ResourceRef };
  /** The resources whose event streams include this event (the resource itself, its projects, its parent…). */
  scopes: string[];
}

export type EventsPage = { events: RecordedEvent[]; sync: string; hasMore: boolean };

const gidsIn = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

function refOf(object: Record<string, unknown>): ResourceRef {
  const ref: ResourceRef = { gid: String(object.gid), resource_type: String(object.resource_type) };
  if (typeof object.name === "string") ref.name = object.name;
  return ref;
}

export class EventLog {
  readonly #store: AsanaStore;
  readonly #events: RecordedEvent[] = [];
  #seq = 0;
  /** The snapshot being compared, so an object deleted by the change can still be named. */
  #before: Snapshot | undefined;
  readonly #tokens = new Map<string, { resource: string; seq: number; issuedAt: number }>();
  syncTokenTtlMs: number;

  constructor(store: AsanaStore, options: { syncTokenTtlMs?: number } = {}) {
    this.#store = store;
    this.syncTokenTtlMs = options.syncTokenTtlMs ?? defaultSyncTokenTtlMs;
  }

  /** Every event recorded so far, oldest first (for tests). */
  get recorded(): readonly RecordedEvent[] {
    return this.#events;
  }

  snapshot(): Snapshot {
    const snapshot: Snapshot = new Map();
    for (const type of watchedTypes) {
      for (const object of this.#store.all(type)) snapshot.set(object.gid, jsonOf(object));
    }
    return snapshot;
  }

  /** Runs `change` and records what it did to the watched objects, as done by `userGid`. */
  recording<T>(userGid: string | null, change: () => T): T {
    const before = this.snapshot();
    const result = change();
    this.recordSince(before, userGid);
    return result;
  }

  recordSince(before: Snapshot, userGid: string | null): void {
    const after = this.snapshot();
    const at = this.#store.now();
    this.#before = before;
    const add = (event: Omit<RecordedEvent, "seq" | "created_at" | "user">) => {
      this.#events.push({ seq: ++this.#seq, created_at: at, user: userGid, ...event, scopes: [...new Set(event.scopes)] });
    };
    for (const [gid, now] of after) {
      const previous = before.get(gid);
      if (previous === now) continue;
      if (previous !== undefined) this.#changed(parsed(previous), parsed(now), add);
      else this.#added(parsed(now), add);
    }
    for (const [gid, text] of before) {
      if (after.has(gid)) continue;
      const previous = parsed(text);
      add({ action: "deleted", resource: refOf(previous), parent: null, scopes: this.#scopesOf(previous) });
    }
    this.#before = undefined;
    if (this.#events.length > eventsKept) this.#events.splice(0, this.#events.length - eventsKept);
  }

  /** A fresh sync token for `resource`, positioned at the newest event. */
  issueToken(resource: string): string {
    const token = randomBytes(16).toString("hex");
    this.#tokens.set(token, { resource, seq: this.#seq, issuedAt: this.#store.nowMs() });
    return token;
  }

  /** The events after a sync token, or undefined when the token is unknown, for another resource, or expired. */
  read(resource: string, token: string): EventsPage | undefined {
    const position = this.#tokens.get(token);
    if (!position || position.resource !== resource) return undefined;
    if (this.#store.nowMs() - position.issuedAt > this.syncTokenTtlMs) {
      this.#tokens.delete(token);
      return undefined;
    }
    const pending = this.#events.filter((event) => event.seq > position.seq && event.scopes.includes(resource));
    const page = pending.slice(0, eventsPerPage);
    const hasMore = pending.length > page.length;
    const next = randomBytes(16).toString("hex");
    this.#tokens.set(next, { resource, seq: hasMore ? page[page.length - 1]!.seq : this.#seq, issuedAt: this.#store.nowMs() });
    return { events: page, sync: next, hasMore };
  }

  /** Test hook: every sync token handed out so far stops working, as after Asana's expiry. */
  expireSyncTokens(): void {
    this.#tokens.clear();
  }

  #added(object: Record<string, unknown>, add: (event: Omit<RecordedEvent, "seq" | "created_at" | "user">) => void): void {
    const resource = refOf(object);
    const scopes = this.#scopesOf(object);
    const parents: string[] = [];
    if (object.resource_type === "task") {
      parents.push(...gidsIn(object.projects));
      if (typeof object.parent === "string") parents.push(object.parent);
    } else if (object.resource_type === "story" && typeof object.target === "string") {
      parents.push(object.target);
    } else if (object.resource_type === "section" && typeof object.project === "string") {
      parents.push(object.project);
    } else if (object.resource_type === "project") {
      const container = typeof object.team === "string" ? object.team : object.workspace;
      if (typeof container === "string") parents.push(container);
    }
    if (parents.length === 0) add({ action: "added", resource, parent: null, scopes });
    for (const parent of parents) add({ action: "added", resource, parent: this.#ref(parent), scopes });
  }

  #changed(previous: Record<string, unknown>, now: Record<string, unknown>, add: (event: Omit<RecordedEvent, "seq" | "created_at" | "user">) => void): void {
    const resource = refOf(now);
    const scopes = [...this.#scopesOf(previous), ...this.#scopesOf(now)];
    const kinds = referenceFields[now.resource_type as ResourceType] ?? {};
    for (const field of new Set([...Object.keys(previous), ...Object.keys(now)])) {
      if (unreportedFields.has(field) || field === "gid" || field === "resource_type") continue;
      const [was, is] = [previous[field], now[field]];
      if (JSON.stringify(was) === JSON.stringify(is)) continue;
      if (now.resource_type === "task" && field === "projects") {
        // "When a task is added to a project, Event.action will be added, Event.parent will be the project."
        for (const gid of gidsIn(is).filter((g) => !gidsIn(was).includes(g))) add({ action: "added", resource, parent: this.#ref(gid), scopes });
        for (const gid of gidsIn(was).filter((g) => !gidsIn(is).includes(g))) add({ action: "removed", resource, parent: this.#ref(gid), scopes });
        continue;
      }
      if (now.resource_type === "task" && field === "memberships") {
        // Moving within a project: added to the new section, removed from the old one.
        const sections = (value: unknown) =>
          ((value as Array<{ project?: string; section?: string }> | undefined) ?? [])
            .filter((m) => gidsIn(now.projects).includes(m.project ?? "") && gidsIn(previous.projects).includes(m.project ?? ""))
            .map((m) => m.section)
            .filter((s): s is string => typeof s === "string");
        for (const gid of sections(is).filter((s) => !sections(was).includes(s))) add({ action: "added", resource, parent: this.#ref(gid), scopes });
        for (const gid of sections(was).filter((s) => !sections(is).includes(s))) add({ action: "removed", resource, parent: this.#ref(gid), scopes });
        continue;
      }
      if (now.resource_type === "task" && field === "parent") {
        if (typeof is === "string") add({ action: "added", resource, parent: this.#ref(is), scopes });
        if (typeof was === "string") add({ action: "removed", resource, parent: this.#ref(was), scopes });
        continue;
      }
      const kind = kinds[field];
      if (kind === "refs") {
        for (const gid of gidsIn(is).filter((g) => !gidsIn(was).includes(g))) {
          add({ action: "changed", resource, parent: null, change: { field, action: "added", added_value: this.#ref(gid) }, scopes });
        }
        for (const gid of gidsIn(was).filter((g) => !gidsIn(is).includes(g))) {
          add({ action: "changed", resource, parent: null, change: { field, action: "removed", removed_value: this.#ref(gid) }, scopes });
        }
        continue;
      }
      const change: NonNullable<RecordedEvent["change"]> = { field, action: "changed" };
      if (kind === "ref" && typeof is === "string") change.new_value = this.#ref(is);
      add({ action: "changed", resource, parent: null, change, scopes });
    }
  }

  /** Whose streams an event about `object` belongs to: its own, its projects', its parent task's, its section's project's. */
  #scopesOf(object: Record<string, unknown>): string[] {
    const scopes = [String(object.gid)];
    if (object.resource_type === "task") {
      scopes.push(...gidsIn(object.projects));
      if (typeof object.parent === "string") scopes.push(object.parent);
    } else if (object.resource_type === "story" && typeof object.target === "string") {
      scopes.push(object.target);
      scopes.push(...gidsIn(this.#store.get(object.target)?.projects));
    } else if (object.resource_type === "section" && typeof object.project === "string") {
      scopes.push(object.project);
    }
    return scopes;
  }

  #ref(gid: string): ResourceRef {
    const before = this.#before?.get(gid);
    const object = this.#store.get(gid) ?? (before === undefined ? undefined : parsed(before));
    return object ? refOf(object) : { gid, resource_type: "unknown" };
  }
}

const parsed = (text: string) => JSON.parse(text) as Record<string, unknown>;

/**
 * The JSON text of each object as last written out, with a copy of the fields it was written from. A
 * snapshot writes out again only the objects whose fields differ from that copy: comparing a field is
 * cheap, while writing out a long text (notes and comments of thousands of characters, which JSON
 * escapes) is what made a snapshot of a large world slow. The text is the same as writing it out anew.
 */
const written = new WeakMap<StoredObject, { fields: Array<[string, unknown]>; json: string }>();

function jsonOf(object: StoredObject): string {
  const known = written.get(object);
  if (known && sameFields(object, known.fields)) return known.json;
  const shown = stripInternal(object);
  const json = JSON.stringify(shown);
  written.set(object, { fields: Object.entries(shown).map(([key, value]) => [key, copyOf(value)]), json });
  return json;
}

function sameFields(object: StoredObject, fields: Array<[string, unknown]>): boolean {
  let index = 0;
  for (const key of Object.keys(object)) {
    if (key.startsWith("_")) continue;
    const field = fields[index++];
    if (field === undefined || field[0] !== key || !sameValue(object[key], field[1])) return false;
  }
  return index === fields.length;
}

const isPlainObject = (value: object) => {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};
/** What a copy holds in place of anything but plain data (a Date, a Map): equal to nothing, so the object is written out again. */
const unlike = Symbol("not plain data");

/** A copy of plain data, nested arrays and objects included, that later changes in place cannot reach. */
function copyOf(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(copyOf);
  if (!isPlainObject(value)) return unlike;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyOf((value as Record<string, unknown>)[key]);
  return copy;
}

function sameValue(value: unknown, copy: unknown): boolean {
  if (value === copy) return typeof value !== "number" || !Number.isNaN(value);
  if (typeof value !== "object" || value === null || typeof copy !== "object" || copy === null) return false;
  if (Array.isArray(value)) {
    if (!Array.isArray(copy) || value.length !== copy.length) return false;
    for (let i = 0; i < value.length; i++) if (!sameValue(value[i], copy[i])) return false;
    return true;
  }
  if (Array.isArray(copy) || !isPlainObject(value)) return false;
  const [keys, copyKeys] = [Object.keys(value), Object.keys(copy)];
  if (keys.length !== copyKeys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key !== copyKeys[i] || !sameValue((value as Record<string, unknown>)[key], (copy as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function stripInternal(object: StoredObject): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) if (!key.startsWith("_")) copy[key] = value;
  return copy;
}
