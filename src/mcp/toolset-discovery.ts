import type { CallToolResult, Tool } from "@modelcontextprotocol/server";
import { allToolsetsName, type ToolSelection, type ToolsetInfo } from "../toolkit/index.js";
import { modelViewBytes, type McpCatalogs } from "./tool-catalog.js";

export interface ToolsetDiscoveryOptions {
  toolsets: readonly ToolsetInfo[];
  catalogs: McpCatalogs;
  selection: ToolSelection;
  /** Called with the new selection after a toolset was switched on; sends notifications/tools/list_changed. */
  onChange(selection: ToolSelection): Promise<void>;
}

export interface ToolsetDiscovery {
  /** The discovery tools' own tools/list entries. */
  readonly listing: Tool[];
  /** Runs a discovery tool, or returns undefined when `name` is not one. */
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult | undefined>;
}

const listName = "Asana_ListToolsets";
const enableName = "Asana_EnableToolset";
/** How many tools discovery adds to a connection's list. */
export const discoveryToolCount = 2;

/**
 * github-mcp-server's "dynamic toolsets" for a connection that lasts: the default profile stays small,
 * and the model switches on a group of tools when the user's request needs it. These two tools need no
 * Asana token and never reach Asana, so they live here in the MCP front door, not in the toolkit.
 */
export function createToolsetDiscovery(options: ToolsetDiscoveryOptions): ToolsetDiscovery {
  let selection = options.selection;
  const names = options.toolsets.map((t) => t.name);
  const listing: Tool[] = [
    {
      name: listName,
      title: "List toolsets",
      description: `Lists the groups of Asana tools this server has, which are on, and their size. Use when no listed tool fits the request, then call ${enableName}.`,
      inputSchema: { type: "object", properties: {} },
      annotations: { title: "List toolsets", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    {
      name: enableName,
      title: "Enable a toolset",
      description: `Switches on a group of Asana tools (from ${listName}) for the rest of this session; the new tools are listed right after.`,
      inputSchema: {
        type: "object",
        properties: { toolset: { type: "string", enum: [...names, allToolsetsName] } },
        required: ["toolset"],
      },
      // It changes this session's tool list and nothing in Asana, so it stays available in read-only mode.
      annotations: { title: "Enable a toolset", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
  ];

  const describeToolsets = () => {
    const enabled = new Set(options.catalogs.forSelection(selection).listing.map((t) => t.name));
    return options.toolsets.map((toolset) => {
      const members = options.catalogs.forSelection({ readOnly: selection.readOnly, toolsets: [toolset.name] }).listing;
      const bytes = members.reduce((sum, t) => sum + modelViewBytes(t), 0);
      return {
        name: toolset.name,
        description: toolset.description,
        tools: members.length,
        enabled: members.length > 0 && members.every((t) => enabled.has(t.name)),
        // About four bytes of JSON per token: what switching the toolset on adds to every later turn.
        approx_tokens: Math.round(bytes / 4),
      };
    });
  };

  return {
    listing,
    async call(name, args) {
      if (name !== listName && name !== enableName) return undefined;
      if (name === listName) return structured({ toolsets: describeToolsets() });
      const wanted = typeof args.toolset === "string" ? args.toolset.trim().toLowerCase() : "";
      if (selection.ceiling && !selection.ceiling.includes(allToolsetsName) && !selection.ceiling.includes(wanted)) {
        return {
          isError: true,
          content: [
            {
              type: "text",
              text: `\`toolset\`: this server's operator limited it to the toolsets ${selection.ceiling.join(", ")}; ${wanted} cannot be switched on.`,
            },
          ],
        };
      }
      if (wanted !== allToolsetsName && !names.includes(wanted)) {
        return {
          isError: true,
          content: [
            {
              type: "text",
              text: `\`toolset\`: must be one of ${[...names, allToolsetsName].join(", ")} (got ${JSON.stringify(args.toolset ?? null)}). Call ${listName} to see them.`,
            },
          ],
        };
      }
      const before = new Set(options.catalogs.forSelection(selection).listing.map((t) => t.name));
      selection = { ...selection, toolsets: [...new Set([...selection.toolsets, wanted])] };
      const added = options.catalogs
        .forSelection(selection)
        .listing.map((t) => t.name)
        .filter((n) => !before.has(n));
      if (added.length > 0) await options.onChange(selection);
      return structured({ toolset: wanted, added_tools: added });
    },
  };
}

function structured(output: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(output) }], structuredContent: output };
}
