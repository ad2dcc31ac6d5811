import { createHash } from "node:crypto";
import type { ToolAnnotations } from "./define-tool.js";
import type { JsonSchema } from "./json-schema.js";
import { ToolInputError } from "./tool-errors.js";

/**
 * `idempotency_key`: every create takes one, beside its own parameters, so a client can send a create
 * again (its answer was lost, the person pressed retry) without making a second object. It is the
 * runtime's, not the tools': taken out of the arguments before the tool's own schema sees them, and
 * published as a bare string that the server's instructions explain once for all the creates.
 */
export const idempotencyKeyName = "idempotency_key";

const maxKeyLength = 100;
const keyCharacters = /^[A-Za-z0-9_.:-]+$/;

/** The tools that make something new each call (annotate.create): reads and repeatable writes need no key. */
export function makesNewObjects(tool: { annotations: ToolAnnotations }): boolean {
  return !tool.annotations.readOnlyHint && !tool.annotations.idempotentHint;
}

/**
 * The key out of a create's arguments, as clients send it: null is "not given", and a number is taken
 * as its digits. Anything else that is not 1 to 100 letters, digits, `-`, `_`, `.` or `:` is a problem
 * that names the field, the rule and the fix.
 */
export function takeIdempotencyKey(args: unknown): { args: unknown; key?: string; problem?: ToolInputError } {
  if (typeof args !== "object" || args === null || Array.isArray(args) || !Object.hasOwn(args, idempotencyKeyName)) return { args };
  const { [idempotencyKeyName]: given, ...rest } = args as Record<string, unknown>;
  if (given === null || given === undefined) return { args: rest };
  const key = typeof given === "number" && Number.isSafeInteger(given) && given >= 0 ? String(given) : given;
  if (typeof key === "string" && key.length > 0 && key.length <= maxKeyLength && keyCharacters.test(key)) return { args: rest, key };
  return {
    args: rest,
    problem: new ToolInputError(
      idempotencyKeyName,
      `must be 1 to ${maxKeyLength} letters, digits, "-", "_", "." or ":" (got ${describe(given)})`,
      "Use a new random id, such as a UUID, for each new create, and the same id only to send that create again.",
    ),
  };
}

function describe(value: unknown): string {
  if (typeof value === "string") return value.length > 40 ? `text of ${value.length} characters` : JSON.stringify(value);
  return Array.isArray(value) ? "a list" : typeof value;
}

/** A create's published input schema: its own parameters, and the key as a bare string. */
export function withIdempotencyKey(schema: JsonSchema): JsonSchema {
  return { ...schema, properties: { ...((schema.properties as JsonSchema | undefined) ?? {}), [idempotencyKeyName]: { type: "string" } } };
}

/**
 * A digest of a call's validated arguments: the same key with other arguments is refused. Validated,
 * so a value a client sent as text ("5") and one it sent as a number (5) are the same call.
 */
export function argumentsFingerprint(input: unknown): string {
  return createHash("sha256").update(canonicalJson(input)).digest("base64url");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
