import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  UrlElicitationRequiredError,
  type CallToolResult,
} from "@modelcontextprotocol/sdk/types.js";
import {
  invokeTool,
  mcpToolName,
  type AnyToolDefinition,
  type ToolErrorReport,
  type ToolRuntime,
  type ToolSelection,
  type ToolsetInfo,
} from "../toolkit/index.js";
import { createToolsetDiscovery } from "./toolset-discovery.js";
import type { McpCatalogs } from "./tool-catalog.js";

export interface McpServerOptions {
  catalogs: McpCatalogs;
  /** The tools this connection or request starts with. */
  selection: ToolSelection;
  /**
   * The tools' code and the runtime they call Asana with. Listing needs neither (the catalogs are
   * descriptors), so a starting server answers tools/list before loading them.
   */
  toolkit: () => Promise<LoadedToolkit>;
  name: string;
  version: string;
  instructions: string;
  /** The Arcade user on whose behalf this connection or request acts, if known. */
  userId?: string;
  /** A line added to every successful result (sandbox mode says the data is not real). */
  resultNotice?: string;
  /**
   * Offer Asana_ListToolsets and Asana_EnableToolset, which switch toolsets on for the rest of the
   * connection. Only for connections that last (stdio): a stateless request forgets them at once.
   */
  toolsetDiscovery?: { toolsets: readonly ToolsetInfo[] };
  /** Called after tools/list is answered (the server may load what a first call will need). */
  onListed?: () => void;
  /**
   * Advertise MCP logging: the server's own log records are sent to the client as notifications (at
   * the level the client sets). Only for a connection that lasts; a stateless request has no session
   * to send them on, so it does not advertise what it cannot do.
   */
  logging?: boolean;
}

export interface LoadedToolkit {
  runtime: ToolRuntime;
  definitionOf(name: string): AnyToolDefinition | undefined;
}

/**
 * One MCP server per connection (stdio) or per request (stateless HTTP): the SDK's Protocol binds to
 * exactly one transport. The catalogs and runtime are shared, so building one is cheap.
 */
export function createMcpServer(options: McpServerOptions): Server {
  const server = new Server(
    { name: options.name, version: options.version },
    {
      capabilities: { tools: options.toolsetDiscovery ? { listChanged: true } : {}, ...(options.logging ? { logging: {} } : {}) },
      instructions: options.instructions,
    },
  );
  let catalog = options.catalogs.forSelection(options.selection);
  const discovery = options.toolsetDiscovery
    ? createToolsetDiscovery({
        toolsets: options.toolsetDiscovery.toolsets,
        catalogs: options.catalogs,
        selection: options.selection,
        onChange: async (selection) => {
          catalog = options.catalogs.forSelection(selection);
          await server.sendToolListChanged();
        },
      })
    : undefined;

  server.setRequestHandler(ListToolsRequestSchema, async () => {
    options.onListed?.();
    return { tools: discovery ? [...catalog.listing, ...discovery.listing] : catalog.listing };
  });

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const discoveryResult = await discovery?.call(request.params.name, request.params.arguments ?? {});
    if (discoveryResult) return discoveryResult;
    const offered = catalog.find(request.params.name);
    const toolkit = offered ? await options.toolkit() : undefined;
    const tool = offered ? toolkit?.definitionOf(offered.name) : undefined;
    if (!tool || !toolkit) {
      const known = [...catalog.listing, ...(discovery?.listing ?? [])].map((t) => t.name).join(", ");
      const more = discovery ? " More tools: call Asana_ListToolsets, then Asana_EnableToolset." : "";
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool "${request.params.name.slice(0, 100)}". This server's tools are: ${known}.${more}`);
    }
    const progressToken = request.params._meta?.progressToken;
    const outcome = await invokeTool(toolkit.runtime, {
      tool,
      displayName: mcpToolName(tool),
      arguments: request.params.arguments ?? {},
      signal: extra.signal,
      ...(options.userId !== undefined ? { userId: options.userId } : {}),
      reportProgress: async (update) => {
        if (progressToken === undefined) return;
        await extra.sendNotification({ method: "notifications/progress", params: { progressToken, ...update } });
      },
    });

    if (outcome.ok) {
      // The spec asks for a text copy of structured output, for clients that only read content.
      const content: CallToolResult["content"] = [{ type: "text", text: JSON.stringify(outcome.output) }];
      if (options.resultNotice) content.push({ type: "text", text: options.resultNotice });
      return { content, structuredContent: outcome.output, ...(options.resultNotice ? { _meta: { "asana-mcp/sandbox": true } } : {}) };
    }

    const { error } = outcome;
    // Clients that declared URL elicitation get the standard -32042 error and open Arcade's link themselves.
    if (error.authorizationUrl && error.authorizationId && server.getClientCapabilities()?.elicitation?.url) {
      throw new UrlElicitationRequiredError([
        {
          mode: "url",
          message: "Authorize asana-mcp to use your Asana account, then retry.",
          url: error.authorizationUrl,
          elicitationId: error.authorizationId,
        },
      ]);
    }
    return toErrorResult(error);
  });

  return server;
}

function toErrorResult(error: ToolErrorReport): CallToolResult {
  const content: CallToolResult["content"] = [{ type: "text", text: error.message }];
  if (error.authorizationUrl) {
    content.push({
      type: "text",
      text: JSON.stringify({ authorization_url: error.authorizationUrl, llm_instructions: error.additionalPromptContent }),
    });
  } else if (error.additionalPromptContent) {
    content.push({ type: "text", text: error.additionalPromptContent });
  }
  return {
    isError: true,
    content,
    _meta: {
      arcade: {
        errorKind: error.kind,
        canRetry: error.canRetry,
        ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
        ...(error.statusCode !== undefined ? { statusCode: error.statusCode } : {}),
        ...(error.additionalPromptContent ? { additionalPromptContent: error.additionalPromptContent } : {}),
      },
    },
  };
}
