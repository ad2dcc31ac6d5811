import type { IncomingMessage, ServerResponse } from "node:http";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isJsonContentType } from "@modelcontextprotocol/sdk/shared/mediaType.js";
import { BodyTooLargeError, readJsonBody, sendJson, sendJsonRpcError, type HttpRoute } from "../http/index.js";
import type { Logger } from "../log/index.js";
// The SDK's default body limit (4 MiB) is below the largest attachment a tool call may carry.
import { maxToolCallBytes, parseToolsetList, yesOrNo, type ToolSelection, type ToolsetInfo } from "../toolkit/index.js";
import type { TokenResolver } from "../auth/index.js";
import type { FrontDoorAuthenticator, FrontDoorVerdict } from "./front-door-auth.js";

export interface McpHttpRouteOptions {
  /** Builds a fresh MCP server for one request (stateless mode: any replica can serve any request). */
  buildMcpServer: (request: { userId?: string; selection: ToolSelection; tokens?: TokenResolver }) => Server;
  /**
   * The operator's selection. A request may choose other toolsets (within the operator's ceiling, when
   * there is one) and may narrow to read-only; it never widens what the operator set.
   */
  selection: ToolSelection;
  /** How many tools a selection offers. */
  countTools(selection: ToolSelection): number;
  /** Whether a selection offers a tool by its MCP name (a call beyond a read-only grant gets 403). */
  offersTool?(selection: ToolSelection, name: string): boolean;
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

/** A request's selection the server will not serve; the message says which parameter and what to send. */
export class SelectionRefused extends Error {
  override readonly name = "SelectionRefused";
}

/**
 * The toolsets a request asks for (the `toolsets` query parameter or the X-MCP-Toolsets header) and
 * whether it asks for read-only tools. The operator's choices are a ceiling: an operator's read-only
 * cannot be lifted, and toolsets the operator chose cannot be widened (the request gets what it asked
 * for within them). Throws SelectionRefused for names or values that mean nothing, or for a request
 * whose toolsets lie wholly outside the operator's.
 */
export function selectionOfRequest(
  req: IncomingMessage,
  url: URL,
  operator: ToolSelection,
  known: readonly ToolsetInfo[],
  countTools: (selection: ToolSelection) => number,
): ToolSelection {
  const header = req.headers[toolsetsHeader];
  const asked = url.searchParams.get("toolsets") ?? (Array.isArray(header) ? header.join(",") : header);
  const readOnlyRaw = url.searchParams.get("readonly") ?? req.headers[readOnlyHeader]?.toString();
  const readOnlyAsked = readOnlyRaw === undefined || readOnlyRaw.trim() === "" ? false : yesOrNo(readOnlyRaw);
  if (readOnlyAsked === undefined) {
    throw new SelectionRefused(
      `X-MCP-Readonly (or ?readonly=) must be true or false, yes or no (got ${JSON.stringify(readOnlyRaw?.slice(0, 40))}); leave it out for the server's default`,
    );
  }
  let toolsets = operator.toolsets;
  if (asked !== undefined && asked.trim() !== "") {
    try {
      toolsets = parseToolsetList(asked, known);
    } catch (error) {
      throw new SelectionRefused(`Bad toolsets (the toolsets query parameter or the X-MCP-Toolsets header): ${(error as Error).message}`);
    }
  }
  const selection: ToolSelection = { readOnly: operator.readOnly || readOnlyAsked, toolsets, ...(operator.ceiling ? { ceiling: operator.ceiling } : {}) };
  if (operator.ceiling && countTools(selection) === 0) {
    throw new SelectionRefused(
      `Toolsets ${toolsets.join(",")} are outside what this server offers: this server offers only the toolsets ${operator.ceiling.join(",")}${operator.readOnly ? " (read-only)" : ""}. Ask for those, or leave the toolsets out.`,
    );
  }
  return selection;
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

/** The names of the tools a message (or a batch) calls. */
function toolCallNames(body: unknown): string[] {
  const messages = Array.isArray(body) ? body : [body];
  return messages.flatMap((message) => {
    const m = message as { method?: unknown; params?: { name?: unknown } } | null;
    return m?.method === "tools/call" && typeof m.params?.name === "string" ? [m.params.name] : [];
  });
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
      selection = selectionOfRequest(req, url, options.selection, options.toolsets, options.countTools);
    } catch (error) {
      if (!(error instanceof SelectionRefused)) throw error;
      sendJsonRpcError(res, 400, error.message);
      return true;
    }
    let verdict: Exclude<FrontDoorVerdict, { status: 401 }> | undefined;
    if (options.authenticate) {
      const checked = await options.authenticate(req);
      if ("status" in checked) {
        sendJsonRpcError(res, checked.status, checked.message, { "www-authenticate": checked.wwwAuthenticate });
        return true;
      }
      verdict = checked;
    }
    const body = await readMcpBody(req, res);
    if (body === answered) return true;
    if (verdict?.readOnly) {
      const granted: ToolSelection = { ...selection, readOnly: true };
      // A tool the request could reach but the grant cannot: the step-up answer (MCP "Scope Challenge Handling").
      const beyond =
        verdict.insufficientScope &&
        options.offersTool &&
        toolCallNames(body).some((name) => options.offersTool!(selection, name) && !options.offersTool!(granted, name));
      if (beyond && verdict.insufficientScope) {
        sendJsonRpcError(res, 403, verdict.insufficientScope.message, { "www-authenticate": verdict.insufficientScope.wwwAuthenticate });
        return true;
      }
      selection = granted;
    }
    const server = options.buildMcpServer({
      ...(verdict ? { userId: verdict.userId } : {}),
      selection,
      ...(verdict?.tokens ? { tokens: verdict.tokens } : {}),
    });
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
