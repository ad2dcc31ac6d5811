import type { ParameterRule } from "../toolkit/index.js";
import { stringEnum, valueBranch, type ParameterJsonSchema, type WorkerValueSchema } from "./value-schema.js";

/** What is known about one parameter: its JSON Schema, the rules its checks enforce, and its ValueSchema. */
export interface ParameterFacts {
  schema: ParameterJsonSchema;
  rules: { rule?: ParameterRule; items?: ParameterRule; note?: string };
  valueSchema: WorkerValueSchema;
}

/**
 * A parameter's description for Arcade's definitions. A ValueSchema holds a type, a list's element type
 * and an enum, nothing more: a format (an id is digits, a date YYYY-MM-DD), a range, a length, a list's
 * size and a default reach the model only if the description says them. MCP's JSON Schema carries
 * these itself, so MCP's descriptions stay as short as they are; here each is appended, unless the
 * words already say it, and a parameter never goes out described by its name alone.
 */
export function describeParameter({ schema, rules, valueSchema }: ParameterFacts): string {
  const value = valueBranch(schema);
  // MCP's instructions say a shared parameter's note once; the Engine's model has no instructions to read.
  const base = (schema.description ?? value.description ?? rules.note ?? "").trim();
  const says = (pattern: RegExp) => pattern.test(base);
  const facts: string[] = [];

  const format = rules.rule ? formatOf(rules.rule, says) : undefined;
  if (format) facts.push(format);
  if (value.type === "array") facts.push(...listFacts(value, rules.items, valueSchema, base, says));
  facts.push(...boundFacts(value, rules.rule, says));
  if (value.default !== undefined && !says(/default/i)) facts.push(`Default: ${shown(value.default)}.`);

  const values = valueSchema.val_type === "array" ? undefined : stringEnum(value.enum);
  const otherValues = value.enum && !values ? value.enum.filter((v) => v !== null) : undefined;
  if (otherValues && otherValues.length > 0) facts.push(`One of: ${otherValues.map(shown).join(", ")}.`);
  // A closed list is in the ValueSchema; said in words only when nothing else describes the parameter.
  if (values && !base && facts.length === 0) facts.push("One of the listed values.");
  if (!base && facts.length === 0) facts.push(kindOf(value));
  return [sentence(base), ...facts].filter(Boolean).join(" ");
}

function sentence(text: string): string {
  return !text || /[.!?:;)]$/.test(text) ? text : `${text}.`;
}

function shown(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function formatOf(rule: ParameterRule, says: (pattern: RegExp) => boolean): string | undefined {
  switch (rule.kind) {
    case "gid":
      if (says(/digits/)) return undefined;
      // "A project or portfolio id." needs only the form; "Omit if …" needs what the id is of.
      return says(/\bids?\b/i) ? "A string of digits." : `The ${rule.resource}'s Asana id, a string of digits.`;
    case "date":
      return says(/YYYY-MM-DD/) ? undefined : "A date, YYYY-MM-DD.";
    case "user":
      return says(/"me"/) ? undefined : '"me", a user id or an email.';
    case "text":
      return undefined;
  }
}

/** A list's size and what each element must be. */
function listFacts(
  value: ParameterJsonSchema,
  items: ParameterRule | undefined,
  valueSchema: WorkerValueSchema,
  base: string,
  says: (pattern: RegExp) => boolean,
): string[] {
  const element = value.items ? valueBranch(value.items) : undefined;
  const noun = valueSchema.enum ? "of the listed values" : "items";
  const min = value.minItems ?? 0;
  const max = value.maxItems;
  const count = max !== undefined && min > 0 ? `${min}-${max}` : max !== undefined ? `up to ${max}` : min > 0 ? `at least ${min}` : undefined;
  const facts: string[] = [];
  if (count && !says(new RegExp(`\\b${max ?? min}\\b`))) facts.push(`${valueSchema.enum ? `Any ${noun}, ${count}` : `${capitalized(count)} ${noun}`}.`);
  else if (!count && valueSchema.enum && !base) facts.push(`Any ${noun}.`);
  if (items?.kind === "gid" && !says(/digits/)) facts.push(`Each ${/^[aeiou]/i.test(items.resource) ? "an" : "a"} ${items.resource} id, a string of digits.`);
  else if (items?.kind === "date" && !says(/YYYY-MM-DD/)) facts.push("Each a date, YYYY-MM-DD.");
  else if (items?.kind === "user" && !says(/"me"/)) facts.push('Each "me", a user id or an email.');
  else if (element?.properties && !says(/\{/)) facts.push(`Each an object: ${objectShape(element)}.`);
  return facts;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `{field, value}` with the required keys first, as a model would write it. */
function objectShape(schema: ParameterJsonSchema): string {
  const keys = Object.keys(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const optional = keys.filter((key) => !required.has(key));
  return `{${keys.filter((key) => required.has(key)).join(", ")}}${optional.length > 0 ? `, optionally with ${optional.join(", ")}` : ""}`;
}

/** Ranges and lengths, from the JSON Schema or the parameter's own checks. */
function boundFacts(value: ParameterJsonSchema, rule: ParameterRule | undefined, says: (pattern: RegExp) => boolean): string[] {
  const facts: string[] = [];
  const min = value.minimum ?? (value.exclusiveMinimum !== undefined ? `more than ${value.exclusiveMinimum}` : undefined);
  const max = value.maximum ?? (value.exclusiveMaximum !== undefined ? `less than ${value.exclusiveMaximum}` : undefined);
  if (typeof min === "number" && typeof max === "number") {
    if (!says(new RegExp(`${min}\\s*-\\s*${max}`))) facts.push(`${min}-${max}.`);
  } else if (min !== undefined && !says(new RegExp(String(min)))) facts.push(`At least ${min}.`);
  else if (max !== undefined && !says(new RegExp(String(max)))) facts.push(`At most ${max}.`);

  const text = rule?.kind === "text" ? rule : undefined;
  const minLength = Math.max(value.minLength ?? 0, text?.minLength ?? 0);
  const maxLength = value.maxLength ?? text?.maxLength;
  if (maxLength !== undefined && !says(/characters/)) facts.push(minLength > 0 ? `${minLength}-${maxLength} characters.` : `Up to ${maxLength} characters.`);
  return facts;
}

/** The last resort: what kind of value to send. */
function kindOf(value: ParameterJsonSchema): string {
  switch (value.type) {
    case "string":
      return "Text.";
    case "boolean":
      return "true or false.";
    case "integer":
      return "A whole number.";
    case "number":
      return "A number.";
    case "array": {
      const items = value.items ? valueBranch(value.items) : undefined;
      const kinds: Record<string, string> = { string: "text", integer: "whole numbers", number: "numbers", boolean: "true or false values", object: "objects" };
      return `A list of ${kinds[String(items?.type)] ?? "values"}.`;
    }
    default:
      return value.additionalProperties && typeof value.additionalProperties === "object"
        ? `A JSON object; each value ${valueKinds(value.additionalProperties)}.`
        : "A JSON object.";
  }
}

function valueKinds(schema: ParameterJsonSchema): string {
  const kinds = (schema.anyOf ?? [schema]).map((branch) =>
    branch.type === "string"
      ? "text"
      : branch.type === "number" || branch.type === "integer"
        ? "a number"
        : branch.type === "array"
          ? "a list"
          : String(branch.type),
  );
  return kinds.length > 1 ? `${kinds.slice(0, -1).join(", ")} or ${kinds.at(-1)}` : (kinds[0] ?? "any JSON value");
}
