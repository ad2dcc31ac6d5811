import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small loopback load balancer for tests: each request goes to the next live upstream, round robin.
 *
 * - Each request is forwarded on a fresh connection (no keep-alive pool to the upstreams). A request
 *   written onto a pooled connection that the upstream has just lost fails with a reset, which cannot be
 *   told apart from an upstream dying half-way through the request; a fresh connection to a dead upstream
 *   is *refused*, which proves nothing was sent, so the request is safely tried on the next upstream.
 * - Once a request has reached an upstream, it is never sent to another: a POST may have created
 *   something before the upstream died, and a second copy would duplicate it (nginx does the same for
 *   non-idempotent methods). The client gets a 502 instead.
 * - The upstream's answer is buffered whole before it is passed on. A stateless MCP POST answers with one
 *   short SSE stream (progress notifications, if a client asked for them, would arrive late, with the
 *   result); and when the upstream dies mid-answer, the client gets a clean 502 rather than a cut stream
 *   (the MCP SDK's client does not resume a cut POST stream without event ids, and waits for its request
 *   timeout).
 * - An upstream that refused a connection is skipped from then on.
 */
export interface RoundRobinProxy {
  /** The proxy's origin, e.g. http://127.0.0.1:41234; paths are forwarded as they are. */
  url: string;
  /** Every request the proxy received, in arrival order. */
  requests: ProxiedRequest[];
  /** Requests currently forwarded to `upstream` (by index) and not yet answered: what dies with it. */
  inFlightOn(upstream: number): ProxiedRequest[];
  /** Upstreams (by index) that refused a connection and are skipped. */
  down: ReadonlySet<number>;
  close(): Promise<void>;
}

export interface ProxiedRequest {
  /** Arrival order, from 0. */
  id: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  attempts: ProxyAttempt[];
  /** The status the client got; undefined while the request is open. */
  status?: number;
}

export interface ProxyAttempt {
  upstream: number;
  /**
   * refused: the connection was refused, nothing was sent, the next upstream was tried;
   * answered: the upstream's answer was passed on;
   * broken: the request reached the upstream, which then failed (reset, hang-up) before answering.
   */
  outcome: "pending" | "refused" | "answered" | "broken";
  status?: number;
  error?: string;
}

const hopByHop = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "content-length"]);

export async function startRoundRobinProxy(upstreams: readonly string[], options: { maxBodyBytes?: number } = {}): Promise<RoundRobinProxy> {
  if (upstreams.length === 0) throw new Error("startRoundRobinProxy needs at least one upstream");
  const targets = upstreams.map((u) => new URL(u));
  const maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;
  const requests: ProxiedRequest[] = [];
  const down = new Set<number>();
  const open = new Set<{ abort(): void }>();
  let next = 0;

  /** The live upstreams in the order this request tries them, starting at the rotation's next one. */
  function rotation(): number[] {
    const start = next;
    next = (next + 1) % targets.length;
    return targets.map((_, i) => (start + i) % targets.length).filter((i) => !down.has(i));
  }

  function forward(
    proxied: ProxiedRequest,
    upstream: number,
    body: Buffer,
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer } | "refused" | "broken"> {
    const attempt: ProxyAttempt = { upstream, outcome: "pending" };
    proxied.attempts.push(attempt);
    const target = targets[upstream]!;
    return new Promise((resolve) => {
      let connected = false;
      const upstreamRequest = httpRequest({
        host: target.hostname,
        port: target.port,
        method: proxied.method,
        path: proxied.path,
        headers: { ...withoutHopByHop(proxied.headers), "content-length": String(body.length), connection: "close" },
        agent: false,
      });
      const handle = { abort: () => upstreamRequest.destroy(new Error("proxy closed")) };
      open.add(handle);
      const settle = (outcome: ProxyAttempt["outcome"], result: Parameters<typeof resolve>[0], error?: Error) => {
        if (attempt.outcome !== "pending") return;
        open.delete(handle);
        attempt.outcome = outcome;
        if (error) attempt.error = (error as NodeJS.ErrnoException).code ?? error.message;
        resolve(result);
      };
      upstreamRequest.on("socket", (socket) => socket.once("connect", () => (connected = true)));
      upstreamRequest.on("error", (error) => {
        // Before the connection was made, nothing was sent: another upstream may take the request. Only
        // a refusal says the upstream is gone; another local failure (no free port, say) is not its fault.
        if (!connected) {
          if ((error as NodeJS.ErrnoException).code === "ECONNREFUSED") down.add(upstream);
          settle("refused", "refused", error);
        } else settle("broken", "broken", error);
      });
      upstreamRequest.on("response", (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", (error) => settle("broken", "broken", error));
        response.on("close", () => settle("broken", "broken", new Error("upstream closed before the end of its answer")));
        response.on("end", () => {
          if (!response.complete) return settle("broken", "broken", new Error("upstream ended its answer early"));
          attempt.status = response.statusCode ?? 502;
          settle("answered", { status: attempt.status, headers: response.headers, body: Buffer.concat(chunks) });
        });
      });
      upstreamRequest.end(body);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBodyBytes) return void res.writeHead(413, { connection: "close" }).end();
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    const proxied: ProxiedRequest = {
      id: requests.length,
      method: req.method ?? "GET",
      path: req.url ?? "/",
      headers: req.headers,
      body: body.toString("utf8"),
      attempts: [],
    };
    requests.push(proxied);
    for (const upstream of rotation()) {
      const answer = await forward(proxied, upstream, body);
      if (answer === "refused") continue;
      if (answer === "broken") break;
      proxied.status = answer.status;
      if (!res.destroyed) res.writeHead(answer.status, { ...withoutHopByHop(answer.headers), "content-length": String(answer.body.length) }).end(answer.body);
      return;
    }
    proxied.status = 502;
    const reason = proxied.attempts.at(-1)?.outcome === "broken" ? "the upstream failed while handling the request" : "no upstream accepted the connection";
    if (!res.destroyed) res.writeHead(502, { "content-type": "application/json" }).end(JSON.stringify({ error: `Bad gateway: ${reason}` }));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    down,
    inFlightOn: (upstream) => requests.filter((r) => r.attempts.some((a) => a.upstream === upstream && a.outcome === "pending")),
    close: () =>
      new Promise<void>((resolve) => {
        for (const handle of [...open]) handle.abort();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function withoutHopByHop(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !hopByHop.has(name)) kept[name] = value;
  return kept;
}
