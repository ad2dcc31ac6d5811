import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  UrlElicitationRequiredError,
  type CallToolResult,
} from "@modelcontextprotocol/sdk/types.js";
import { AuthorizationRequiredError } from "../auth/index.js";
import { invokeTool, type ToolRuntime } from "../toolkit/index.js";
import { mcpToolName, type McpToolCatalog } from "./tool-catalog.js";

export interface McpServerOptions {
  catalog: McpToolCatalog;
  runtime: ToolRuntime;
  name: string;
  version: string;
  instructions: string;
  /** The Arcade user on whose behalf this connection or request acts, if known. */
  userId?: string;
  /** A line added to every successful result (sandbox mode says the data is not real). */
  resultNotice?: string;
}

/**
 * One MCP server per connection (stdio) or per request (stateless HTTP): the SDK's Protocol binds to
 * exactly one transport. The catalog and runtime are shared, so building one is cheap.
 */
export function createMcpServer(options: McpServerOptions): Server {
  const server = new Server(
    { name: options.name, version: options.version },
    { capabilities: { tools: {}, logging: {} }, instructions: options.instructions },
  );

  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: options.catalog.listing }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const tool = options.catalog.find(request.params.name);
    if (!tool) {
      const known = options.catalog.listing.map((t) => t.name).join(", ");
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool "${request.params.name}". This server's tools are: ${known}`);
    }
    const progressToken = request.params._meta?.progressToken;
    const outcome = await invokeTool(options.runtime, {
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
    if (outcome.cause instanceof AuthorizationRequiredError && server.getClientCapabilities()?.elicitation?.url) {
      throw new UrlElicitationRequiredError([
        { mode: "url", message: "Authorize asana-mcp to use your Asana account, then retry.", url: outcome.cause.url, elicitationId: outcome.cause.authorizationId },
      ]);
    }
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
  });

  return server;
}
