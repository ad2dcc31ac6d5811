import { badRequest, type EmulatorRequest } from "./http-kit.js";
import type { StoredObject } from "./store.js";

/**
 * Task search's custom field filters, `custom_fields.{gid}.{condition}`, as searchTasksForWorkspace's
 * text describes them (they are not declared as parameters): which condition each field type takes,
 * and the two searches Asana says it does not support (a multi-enum field's value; several exact
 * matches of one field). A condition a field's type does not take is a 400 naming both.
 */
const filterName = /^custom_fields\.(\d+)\.(is_set|value|starts_with|ends_with|contains|less_than|greater_than|before|after)$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** The field types each condition takes, from the document's table ("All" for is_set). */
const takes: Record<string, readonly string[]> = {
  value: ["text", "number", "enum", "date"],
  starts_with: ["text"],
  ends_with: ["text"],
  contains: ["text"],
  less_than: ["number"],
  greater_than: ["number"],
  before: ["date"],
  after: ["date"],
};

type Entry = Record<string, unknown>;

function entryOf(task: StoredObject, fieldGid: string): Entry | undefined {
  return ((task.custom_fields as Entry[] | undefined) ?? []).find((entry) => entry.gid === fieldGid);
}

function isSet(entry: Entry | undefined): boolean {
  if (!entry) return false;
  for (const key of ["enum_value", "number_value", "date_value"]) if (entry[key] !== null && entry[key] !== undefined) return true;
  for (const key of ["multi_enum_values", "people_value"]) if (Array.isArray(entry[key]) && (entry[key] as unknown[]).length > 0) return true;
  return typeof entry.text_value === "string" && entry.text_value !== "";
}

const dayOf = (entry: Entry | undefined): string | undefined => (entry?.date_value as { date?: string } | null | undefined)?.date ?? undefined;

function numberParam(name: string, raw: string): number {
  const number = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(number)) throw badRequest(`${name}: Must be a number, got: ${raw}`);
  return number;
}

function dateParam(name: string, raw: string): string {
  if (!isoDate.test(raw) || Number.isNaN(Date.parse(raw))) throw badRequest(`${name}: Invalid date format, must be YYYY-MM-DD: ${raw}`);
  return raw;
}

function condition(name: string, kind: string, type: string, fieldGid: string, raw: string): (task: StoredObject) => boolean {
  if (kind === "is_set") {
    if (raw !== "true" && raw !== "false") throw badRequest(`${name}: Invalid boolean value: ${raw}`);
    return (task) => isSet(entryOf(task, fieldGid)) === (raw === "true");
  }
  if (type === "multi_enum") throw badRequest(`${name}: Searching by a multi-enum custom field's value is not supported.`);
  if (!takes[kind]?.includes(type)) throw badRequest(`${name}: ${kind} does not apply to a ${type} custom field.`);
  const text = (task: StoredObject) => String(entryOf(task, fieldGid)?.text_value ?? "").toLowerCase();
  const number = (task: StoredObject) => entryOf(task, fieldGid)?.number_value as number | null | undefined;
  switch (kind) {
    case "value":
      if (type === "enum") return (task) => (entryOf(task, fieldGid)?.enum_value as { gid?: string } | null | undefined)?.gid === raw;
      if (type === "number") {
        const wanted = numberParam(name, raw);
        return (task) => number(task) === wanted;
      }
      if (type === "date") {
        const wanted = dateParam(name, raw);
        return (task) => dayOf(entryOf(task, fieldGid)) === wanted;
      }
      return (task) => text(task) === raw.toLowerCase() && text(task) !== "";
    case "starts_with":
      return (task) => text(task) !== "" && text(task).startsWith(raw.toLowerCase());
    case "ends_with":
      return (task) => text(task) !== "" && text(task).endsWith(raw.toLowerCase());
    case "contains":
      return (task) => text(task) !== "" && text(task).includes(raw.toLowerCase());
    case "less_than": {
      const bound = numberParam(name, raw);
      return (task) => typeof number(task) === "number" && number(task)! < bound;
    }
    case "greater_than": {
      const bound = numberParam(name, raw);
      return (task) => typeof number(task) === "number" && number(task)! > bound;
    }
    case "before": {
      const bound = dateParam(name, raw);
      return (task) => (dayOf(entryOf(task, fieldGid)) ?? "9999") < bound;
    }
    default: {
      const bound = dateParam(name, raw);
      return (task) => (dayOf(entryOf(task, fieldGid)) ?? "") > bound;
    }
  }
}

/** One filter per `custom_fields.*` query parameter; a field that does not exist in the workspace is a 400. */
export function customFieldSearchFilters(request: EmulatorRequest, workspaceGid: string): Array<(task: StoredObject) => boolean> {
  const filters: Array<(task: StoredObject) => boolean> = [];
  for (const [name, raw] of Object.entries(request.query)) {
    const match = filterName.exec(name);
    if (!match) continue;
    const [, fieldGid, kind] = match as unknown as [string, string, string];
    const field = request.store.get(fieldGid, "custom_field");
    if (!field || field.workspace !== workspaceGid) throw badRequest(`${name}: ${fieldGid} is not a custom field of this workspace.`);
    // Several values for one field ("several exact matches") are not supported.
    if (kind === "value" && field.type === "enum" && raw.includes(",")) {
      throw badRequest(`${name}: Searching for several exact matches of one custom field is not supported.`);
    }
    filters.push(condition(name, kind, String(field.resource_subtype ?? field.type), fieldGid, raw));
  }
  return filters;
}
