import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { toJsonSchema, type AnyToolDefinition } from "../toolkit/index.js";

/**
 * MCP names join toolkit and tool with "_": Claude Desktop, OpenAI and Copilot reject dots
 * (`^[a-zA-Z0-9_-]{1,64}$`), while Arcade's canonical name is `Asana.<Name>`. Both are accepted on call.
 */
export function mcpToolName(tool: AnyToolDefinition): string {
  return `Asana_${tool.name}`;
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
