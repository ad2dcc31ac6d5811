import type * as z from "zod";
import { ToolInputError } from "./tool-errors.js";

/**
 * Arguments as MCP clients and models really send them, taken for what they can only mean, before the
 * tool's own schema checks them. Each rule answers a client that is common and not ours to change:
 * - null for an optional parameter is "not given": OpenAI's strict mode makes every parameter
 *   required and nullable, so strict clients (the Agents SDK, CrewAI, NeMo) and gpt-5-class models
 *   send null for each one they leave out;
 * - JSON text where a list or object is expected is that list or object (Claude Code, mcp-remote);
 * - one value where a list is expected is a one-item list;
 * - a number written as text is that number, "true"/"false" that boolean;
 * - a whole number where text is expected is its digits: the Inspector CLI and mcpc send
 *   `task_id=1222330792440268` as a number. Past 2^53 the JSON parser has already rounded it, so
 *   such a number is refused rather than read as some other id.
 * A value that could mean two things (text that looks like JSON but does not parse, one text with a
 * comma where a list is expected) is left as it is, for the schema to refuse by name.
 *
 * The rules are read off each tool's zod schema, once per schema, and run only on arguments the
 * schema has already refused: a call whose arguments are right pays for nothing here.
 */

/** What the rules need to know of a schema: which kind of JSON value it takes. */
type Expected =
  | { kind: "object"; properties: Map<string, { expected: Expected; optional: boolean }>; required: readonly string[] }
  | { kind: "array"; item: Expected }
  | { kind: "string" }
  // One of a set of words: taken as sent (a number is never one of them), listed when bare.
  | { kind: "enum" }
  | { kind: "number" }
  | { kind: "boolean" }
  // Unions (a custom field's value: text, number or list) already take text as text, so JSON text
  // or a bare value there could mean two things: left alone, like anything else unrecognised.
  | { kind: "other" };

export interface TakenArguments {
  value: unknown;
  /** Values refused outright, with a clearer message than the schema's (e.g. an id that lost digits). */
  problems: ToolInputError[];
}

const compiled = new WeakMap<z.ZodType, Expected>();

/** The arguments with every unambiguous client quirk taken for its meaning. */
export function takeClientArguments(schema: z.ZodType, raw: unknown): TakenArguments {
  let expected = compiled.get(schema);
  if (!expected) {
    expected = expectedOf(schema);
    compiled.set(schema, expected);
  }
  const problems: ToolInputError[] = [];
  return { value: take(expected, raw, [], problems), problems };
}

// zod 4 keeps a schema's structure on `_zod.def`; only the few fields read here are typed.
interface ZodDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  getter?: () => z.ZodType;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
/** zod marks a key that may be left out (`.optional()`, `.default()`) with `optin`. */
const isOptional = (schema: z.ZodType) => Boolean((schema as unknown as { _zod: { optin?: string } })._zod.optin);

