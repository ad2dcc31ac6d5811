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

/**
 * Text that names another tool (a description, a hint, an error's advice) writes its MCP name,
 * `Asana_<Tool>`: the canonical form, and what MCP clients call it. A front door with another naming
 * (the Arcade worker's `<toolkit>.<Tool>`) renders each mention of a known tool through `nameOf`;
 * anything else that merely looks like one (a project someone named "Asana_Q3") is left as written.
 */
export function renameToolMentions(knownTools: Iterable<string>, nameOf: (tool: string) => string): (text: string) => string {
  const known = new Set(knownTools);
  const mention = new RegExp(`\\b${toolkitName}_([A-Z][A-Za-z0-9]*)\\b`, "g");
  return (text) => (text.includes(`${toolkitName}_`) ? text.replace(mention, (written, tool: string) => (known.has(tool) ? nameOf(tool) : written)) : text);
}
