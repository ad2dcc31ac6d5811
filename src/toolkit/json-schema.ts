import * as z from "zod";

export type JsonSchema = Record<string, unknown>;

/** zod's `.int()` adds ±2^53 bounds to every integer; they say nothing and cost tokens in every tools/list. */
function dropSafeIntegerBounds(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(dropSafeIntegerBounds);
  if (!node || typeof node !== "object") return;
  const schema = node as JsonSchema;
  if (schema.minimum === Number.MIN_SAFE_INTEGER) delete schema.minimum;
  if (schema.maximum === Number.MAX_SAFE_INTEGER) delete schema.maximum;
  Object.values(schema).forEach(dropSafeIntegerBounds);
}

/** Objects are closed by construction (zod strips or refuses extras), so saying so in every nested object is only tokens. */
function dropClosedObjectMarkers(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(dropClosedObjectMarkers);
  if (!node || typeof node !== "object") return;
  const schema = node as JsonSchema;
  if (schema.additionalProperties === false) delete schema.additionalProperties;
  Object.values(schema).forEach(dropClosedObjectMarkers);
}

/**
 * `.nullable().describe()` on a described schema gives `{anyOf: [{..., description}, {type: null}], description}`:
 * the same words twice, or two versions of them. The outer description is the one written for this use.
 */
function dropBranchDescriptions(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(dropBranchDescriptions);
  if (!node || typeof node !== "object") return;
  const schema = node as JsonSchema;
  if (Array.isArray(schema.anyOf) && typeof schema.description === "string") {
    for (const branch of schema.anyOf as JsonSchema[]) delete branch.description;
  }
  Object.values(schema).forEach(dropBranchDescriptions);
}

/**
 * zod writes a union of plain scalars (`string | number`) as a type array, which Google's converter
 * rewrites and the MCP Inspector flags as not portable; the same union as `anyOf` is taken everywhere.
 * Input schemas only: a nullable type array (`["string", "null"]`) is refused in inputs elsewhere, and
 * outputs keep Arcade's shapes.
 */
function splitTypeArrays(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(splitTypeArrays);
  if (!node || typeof node !== "object") return;
  const schema = node as JsonSchema;
  if (Array.isArray(schema.type) && !schema.type.includes("null")) {
    schema.anyOf = (schema.type as string[]).map((type) => ({ type }));
    delete schema.type;
  }
  Object.values(schema).forEach(splitTypeArrays);
}

/**
 * JSON Schema (2020-12, MCP's default dialect, so no `$schema` key is needed) for a tool's input or
 * output. tools/list is sent to the model on every session, so every byte here costs tokens.
 */
export function toJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  delete json.$schema;
  dropSafeIntegerBounds(json);
  // Input objects are closed too: zod refuses an unknown parameter with an error that lists the real
  // ones, which teaches a model more than the marker would in every chat that lists the tool.
  dropClosedObjectMarkers(json);
  dropBranchDescriptions(json);
  if (io === "input") splitTypeArrays(json);
  return json;
}
