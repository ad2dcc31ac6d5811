import type * as z from "zod";
import { takeClientArguments } from "./client-arguments.js";
import type { AnyToolDefinition } from "./define-tool.js";
import { ToolInputError, ToolInputErrors } from "./tool-errors.js";

/**
 * Validates raw arguments with the tool's own zod schema and turns every issue into a
 * {@link ToolInputError} naming the field, the rule and the fix. Nothing reaches Asana when this fails.
 * Every front door (MCP, the Arcade worker) comes through here, so arguments as clients really send
 * them (nulls for what was left out, lists as JSON text, ids as numbers: see client-arguments.ts) are
 * taken the same way everywhere, and only after the schema has refused them as sent.
 */
export function parseToolInput(tool: AnyToolDefinition, raw: unknown): unknown {
  const schema = tool.input as z.ZodObject;
  // Missing arguments are no arguments: a tool with no required parameter runs on its defaults.
  const given = raw ?? {};
  // Arguments as sent are tried first, so a right call pays for one parse and nothing else. A null at
  // the top (what strict-mode clients send for every parameter left out) goes straight to being taken.
  if (!hasNullValue(given)) {
    const first = schema.safeParse(given);
    if (first.success) return first.data;
  }
  const taken = takeClientArguments(schema, given);
  const parsed = schema.safeParse(taken.value, { reportInput: true });
  if (parsed.success && taken.problems.length === 0) return parsed.data;
  // A value refused outright (an id that lost digits) is reported in its own words, not the schema's.
  const refused = new Set(taken.problems.map((problem) => problem.field));
  const issues = parsed.success ? [] : parsed.error.issues.filter((issue) => !refused.has(fieldName(issue.path)));
  throw new ToolInputErrors([...taken.problems, ...issues.map((issue) => toInputError(tool, issue))]);
}

function hasNullValue(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  for (const key in value) if ((value as Record<string, unknown>)[key] === null) return true;
  return false;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, key) => (typeof key === "number" ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)), "");
}

function toInputError(tool: AnyToolDefinition, issue: z.core.$ZodIssue): ToolInputError {
  const parameters = Object.keys((tool.input as z.ZodObject).shape).join(", ");
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.join(", ");
    return new ToolInputError(keys, "is not a parameter of this tool", `Use only: ${parameters}.`);
  }
  const field = fieldName(issue.path) || "(arguments)";
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return new ToolInputError(field, "is required", `Pass ${field}; the parameters are: ${parameters}.`);
  }
  // Our schemas phrase their messages as "must …; how to fix", so the message is rule and fix together.
  const [rule, ...fix] = issue.message.split(". ");
  const got = describeValue(issue.input);
  return new ToolInputError(
    field,
    `${rule ?? issue.message}${got ? ` (got ${got})` : ""}`,
    fix.join(". ") || `Check ${field} against the tool's input schema.`,
  );
}

const shownCharacters = 60;

/** The value as JSON, cut to 60 characters: what the model sent, enough to recognise it. */
function describeValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = JSON.stringify(clipped(value, 0));
  if (text === undefined) return undefined;
  return text.length > shownCharacters ? `${text.slice(0, shownCharacters - 3)}...` : text;
}

/**
 * The value with what lies past the first 60 characters of its JSON left out, so a bad argument of
 * megabytes (25 strings of 300 KB) costs no more to describe than a short one. Whatever is left out
 * would be printed after character 60: a string keeps 61 characters, an array or object 61 items, and
 * nesting stops 61 levels down (each level prints at least one character). Only JSON's own kinds are
 * clipped; anything else (a Date's toJSON) is left to JSON.stringify.
 */
function clipped(value: unknown, depth: number): unknown {
  if (typeof value === "string") return value.length > shownCharacters ? value.slice(0, shownCharacters + 1) : value;
  if (typeof value !== "object" || value === null) return value;
  if (depth > shownCharacters) return 0;
  if (Array.isArray(value)) return value.slice(0, shownCharacters + 1).map((item: unknown) => clipped(item, depth + 1));
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  // No prototype: a "__proto__" key the client sent stays a key.
  const kept: Record<string, unknown> = Object.create(null);
  let count = 0;
  for (const [key, item] of Object.entries(value)) {
    // JSON.stringify skips these, so they do not count towards what is printed.
    if (item === undefined || typeof item === "function" || typeof item === "symbol") continue;
    if (count++ > shownCharacters) break;
    kept[key] = clipped(item, depth + 1);
  }
  return kept;
}
