import { asanaPath, type AsanaSession } from "../../src/asana/index.js";
import { addErrorNote, isCalendarDate, isGid, isUserRef, quoted, ToolInputError, ToolRetryableError } from "../../src/toolkit/index.js";
import type { AsanaRef } from "../../src/toolkit/index.js";
import type { CustomFieldInput, CustomFieldValue } from "./custom-field-params.js";
import { fieldTypeOf, type AsanaCustomField } from "./custom-fields.js";
import { rememberedTask } from "./lookup-facts.js";

/**
 * Custom field values written the way a model speaks of them: `{field: "Priority", value: "High"}`, turned into
 * the field and option ids Asana takes, with an error naming the field's options or kind when a
 * value does not fit. CreateTask, UpdateTask and SetTaskCustomFields share this.
 */

/** What writing needs to know of each field of a task: its kind and its options. */
const customFieldDefinitionOptFields = ["name", "resource_subtype", "enum_options.name", "enum_options.enabled"] as const;

/** The fields a list of definitions offers, for an error the model can choose from. */
function describeFields(definitions: readonly AsanaCustomField[]): string {
  return JSON.stringify(
    definitions.slice(0, 50).map((field) => {
      const options = (field.enum_options ?? []).filter((o) => o.enabled !== false).map((o) => o.name);
      return { id: field.gid, name: field.name, type: fieldTypeOf(field), ...(options.length > 0 ? { options } : {}) };
    }),
  );
}

export function findField(definitions: readonly AsanaCustomField[], key: string, param: string): AsanaCustomField | undefined {
  const byId = definitions.find((field) => field.gid === key.trim());
  if (byId) return byId;
  const wanted = key.trim().toLowerCase();
  const byName = definitions.filter((field) => field.name?.trim().toLowerCase() === wanted);
  if (byName.length > 1) {
    throw new ToolRetryableError(
      `${byName.length} custom fields are named ${quoted(key)} (${param}); name the field by its id instead.`,
      `Matching fields: ${describeFields(byName)}`,
    );
  }
  return byName[0];
}

export function optionFor(field: AsanaCustomField, given: string, param: string): string {
  const options = field.enum_options ?? [];
  const wanted = given.trim().toLowerCase();
  const option = options.find((o) => o.gid === given.trim()) ?? options.find((o) => o.name?.trim().toLowerCase() === wanted);
  const usable = options.filter((o) => o.enabled !== false).map((o) => ({ id: o.gid, name: o.name }));
  if (!option) {
    throw new ToolRetryableError(
      `${quoted(given)} is not an option of the ${fieldTypeOf(field)} field ${quoted(field.name ?? field.gid)} (${param}); nothing was written. Pass one of its options by name or id.`,
      `Options of ${quoted(field.name ?? field.gid)}: ${JSON.stringify(usable)}`,
    );
  }
  if (option.enabled === false) {
    throw new ToolRetryableError(
      `Option ${quoted(option.name ?? option.gid)} of ${quoted(field.name ?? field.gid)} is disabled, and Asana only lets a disabled option be cleared (${param}); nothing was written.`,
      `Enabled options: ${JSON.stringify(usable)}`,
    );
  }
  return option.gid;
}

function wrongType(param: string, field: AsanaCustomField, takes: string, example: string): ToolInputError {
  return new ToolInputError(param, `is the ${fieldTypeOf(field)} field ${quoted(field.name ?? field.gid)}, which takes ${takes}`, `Pass e.g. ${example}.`);
}

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** One field's value in Asana's own terms; people are left as given, to be looked up together. */
function asanaValue(field: AsanaCustomField, value: CustomFieldInput, param: string): unknown {
  const listOf = (given: string | string[]) => (Array.isArray(given) ? given : [given]);
  switch (fieldTypeOf(field)) {
    case "enum":
      if (typeof value !== "string") throw wrongType(param, field, "one option name or id", '"High"');
      return optionFor(field, value, param);
    case "multi_enum":
      if (typeof value === "number") throw wrongType(param, field, "a list of option names or ids", '["iOS", "Web"]');
      return [...new Set(listOf(value).map((item) => optionFor(field, item, param)))];
    case "number": {
      const number = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
      if (!Number.isFinite(number)) throw wrongType(param, field, "a number", "3.5");
      return number;
    }
    case "text":
      if (typeof value !== "string") throw wrongType(param, field, "text", '"Needs a second review"');
      return value;
    case "date":
      if (typeof value === "string" && isCalendarDate(value.trim())) return { date: value.trim() };
      if (typeof value === "string" && isoDateTime.test(value.trim()) && !Number.isNaN(Date.parse(value))) return { date_time: new Date(value).toISOString() };
      throw wrongType(param, field, "a date written YYYY-MM-DD (or an ISO 8601 date-time)", '"2026-07-01"');
    case "people": {
      if (typeof value === "number") throw wrongType(param, field, 'people: "me", user ids or emails', '["me", "dana@example.com"]');
      const people = listOf(value).map((item) => item.trim());
      if (people.some((item) => !isUserRef(item))) throw wrongType(param, field, 'people: "me", user ids or emails', '["me", "dana@example.com"]');
      return people;
    }
    default:
      throw new ToolInputError(
        param,
        `is the ${fieldTypeOf(field)} field ${quoted(field.name ?? field.gid)}, which this tool cannot set`,
        "Set it in Asana itself, or leave it out.",
      );
  }
}