function expectedOf(schema: z.ZodType, depth = 0): Expected {
  if (depth > 20) return { kind: "other" };
  const def = defOf(schema);
  switch (def.type) {
    case "object": {
      const properties = new Map<string, { expected: Expected; optional: boolean }>();
      for (const [key, value] of Object.entries(def.shape ?? {})) {
        properties.set(key, { expected: expectedOf(value, depth + 1), optional: isOptional(value) });
      }
      return { kind: "object", properties, required: [...properties].filter(([, p]) => !p.optional).map(([key]) => key) };
    }
    case "array":
      return { kind: "array", item: def.element ? expectedOf(def.element, depth + 1) : { kind: "other" } };
    case "string":
      return { kind: "string" };
    case "enum":
      return { kind: "enum" };
    case "number":
    case "int":
      return { kind: "number" };
    case "boolean":
      return { kind: "boolean" };
    case "optional":
    case "nonoptional":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
      return def.innerType ? expectedOf(def.innerType, depth + 1) : { kind: "other" };
    case "pipe": {
      // A preprocess (transform in front) takes what its output schema takes; a transform behind
      // a schema takes what that schema takes.
      const front = def.in && defOf(def.in).type === "transform" ? def.out : def.in;
      return front ? expectedOf(front, depth + 1) : { kind: "other" };
    }
    case "lazy":
      return def.getter ? expectedOf(def.getter(), depth + 1) : { kind: "other" };
    default:
      return { kind: "other" };
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

const numberText = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function pathName(path: readonly (string | number)[]): string {
  return path.reduce<string>((name, key) => (typeof key === "number" ? `${name}[${key}]` : name ? `${name}.${key}` : key), "") || "(arguments)";
}

/** JSON text holding a list or an object, parsed; anything else (or text that does not parse) as it was. */
function parsedJsonText(value: string): unknown {
  const text = value.trim();
  if (!(text.startsWith("[") && text.endsWith("]")) && !(text.startsWith("{") && text.endsWith("}"))) return value;
  try {
    return JSON.parse(text);
  } catch {
    return value;
  }
}

function take(expected: Expected, value: unknown, path: (string | number)[], problems: ToolInputError[]): unknown {
  switch (expected.kind) {
    case "object":
      return takeObject(expected, typeof value === "string" ? parsedJsonText(value) : value, path, problems);
    case "array":
      return takeArray(expected, value, path, problems);
    case "string":
      if (typeof value !== "number" || !Number.isInteger(value)) return value;
      if (Number.isSafeInteger(value)) return String(value);
      problems.push(
        new ToolInputError(
          pathName(path),
          `is a number past 2^53 (got ${value}): a number that large had its last digits rounded off when the JSON was parsed, so they are lost`,
          'Pass it as a string of digits, in quotes (e.g. "12345678901234567890")',
        ),
      );
      return value;
    case "number": {
      if (typeof value !== "string") return value;
      const text = value.trim();
      return numberText.test(text) && Number.isFinite(Number(text)) ? Number(text) : value;
    }
    case "boolean": {
      if (typeof value !== "string") return value;
      const text = value.trim().toLowerCase();
      return text === "true" ? true : text === "false" ? false : value;
    }
    default:
      return value;
  }
}

function takeObject(expected: Extract<Expected, { kind: "object" }>, value: unknown, path: (string | number)[], problems: ToolInputError[]): unknown {
  if (!isPlainObject(value)) return value;
  let changed = false;
  const entries: [string, unknown][] = [];
  for (const [key, given] of Object.entries(value)) {
    const property = expected.properties.get(key);
    if (given === null && property?.optional) {
      changed = true;
      continue;
    }
    const taken = property ? take(property.expected, given, [...path, key], problems) : given;
    if (taken !== given) changed = true;
    entries.push([key, taken]);
  }
  // Object.fromEntries defines each key as the object's own, so a "__proto__" key stays a key for the
  // schema to name, and never becomes the object's prototype.
  return changed ? Object.fromEntries(entries) : value;
}

/** Would `value`, as it stands, be one item of the list? Then a bare one is that item, listed. */
function fitsAsItem(item: Expected, value: unknown): boolean {
  switch (item.kind) {
    case "enum":
      return typeof value === "string";
    case "string":
      // One text with a comma may be one name or several, and text in brackets that is not JSON may
      // be a name or a broken list: the caller says which with a list.
      return (typeof value === "string" && !value.includes(",") && !/^\s*[[{]/.test(value)) || (typeof value === "number" && Number.isInteger(value));
    case "number":
      return typeof value === "number" || (typeof value === "string" && numberText.test(value.trim()));
    case "boolean":
      return typeof value === "boolean";
    case "object":
      return isPlainObject(value) && Object.keys(value).every((key) => item.properties.has(key)) && item.required.every((key) => key in value);
    default:
      return false;
  }
}

function takeArray(expected: Extract<Expected, { kind: "array" }>, value: unknown, path: (string | number)[], problems: ToolInputError[]): unknown {
  const given = typeof value === "string" ? parsedJsonText(value) : value;
  if (Array.isArray(given)) {
    let changed = given !== value;
    const items = given.map((item, index) => {
      const taken = take(expected.item, item, [...path, index], problems);
      if (taken !== item) changed = true;
      return taken;
    });
    return changed ? items : value;
  }
  if (fitsAsItem(expected.item, given)) return [take(expected.item, given, [...path, 0], problems)];
  // An object from JSON text goes on as an object: a parameter may take one as well as a list (custom
  // fields by key); otherwise the schema refuses it by name, as it would the object sent bare.
  return isPlainObject(given) ? given : value;
}
