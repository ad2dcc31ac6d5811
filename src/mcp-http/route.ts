import type { IncomingMessage, ServerResponse } from "node:http";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isJsonContentType } from "@modelcontextprotocol/sdk/shared/mediaType.js";
import { BodyTooLargeError, readJsonBody, sendJson, sendJsonRpcError, type HttpRoute } from "../http/index.js";
import type { Logger } from "../log/index.js";
// The SDK's default body limit (4 MiB) is below the largest attachment a tool call may carry.
import { maxToolCallBytes, parseToolsetList, type ToolSelection, type ToolsetInfo } from "../toolkit/index.js";
import type { FrontDoorAuthenticator } from "./front-door-auth.js";

export interface McpHttpRouteOptions {
  /** Builds a fresh MCP server for one request (stateless mode: any replica can serve any request). */
  buildMcpServer: (request: { userId?: string; selection: ToolSelection }) => Server;
  /** The operator's selection; a request may choose other toolsets, and may narrow to read-only. */
  selection: ToolSelection;
  toolsets: readonly ToolsetInfo[];
  /** When set, /mcp requires a verified bearer token whose subject is the caller's Arcade user id. */
  authenticate?: FrontDoorAuthenticator;
  /** RFC 9728 metadata served at /.well-known/oauth-protected-resource[/mcp], when authentication is on. */
  protectedResourceMetadata?: (req: IncomingMessage) => Record<string, unknown>;
  logger: Logger;
}

/** github-mcp-server's names for choosing tools per request, so one stateless replica serves every profile. */
export const toolsetsHeader = "x-mcp-toolsets";
export const readOnlyHeader = "x-mcp-readonly";

/**
 * The toolsets a request asks for (the `toolsets` query parameter or the X-MCP-Toolsets header) and
 * whether it asks for read-only tools; an operator's --read-only cannot be lifted by a request.
 */
export function selectionOfRequest(req: IncomingMessage, url: URL, operator: ToolSelection, known: readonly ToolsetInfo[]): ToolSelection {
  const header = req.headers[toolsetsHeader];
  const asked = url.searchParams.get("toolsets") ?? (Array.isArray(header) ? header.join(",") : header);
  const readOnlyAsked = (url.searchParams.get("readonly") ?? req.headers[readOnlyHeader])?.toString().trim().toLowerCase();
  return {
    readOnly: operator.readOnly || readOnlyAsked === "true" || readOnlyAsked === "1",
    toolsets: asked === undefined || asked.trim() === "" ? operator.toolsets : parseToolsetList(asked, known),
  };
}

/**
 * A stateless POST ends only when every request in it has its response, but the SDK sends none for a
 * request the client cancelled (a batch of [tools/call, notifications/cancelled]), so the stream would
 * stay open forever. Answer such a request with an error at once; the client that cancelled it ignores
 * the answer, as the spec asks it to, and the handler still sees its signal aborted.
 */
function answerCancelledRequests(transport: StreamableHTTPServerTransport): void {
  const deliver = transport.onmessage;
  transport.onmessage = (message, extra) => {
    deliver?.(message, extra);
    if (!("method" in message) || message.method !== "notifications/cancelled") return;
    const requestId = (message.params as { requestId?: string | number } | undefined)?.requestId;
    if (requestId === undefined) return;
    // LSP's RequestCancelled code; send() refuses ids that are not part of this POST, which is fine.
    void transport.send({ jsonrpc: "2.0", id: requestId, error: { code: -32800, message: "Request cancelled" } }).catch(() => undefined);
  };
}

const answered = Symbol("answered");

/**
 * The parsed body of a POST the SDK's transport will accept (JSON, and an Accept header naming both
 * answer types), read here with Node's own stream rather than through a web Request. Undefined leaves
 * the body to the transport, which then refuses the request with its own status (406 or 415).
 */
async function readMcpBody(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  const accept = req.headers.accept ?? "";
  if (!accept.includes("application/json") || !accept.includes("text/event-stream") || !isJsonContentType(req.headers["content-type"])) return undefined;
  try {
    return await readJsonBody(req, maxToolCallBytes);
  } catch (error) {
    // The SDK transport's own answers for these, so a client sees the same whoever read the body.
    if (error instanceof BodyTooLargeError) {
      sendJsonRpcError(res, 413, `Payload Too Large: Request body must not exceed ${maxToolCallBytes} bytes`);
    } else {
      sendJson(res, 400, { jsonrpc: "2.0", error: { code: -32700, message: "Parse error: Invalid JSON" }, id: null });
    }
    return answered;
  }
}

/** True when a message (or one of a batch) carries a progress token. */
function asksForProgress(body: unknown): boolean {
  const messages = Array.isArray(body) ? body : [body];
  return messages.some((message) => (message as { params?: { _meta?: { progressToken?: unknown } } } | null)?.params?._meta?.progressToken !== undefined);
}

/**
 * MCP over stateless Streamable HTTP at /mcp, plus the protected-resource metadata when authentication
 * is on. Its own folder (and chunk): a stdio server never loads the SDK's HTTP transport or jose.
 */
export function createMcpHttpRoute(options: McpHttpRouteOptions): HttpRoute {
  return async (req, res, url) => {
    if (options.protectedResourceMetadata && req.method === "GET" && url.pathname.startsWith("/.well-known/oauth-protected-resource")) {
      sendJson(res, 200, options.protectedResourceMetadata(req));
      return true;
    }
    if (url.pathname !== "/mcp") return false;
    if (req.method !== "POST") {
      // Stateless: there is no session to stream to (GET) or to end (DELETE).
      sendJsonRpcError(res, 405, "Method not allowed: this server is stateless; send JSON-RPC requests with POST", { allow: "POST" });
      return true;
    }
    let selection: ToolSelection;
    try {
      selection = selectionOfRequest(req, url, options.selection, options.toolsets);
    } catch (error) {
      sendJsonRpcError(res, 400, `Bad toolsets (the toolsets query parameter or the X-MCP-Toolsets header): ${(error as Error).message}`);
      return true;
    }
    let userId: string | undefined;
    if (options.authenticate) {
      const verdict = await options.authenticate(req);
      if ("status" in verdict) {
        sendJsonRpcError(res, verdict.status, verdict.message, { "www-authenticate": verdict.wwwAuthenticate });
        return true;
      }
      userId = verdict.userId;
    }
    const body = await readMcpBody(req, res);
    if (body === answered) return true;
    const server = options.buildMcpServer({ ...(userId !== undefined ? { userId } : {}), selection });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      maxRequestBodySize: maxToolCallBytes,
      // A plain JSON answer unless a request asked for progress, which only an event stream can carry:
      // most calls then skip the stream's encoding on the server and its parsing on the client.
      enableJsonResponse: body !== undefined && !asksForProgress(body),
    });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    answerCancelledRequests(transport);
    await transport.handleRequest(req, res, body);
    return true;
  };
}
