import { badRequest, notFound, type EmulatorRequest } from "./http-kit.js";
import { requirePremium } from "./plans.js";
import type { AsanaStore, StoredObject } from "./store.js";

/**
 * Custom fields (a premium feature). A definition lives in the store; a project names the fields it
 * uses through custom field settings; a task carries its own copies of the definitions with their
 * values, as Asana returns them inside `task.custom_fields`.
 */

export type CustomFieldType = "text" | "enum" | "multi_enum" | "number" | "date" | "people";

export interface EnumOptionSpec {
  name: string;
  color: string;
  enabled?: boolean;
}

/** Asana's limit on a text custom field's value (asana-api.md: "text is limited to 1,024 characters"). */
export const maxTextValueLength = 1024;

function insertField(store: AsanaStore, workspace: StoredObject, name: string, type: CustomFieldType, extra: Record<string, unknown> = {}): StoredObject {
  return store.insert({
    resource_type: "custom_field",
    name,
    resource_subtype: type,
    type,
    description: "",
    enabled: true,
    is_global_to_workspace: true,
    workspace: workspace.gid,
    ...extra,
  });
}

export function insertEnumField(store: AsanaStore, workspace: StoredObject, name: string, options: EnumOptionSpec[], gid?: string): StoredObject {
  return insertField(store, workspace, name, "enum", { enum_options: enumOptions(store, options), ...(gid ? { gid } : {}) });
}

export function insertMultiEnumField(store: AsanaStore, workspace: StoredObject, name: string, options: EnumOptionSpec[]): StoredObject {
  return insertField(store, workspace, name, "multi_enum", { enum_options: enumOptions(store, options) });
}

export function insertNumberField(store: AsanaStore, workspace: StoredObject, name: string, precision: number): StoredObject {
  return insertField(store, workspace, name, "number", { precision });
}

export function insertTextField(store: AsanaStore, workspace: StoredObject, name: string): StoredObject {
  return insertField(store, workspace, name, "text");
}

export function insertDateField(store: AsanaStore, workspace: StoredObject, name: string): StoredObject {
  return insertField(store, workspace, name, "date");
}

export function insertPeopleField(store: AsanaStore, workspace: StoredObject, name: string): StoredObject {
  return insertField(store, workspace, name, "people");
}

function enumOptions(store: AsanaStore, options: EnumOptionSpec[]): Array<Record<string, unknown>> {
  return options.map((option) => ({
    gid: store.newGid(),
    resource_type: "enum_option",
    name: option.name,
    enabled: option.enabled ?? true,
    color: option.color,
  }));
}

/** Puts a field on a project (what POST /projects/{gid}/addCustomFieldSetting does), returning the setting. */
export function addFieldToProject(store: AsanaStore, project: StoredObject, field: StoredObject, isImportant = true): StoredObject {
  const setting = store.insert({
    resource_type: "custom_field_setting",
    custom_field: field.gid,
    project: project.gid,
    parent: project.gid,
    is_important: isImportant,
  });
  project.custom_field_settings = [...((project.custom_field_settings as string[] | undefined) ?? []), setting.gid];
  return setting;
}

/** The fields a project's settings name, in the project's order. */
export function fieldsOfProject(store: AsanaStore, project: StoredObject): StoredObject[] {
  return ((project.custom_field_settings as string[] | undefined) ?? [])
    .map((gid) => store.get(gid, "custom_field_setting"))
    .map((setting) => (setting ? store.get(String(setting.custom_field), "custom_field") : undefined))
    .filter((field): field is StoredObject => field !== undefined);
}

type EnumOption = { gid: string; name: string; enabled: boolean; color: string; resource_type: string };

function optionsOf(field: StoredObject): EnumOption[] {
  return (field.enum_options as EnumOption[] | undefined) ?? [];
}

function entryBase(field: StoredObject): Record<string, unknown> {
  const base: Record<string, unknown> = {
    gid: field.gid,
    resource_type: "custom_field",
    name: field.name,
    resource_subtype: field.resource_subtype,
    type: field.type,
    enabled: field.enabled !== false,
  };
  if (field.type === "enum" || field.type === "multi_enum") base.enum_options = structuredClone(optionsOf(field));
  if (field.type === "number") base.precision = field.precision;
  return base;
}

