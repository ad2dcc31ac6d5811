import { networkInterfaces } from "node:os";
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { readJsonBody, startHttpServer, sendJson, type RunningHttpServer } from "../../src/http/index.js";
import { clientOf } from "../../src/http/connection-table.js";
import { silentLogger } from "../../src/log/index.js";

const running: RunningHttpServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** How many requests reached /upload, which reads the whole body before it answers. */
let uploadsStarted = 0;

async function server(options: Partial<Parameters<typeof startHttpServer>[0]> = {}): Promise<RunningHttpServer> {
  const started = await startHttpServer({
    host: "127.0.0.1",
    port: 0,
    logger: silentLogger,
    routes: [
      async (_req, res, url) => {
        if (url.pathname !== "/echo") return false;
        sendJson(res, 200, { ok: true });
        return true;
      },
      async (req, res, url) => {
        if (url.pathname !== "/upload") return false;
        uploadsStarted += 1;
        sendJson(res, 200, { received: await readJsonBody(req, 1_000_000) });
        return true;
      },
    ],
    ...options,
  });
  running.push(started);
  return started;
}

/** A route that holds every answer until released, counting the requests it holds. */
function heldAnswers() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held = { count: 0, release: () => release() };
  const route = async (_req: unknown, res: Parameters<typeof sendJson>[0]) => {
    held.count += 1;
    await released;
    sendJson(res, 200, { ok: true });
    return true;
  };
  return { held, route };
}

interface RawSocket {
  socket: Socket;
  received: () => string;
  closed: Promise<void>;
  isClosed: () => boolean;
}

/** A raw connection, to send what no well-behaved client would; `from` is the loopback address it comes from. */
function rawSocket(baseUrl: string, from: "127.0.0.1" | "::1" = "127.0.0.1"): Promise<RawSocket> {
  const { port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let text = "";
    let isClosed = false;
    const socket = connect(Number(port), from, () => resolve({ socket, received: () => text, closed, isClosed: () => isClosed }));
    sockets.push(socket);
    const closed = new Promise<void>((done) =>
      socket.once("close", () => {
        isClosed = true;
        done();
      }),
    );
    socket.on("data", (chunk: Buffer) => (text += chunk.toString()));
    socket.once("error", reject);
    // A shed connection may be reset while the test still writes to it.
    socket.on("error", () => undefined);
  });
}

/** A POST /upload whose headers promise 10,000 bytes of body, of which only `sent` arrive; waits until the route has it. */
async function slowUpload(baseUrl: string, sent: number): Promise<RawSocket> {
  const before = uploadsStarted;
  const connection = await rawSocket(baseUrl);
  connection.socket.write(
    `POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n"${"x".repeat(sent - 1)}`,
  );
  await expect.poll(() => uploadsStarted).toBe(before + 1);
  return connection;
}

const hasIpv6Loopback = Object.values(networkInterfaces()).some((addresses) => addresses?.some((a) => a.address === "::1"));

