import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Logger } from "../log/index.js";
import { ConnectionTable } from "./connection-table.js";
import { sendJson, sendJsonRpcError } from "./json.js";
import { createRequestGuard } from "./request-guard.js";

/** A front door's routes on the shared HTTP server: answers and returns true, or returns false to pass. */
export type HttpRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export interface HttpServerOptions {
  host: string;
  port: number;
  /** Extra Host names to accept besides loopback and the bound host, e.g. a public name behind a proxy. */
  allowedHosts?: readonly string[];
  /** Browser origins to accept; loopback origins are always accepted. */
  allowedOrigins?: readonly string[];
  /** Tried in order; the first that answers wins. */
  routes: readonly HttpRoute[];
  logger: Logger;
  /** True while the server shuts down: new requests get 503, in-flight ones finish. */
  isDraining?: () => boolean;
  /**
   * Open connections in all (default 1024), and from one client (an IPv4 address or IPv6 /64; default
   * a quarter of all). Past either, the slowest connection that can be shed makes room for the newcomer,
   * or when none can (all are being answered) the newcomer gets a 503.
   */
  maxConnections?: number;
  maxConnectionsPerClient?: number;
  /** Reverse proxies the operator trusts: their connections are not held to one client's share. */
  isTrustedProxy?: (address: string | undefined) => boolean;
  /** A connection younger than this is not shed for being slow (default 1 s). */
  slowClientGraceMs?: number;
  /** How long a client may take to send its headers, and its whole request (defaults 10 s and 60 s). */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/** Headers a browser MCP client sends and reads (the MCP SDK's, github-mcp-server's toolset headers, auth). */
const corsAllowHeaders = "Content-Type, Authorization, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID, X-MCP-Toolsets, X-MCP-Readonly";
const corsExposeHeaders = "Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate";

export interface RunningHttpServer {
  /** The base URL, e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * The one HTTP server every HTTP front door (MCP, the Arcade worker) is mounted on: it applies the
 * Host and Origin checks, answers /health, and turns an unexpected failure into a 500.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const rejectionFor = createRequestGuard(options);
  const { logger } = options;

  const maxConnections = options.maxConnections ?? 1024;
  const connections = new ConnectionTable({
    maxConnections,
    maxConnectionsPerClient: Math.min(maxConnections, options.maxConnectionsPerClient ?? Math.max(1, Math.floor(maxConnections / 4))),
    slowClientGraceMs: options.slowClientGraceMs ?? 1_000,
    ...(options.isTrustedProxy ? { isTrustedProxy: options.isTrustedProxy } : {}),
  });
  const overLimit = new WeakSet<Socket>();
  const headersTimeoutMs = options.headersTimeoutMs ?? 10_000;
  // Node checks its header and request timeouts only this often (30 s by default).
  const server = createServer({ connectionsCheckingInterval: Math.max(100, Math.min(1_000, headersTimeoutMs / 2)) }, (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (overLimit.has(req.socket)) {
        logger.warn("refused a request on a connection over the limit", { limit: maxConnections });
        sendJsonRpcError(res, 503, `Too many connections (limit ${maxConnections}); retry shortly`, { "retry-after": "1", connection: "close" });
        return;
      }
      connections.requestStarted(req.socket, req, res);
      res.once("finish", () => connections.responseEnded(req.socket));
      const rejection = rejectionFor(req);
      if (rejection) {
        logger.warn("refused an HTTP request", { reason: rejection, path: url.pathname });
        sendJsonRpcError(res, 403, `Forbidden: ${rejection}`);
        return;
      }
      // The guard has accepted the Origin (a loopback origin or an allowed one), so a browser may read the answer.
      const origin = req.headers.origin;
      if (origin) {
        res.setHeader("access-control-allow-origin", origin);
        res.setHeader("vary", "Origin");
        res.setHeader("access-control-expose-headers", corsExposeHeaders);
      }
      if (req.method === "OPTIONS") {
        res
          .writeHead(204, {
            "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
            "access-control-allow-headers": corsAllowHeaders,
            "access-control-max-age": "600",
          })
          .end();
        return;
      }
      if (options.isDraining?.()) {
        sendJsonRpcError(res, 503, "The server is shutting down; retry in a few seconds", { "retry-after": "5", connection: "close" });
        return;
      }
      for (const route of options.routes) {
        if (await route(req, res, url)) return;
      }
      if (url.pathname === "/health" && req.method === "GET") return sendJson(res, 200, { status: "ok" });
      sendJson(res, 404, { error: `Not found: ${url.pathname}. The MCP endpoint is /mcp.` });
    })().catch((error: unknown) => {
      // A connection shed for sending too slowly has had its answer; its unfinished body fails the route.
      if (connections.wasShed(req.socket)) return;
      logger.error("HTTP request failed", { error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendJsonRpcError(res, 500, "Internal server error");
      else res.end();
    });
  });

  // Node's default lets a slow client hold a connection for 300 s; a tool call is small and quick to send.
  server.headersTimeout = headersTimeoutMs;
  server.requestTimeout = options.requestTimeoutMs ?? 60_000;
  server.on("connection", (socket: Socket) => {
    // Node's own maxConnections drops the socket without a word; a client deserves to know why, so a
    // connection there is no room for gets one 503 answer and is closed.
    if (!connections.admit(socket)) overLimit.add(socket);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const displayHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    baseUrl: `http://${displayHost}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        // Answers still being written finish; idle keep-alive connections end now, and anything left
        // after a short while is cut.
        const cut = setTimeout(() => server.closeAllConnections(), 2_000);
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
