import { withExternalView } from "./external-data.js";
import { compactFields, referenceFields, type AsanaStore, type FieldKind, type ResourceType, type StoredObject } from "./store.js";

/**
 * Fields Asana returns to one user only. TaskRequestBase: "The `assignee_section` property will be
 * returned in the response only if the request was sent by the user who is the assignee of the task."
 */
const shownOnlyTo: Partial<Record<ResourceType, Record<string, (object: Record<string, unknown>) => unknown>>> = {
  task: { assignee_section: (task) => task.assignee },
};

function hiddenFromViewer(store: AsanaStore, source: Record<string, unknown>, field: string): boolean {
  const rule = shownOnlyTo[source.resource_type as ResourceType]?.[field];
  return rule !== undefined && store.viewerGid !== undefined && rule(source) !== store.viewerGid;
}

/**
 * Asana's `opt_fields`: gid and resource_type always, then exactly the requested fields, where a
 * dotted path (`assignee.name`, `memberships.section.name`) reaches into referenced objects.
 * A bare reference field comes back in its compact form ({gid, resource_type, name}).
 */
export function project(store: AsanaStore, stored: StoredObject, fields: readonly string[] | undefined): Record<string, unknown> {
  const object = stored.resource_type === "task" ? withExternalView(stored, store.viewerApp) : stored;
  const selected = fields ?? Object.keys(object).filter((key) => key !== "gid" && key !== "resource_type" && !key.startsWith("_"));
  return projectWith(store, object, selected, referenceFields[object.resource_type] ?? {});
}

export function compactOf(store: AsanaStore, object: StoredObject): Record<string, unknown> {
  return project(store, object, compactFields[object.resource_type]);
}

/**
 * A request's opt_fields (and each group's subfields, and the compact fields) are one array for every
 * object the request projects: grouped once, not once per object of a list of hundreds.
 */
const groupedFields = new WeakMap<readonly string[], Map<string, string[]>>();

function groupByHead(fields: readonly string[]): Map<string, string[]> {
  const known = groupedFields.get(fields);
  if (known) return known;
  const groups = groupFields(fields);
  groupedFields.set(fields, groups);
  return groups;
}

function groupFields(fields: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const field of fields) {
    const [head, ...rest] = field.split(".");
    if (!head || head === "gid" || head === "resource_type") continue;
    const group = groups.get(head) ?? [];
    if (rest.length > 0) group.push(rest.join("."));
    groups.set(head, group);
  }
  return groups;
}

function projectWith(store: AsanaStore, source: Record<string, unknown>, fields: readonly string[], kinds: Record<string, FieldKind>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if ("gid" in source) result.gid = source.gid;
  if ("resource_type" in source) result.resource_type = source.resource_type;
  for (const [head, subfields] of groupByHead(fields)) {
    if (!(head in source)) continue; // Asana omits fields that do not apply to the object
    if (hiddenFromViewer(store, source, head)) continue;
    result[head] = projectValue(store, source[head], subfields, kinds[head]);
  }
  return result;
}

function projectValue(store: AsanaStore, value: unknown, subfields: string[], kind: FieldKind | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (kind === "ref") return projectRef(store, value as string, subfields);
  if (kind === "refs") return (value as string[]).map((gid) => projectRef(store, gid, subfields)).filter((v) => v !== null);
  if (kind && typeof kind === "object") {
    return (value as Array<Record<string, unknown>>).map((item) => projectWith(store, item, subfields.length > 0 ? subfields : Object.keys(item), kind.each));
  }
  if (subfields.length > 0 && Array.isArray(value)) {
    // Embedded records (a task's custom field values) are projected item by item, like references.
    return value.map((item) => (item && typeof item === "object" ? projectWith(store, item as Record<string, unknown>, subfields, {}) : item));
  }
  if (subfields.length > 0 && typeof value === "object") {
    return projectWith(store, value as Record<string, unknown>, subfields, {});
  }
  return structuredClone(value);
}

function projectRef(store: AsanaStore, gid: string, subfields: string[]): Record<string, unknown> | null {
  const target = store.get(gid);
  if (!target) return null;
  return project(store, target, subfields.length > 0 ? subfields : compactFields[target.resource_type]);
}
