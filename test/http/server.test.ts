import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { startHttpServer, sendJson, type RunningHttpServer } from "../../src/http/index.js";
import { silentLogger } from "../../src/log/index.js";

const running: RunningHttpServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(running.splice(0).map((server) => server.close()));
});

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
    ],
    ...options,
  });
  running.push(started);
  return started;
}

/** A raw connection, to send what no well-behaved client would. */
function rawSocket(baseUrl: string): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  const { port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let text = "";
    const socket = connect(Number(port), "127.0.0.1", () => resolve({ socket, received: () => text, closed }));
    sockets.push(socket);
    const closed = new Promise<void>((done) => socket.once("close", () => done()));
    socket.on("data", (chunk: Buffer) => (text += chunk.toString()));
    socket.once("error", reject);
  });
}

describe("the HTTP server every front door is mounted on", () => {
  test("a client that sends its headers too slowly is cut off, not held for minutes", async () => {
    const http = await server({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const { socket, received, closed } = await rawSocket(http.baseUrl);
    socket.write("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"); // and never finishes the headers
    await closed;
    expect(received()).toMatch(/^HTTP\/1\.1 408/);
  });

  test("connections over the cap get a 503 that says why; those under it are served", async () => {
    const http = await server({ maxConnections: 2 });
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
});