/**
 * Asana wants people field values as user gids, and does not resolve "me" or emails there as it
 * does for assignees and followers, so those are looked up, each once per call.
 */
async function peopleGids(asana: AsanaSession, refs: readonly string[], param: string, known: Map<string, string>): Promise<string[]> {
  const gids: string[] = [];
  for (const ref of refs) {
    if (isGid(ref)) {
      gids.push(ref);
      continue;
    }
    const key = ref.toLowerCase();
    let gid = known.get(key);
    if (!gid) {
      try {
        gid = (await asana.get<{ gid: string }>(asanaPath`/users/${ref}`, { optFields: ["name"] })).gid;
      } catch (error) {
        throw addErrorNote(
          error,
          `That was the lookup of user ${quoted(ref)} named in ${param}; nothing was written. Pass "me", a user id, or the email of a member of the workspace (Asana_ListUsers lists them).`,
        );
      }
      known.set(key, gid);
    }
    gids.push(gid);
  }
  return [...new Set(gids)];
}

export interface FieldSource {
  /** The fields that can hold a value here: the task's, or the target project's. */
  definitions: readonly AsanaCustomField[];
  /** Where they come from, for the error: e.g. "task 123" or "project 456". */
  where: string;
  /**
   * Called once when a name matches none of `definitions`, before the error is raised: it may
   * throw an Asana error of its own (a free workspace's 402 says more than "unknown field"), or
   * return a sentence to add (e.g. that the field exists in the workspace but not on this task).
   */
  explainUnknown?: (unknown: readonly string[]) => Promise<string | undefined>;
}

/** What to write: values to set, and fields to empty (by name or id), with the parameter names for errors. */
export interface CustomFieldChanges {
  values?: readonly CustomFieldValue[];
  valuesParam: string;
  clear?: readonly string[];
  clearParam?: string;
}

/**
 * `[{field, value}]` and fields to clear, turned into Asana's `custom_fields` body (`{field gid: option
 * gid, number, text, {date}, [user gids], or null}`). Every field and option is checked before anything
 * is written: an unknown one fails the whole call with the list of what exists.
 */
export async function customFieldsBody(asana: AsanaSession, changes: CustomFieldChanges, source: FieldSource): Promise<Record<string, unknown>> {
  const named = [
    ...(changes.values ?? []).map((pair, index) => ({
      key: pair.field,
      value: pair.value as CustomFieldInput | null,
      name: `${changes.valuesParam}[${index}]`,
    })),
    ...(changes.clear ?? []).map((key, index) => ({ key, value: null, name: `${changes.clearParam ?? "clear"}[${index}]` })),
  ];
  const resolved: Array<{ field: AsanaCustomField; value: CustomFieldInput | null; name: string }> = [];
  const unknown: string[] = [];
  for (const { key, value, name } of named) {
    const field = findField(source.definitions, key, name);
    if (field) resolved.push({ field, value, name });
    else unknown.push(key);
  }
  if (unknown.length > 0) {
    const extra = await source.explainUnknown?.(unknown);
    throw new ToolRetryableError(
      `No custom field named ${unknown
        .slice(0, 10)
        .map((key) => quoted(key))
        .join(", ")} on ${source.where}; nothing was written. ` + `Name fields by the names or ids listed${extra ? `. ${extra}` : ""}.`,
      source.definitions.length > 0
        ? `Custom fields on ${source.where}: ${describeFields(source.definitions)}`
        : `${source.where} has no custom fields (they come from the projects a task is in).`,
    );
  }
  const seen = new Map<string, { name: string; clears: boolean }>();
  for (const { field, value, name } of resolved) {
    const earlier = seen.get(field.gid);
    if (earlier) {
      const label = quoted(field.name ?? field.gid);
      if (earlier.clears !== (value === null)) {
        throw new ToolInputError(
          `${earlier.name}, ${name}`,
          `both set and clear the field ${label}`,
          "Keep one of them: the value to set it, or the clear to empty it.",
        );
      }
      throw new ToolInputError(`${earlier.name}, ${name}`, `name the same field ${label} twice`, "Keep one of them.");
    }
    seen.set(field.gid, { name, clears: value === null });
  }
  const body: Record<string, unknown> = {};
  const people: Array<{ gid: string; refs: string[]; name: string }> = [];
  for (const { field, value, name } of resolved) {
    const converted = value === null ? null : asanaValue(field, value, name);
    if (fieldTypeOf(field) === "people" && Array.isArray(converted)) people.push({ gid: field.gid, refs: converted as string[], name });
    else body[field.gid] = converted;
  }
  const known = new Map<string, string>();
  for (const { gid, refs, name } of people) body[gid] = await peopleGids(asana, refs, name, known);
  return body;
}

