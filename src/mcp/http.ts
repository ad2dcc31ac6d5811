import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { Logger } from "../log/index.js";
// The SDK's default body limit (4 MiB) is below the largest attachment a tool call may carry.
import { maxToolCallBytes } from "../toolkit/index.js";
import type { FrontDoorAuthenticator } from "./front-door-auth.js";

/** Another front door mounted on the same HTTP server (the Arcade worker routes). Returns false to pass. */
export type HttpRouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export interface HttpFrontDoorOptions {
  host: string;
  port: number;
  /** Builds a fresh MCP server for one request (stateless mode: any replica can serve any request). */
  buildMcpServer: (identity: { userId?: string }) => Server;
  /** When set, /mcp requires a verified bearer token whose subject is the caller's Arcade user id. */
  authenticate?: FrontDoorAuthenticator;
  /** RFC 9728 metadata served at /.well-known/oauth-protected-resource[/mcp], when authentication is on. */
  protectedResourceMetadata?: (req: IncomingMessage) => Record<string, unknown>;
  /** Extra Host names to accept besides loopback and the bound host, e.g. a public name behind a proxy. */
  allowedHosts?: readonly string[];
  /** Browser origins to accept; loopback origins are always accepted. */
  allowedOrigins?: readonly string[];
  routes?: readonly HttpRouteHandler[];
  logger: Logger;
}

/** True when the front door checks Host headers (see createRequestGuard). */
export function checksHostHeaders(host: string, allowedHosts: readonly string[] | undefined): boolean {
  return !wildcardHosts.has(host) || (allowedHosts ?? []).length > 0;
}

export interface RunningHttpServer {
  url: string;
  server: HttpServer;
  close(): Promise<void>;
}

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);
const wildcardHosts = new Set(["0.0.0.0", "::", "[::]"]);

function hostnameOf(hostHeader: string): string {
  // "[::1]:3000" -> "[::1]"; "example.com:3000" -> "example.com"
  if (hostHeader.startsWith("[")) return hostHeader.slice(0, hostHeader.indexOf("]") + 1).toLowerCase();
  return hostHeader.split(":")[0]!.toLowerCase();
}

/**
 * DNS-rebinding protection: a web page can make a browser send requests to 127.0.0.1 under its own
 * host name, so the Host header must name a host we serve, and a browser Origin must be ours.
 * Bound to a wildcard address with no allowed hosts configured, Host checking is off (and we warn):
 * the operator's proxy decides which names reach us.
 */
function createRequestGuard(options: HttpFrontDoorOptions) {
  const allowedHosts = new Set([...loopbackHosts, ...(options.allowedHosts ?? []).map((h) => h.toLowerCase())]);
  const boundToWildcard = wildcardHosts.has(options.host);
  if (!boundToWildcard) {
    const bound = options.host.toLowerCase();
    // Host headers bracket IPv6 literals ("[fd00::1]:3000"), so a specific IPv6 bind address is matched bracketed.
    allowedHosts.add(bound.includes(":") && !bound.startsWith("[") ? `[${bound}]` : bound);
  }
  const checkHosts = checksHostHeaders(options.host, options.allowedHosts);
  if (!checkHosts) {
    options.logger.warn(`listening on ${options.host} without --allowed-hosts: Host header checks are off; put a proxy in front or list the public host names`);
  }
  const allowedOrigins = new Set((options.allowedOrigins ?? []).map((o) => o.toLowerCase().replace(/\/$/, "")));

  return function rejectionFor(req: IncomingMessage): string | undefined {
    const host = req.headers.host;
    if (checkHosts && (!host || !allowedHosts.has(hostnameOf(host)))) return `Host "${host ?? ""}" is not allowed`;
    const origin = req.headers.origin;
    if (origin && origin !== "null") {
      let originHost: string;
      try {
        originHost = new URL(origin).hostname.toLowerCase();
      } catch {
        return `Origin "${origin}" is not a valid origin`;
      }
      const bracketed = originHost.includes(":") && !originHost.startsWith("[") ? `[${originHost}]` : originHost;
      if (!loopbackHosts.has(bracketed) && !allowedOrigins.has(origin.toLowerCase()) && !allowedHosts.has(bracketed)) {
        return `Origin "${origin}" is not allowed`;
      }
    } else if (origin === "null") {
      return 'Origin "null" is not allowed';
    }
    return undefined;
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

function jsonRpcError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { jsonrpc: "2.0", error: { code: -32000, message }, id: null }, headers);
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

export async function startHttpFrontDoor(options: HttpFrontDoorOptions): Promise<RunningHttpServer> {
  const rejectionFor = createRequestGuard(options);
  const { logger } = options;

  async function handleMcp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "POST") {
      // Stateless: there is no session to stream to (GET) or to end (DELETE).
      jsonRpcError(res, 405, "Method not allowed: this server is stateless; send JSON-RPC requests with POST", { allow: "POST" });
      return;
    }
    let identity: { userId?: string } = {};
    if (options.authenticate) {
      const verdict = await options.authenticate(req);
      if ("status" in verdict) {
        jsonRpcError(res, verdict.status, verdict.message, { "www-authenticate": verdict.wwwAuthenticate });
        return;
      }
      identity = { userId: verdict.userId };
    }
    const server = options.buildMcpServer(identity);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, maxRequestBodySize: maxToolCallBytes });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    answerCancelledRequests(transport);
    await transport.handleRequest(req, res);
  }

  const httpServer = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const rejection = rejectionFor(req);
      if (rejection) {
        logger.warn("refused an HTTP request", { reason: rejection, path: url.pathname });
        jsonRpcError(res, 403, `Forbidden: ${rejection}`);
        return;
      }
      if (url.pathname === "/mcp") return handleMcp(req, res);
      if (options.protectedResourceMetadata && req.method === "GET" && url.pathname.startsWith("/.well-known/oauth-protected-resource")) {
        return sendJson(res, 200, options.protectedResourceMetadata(req));
      }
      for (const route of options.routes ?? []) {
        if (await route(req, res, url)) return;
      }
      if (url.pathname === "/health" && req.method === "GET") return sendJson(res, 200, { status: "ok" });
      sendJson(res, 404, { error: `Not found: ${url.pathname}. The MCP endpoint is /mcp.` });
    })().catch((error: unknown) => {
      logger.error("HTTP request failed", { error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) jsonRpcError(res, 500, "Internal server error");
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const displayHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${displayHost}:${address.port}/mcp`,
    server: httpServer,
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.closeAllConnections();
        httpServer.close(() => resolve());
      }),
  };
}