describe("the HTTP server every front door is mounted on", () => {
  test("a client that sends its headers too slowly is cut off, not held for minutes", async () => {
    const http = await server({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const { socket, received, closed } = await rawSocket(http.baseUrl);
    socket.write("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"); // and never finishes the headers
    await closed;
    expect(received()).toMatch(/^HTTP\/1\.1 408/);
  });

  test("connections over the cap get a 503 that says why; those under it are served", async () => {
    // Young connections are not shed for being slow: the third is refused.
    const http = await server({ maxConnections: 2, maxConnectionsPerClient: 2, slowClientGraceMs: 60_000 });
    const first = await rawSocket(http.baseUrl);
    const second = await rawSocket(http.baseUrl);
    const third = await rawSocket(http.baseUrl);
    third.socket.write("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    await expect.poll(() => third.received()).toMatch(/^HTTP\/1\.1 503[\s\S]*Too many connections \(limit 2\)/);
    first.socket.write("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    await expect.poll(() => first.received()).toMatch(/^HTTP\/1\.1 200/);
    second.socket.destroy();
  });

  test("a browser on an allowed origin gets CORS answers, preflight included; another origin gets 403", async () => {
    const http = await server({ allowedOrigins: ["https://app.example"] });
    const preflight = await fetch(`${http.baseUrl}/echo`, {
      method: "OPTIONS",
      headers: {
        origin: "https://app.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,mcp-protocol-version",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("Mcp-Protocol-Version");
    const answer = await fetch(`${http.baseUrl}/echo`, { headers: { origin: "https://app.example" } });
    expect(answer.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(answer.headers.get("access-control-expose-headers")).toContain("Mcp-Session-Id");
    const foreign = await fetch(`${http.baseUrl}/echo`, { method: "OPTIONS", headers: { origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
  });

  test("while draining, new requests get 503 with Retry-After", async () => {
    let draining = false;
    const http = await server({ isDraining: () => draining });
    expect((await fetch(`${http.baseUrl}/echo`)).status).toBe(200);
    draining = true;
    const refused = await fetch(`${http.baseUrl}/echo`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("5");
  });

  // 1,024 slow-body connections from one address made every other caller get 503 for about 60 s. Here with
  // small limits: 127.0.0.1 and ::1 are two clients.
  test.skipIf(!hasIpv6Loopback)(
    "one client's slow uploads cannot take every connection: past its share its slowest is shed, and another client is served",
    async () => {
      const http = await server({ host: "::", maxConnections: 8, maxConnectionsPerClient: 4, slowClientGraceMs: 0 });
      const slow: RawSocket[] = [];
      for (let i = 0; i < 8; i++) slow.push(await slowUpload(http.baseUrl, 10 + i));
      // The first four (the slowest when each newcomer came) were shed with a 503 that says why.
      await expect.poll(() => slow.filter((c) => c.isClosed()).length).toBe(4);
      for (const shed of slow.filter((c) => c.isClosed())) expect(shed.received()).toMatch(/^HTTP\/1\.1 503[\s\S]*too slowly/);
      for (let i = 0; i < 3; i++) {
        const other = await rawSocket(http.baseUrl, "::1");
        other.socket.write("GET /echo HTTP/1.1\r\nHost: localhost\r\n\r\n");
        await expect.poll(() => other.received()).toMatch(/^HTTP\/1\.1 200/);
      }
    },
  );

  test.skipIf(!hasIpv6Loopback)("when the server is full, a newcomer is served and the connection that sent the least of its request is shed", async () => {
    const http = await server({ host: "::", maxConnections: 4, maxConnectionsPerClient: 4, slowClientGraceMs: 0 });
    // Sent per millisecond since each began, the second is far the slowest however the test is scheduled.
    const slow = [
      await slowUpload(http.baseUrl, 5_000),
      await slowUpload(http.baseUrl, 10),
      await slowUpload(http.baseUrl, 3_000),
      await slowUpload(http.baseUrl, 1_000),
    ];
    const other = await rawSocket(http.baseUrl, "::1");
    other.socket.write("GET /echo HTTP/1.1\r\nHost: localhost\r\n\r\n");
    await expect.poll(() => other.received()).toMatch(/^HTTP\/1\.1 200/);
    await slow[1]!.closed;
    expect(slow.map((c) => c.isClosed())).toEqual([false, true, false, false]);
    // The others still finish their uploads.
    slow[0]!.socket.write(`${"y".repeat(10_000 - 5_000 - 1)}"`);
    await expect.poll(() => slow[0]!.received()).toMatch(/^HTTP\/1\.1 200/);
  });

  test("a call being answered is never shed: with every connection busy, a newcomer gets the 503", async () => {
    const { held, route } = heldAnswers();
    const http = await server({ maxConnections: 2, maxConnectionsPerClient: 2, slowClientGraceMs: 0, routes: [route] });
    const busy = [await rawSocket(http.baseUrl), await rawSocket(http.baseUrl)];
    for (const connection of busy) connection.socket.write("GET /wait HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    // Both requests are in: their answers are being worked on.
    await expect.poll(() => held.count).toBe(2);
    const newcomer = await rawSocket(http.baseUrl);
    newcomer.socket.write("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    await expect.poll(() => newcomer.received()).toMatch(/^HTTP\/1\.1 503/);
    held.release();
    for (const connection of busy) await expect.poll(() => connection.received()).toMatch(/^HTTP\/1\.1 200/);
  });
});

describe("which client a connection counts against", () => {
  test("an IPv4 address (mapped or not) is one client; an IPv6 host is its /64, however it is written", () => {
    expect(clientOf("::ffff:10.0.0.7")).toBe("10.0.0.7");
    expect(clientOf("10.0.0.7")).toBe("10.0.0.7");
    expect(clientOf("2001:db8:1:2:aaaa::1")).toBe(clientOf("2001:0db8:0001:0002:bbbb:cccc:dddd:2"));
    expect(clientOf("2001:db8:1:2::1")).not.toBe(clientOf("2001:db8:1:3::1"));
    expect(clientOf("::1")).toBe("0:0:0:0::/64");
    expect(clientOf("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(clientOf(undefined)).toBe("unknown");
  });

  test("a trusted proxy's connections carry many clients: one client's share does not bind them", async () => {
    const { held, route } = heldAnswers();
    const serve = (isTrustedProxy?: (address: string | undefined) => boolean) =>
      server({ maxConnections: 4, maxConnectionsPerClient: 1, slowClientGraceMs: 0, ...(isTrustedProxy ? { isTrustedProxy } : {}), routes: [route] });
    const untrusted = await serve();
    const proxied = await serve((address) => address === "127.0.0.1");
    const first = await rawSocket(untrusted.baseUrl);
    first.socket.write("GET /wait HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    await expect.poll(() => held.count).toBe(1);
    const second = await rawSocket(untrusted.baseUrl);
    second.socket.write("GET /wait HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    await expect.poll(() => second.received()).toMatch(/^HTTP\/1\.1 503/);
    const viaProxy = [await rawSocket(proxied.baseUrl), await rawSocket(proxied.baseUrl), await rawSocket(proxied.baseUrl)];
    for (const connection of viaProxy) connection.socket.write("GET /wait HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    await expect.poll(() => held.count).toBe(4);
    held.release();
    for (const connection of [first, ...viaProxy]) await expect.poll(() => connection.received()).toMatch(/^HTTP\/1\.1 200/);
  });
});
