import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../log/index.js";
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
}

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

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const rejection = rejectionFor(req);
      if (rejection) {
        logger.warn("refused an HTTP request", { reason: rejection, path: url.pathname });
        sendJsonRpcError(res, 403, `Forbidden: ${rejection}`);
        return;
      }
      for (const route of options.routes) {
        if (await route(req, res, url)) return;
      }
      if (url.pathname === "/health" && req.method === "GET") return sendJson(res, 200, { status: "ok" });
      sendJson(res, 404, { error: `Not found: ${url.pathname}. The MCP endpoint is /mcp.` });
    })().catch((error: unknown) => {
      logger.error("HTTP request failed", { error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendJsonRpcError(res, 500, "Internal server error");
      else res.end();
    });
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
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
