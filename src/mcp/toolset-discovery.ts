import type { CallToolResult, Tool } from "@modelcontextprotocol/server";
import { allToolsetsName, mcpToolName, type ToolSelection, type ToolsetInfo } from "../toolkit/index.js";
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
  const everyTool = options.catalogs.forSelection({ readOnly: false, toolsets: [allToolsetsName] });
  const examples = options.toolsets.flatMap((t) => (t.example ? [everyTool.find(t.example)] : [])).filter((tool) => tool !== undefined);
  const listing: Tool[] = [
    {
      name: listName,
      title: "List toolsets",
      description: `Lists the toolsets (groups of Asana tools), their tools and size, and which are on. Use when no listed tool fits, then ${enableName}.`,
      inputSchema: { type: "object", properties: {} },
      annotations: { title: "List toolsets", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    {
      name: enableName,
      title: "Enable a toolset",
      // Switching on one tool costs every later turn that tool's bytes, not the toolset's.
      description: `Switches on a toolset, or only the tool named in tool${
        examples.length ? ` (e.g. ${examples.map((t) => mcpToolName(t)).join(", ")})` : ""
      }, for this session; it is listed right after.`,
      inputSchema: {
        type: "object",
        properties: { toolset: { type: "string", enum: [...names, allToolsetsName] }, tool: { type: "string" } },
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
        // What the `tool` argument of EnableToolset takes, one at a time.
        tool_names: members.map((t) => t.name),
        enabled: members.length > 0 && members.every((t) => enabled.has(t.name)),
        // About four bytes of JSON per token: what switching the toolset on adds to every later turn.
        approx_tokens: Math.round(bytes / 4),
      };
    });
  };

  /** The selection with the call's toolset or tool added, or the error that says why it cannot be. */
  const widened = (args: Record<string, unknown>): { selection: ToolSelection; answer: Record<string, unknown> } | { refused: CallToolResult } => {
    const toolset = typeof args.toolset === "string" && args.toolset.trim() !== "" ? args.toolset.trim().toLowerCase() : undefined;
    const toolName = typeof args.tool === "string" && args.tool.trim() !== "" ? args.tool.trim() : undefined;
    if (toolset === undefined && toolName === undefined) {
      return refusal(
        `\`toolset\` or \`tool\`: pass one, a toolset (${[...names, allToolsetsName].join(", ")}) or one tool's name. Call ${listName} to see them.`,
      );
    }
    let next = selection;
    const answer: Record<string, unknown> = {};
    if (toolset !== undefined) {
      if (selection.ceiling && !selection.ceiling.includes(allToolsetsName) && !selection.ceiling.includes(toolset)) {
        return refusal(`\`toolset\`: this server's operator limited it to the toolsets ${selection.ceiling.join(", ")}; ${toolset} cannot be switched on.`);
      }
      if (toolset !== allToolsetsName && !names.includes(toolset)) {
        return refusal(
          `\`toolset\`: must be one of ${[...names, allToolsetsName].join(", ")} (got ${JSON.stringify(args.toolset ?? null)}). Call ${listName} to see them.`,
        );
      }
      next = { ...next, toolsets: [...new Set([...next.toolsets, toolset])] };
      answer.toolset = toolset;
    }
    if (toolName !== undefined) {
      const tool = everyTool.find(toolName);
      if (!tool) {
        const word = toolName.replace(/^asana[_.]/i, "").toLowerCase();
        const near = everyTool.listing.filter((t) => t.name.toLowerCase().includes(word.slice(0, 6))).slice(0, 8);
        return refusal(
          `\`tool\`: no tool is named ${JSON.stringify(toolName)}.${near.length ? ` Close: ${near.map((t) => t.name).join(", ")}.` : ""} Call ${listName} for every toolset's tool_names.`,
        );
      }
      const reachable = options.catalogs.forSelection({ ...selection, toolsets: [allToolsetsName] }).find(tool.name);
      if (!reachable) {
        return refusal(
          selection.readOnly && !tool.annotations.readOnlyHint
            ? `\`tool\`: ${mcpToolName(tool)} changes Asana, and this server is read-only.`
            : `\`tool\`: this server's operator limited it to the toolsets ${selection.ceiling?.join(", ")}; ${mcpToolName(tool)} (in ${tool.toolset}) cannot be switched on.`,
        );
      }
      next = { ...next, tools: [...new Set([...(next.tools ?? []), tool.name])] };
      answer.tool = mcpToolName(tool);
    }
    return { selection: next, answer };
  };

  return {
    listing,
    async call(name, args) {
      if (name !== listName && name !== enableName) return undefined;
      if (name === listName) return structured({ toolsets: describeToolsets() });
      const outcome = widened(args);
      if ("refused" in outcome) return outcome.refused;
      const before = new Set(options.catalogs.forSelection(selection).listing.map((t) => t.name));
      selection = outcome.selection;
      const added = options.catalogs
        .forSelection(selection)
        .listing.map((t) => t.name)
        .filter((n) => !before.has(n));
      if (added.length > 0) await options.onChange(selection);
      return structured({ ...outcome.answer, added_tools: added });
    },
  };
}

function refusal(text: string): { refused: CallToolResult } {
  return { refused: { isError: true, content: [{ type: "text", text }] } };
}

function structured(output: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(output) }], structuredContent: output };
}
