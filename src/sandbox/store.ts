import { randomInt } from "node:crypto";

/**
 * The emulator's in-memory Asana: one map of objects by gid. References between objects are stored
 * as gids and expanded on the way out, as Asana does, so a rename shows up everywhere at once.
 */
export type ResourceType =
  | "workspace"
  | "user"
  | "team"
  | "project"
  | "section"
  | "task"
  | "tag"
  | "story"
  | "attachment"
  | "custom_field"
  | "custom_field_setting"
  | "user_task_list"
  | "job"
  | "project_template"
  | "task_template"
  | "status_update"
  | "portfolio"
  | "goal"
  | "time_period"
  | "time_tracking_entry"
  | "project_brief"
  | "goal_relationship"
  | "agent";

export interface StoredObject {
  gid: string;
  resource_type: ResourceType;
  [field: string]: unknown;
}

/** How each reference-holding field is shaped, per resource type; everything else is a plain value. */
export type FieldKind = "ref" | "refs" | { each: Record<string, FieldKind> };

export const referenceFields: Partial<Record<ResourceType, Record<string, FieldKind>>> = {
  user: { workspaces: "refs" },
  team: { organization: "ref" },
  project: {
    workspace: "ref",
    team: "ref",
    owner: "ref",
    members: "refs",
    followers: "refs",
    custom_field_settings: "refs",
    current_status_update: "ref",
    completed_by: "ref",
    created_from_template: "ref",
    project_brief: "ref",
  },
  section: { project: "ref" },
  task: {
    assignee: "ref",
    completed_by: "ref",
    created_by: "ref",
    parent: "ref",
    workspace: "ref",
    projects: "refs",
    tags: "refs",
    followers: "refs",
    dependencies: "refs",
    dependents: "refs",
    assignee_section: "ref",
    memberships: { each: { project: "ref", section: "ref" } },
  },
  tag: { workspace: "ref", followers: "refs" },
  story: { created_by: "ref", target: "ref" },
  attachment: { parent: "ref" },
  custom_field: { workspace: "ref", created_by: "ref" },
  custom_field_setting: { custom_field: "ref", project: "ref", parent: "ref" },
  user_task_list: { owner: "ref", workspace: "ref" },
  job: { new_project: "ref", new_task: "ref", new_project_template: "ref" },
  project_template: { owner: "ref", team: "ref" },
  task_template: { project: "ref", created_by: "ref" },
  status_update: { parent: "ref", author: "ref", created_by: "ref" },
  portfolio: { workspace: "ref", owner: "ref", created_by: "ref", members: "refs", current_status_update: "ref" },
  goal: { workspace: "ref", team: "ref", owner: "ref", time_period: "ref", followers: "refs", current_status_update: "ref" },
  time_period: { parent: "ref" },
  time_tracking_entry: { task: "ref", attributable_to: "ref", created_by: "ref" },
  project_brief: { project: "ref" },
  goal_relationship: { supporting_resource: "ref", supported_goal: "ref" },
  agent: { workspace: "ref" },
};

/** Fields of the compact form Asana returns in lists and for references. */
export const compactFields: Record<ResourceType, readonly string[]> = {
  workspace: ["name"],
  user: ["name"],
  team: ["name"],
  project: ["name"],
  section: ["name"],
  task: ["name", "resource_subtype"],
  tag: ["name"],
  story: ["created_at", "created_by", "resource_subtype", "text"],
  attachment: ["name", "resource_subtype"],
  custom_field: ["name", "resource_subtype", "type"],
  custom_field_setting: ["custom_field", "is_important", "parent", "project"],
  user_task_list: ["name"],
  job: ["resource_subtype", "status", "new_project", "new_task", "new_project_template"],
  project_template: ["name"],
  task_template: ["name"],
  status_update: ["resource_subtype", "title"],
  portfolio: ["name"],
  goal: ["name", "owner"],
  time_period: ["display_name", "end_on", "period", "start_on"],
  time_tracking_entry: ["attributable_to", "created_by", "duration_minutes", "entered_on"],
  project_brief: [],
  goal_relationship: ["resource_subtype", "supporting_resource", "contribution_weight"],
  agent: ["name", "resource_subtype"],
};