/** A task's entry for `field` with no value, as Asana lists every field of the task's projects. */
export function emptyCustomFieldValue(field: StoredObject): Record<string, unknown> {
  const base = entryBase(field);
  switch (field.type) {
    case "enum":
      return { ...base, enum_value: null, display_value: null };
    case "multi_enum":
      return { ...base, multi_enum_values: [], display_value: null };
    case "number":
      return { ...base, number_value: null, display_value: null };
    case "date":
      return { ...base, date_value: null, display_value: null };
    case "people":
      return { ...base, people_value: [], display_value: null };
    default:
      return { ...base, text_value: null, display_value: null };
  }
}

/** The entry a task carries for `field`, set to `value` (an enum option's name, or a number); for seeding worlds. */
export function customFieldValue(field: StoredObject, value: string | number): Record<string, unknown> {
  const base = entryBase(field);
  if (field.type === "enum") {
    const option = optionsOf(field).find((o) => o.name === value);
    if (!option) throw new Error(`no option ${String(value)} on ${String(field.name)}`);
    return { ...base, enum_value: structuredClone(option), display_value: option.name };
  }
  if (field.type === "text") return { ...base, text_value: String(value), display_value: String(value) };
  return { ...base, number_value: value, display_value: formatNumber(field, Number(value)) };
}

function formatNumber(field: StoredObject, value: number): string {
  const precision = typeof field.precision === "number" ? field.precision : 0;
  return value.toFixed(precision);
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function wrongValue(field: StoredObject, expected: string, value: unknown): never {
  throw badRequest(`custom_fields: ${describe(field)} is a ${String(field.type)} field and takes ${expected}; got ${JSON.stringify(value)}.`);
}

function describe(field: StoredObject): string {
  return `Custom field "${String(field.name)}" (${field.gid})`;
}

function enumOptionFor(field: StoredObject, value: unknown, expected: string): EnumOption {
  if (typeof value !== "string") wrongValue(field, expected, value);
  const option = optionsOf(field).find((o) => o.gid === value);
  if (!option) {
    const choices = optionsOf(field)
      .map((o) => `${o.name} (${o.gid})`)
      .join(", ");
    throw badRequest(`custom_fields: ${value} is not an option of ${describe(field)}. Its options: ${choices}.`);
  }
  if (!option.enabled)
    throw badRequest(
      `custom_fields: Option "${option.name}" (${option.gid}) of ${describe(field)} is disabled; a disabled option can only be cleared, not set.`,
    );
  return option;
}

/** The entry for `field` set to `value` as a client writes it, or a 400 naming the field and what it takes. */
function entryFor(
  _request: EmulatorRequest,
  field: StoredObject,
  value: unknown,
  resolveUser: (identifier: string) => StoredObject | undefined,
): Record<string, unknown> {
  if (value === null) return emptyCustomFieldValue(field);
  const base = entryBase(field);
  switch (field.type) {
    case "enum": {
      const option = enumOptionFor(field, value, "an enum option gid");
      return { ...base, enum_value: structuredClone(option), display_value: option.name };
    }
    case "multi_enum": {
      if (!Array.isArray(value)) wrongValue(field, "an array of enum option gids", value);
      const chosen = [...new Set(value)].map((gid) => enumOptionFor(field, gid, "an array of enum option gids"));
      return { ...base, multi_enum_values: structuredClone(chosen), display_value: chosen.length ? chosen.map((o) => o.name).join(", ") : null };
    }
    case "number": {
      // The document types every value as a string, so a numeric string is taken as the number it spells.
      const number = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
      if (!Number.isFinite(number)) wrongValue(field, "a number", value);
      return { ...base, number_value: number, display_value: formatNumber(field, number) };
    }
    case "text": {
      if (typeof value !== "string") wrongValue(field, "a string", value);
      if (value.length > maxTextValueLength) {
        throw badRequest(
          `custom_fields: The value for ${describe(field)} is ${value.length} characters long; text values are limited to ${maxTextValueLength}.`,
        );
      }
      return { ...base, text_value: value, display_value: value };
    }
    case "date": {
      const given = value as { date?: unknown; date_time?: unknown };
      if (typeof value !== "object" || Array.isArray(value) || (given.date === undefined) === (given.date_time === undefined)) {
        wrongValue(field, 'an object with one of {"date": "YYYY-MM-DD"} or {"date_time": "<ISO 8601 date-time>"}', value);
      }
      if (given.date !== undefined) {
        if (typeof given.date !== "string" || !isoDate.test(given.date) || Number.isNaN(Date.parse(given.date)))
          wrongValue(field, 'a date as {"date": "YYYY-MM-DD"}', value);
        return { ...base, date_value: { date: given.date }, display_value: given.date };
      }
      if (typeof given.date_time !== "string" || Number.isNaN(Date.parse(given.date_time)))
        wrongValue(field, 'a date-time as {"date_time": "<ISO 8601>"}', value);
      const dateTime = new Date(given.date_time).toISOString();
      return { ...base, date_value: { date: dateTime.slice(0, 10), date_time: dateTime }, display_value: dateTime };
    }
    case "people": {
      if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) wrongValue(field, 'an array of users ("me", an email or a gid)', value);
      const people = [...new Set(value as string[])].map((identifier) => {
        const user = resolveUser(identifier);
        if (!user) throw badRequest(`custom_fields: ${identifier} is not a user who can be named in ${describe(field)}.`);
        return user;
      });
      const uniquePeople = people.filter((user, index) => people.findIndex((u) => u.gid === user.gid) === index);
      return {
        ...base,
        people_value: uniquePeople.map((user) => ({ gid: user.gid, resource_type: "user", name: user.name })),
        display_value: uniquePeople.length ? uniquePeople.map((user) => String(user.name)).join(", ") : null,
      };
    }
    default:
      throw badRequest(`custom_fields: ${describe(field)} is a ${String(field.type)} field, which the emulator cannot set.`);
  }
}

