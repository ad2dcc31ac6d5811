import * as z from "zod";
import { compact } from "../../src/toolkit/index.js";
import { fieldTypeOf, type AsanaCustomField } from "../shared/custom-fields.js";

/** A field's definition as ListCustomFields asks for it; the same fields under `custom_field.` for a project's settings. */
export const customFieldDefinitionFields = [
  "name",
  "resource_subtype",
  "description",
  "enabled",
  "precision",
  "enum_options.name",
  "enum_options.color",
  "enum_options.enabled",
] as const;

export const customFieldShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  type: z.string().describe("enum, multi_enum, number, text, date, people, …"),
  description: z.string().optional(),
  enabled: z.boolean().optional().describe("false: the field is switched off and keeps its old values."),
  precision: z.number().int().optional().describe("Decimal places, for number fields."),
  enum_options: z
    .array(z.object({ id: z.string(), name: z.string().optional(), color: z.string().optional(), enabled: z.boolean().optional() }))
    .optional()
    .describe("For enum and multi_enum fields; a disabled option can be cleared but not set."),
});

export function presentCustomField(raw: AsanaCustomField & { description?: string | null }): z.infer<typeof customFieldShape> {
  const options = (raw.enum_options ?? []).map((option) => ({
    id: option.gid,
    ...compact({ name: option.name, color: option.color, enabled: option.enabled }),
  }));
  return {
    id: raw.gid,
    type: fieldTypeOf(raw),
    ...compact({ name: raw.name, description: raw.description, enabled: raw.enabled, precision: raw.precision, enum_options: options }),
  };
}

/** Custom fields are a paid-plan feature; on a free workspace Asana answers 402, reads included. */
export const customFieldsPremiumHint =
  "Custom fields need a paid Asana plan, so this workspace has none. Tell the user rather than retrying; " +
  "the task's name, notes, dates, assignee, tags and sections still work (Asana_UpdateTask, Asana_AddTagToTask, Asana_MoveTaskToSection).";

/** The colors of an enum option in Asana's field editor; "none" is Asana's default. */
export const enumOptionColors = [
  "none",
  "red",
  "orange",
  "yellow-orange",
  "yellow",
  "yellow-green",
  "green",
  "blue-green",
  "aqua",
  "blue",
  "indigo",
  "purple",
  "magenta",
  "hot-pink",
  "pink",
  "cool-gray",
] as const;

export const enumOptionColorParam = z.enum(enumOptionColors, { error: `must be one of Asana's option colors: ${enumOptionColors.join(", ")}` });

/** EnumOption: "An enum custom field must contain at least 1 enum option but no more than 500." */
export const maxEnumOptions = 500;

export const findCustomFieldHint = "Find custom field ids with Asana_ListCustomFields, or Asana_SearchByName (resource_type custom_field).";
