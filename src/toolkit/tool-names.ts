import type { AnyToolDefinition } from "./define-tool.js";

/** Arcade's toolkit name: tools are `Asana.<Name>` to Arcade and `Asana_<Name>` over MCP. */
export const toolkitName = "Asana";

/**
 * MCP names join toolkit and tool with "_": Claude Desktop, OpenAI and Copilot reject dots
 * (`^[a-zA-Z0-9_-]{1,64}$`), while Arcade's canonical name is `Asana.<Name>`.
 */
export function mcpToolName(tool: Pick<AnyToolDefinition, "name">): string {
  return `${toolkitName}_${tool.name}`;
}

export function qualifiedToolName(tool: Pick<AnyToolDefinition, "name">, toolkit = toolkitName): string {
  return `${toolkit}.${tool.name}`;
}

/**
 * Finds a tool by any name a caller may use for it: `Asana_X` (MCP), `Asana.X` (Arcade), or bare `X`
 * (Arcade's invoke body), case-insensitively, as Arcade compares names.
 */
export function indexToolsByName<Tool extends { name: string }>(tools: readonly Tool[], toolkit = toolkitName): (name: string) => Tool | undefined {
  const byName = new Map<string, Tool>();
  for (const tool of tools) byName.set(tool.name.toLowerCase(), tool);
  const prefixes = [`${toolkit.toLowerCase()}_`, `${toolkit.toLowerCase()}.`];
  return (name) => {
    const lower = name.toLowerCase();
    const prefix = prefixes.find((p) => lower.startsWith(p));
    return byName.get(prefix ? lower.slice(prefix.length) : lower);
  };
}
