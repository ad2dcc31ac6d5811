import type { IncomingMessage, ServerResponse } from "node:http";
import {
  classifyInboundRequest,
  createMcpHandler,
  WebStandardStreamableHTTPServerTransport,
  type AuthInfo,
  type McpHttpHandler,
  type Server,
} from "@modelcontextprotocol/server";
import { BodyTooLargeError, readBody, sendJson, sendJsonRpcError, type HttpRoute } from "../http/index.js";
import type { Logger } from "../log/index.js";
import type { McpServerRequest } from "../mcp/index.js";
// The SDK's default body limit (4 MiB) is below the largest attachment a tool call may carry.
import { maxToolCallBytes, parseToolsetList, yesOrNo, type ToolSelection, type ToolsetInfo } from "../toolkit/index.js";
import type { TokenResolver } from "../auth/index.js";
import type { FrontDoorAuthenticator, FrontDoorVerdict } from "./front-door-auth.js";

export interface McpHttpRouteOptions {
  /** Builds a fresh MCP server for one request (stateless: any replica can serve any request). */
  buildMcpServer: (request: McpServerRequest & { tokens?: TokenResolver }) => Server;
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

/** What the route learned about a request, handed to the server factory (the SDK passes authInfo through). */
interface RequestFacts {
  selection: ToolSelection;
  userId?: string;
  /** An own-app grant's Asana token source (the built-in sign-in with the deployment's Asana app). */
  tokens?: TokenResolver;
}

const factsKey = "asana-mcp/request";

/** Per-request facts ride in the SDK's pass-through authInfo: the handler only hands it to our factory. */
function carrying(facts: RequestFacts): AuthInfo {
  return { token: "", clientId: "", scopes: [], extra: { [factsKey]: facts } };
}

function factsOf(authInfo: AuthInfo | undefined): RequestFacts {
  const facts = authInfo?.extra?.[factsKey] as RequestFacts | undefined;
  if (!facts) throw new Error("an MCP request reached the server factory without the route's facts");
  return facts;
}

/**
 * A stateless POST ends only when every request in it has its response, but the SDK sends none for a
 * request the client cancelled (a 2025-03-26 batch of [tools/call, notifications/cancelled]), so the
 * stream would stay open forever. Answer such a request with an error at once; the client that
 * cancelled it ignores the answer, as the spec asks it to, and the handler still sees its signal aborted.
 */
function answerCancelledRequests(transport: WebStandardStreamableHTTPServerTransport): void {
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

/** The Node request as a web Request: headers and the abort of a client that went away; the body is passed parsed. */
function webRequestOf(req: IncomingMessage, url: URL, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return new Request(url, { method: req.method ?? "POST", headers, signal });
}

/** Writes a web Response to Node's response, streaming an event stream as it comes. */
async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    res.end();
    return;
  }
  // Each SSE frame goes out as it is made: progress notifications must reach the client during the call.
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (res.destroyed) break;
    res.write(chunk);
  }
  res.end();
}

/**
 * MCP over Streamable HTTP at /mcp, stateless, in both protocol eras, plus the protected-resource
 * metadata when authentication is on. Each request gets a fresh server from the factory.
 * - 2026-07-28 (the request carries its protocol version in `_meta`): the SDK's own dual-era entry.
 * - 2025-11-25 and earlier: served here per request, as the SDK's stateless fallback does, but with a
 *   plain JSON answer unless the request asked for progress, which only an event stream can carry: most
 *   calls then skip the stream's encoding on the server and its parsing on the client.
 * Its own folder (and chunk): a stdio server never loads the HTTP transport or jose.
 */
