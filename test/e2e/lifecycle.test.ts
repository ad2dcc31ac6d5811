import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { afterEach, describe, expect, test } from "vitest";
import { startAsanaFake, type AsanaFake } from "../support/asana-fake.js";
import { sharedAsanaFakes } from "../support/shared-asana-fake.js";
import { cleanEnv, cliPath, spawnHttpServer } from "../support/spawn-server.js";

/**
 * The server's life at its edges: a message too large for stdio, and shutting down with calls in
 * flight (SIGTERM, or the client closing stdin). Driven with raw JSON-RPC lines, so the test controls
 * exactly what is written and when.
 */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface RawServer {
  child: ChildProcessWithoutNullStreams;
  /** Parsed JSON-RPC messages written to stdout so far. */
  messages: () => Array<{ id?: unknown; result?: unknown; error?: { code: number; message: string } }>;
  send(message: unknown): void;
  exited: Promise<number | null>;
  /** Kills the process if it still runs, and waits for its exit. */
  stop(): Promise<void>;
}

/** Starts a stdio server and initializes it; one that fails to start is stopped before the error goes on. */
async function spawnRawStdioServer(env: Record<string, string>): Promise<RawServer> {
  const child = spawn(process.execPath, [cliPath], { env: cleanEnv(env), stdio: ["pipe", "pipe", "pipe"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.resume();
  const server: RawServer = {
    child,
    messages: () =>
      stdout
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
    send: (message) => child.stdin.write(`${JSON.stringify(message)}\n`),
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
  try {
    server.send({
      jsonrpc: "2.0",
      id: 0,
      method: "initialize",
      params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
    });
    server.send({ jsonrpc: "2.0", method: "notifications/initialized" });
    await expect.poll(() => server.messages().some((m) => m.id === 0), { timeout: 10_000 }).toBe(true);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** A server of this test's own, for the tests that end its process. */
async function rawStdioServer(env: Record<string, string>): Promise<RawServer> {
  const server = await spawnRawStdioServer(env);
  cleanups.push(() => server.stop());
  return server;
}

/**
 * The two tests that only send the server bad input share one fake and one server (a process of its own, a
 * few tenths of a second of CPU to start); each reads only the messages and Asana requests since it began.
 * The tests that end the process start their own.
 */
const fakes = sharedAsanaFakes();
async function sharedRawStdioServer(): Promise<{ asana: AsanaFake; server: RawServer; arrivals: () => AsanaFake["arrivals"] }> {
  const { asana } = await fakes.fake("personal access token");
  const env = { ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token };
  const shared = await fakes.kept(
    `raw stdio ${JSON.stringify(env)}`,
    () => spawnRawStdioServer(env),
    (server) => server.stop(),
  );
  const messagesSeen = shared.messages().length;
  const arrivalsSeen = asana.arrivals.length;
  return {
    asana,
    server: { ...shared, messages: () => shared.messages().slice(messagesSeen) },
    arrivals: () => asana.arrivals.slice(arrivalsSeen),
  };
}

const answerTo = (server: RawServer, id: number) => server.messages().find((m) => m.id === id);

function slowTask(asana: AsanaFake): void {
  asana.faults.inject({ path: `/tasks/${asana.world.task.gid}`, latencyMs: 1_500 });
}

describe("stdio", () => {
  test("a message over the size limit is answered with its id and an error naming the limit, and the server keeps serving", async () => {
    const { asana, server, arrivals } = await sharedRawStdioServer();
    // 17 MiB of base64: more than one message may carry (the largest attachment, 10 MB, is about 13.4 MiB).
    const huge = "A".repeat(17 * 1024 * 1024);
    // In the SDK client's own order, the id after the params: the answer must still carry it.
    server.send({
      method: "tools/call",
      params: { name: "Asana_AttachFileToTask", arguments: { task_id: asana.world.task.gid, file_name: "big.bin", file_content_base64: huge } },
      jsonrpc: "2.0",
      id: 5,
    });
    server.send({ jsonrpc: "2.0", id: 6, method: "tools/list" });
    await expect.poll(() => answerTo(server, 6), { timeout: 15_000 }).toBeDefined();
    expect(answerTo(server, 5)?.error).toMatchObject({ code: -32600, message: expect.stringContaining("Message too large") });
    // The real limit (the largest upload as base64 plus 3 MiB), not a rounded "16 MiB".
    expect(answerTo(server, 5)?.error?.message).toContain("bytes (about 16.3 MiB)");
    expect(arrivals()).toHaveLength(0);
    expect(server.child.exitCode).toBeNull();
  });

  test("a line that is not JSON-RPC gets a parse error, a malformed tools/call an invalid-params error, and the server keeps serving", async () => {
    const { server, arrivals } = await sharedRawStdioServer();
    server.child.stdin.write("this is not json\n");
    server.send({ hello: "world" });
    server.send([{ jsonrpc: "2.0", id: 7, method: "tools/list" }]);
    server.send({ jsonrpc: "2.0", id: 8, method: "tools/call", params: { name: 42 } });
    server.send({ jsonrpc: "2.0", id: 9, method: "tools/call", params: { name: "Asana_GetTaskById", arguments: "not an object" } });
    server.send({ jsonrpc: "2.0", id: 10, method: "tools/list" });
    await expect.poll(() => answerTo(server, 10), { timeout: 10_000 }).toBeDefined();
    const parseErrors = server.messages().filter((m) => m.id === null);
    expect(parseErrors).toHaveLength(3);
    for (const answer of parseErrors) expect(answer.error).toMatchObject({ code: -32700 });
    expect(answerTo(server, 8)?.error).toMatchObject({ code: -32602, message: expect.stringContaining("name") });
    expect(answerTo(server, 9)?.error).toMatchObject({ code: -32602, message: expect.stringContaining("arguments") });
    expect(arrivals()).toHaveLength(0);
  });

  test("on SIGTERM a call in flight still gets its answer, then the process exits", async () => {
    const asana = await startAsanaFake();
    slowTask(asana);
    const server = await rawStdioServer({ ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token });
    server.send({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: "Asana_GetTaskById", arguments: { task_id: asana.world.task.gid, max_subtasks: 0 } },
    });
    await expect.poll(() => asana.received, { timeout: 5_000 }).toBe(1);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    const answer = answerTo(server, 1);
    expect(answer?.result).toMatchObject({ structuredContent: { task: { id: asana.world.task.gid } } });
  });

  test("when the client closes stdin, the calls it sent are still answered before the process exits", async () => {
    const asana = await startAsanaFake();
    slowTask(asana);
    const server = await rawStdioServer({ ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token });
    server.send({
      jsonrpc: "2.0",
      id: 2,
      method: "tools/call",
      params: { name: "Asana_GetTaskById", arguments: { task_id: asana.world.task.gid, max_subtasks: 0 } },
    });
    await expect.poll(() => asana.received, { timeout: 5_000 }).toBe(1);
    server.child.stdin.end();
    expect(await server.exited).toBe(0);
    expect(answerTo(server, 2)?.result).toMatchObject({ structuredContent: { task: { id: asana.world.task.gid } } });
  });
});

describe("HTTP", () => {
  test("on SIGTERM new requests get 503 while the call in flight finishes, then the process exits", async () => {
    const asana = await startAsanaFake();
    slowTask(asana);
    const http = await spawnHttpServer({ ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token });
    cleanups.push(() => http.close());
    const exited = new Promise<number | null>((resolve) => http.child.once("exit", (code) => resolve(code)));
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
    const inFlight = fetch(http.url, {
      method: "POST",
      headers,
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "tools/call",
        params: { name: "Asana_GetTaskById", arguments: { task_id: asana.world.task.gid, max_subtasks: 0 } },
      }),
    });
    await expect.poll(() => asana.received, { timeout: 5_000 }).toBe(1);
    http.child.kill("SIGTERM");
    await expect.poll(() => http.stderr(), { timeout: 5_000 }).toContain("shutting down");
    const refused = await fetch(http.url, { method: "POST", headers, body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" }) });
    expect(refused.status).toBe(503);
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain(asana.world.task.gid);
    expect(await exited).toBe(0);
  });
});
