import * as z from "zod";
import { compact, namedRef, refOf, refsOf, type AsanaRef } from "../../src/toolkit/index.js";

/**
 * Custom field values as a model reads them: "Priority: High", not
 * `{"1259571177774121": "1204812345678901"}`. Tasks (GetTaskById, CreateTask, UpdateTask) and
 * customfields (SetTaskCustomFields) share this, so a value reads the same everywhere; writing is in
 * custom-field-writes.ts.
 */

export interface AsanaEnumOption {
  gid: string;
  name?: string;
  enabled?: boolean;
  color?: string | null;
}

/** A custom field as Asana sends it, on a task (with its value) or as a definition (with its options). */
export interface AsanaCustomField {
  gid: string;
  name?: string;
  resource_subtype?: string;
  type?: string;
  enabled?: boolean;
  display_value?: string | null;
  enum_value?: AsanaEnumOption | null;
  multi_enum_values?: AsanaEnumOption[] | null;
  number_value?: number | null;
  date_value?: { date?: string | null; date_time?: string | null } | null;
  people_value?: AsanaRef[] | null;
  enum_options?: AsanaEnumOption[] | null;
  precision?: number | null;
}

/** A field's kind: Asana's resource_subtype (its older `type` is the fallback). */
export function fieldTypeOf(field: AsanaCustomField): string {
  return field.resource_subtype ?? field.type ?? "unknown";
}

/** What a task's field values need, under the `custom_fields.` prefix of a task's opt_fields. */
export const customFieldValueOptFields = [
  "custom_fields.name",
  "custom_fields.resource_subtype",
  "custom_fields.display_value",
  "custom_fields.enum_value.name",
  "custom_fields.multi_enum_values.name",
  "custom_fields.number_value",
  "custom_fields.date_value",
  "custom_fields.people_value.name",
] as const;

export const customFieldValueShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  type: z.string().optional().describe("enum, multi_enum, number, text, date or people."),
  value: z.string().optional().describe("The value as Asana displays it; absent when empty."),
  enum_value: namedRef.optional().describe("The option; its name is in value."),
  multi_enum_values: z.array(namedRef).optional(),
  number_value: z.number().optional(),
  date_value: z.string().optional().describe("YYYY-MM-DD, or a date-time."),
  people_value: z.array(namedRef).optional(),
});

export type PresentedCustomFieldValue = z.infer<typeof customFieldValueShape>;

/**
 * A field with its display value and its typed value (an option, a number, people), where the typed
 * value says more than the display: an enum's option id, not its name again; a date only when it is
 * not the displayed text already.
 */
export function presentCustomFieldValue(raw: AsanaCustomField): PresentedCustomFieldValue {
  const date = raw.date_value?.date_time ?? raw.date_value?.date ?? undefined;
  const option = refOf(raw.enum_value);
  return {
    id: raw.gid,
    ...compact({
      name: raw.name,
      type: raw.resource_subtype ?? raw.type,
      value: raw.display_value,
      enum_value: option && option.name === raw.display_value ? { id: option.id } : option,
      multi_enum_values: refsOf(raw.multi_enum_values),
      number_value: raw.number_value,
      date_value: date === raw.display_value ? undefined : date,
      people_value: refsOf(raw.people_value),
    }),
  };
}

/** True when a field holds a value; a task lists every field of its projects, most of them empty. */
export function hasCustomFieldValue(field: PresentedCustomFieldValue): boolean {
  return Object.keys(field).some((key) => key !== "id" && key !== "name" && key !== "type");
}
