import * as z from "zod";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import type { AnyToolDefinition } from "../toolkit/index.js";

/**
 * MCP names join toolkit and tool with "_": Claude Desktop, OpenAI and Copilot reject dots
 * (`^[a-zA-Z0-9_-]{1,64}$`), while Arcade's canonical name is `Asana.<Name>`. Both are accepted on call.
 */
export function mcpToolName(tool: AnyToolDefinition): string {
  return `Asana_${tool.name}`;
}

type JsonSchema = Record<string, unknown>;

/** zod's `.int()` adds ±2^53 bounds to every integer; they say nothing and cost tokens in every tools/list. */
function dropSafeIntegerBounds(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(dropSafeIntegerBounds);
  if (!node || typeof node !== "object") return;
  const schema = node as JsonSchema;
  if (schema.minimum === Number.MIN_SAFE_INTEGER) delete schema.minimum;
  if (schema.maximum === Number.MAX_SAFE_INTEGER) delete schema.maximum;
  Object.values(schema).forEach(dropSafeIntegerBounds);
}

/** Output objects are closed by construction (zod strips extras), so saying so in every nested object is only tokens. */
function dropClosedObjectMarkers(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(dropClosedObjectMarkers);
  if (!node || typeof node !== "object") return;
  const schema = node as JsonSchema;
  if (schema.additionalProperties === false) delete schema.additionalProperties;
  Object.values(schema).forEach(dropClosedObjectMarkers);
}

/**
 * JSON Schema (2020-12, MCP's default dialect, so no `$schema` key is needed) for a tool's input or
 * output. tools/list is sent to the model on every session, so every byte here costs tokens.
 */
export function toJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  delete json.$schema;
  dropSafeIntegerBounds(json);
  if (io === "output") dropClosedObjectMarkers(json);
  return json;
}

export interface McpToolCatalog {
  /** The tools/list payload, computed once: converting zod to JSON Schema per request would be waste. */
  readonly listing: Tool[];
  find(name: string): AnyToolDefinition | undefined;
}

export function buildToolCatalog(tools: readonly AnyToolDefinition[]): McpToolCatalog {
  const byName = new Map<string, AnyToolDefinition>();
  for (const tool of tools) {
    byName.set(mcpToolName(tool), tool);
    byName.set(`Asana.${tool.name}`, tool);
  }
  const listing: Tool[] = tools.map((tool) => ({
    name: mcpToolName(tool),
    title: tool.title,
    description: tool.description,
    inputSchema: toJsonSchema(tool.input, "input") as Tool["inputSchema"],
    outputSchema: toJsonSchema(tool.output, "output") as Tool["outputSchema"],
    annotations: { title: tool.title, ...tool.annotations },
    // Where Arcade's own MCP server puts a tool's auth requirement, so Arcade-aware clients read it.
    _meta: { arcade: { requirements: { authorization: tool.auth } } },
  }));
  return { listing, find: (name) => byName.get(name) };
}
