import * as z from "zod";

/**
 * Custom field values as tools take them: a list of `{field, value}` pairs, field by name or id. A list
 * of closed objects is a shape every provider's tool format keeps as it is; a free-form map
 * (`{"Priority": "High"}`) is not: Google's converter flattens it to a bare object, and OpenAI's
 * strict mode refuses it. The map form is still taken, for callers written against it.
 */

/** One value as a model speaks of it: an option name, a list of them, a number, text, a date, people. */
export type CustomFieldInput = string | number | string[];
export interface CustomFieldValue {
  field: string;
  value: CustomFieldInput;
}

/** Most fields per call; a project holds far fewer, and the bound keeps a runaway argument small. */
const maxFieldsPerCall = 50;

const valueRule =
  'must be an option name for enum, a list of option names for multi_enum, a number, text, a YYYY-MM-DD date, or "me"/user ids/emails for people';

/** Keys that a JavaScript object treats as its own machinery: a map cannot carry them as field names. */
const reservedKeys = new Set(["__proto__", "constructor", "prototype"]);

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The older map form, `{"Priority": "High"}`, as the list it means. A lone `{field, value}` object is
 * one pair (a caller who meant two fields named "field" and "value" is far less likely than one who
 * left out the brackets). A null value no longer clears: `howToClear` says what does.
 */
function pairsFromMap(howToClear: string) {
  return (given: unknown, ctx: z.core.$RefinementCtx) => {
    if (!isPlainObject(given)) return given;
    const keys = Object.keys(given);
    if (keys.length === 2 && "field" in given && "value" in given) return [given];
    const pairs: Array<{ field: string; value: unknown }> = [];
    for (const key of keys) {
      const value = given[key];
      if (reservedKeys.has(key)) {
        ctx.issues.push({
          code: "custom",
          path: [key],
          input: value,
          message: `is a key a JavaScript object cannot carry as a field name. Name the field in the list form instead: [{"field": "${key}", "value": ...}]`,
        });
      } else if (value === null) {
        ctx.issues.push({ code: "custom", path: [key], input: value, message: `must be a value: null no longer empties a field. ${howToClear}` });
      } else {
        pairs.push({ field: key, value });
      }
    }
    return pairs;
  };
}

const fieldNameOrId = z
  .string({ error: "must be the custom field's name or id" })
  .trim()
  .refine((name) => name.length > 0 && name.length <= 1024, { error: "must be a custom field's name or id, 1-1024 characters" });

/**
 * `[{field, value}]` for SetTaskCustomFields and for CreateTask/UpdateTask's custom_fields.
 * `howToClear` is the tool's own way of emptying a field, for a caller who sends null.
 */
export function customFieldValuesParam(howToClear: string) {
  // Lengths are checked in refinements, which stay out of the schema every chat pays for.
  const text = z.string().refine((value) => value.length <= 1024, { error: "must be at most 1024 characters (Asana's limit for a text value)" });
  const pair = z.strictObject(
    {
      field: fieldNameOrId,
      value: z.union([text, z.number(), z.array(text)], { error: `${valueRule}. ${howToClear}` }),
    },
    { error: 'must be a {"field", "value"} pair. Pass e.g. {"field": "Priority", "value": "High"}' },
  );
  return z.preprocess(
    pairsFromMap(howToClear),
    z
      .array(pair, { error: 'must be a list of {"field", "value"} pairs. Pass e.g. [{"field": "Priority", "value": "High"}]' })
      .refine((pairs) => pairs.length > 0, { error: 'must name at least one field. Pass e.g. [{"field": "Priority", "value": "High"}]' })
      .refine((pairs) => pairs.length <= maxFieldsPerCall, { error: `must name at most ${maxFieldsPerCall} fields. Split the change into several calls` })
      .refine((pairs) => pairs.every((pair) => !Array.isArray(pair.value) || pair.value.length <= 100), {
        error: "must list at most 100 values for one field",
      }),
  );
}

/** Fields to empty, by name or id (SetTaskCustomFields' clear); an empty list empties nothing. */
export const customFieldClearParam = z
  .array(fieldNameOrId, { error: 'must be a list of custom field names or ids to empty. Pass e.g. ["Estimate"]' })
  .refine((fields) => fields.length <= maxFieldsPerCall, { error: `must name at most ${maxFieldsPerCall} fields` });
