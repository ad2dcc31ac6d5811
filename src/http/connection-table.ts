import { isIPv6 } from "node:net";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";

export interface ConnectionLimits {
  /** Open connections in all. */
  maxConnections: number;
  /** Open connections from one client (an IPv4 address, or an IPv6 /64). */
  maxConnectionsPerClient: number;
  /** A connection younger than this is not shed for being slow: it has had no time to send. */
  slowClientGraceMs: number;
  /** A trusted reverse proxy's connections carry many clients: the per-client share does not bind them. */
  isTrustedProxy?: (address: string | undefined) => boolean;
  now?: () => number;
}

/**
 * Where a connection is: waiting for its first request, in a request (received in part, or in full and
 * being answered), or idle between requests (keep-alive).
 */
type Phase = "waiting" | "request" | "idle";

interface Connection {
  socket: Socket;
  client: string;
  phase: Phase;
  /** When the current request began (the connection opened, or the previous answer ended), and the bytes read by then. */
  since: number;
  bytesAtStart: number;
  /** The request under way: whether it has arrived in full, and its answer, so a shed connection hears why. */
  request?: { req: IncomingMessage; res: ServerResponse };
}

/**
 * The server's open connections by client, so that one client cannot hold them all. A newcomer past its
 * client's share, or arriving when the server is full, takes the place of the slowest connection
 * there is to shed: an idle keep-alive connection first, then the one receiving its request at the
 * lowest rate (bytes since its request began, per millisecond). A connection whose request is being
 * answered (a tool call, an SSE stream) is never shed; when no connection can be, the newcomer is refused.
 */
export class ConnectionTable {
  readonly #limits: ConnectionLimits;
  readonly #now: () => number;
  readonly #all = new Map<Socket, Connection>();
  readonly #byClient = new Map<string, Set<Connection>>();
  readonly #shed = new WeakSet<Socket>();

  constructor(limits: ConnectionLimits) {
    this.#limits = limits;
    this.#now = limits.now ?? Date.now;
  }

  /** Takes a new connection in, shedding another if needed; false: there is no room (answer 503). */
  admit(socket: Socket): boolean {
    const client = clientOf(socket.remoteAddress);
    const mine = this.#byClient.get(client) ?? new Set<Connection>();
    const share = this.#limits.isTrustedProxy?.(socket.remoteAddress) ? this.#limits.maxConnections : this.#limits.maxConnectionsPerClient;
    if (mine.size >= share && !this.#shedSlowest(mine)) return false;
    if (this.#all.size >= this.#limits.maxConnections && !this.#shedSlowest(this.#all.values())) return false;
    const connection: Connection = { socket, client, phase: "waiting", since: this.#now(), bytesAtStart: socket.bytesRead };
    this.#all.set(socket, connection);
    mine.add(connection);
    this.#byClient.set(client, mine);
    socket.once("close", () => this.#forget(connection));
    return true;
  }

  /** Whether this connection was shed (its request then fails, and that is no error of ours). */
  wasShed(socket: Socket): boolean {
    return this.#shed.has(socket);
  }

  /** A request's headers have arrived; its body may still be on its way. */
  requestStarted(socket: Socket, req: IncomingMessage, res: ServerResponse): void {
    this.#enter(socket, "request", { req, res });
  }

  /** The answer is sent: the connection idles until the client's next request. */
  responseEnded(socket: Socket): void {
    this.#enter(socket, "idle");
  }

  #enter(socket: Socket, phase: Phase, request?: Connection["request"]): void {
    const connection = this.#all.get(socket);
    if (!connection) return;
    connection.phase = phase;
    // A request is measured from the end of the one before it (or from the connection's start): its
    // first bytes may have arrived together with its headers.
    if (phase !== "request") {
      connection.since = this.#now();
      connection.bytesAtStart = socket.bytesRead;
    }
    if (request) connection.request = request;
    else delete connection.request;
  }

  #forget(connection: Connection): void {
    this.#all.delete(connection.socket);
    const mine = this.#byClient.get(connection.client);
    mine?.delete(connection);
    if (mine?.size === 0) this.#byClient.delete(connection.client);
  }

  /** Sheds the slowest of these connections; false when none may be shed. */
  #shedSlowest(connections: Iterable<Connection>): boolean {
    const now = this.#now();
    let slowest: { connection: Connection; rank: number; rate: number } | undefined;
    for (const connection of connections) {
      // Arrived in full: it is being answered (a tool call, an SSE stream).
      if (connection.request?.req.complete) continue;
      const sent = connection.socket.bytesRead - connection.bytesAtStart;
      // An idle connection that has begun its next request counts as receiving it.
      const idle = connection.phase === "idle" && sent === 0;
      const age = now - connection.since;
      if (!idle && age < this.#limits.slowClientGraceMs) continue;
      const rank = idle ? 0 : 1;
      const rate = idle ? -age : sent / Math.max(age, 1);
      if (!slowest || rank < slowest.rank || (rank === slowest.rank && rate < slowest.rate)) slowest = { connection, rank, rate };
    }
    if (!slowest) return false;
    this.#drop(slowest.connection);
    return true;
  }

  #drop(connection: Connection): void {
    const { socket } = connection;
    const response = connection.request?.res;
    this.#forget(connection);
    this.#shed.add(socket);
    if (connection.phase === "idle") {
      socket.end();
      return;
    }
    const message = "This connection was sending its request too slowly while the server was full; it was closed to serve others. Retry.";
    if (response && !response.headersSent) {
      response.once("finish", () => socket.destroy());
      response
        .writeHead(503, { "content-type": "application/json", "retry-after": "1", connection: "close" })
        .end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
      return;
    }
    const body = JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null });
    socket.end(
      `HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: 1\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    socket.destroySoon();
  }
}

/**
 * The client a connection comes from: its IPv4 address, or its IPv6 /64 (one host is usually given a
 * whole /64, so counting single IPv6 addresses would let it open a share per address).
 */
export function clientOf(address: string | undefined): string {
  if (!address) return "unknown";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = "", tail = ""] = address.split("%")[0]!.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = address.includes("::") ? (tail ? tail.split(":") : []) : [];
  const groups = address.includes("::") ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups] : headGroups;
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(":")}::/64`;
}