/**
 * A task's `custom_fields` after writing `input` (`{<field gid>: value}`) to it. Premium only; each
 * field must be on one of the task's projects; `null` clears a value. Nothing is stored on failure.
 */
export function writeCustomFieldValues(
  request: EmulatorRequest,
  task: Record<string, unknown>,
  input: unknown,
  resolveUser: (identifier: string) => StoredObject | undefined,
): Array<Record<string, unknown>> {
  const { store } = request;
  const workspace = store.get(String(task.workspace), "workspace");
  if (!workspace) throw notFound(`workspace: Unknown object: ${String(task.workspace)}`);
  requirePremium(workspace, "Custom fields");
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw badRequest("custom_fields: Must be an object whose keys are custom field gids and whose values are the values to set.");
  }
  const onProjects = new Map<string, StoredObject>();
  for (const projectGid of (task.projects as string[] | undefined) ?? []) {
    const owner = store.get(projectGid, "project");
    if (owner) for (const field of fieldsOfProject(store, owner)) onProjects.set(field.gid, field);
  }
  const entries = [...((task.custom_fields as Array<Record<string, unknown>> | undefined) ?? [])].map((entry) => structuredClone(entry));
  for (const [fieldGid, value] of Object.entries(input as Record<string, unknown>)) {
    const field = store.get(fieldGid, "custom_field");
    if (!field)
      throw badRequest(`custom_fields: ${fieldGid} is not a custom field. List a project's fields with GET /projects/{project_gid}/custom_field_settings.`);
    if (!onProjects.has(field.gid)) {
      throw badRequest(`custom_fields: ${describe(field)} is not on any of the task's projects, so the task cannot hold a value for it.`);
    }
    const entry = entryFor(request, field, value, resolveUser);
    const index = entries.findIndex((e) => e.gid === field.gid);
    if (index === -1) entries.push(entry);
    else entries[index] = entry;
  }
  return entries;
}

/** Empty entries for the fields of `project` a task does not carry yet (a task filed in a project shows all its fields). */
export function withProjectFields(
  store: AsanaStore,
  project: StoredObject,
  entries: Array<Record<string, unknown>> | undefined,
): Array<Record<string, unknown>> | undefined {
  const fields = fieldsOfProject(store, project);
  if (fields.length === 0) return entries;
  const current = entries ?? [];
  const missing = fields.filter((field) => !current.some((entry) => entry.gid === field.gid));
  return missing.length === 0 ? current : [...current, ...missing.map(emptyCustomFieldValue)];
}
