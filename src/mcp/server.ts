import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { Protocol, type RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import {
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  UrlElicitationRequiredError,
  type CallToolResult,
  type ServerNotification,
  type ServerRequest,
} from "@modelcontextprotocol/sdk/types.js";
import * as z from "zod";
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

  // Protocol's registration, not Server's: Server wraps tools/call to parse each request twice more and
  // to re-validate the result, which this handler builds itself from a checked output; that is schema
  // work on every call for nothing. parseToolCallParams checks what the handler reads.
  Protocol.prototype.setRequestHandler.call(
    server,
    toolCallRequest,
    async (request, extra: RequestHandlerExtra<ServerRequest, ServerNotification>): Promise<CallToolResult> => {
      const params = parseToolCallParams(request.params);
      const discoveryResult = await discovery?.call(params.name, params.arguments ?? {});
      if (discoveryResult) return discoveryResult;
      const offered = catalog.find(params.name);
      const toolkit = offered ? await options.toolkit() : undefined;
      const tool = offered ? toolkit?.definitionOf(offered.name) : undefined;
      if (!tool || !toolkit) {
        const known = [...catalog.listing, ...(discovery?.listing ?? [])].map((t) => t.name).join(", ");
        const more = discovery ? " More tools: call Asana_ListToolsets, then Asana_EnableToolset." : "";
        throw new McpError(ErrorCode.InvalidParams, `Unknown tool "${params.name.slice(0, 100)}". This server's tools are: ${known}.${more}`);
      }
      const { progressToken } = params;
      const outcome = await invokeTool(toolkit.runtime, {
        tool,
        displayName: mcpToolName(tool),
        arguments: params.arguments ?? {},
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
    },
  );

  return server;
}

/** Any tools/call request: Protocol picks the handler by this literal; the handler checks the params. */
const toolCallRequest = z.looseObject({ method: z.literal("tools/call"), params: z.unknown().optional() });

/** What the tools/call handler reads of a request's params. */
interface ToolCallParams {
  name: string;
  arguments?: Record<string, unknown>;
  progressToken?: string | number;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The params of a tools/call, or -32602 naming each field that does not fit. Plain checks rather than a
 * schema: this runs on every call, and the tool's own input schema checks the arguments next.
 */
function parseToolCallParams(params: unknown): ToolCallParams {
  const problems: string[] = [];
  const given = isPlainObject(params) ? params : {};
  if (typeof given.name !== "string") problems.push("params.name must be the tool's name, a string");
  if (given.arguments !== undefined && !isPlainObject(given.arguments)) problems.push("params.arguments must be an object of the tool's arguments");
  const progressToken = isPlainObject(given._meta) ? given._meta.progressToken : undefined;
  if (progressToken !== undefined && typeof progressToken !== "string" && typeof progressToken !== "number") {
    problems.push("params._meta.progressToken must be a string or a number");
  }
  if (problems.length > 0) throw new McpError(ErrorCode.InvalidParams, `Invalid tools/call request: ${problems.join("; ")}`);
  return {
    name: given.name as string,
    ...(given.arguments !== undefined ? { arguments: given.arguments as Record<string, unknown> } : {}),
    ...(progressToken !== undefined ? { progressToken: progressToken as string | number } : {}),
  };
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
