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
  | "custom_field";

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
  project: { workspace: "ref", team: "ref", owner: "ref", members: "refs", followers: "refs", custom_field_settings: { each: { custom_field: "ref" } } },
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
    memberships: { each: { project: "ref", section: "ref" } },
  },
  tag: { workspace: "ref", followers: "refs" },
  story: { created_by: "ref", target: "ref" },
  attachment: { parent: "ref" },
  custom_field: { workspace: "ref" },
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
};

export class AsanaStore {
  readonly #objects = new Map<string, StoredObject>();
  /** Insertion order per type, so lists come back in a stable order like Asana's. */
  readonly #order = new Map<ResourceType, string[]>();
  #clock: () => Date;

  constructor(options: { clock?: () => Date } = {}) {
    this.#clock = options.clock ?? (() => new Date());
  }

  now(): string {
    return this.#clock().toISOString();
  }

  /** Asana gids are 16-digit strings these days; any digits would do, but realistic ids catch bugs. */
  newGid(): string {
    let gid: string;
    do gid = "12" + String(randomInt(10 ** 13, 10 ** 14 - 1)) + String(randomInt(0, 9));
    while (this.#objects.has(gid));
    return gid;
  }

  insert<T extends Omit<StoredObject, "gid"> & { gid?: string | undefined }>(object: T): StoredObject & Omit<T, "gid"> {
    const gid = object.gid ?? this.newGid();
    const stored = { ...object, gid } as StoredObject & T;
    this.#objects.set(gid, stored);
    const order = this.#order.get(stored.resource_type) ?? [];
    order.push(gid);
    this.#order.set(stored.resource_type, order);
    return stored;
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
