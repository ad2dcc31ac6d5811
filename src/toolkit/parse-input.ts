import type * as z from "zod";
import type { AnyToolDefinition } from "./define-tool.js";
import { ToolInputError, ToolInputErrors } from "./tool-errors.js";

/**
 * Validates raw arguments with the tool's own zod schema and turns every issue into a
 * {@link ToolInputError} naming the field, the rule and the fix. Nothing reaches Asana when this fails.
 */
export function parseToolInput(tool: AnyToolDefinition, raw: unknown): unknown {
  const result = (tool.input as z.ZodObject).safeParse(raw ?? {}, { reportInput: true });
  if (result.success) return result.data;
  throw new ToolInputErrors(result.error.issues.map((issue) => toInputError(tool, issue)));
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

function describeValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  if (text === undefined) return undefined;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
