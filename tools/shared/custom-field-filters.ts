import * as z from "zod";
import { asanaPath, type AsanaSession } from "../../src/asana/index.js";
import { isCalendarDate, nonEmptyText, quoted, ToolInputError, ToolRetryableError } from "../../src/toolkit/index.js";
import { findField, optionFor, type FieldSource } from "./custom-field-writes.js";
import { fieldTypeOf, type AsanaCustomField } from "./custom-fields.js";

/**
 * Task search by custom field value, with fields and options named as a model names them: the
 * names-to-ids writer (custom-field-writes.ts) run the other way, into Asana's search parameters
 * `custom_fields.{field gid}.{condition}` (searchTasksForWorkspace's text; not declared parameters).
 * What each field type takes is Asana's table; a search it does not support (a multi-enum or people
 * field's value) is refused here, naming what does work, before any search is sent.
 */

const conditions = ["is_set", "value", "less_than", "greater_than", "contains"] as const;
type Condition = (typeof conditions)[number];

const filter = z
  .strictObject(
    {
      field: nonEmptyText("must be the custom field's name or id", 'Name the field, e.g. {"field": "Priority", "value": "High"}'),
      is_set: z.boolean({ error: "must be true or false" }).optional(),
      value: z.union([z.string(), z.number()], { error: "must be an option name, text, a number or a YYYY-MM-DD date" }).optional(),
      less_than: z.union([z.number(), z.string()], { error: "must be a number, or a YYYY-MM-DD date for a date field" }).optional(),
      greater_than: z.union([z.number(), z.string()], { error: "must be a number, or a YYYY-MM-DD date for a date field" }).optional(),
      contains: z.string({ error: "must be text" }).optional(),
    },
    { error: 'must be a filter such as {"field": "Priority", "value": "High"}' },
  )
  .refine((given) => conditions.some((name) => given[name] !== undefined), {
    error: `must give a condition besides field: one of ${conditions.join(", ")}`,
  });

export type CustomFieldFilter = z.output<typeof filter>;

export function customFieldFiltersParam() {
  // Lengths as refinements: they stay out of the schema every chat pays for.
  return z
    .array(filter, { error: 'must be a list of filters such as [{"field": "Priority", "value": "High"}]' })
    .refine((filters) => filters.length > 0 && filters.length <= 20, { error: "must list 1-20 filters. Leave custom_fields out for none" })
    .describe('e.g. [{"field":"Priority","value":"High"},{"field":"Due","less_than":"2026-07-01"}], by name.');
}

/** The fields listed in an error, so the model can choose. */
function listed(definitions: readonly AsanaCustomField[]): string {
  return JSON.stringify(
    definitions.slice(0, 50).map((field) => {
      const options = (field.enum_options ?? []).filter((o) => o.enabled !== false).map((o) => o.name);
      return { id: field.gid, name: field.name, type: fieldTypeOf(field), ...(options.length > 0 ? { options } : {}) };
    }),
  );
}

/** A field's value as search takes it, by the field's type (Asana's table), or an error naming what the type takes. */
function searchValue(field: AsanaCustomField, condition: Condition, given: string | number | boolean, param: string): string {
  const type = fieldTypeOf(field);
  const label = `the ${type} field ${quoted(field.name ?? field.gid)}`;
  const refuse = (takes: string) => new ToolInputError(param, `does not apply to ${label}`, takes);
  if (condition === "is_set") return String(given);
  if (condition === "contains") {
    if (type !== "text") throw refuse("contains searches text fields; use value, less_than, greater_than or is_set for this one.");
    return String(given);
  }
  if (type === "multi_enum" || type === "people") {
    throw refuse(
      `Asana's search cannot match a ${type} field's value; use is_set, or list the project's tasks (Asana_ListTasksInProject) and read their fields.`,
    );
  }
  if (condition === "less_than" || condition === "greater_than") {
    if (type === "number" && typeof given === "number") return String(given);
    if (type === "date" && typeof given === "string" && isCalendarDate(given.trim())) return given.trim();
    throw refuse(
      type === "date" ? "Pass a date written YYYY-MM-DD." : type === "number" ? "Pass a number." : "less_than and greater_than compare number and date fields.",
    );
  }
  switch (type) {
    case "enum":
      if (typeof given !== "string") throw refuse("Pass one of its options by name.");
      return optionFor(field, given, param);
    case "number": {
      const number = typeof given === "number" ? given : Number(given);
      if (typeof given === "string" && given.trim() === "") throw refuse("Pass a number.");
      if (!Number.isFinite(number)) throw refuse("Pass a number.");
      return String(number);
    }
    case "date":
      if (typeof given !== "string" || !isCalendarDate(given.trim())) throw refuse("Pass a date written YYYY-MM-DD.");
      return given.trim();
    case "text":
      return String(given);
    default:
      throw refuse("Asana's search takes text, number, enum and date fields' values; use is_set for this one.");
  }
}

/** Asana names the date conditions before and after; the tool calls them less_than and greater_than for every type. */
function asanaCondition(condition: Condition, field: AsanaCustomField): string {
  if (fieldTypeOf(field) !== "date") return condition;
  return condition === "less_than" ? "before" : condition === "greater_than" ? "after" : condition;
}

/** The search parameters for `filters`, each field found among `source`'s definitions by name or id. */
export function customFieldSearchQuery(filters: readonly CustomFieldFilter[], source: FieldSource, param: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [index, given] of filters.entries()) {
    const field = findField(source.definitions, given.field, `${param}[${index}].field`);
    if (!field) {
      throw new ToolRetryableError(
        `No custom field named ${quoted(given.field)} on ${source.where} (${param}[${index}].field); nothing was searched. Name a field listed here.`,
        source.definitions.length > 0 ? `Custom fields on ${source.where}: ${listed(source.definitions)}` : `${source.where} has no custom fields.`,
      );
    }
    for (const condition of conditions) {
      const value = given[condition];
      if (value === undefined) continue;
      const key = `custom_fields.${field.gid}.${asanaCondition(condition, field)}`;
      if (key in query) {
        throw new ToolInputError(`${param}[${index}].${condition}`, `repeats a condition on ${quoted(field.name ?? field.gid)}`, "Give each condition once.");
      }
      query[key] = searchValue(field, condition, value, `${param}[${index}].${condition}`);
    }
  }
  return query;
}

/** A workspace's custom fields, for a search that names no project (premium: a free workspace answers 402). */
export async function workspaceFieldSource(asana: AsanaSession, workspaceId: string): Promise<FieldSource> {
  const definitions: AsanaCustomField[] = [];
  let offset: string | null = null;
  for (let page = 0; page < 5; page++) {
    const result: { items: AsanaCustomField[]; nextOffset: string | null } = await asana.getPage<AsanaCustomField>(
      asanaPath`/workspaces/${workspaceId}/custom_fields`,
      { limit: 100, offset, optFields: ["name", "resource_subtype", "enum_options.name", "enum_options.enabled"] },
    );
    definitions.push(...result.items);
    offset = result.nextOffset;
    if (!offset) break;
  }
  return { definitions, where: `workspace ${workspaceId}` };
}
