// A loopback proxy in front of the emulator that counts the Asana requests a server makes and how many
// sequential rounds they took. A request that arrives is held; once no new request has arrived for
// `quietMs`, everything held is sent upstream together as one round. Requests a server sends at the
// same time (Promise.all) arrive within the quiet window and share a round; a request that needs an
// earlier answer cannot be sent before that answer is released, so it opens the next round. The count
// does not depend on how fast anything runs, only on the window being longer than the gap between
// requests sent together (a few ms on loopback; the window is tens of ms).
import { createServer, request as httpRequest } from "node:http";

/**
 * Starts the proxy on a free loopback port, forwarding to `upstreamBaseUrl` (…/api/1.0). Returns its
 * `baseUrl` (use it as ASANA_BASE_URL), `mark()` and `since(mark)` (the requests and rounds after a
 * mark), and `close()`.
 */
export async function startRoundCounter(upstreamBaseUrl, { quietMs = 40 } = {}) {
  const upstream = new URL(upstreamBaseUrl);
  const basePath = upstream.pathname.replace(/\/$/, "");
  /** Every forwarded request: its round, method and path (below the base path, query left out). */
  const log = [];
  let round = 0;
  let held = [];
  let timer;

  const release = () => {
    timer = undefined;
    const batch = held;
    held = [];
    round += 1;
    for (const entry of batch) forward(entry, round);
  };

  const forward = ({ req, res, body }, inRound) => {
    const url = new URL(req.url ?? "/", "http://proxy");
    log.push({ round: inRound, method: req.method ?? "GET", path: url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname });
    const headers = { ...req.headers, host: upstream.host };
    const outgoing = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    outgoing.on("error", (error) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
      res.end(JSON.stringify({ errors: [{ message: `round counter: upstream failed: ${error.message}` }] }));
    });
    outgoing.end(body);
  };

  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      held.push({ req, res, body: Buffer.concat(chunks) });
      clearTimeout(timer);
      timer = setTimeout(release, quietMs);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();

  return {
    baseUrl: `http://127.0.0.1:${port}${basePath}`,
    /** A point to count from. */
    mark: () => ({ requests: log.length, round }),
    /** The requests forwarded since `mark`, and how many rounds they took. */
    since: (mark) => {
      const requests = log.slice(mark.requests);
      return { requests, rounds: new Set(requests.map((r) => r.round)).size };
    },
    close: () =>
      new Promise((resolve) => {
        clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
