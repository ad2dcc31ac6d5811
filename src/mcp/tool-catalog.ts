import type { Tool } from "@modelcontextprotocol/server";
import { arcadeMetadataOf, indexToolsByName, mcpToolName, selectionKey, selectTools, type ToolDescriptor, type ToolSelection } from "../toolkit/index.js";

export interface McpToolCatalog {
  /** The tools/list payload. */
  readonly listing: Tool[];
  /** The tool a call names (Asana_X, Asana.X or X), if this catalog offers it. */
  find(name: string): ToolDescriptor | undefined;
}

/** Hands out the catalog of any selection, each computed once. */
export interface McpCatalogs {
  forSelection(selection: ToolSelection): McpToolCatalog;
}

/** Distinct selections kept; callers choose them freely (a header per request), so the memo is capped. */
const maxCachedSelections = 64;

function listingEntry(tool: ToolDescriptor): Tool {
  return {
    name: mcpToolName(tool),
    title: tool.title,
    description: tool.description,
    inputSchema: tool.inputSchema as Tool["inputSchema"],
    outputSchema: tool.outputSchema as Tool["outputSchema"],
    annotations: { title: tool.title, ...tool.annotations },
    // Where Arcade's own MCP server puts a tool's auth requirement, so Arcade-aware clients read it;
    // the metadata block is the worker definition's, so both front doors describe a tool alike.
    _meta: { arcade: { requirements: { authorization: tool.auth }, metadata: arcadeMetadataOf(tool) } },
  };
}

/**
 * What a model reads of a tool in every chat that lists it: its name, description and input schema
 * (output schemas and annotations go to the client, not into the prompt). The context budget is
 * measured on this.
 */
export function modelViewBytes(entry: Pick<Tool, "name" | "description" | "inputSchema">): number {
  return Buffer.byteLength(JSON.stringify({ name: entry.name, description: entry.description, inputSchema: entry.inputSchema }));
}

export function buildToolCatalog(tools: readonly ToolDescriptor[]): McpToolCatalog {
  return { listing: tools.map(listingEntry), find: indexToolsByName(tools) };
}

/** Catalogs over descriptors: a server lists and selects tools without loading any tool's code. */
export function createMcpCatalogs(tools: readonly ToolDescriptor[]): McpCatalogs {
  const entries = new Map<ToolDescriptor, Tool>();
  const entryOf = (tool: ToolDescriptor) => {
    let entry = entries.get(tool);
    if (!entry) {
      entry = listingEntry(tool);
      entries.set(tool, entry);
    }
    return entry;
  };
  const cache = new Map<string, McpToolCatalog>();
  return {
    forSelection(selection) {
      const key = selectionKey(selection);
      let catalog = cache.get(key);
      if (!catalog) {
        const selected = selectTools(tools, selection);
        catalog = { listing: selected.map(entryOf), find: indexToolsByName(selected) };
        if (cache.size >= maxCachedSelections) cache.delete(cache.keys().next().value!);
        cache.set(key, catalog);
      }
      return catalog;
    },
  };
}