export function createMcpHttpRoute(options: McpHttpRouteOptions): HttpRoute {
  const build = ({ era, authInfo }: { era: McpServerRequest["era"]; authInfo?: AuthInfo | undefined }) => {
    const facts = factsOf(authInfo);
    return options.buildMcpServer({
      era,
      selection: facts.selection,
      ...(facts.userId !== undefined ? { userId: facts.userId } : {}),
      ...(facts.tokens ? { tokens: facts.tokens } : {}),
      unknownToolHint: `Tools outside this request's toolsets (${facts.selection.toolsets.join(",")}) can be asked for with the toolsets query parameter or the X-MCP-Toolsets header.`,
    });
  };
  const modern: McpHttpHandler = createMcpHandler(build, {
    legacy: "reject",
    maxRequestBodySize: maxToolCallBytes,
    onerror: (error) => options.logger.debug("MCP request refused", { error: error.message }),
  });

  async function serveLegacy(request: Request, body: unknown, authInfo: AuthInfo): Promise<Response> {
    const server = build({ era: "legacy", authInfo });
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: !asksForProgress(body) });
    await server.connect(transport);
    answerCancelledRequests(transport);
    const teardown = () => {
      void transport.close().catch(() => undefined);
      void server.close().catch(() => undefined);
    };
    request.signal.addEventListener("abort", teardown, { once: true });
    const response = await transport.handleRequest(request, { parsedBody: body, authInfo });
    if (!response.body || !response.headers.get("content-type")?.startsWith("text/event-stream")) teardown();
    return response;
  }

  /**
   * Who a request acts for, or "refused" once the 401 challenge is sent (undefined: /mcp is not protected).
   * Every method is challenged, as MCP's authorization asks: clients (mcp-remote) probe with a GET and
   * sign in only when it answers 401.
   */
  async function admitted(req: IncomingMessage, res: ServerResponse): Promise<Exclude<FrontDoorVerdict, { status: 401 }> | undefined | "refused"> {
    if (!options.authenticate) return undefined;
    const checked = await options.authenticate(req);
    if (!("status" in checked)) return checked;
    sendJsonRpcError(res, checked.status, checked.message, { "www-authenticate": checked.wwwAuthenticate });
    return "refused";
  }

  return async (req, res, url) => {
    if (options.protectedResourceMetadata && req.method === "GET" && url.pathname.startsWith("/.well-known/oauth-protected-resource")) {
      sendJson(res, 200, options.protectedResourceMetadata(req));
      return true;
    }
    if (url.pathname !== "/mcp") return false;
    if (req.method !== "POST") {
      if ((await admitted(req, res)) === "refused") return true;
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
    const verdict = await admitted(req, res);
    if (verdict === "refused") return true;
    let body: unknown;
    try {
      const text = (await readBody(req, maxToolCallBytes)).toString("utf8");
      body = text.trim() === "" ? undefined : JSON.parse(text);
    } catch (error) {
      // The SDK's own answers for these, so a client sees the same whoever read the body.
      if (error instanceof BodyTooLargeError) sendJsonRpcError(res, 413, `Payload Too Large: Request body must not exceed ${maxToolCallBytes} bytes`);
      else sendJson(res, 400, { jsonrpc: "2.0", error: { code: -32700, message: "Parse error: Invalid JSON" }, id: null });
      return true;
    }
    if (verdict?.readOnly) {
      const granted: ToolSelection = { ...selection, readOnly: true };
      // A tool the request could reach but the grant cannot: the step-up answer (MCP "Scope Challenge Handling").
      const offers = options.offersTool;
      const beyond = verdict.insufficientScope && offers && toolCallNames(body).some((name) => offers(selection, name) && !offers(granted, name));
      if (beyond && verdict.insufficientScope) {
        sendJsonRpcError(res, 403, verdict.insufficientScope.message, { "www-authenticate": verdict.insufficientScope.wwwAuthenticate });
        return true;
      }
      selection = granted;
    }
    const cancelled = new AbortController();
    res.on("close", () => cancelled.abort());
    const request = webRequestOf(req, new URL(url.pathname + url.search, `http://${req.headers.host ?? "localhost"}`), cancelled.signal);
    const authInfo = carrying({ selection, ...(verdict ? { userId: verdict.userId } : {}), ...(verdict?.tokens ? { tokens: verdict.tokens } : {}) });
    const route = classifyInboundRequest({
      httpMethod: "POST",
      body,
      ...(req.headers["mcp-protocol-version"] ? { protocolVersionHeader: String(req.headers["mcp-protocol-version"]) } : {}),
      ...(req.headers["mcp-method"] ? { mcpMethodHeader: String(req.headers["mcp-method"]) } : {}),
      ...(req.headers["mcp-name"] ? { mcpNameHeader: String(req.headers["mcp-name"]) } : {}),
    });
    const response =
      route.kind === "legacy" && body !== undefined ? await serveLegacy(request, body, authInfo) : await modern.fetch(request, { authInfo, parsedBody: body });
    await writeResponse(res, response);
    return true;
  };
}