/**
 * The fields a task can hold values for: the ones Asana lists on the task (every field of its
 * projects). A name that matches none is looked up among the workspace's fields, which answers 402
 * on a free plan (the reason there are none) and otherwise says when the field exists but is on
 * none of the task's projects.
 */
export async function taskFieldSource(asana: AsanaSession, taskId: string): Promise<FieldSource> {
  const task = await asana.get<{ gid: string; custom_fields?: AsanaCustomField[]; workspace?: AsanaRef | null }>(asanaPath`/tasks/${taskId}`, {
    optFields: ["workspace", ...customFieldDefinitionOptFields.map((field) => `custom_fields.${field}`)],
  });
  const workspaceId = task.workspace?.gid;
  return {
    definitions: task.custom_fields ?? [],
    where: `task ${taskId}`,
    explainUnknown: async (unknown) => {
      if (!workspaceId) return undefined;
      const page = await asana.getPage<AsanaCustomField>(asanaPath`/workspaces/${workspaceId}/custom_fields`, { limit: 100, optFields: ["name"] });
      const wanted = new Set(unknown.map((key) => key.trim().toLowerCase()));
      const elsewhere = page.items.filter((field) => wanted.has(field.gid) || wanted.has(field.name?.trim().toLowerCase() ?? ""));
      if (elsewhere.length === 0) return undefined;
      return (
        `${elsewhere.map((field) => `${quoted(field.name ?? field.gid)} (id ${field.gid})`).join(", ")} exists in the workspace but is on none of the task's projects; ` +
        "a task holds values only for its projects' fields, so add the task to a project that uses it (Asana_AddTaskToProject)"
      );
    },
  };
}

/**
 * The `custom_fields` body for a write to a task. When the user's last call found the task (SearchByName),
 * its fields' options are known and the body is built from them with no read; `remembered` then says so,
 * for the caller to rebuild it afresh (`fresh`) if Asana refuses an id that has gone stale since. A name or
 * option the remembered fields do not resolve is looked up afresh, and only that read's error is shown.
 */
export async function taskCustomFieldsBody(
  asana: AsanaSession,
  taskId: string,
  changes: CustomFieldChanges,
  options: { fresh?: boolean } = {},
): Promise<{ body: Record<string, unknown>; remembered: boolean }> {
  const known = options.fresh ? undefined : rememberedTask(asana, taskId)?.customFields;
  if (known) {
    try {
      return { body: await customFieldsBody(asana, changes, { definitions: known, where: `task ${taskId}` }), remembered: true };
    } catch (error) {
      if (!(error instanceof ToolRetryableError || error instanceof ToolInputError)) throw error;
    }
  }
  return { body: await customFieldsBody(asana, changes, await taskFieldSource(asana, taskId)), remembered: false };
}

/** Asana pages a project's field settings; a project with more than this many fields is not one a person fills in by hand. */
const maxProjectFieldPages = 5;

/** The fields of a project a new task will be filed in (premium: a free workspace answers 402). */
export async function projectFieldSource(asana: AsanaSession, projectId: string): Promise<FieldSource> {
  const definitions: AsanaCustomField[] = [];
  let offset: string | null = null;
  for (let page = 0; page < maxProjectFieldPages; page++) {
    const result: { items: Array<{ custom_field?: AsanaCustomField | null }>; nextOffset: string | null } = await asana.getPage(
      asanaPath`/projects/${projectId}/custom_field_settings`,
      { limit: 100, offset, optFields: customFieldDefinitionOptFields.map((field) => `custom_field.${field}`) },
    );
    for (const setting of result.items) if (setting.custom_field) definitions.push(setting.custom_field);
    offset = result.nextOffset;
    if (!offset) break;
  }
  return { definitions, where: `project ${projectId}` };
}