/**
 * A repeatable source of realistic gids: "12" and 14 digits from a small seeded generator
 * (mulberry32), so a world seeded through it has the same ids on every start.
 */
export function seededGids(seed: number): () => string {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const digits = (count: number) => String(Math.floor(next() * 10 ** count)).padStart(count, "0");
  return () => `12${digits(7)}${digits(7)}`;
}

export class AsanaStore {
  readonly #objects = new Map<string, StoredObject>();
  /** Insertion order per type, so lists come back in a stable order like Asana's. */
  readonly #order = new Map<ResourceType, string[]>();
  #clock: () => Date;
  #gids: (() => string) | undefined;
  /**
   * The user whose request is being answered. Asana shows some fields only to one user (a task's
   * `assignee_section` only to its assignee); the emulator sets this around each request so the
   * projection can leave such fields out for everyone else.
   */
  viewerGid: string | undefined;
  /** The OAuth app whose request is being answered (undefined for a personal access token): a task's external data is that app's alone. */
  viewerApp: string | undefined;

  constructor(options: { clock?: () => Date; gids?: () => string } = {}) {
    this.#clock = options.clock ?? (() => new Date());
    this.#gids = options.gids;
  }

  now(): string {
    return this.#clock().toISOString();
  }

  /** Milliseconds on the store's clock, for timers that must follow it (jobs, sync tokens). */
  nowMs(): number {
    return this.#clock().getTime();
  }

  /** Asana gids are 16-digit strings these days; any digits would do, but realistic ids catch bugs. */
  newGid(): string {
    let gid: string;
    do gid = this.#gids ? this.#gids() : `12${String(randomInt(10 ** 13, 10 ** 14))}`;
    while (this.#objects.has(gid));
    return gid;
  }

  /** Runs `seed` with gids drawn from `gids` (e.g. seededGids), then goes back to the store's own source. */
  withGids<T>(gids: () => string, seed: () => T): T {
    const previous = this.#gids;
    this.#gids = gids;
    try {
      return seed();
    } finally {
      this.#gids = previous;
    }
  }

  insert<T extends Omit<StoredObject, "gid"> & { gid?: string | undefined }>(object: T): StoredObject & Omit<T, "gid"> {
    const gid = object.gid ?? this.newGid();
    if (this.#objects.has(gid)) throw new Error(`gid ${gid} is already taken by a ${this.#objects.get(gid)!.resource_type}`);
    const stored = { ...object, gid } as StoredObject & T;
    this.#objects.set(gid, stored);
    const order = this.#order.get(stored.resource_type) ?? [];
    order.push(gid);
    this.#order.set(stored.resource_type, order);
    return stored;
  }

  /** How many objects the store holds, of every type. */
  get size(): number {
    return this.#objects.size;
  }

  get(gid: string, type?: ResourceType): StoredObject | undefined {
    const found = this.#objects.get(gid);
    return found && (!type || found.resource_type === type) ? found : undefined;
  }

  update(gid: string, changes: Record<string, unknown>): StoredObject {
    const existing = this.#objects.get(gid);
    if (!existing) throw new Error(`no object ${gid}`);
    Object.assign(existing, changes);
    return existing;
  }

  delete(gid: string): boolean {
    const existing = this.#objects.get(gid);
    if (!existing) return false;
    this.#objects.delete(gid);
    const order = this.#order.get(existing.resource_type);
    if (order) order.splice(order.indexOf(gid), 1);
    return true;
  }

  all(type: ResourceType, filter: (object: StoredObject) => boolean = () => true): StoredObject[] {
    return (this.#order.get(type) ?? []).map((gid) => this.#objects.get(gid)!).filter(filter);
  }
}
