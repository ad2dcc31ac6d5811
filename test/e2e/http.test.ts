import { request } from "node:http";
import { afterEach, describe, expect, test } from "vitest";
import { startFakeArcade } from "../fakes/arcade.js";
import { startAsanaFake } from "../support/asana-fake.js";
import { sharedAsanaFakes, type SharedAsanaFake } from "../support/shared-asana-fake.js";
import { spawnHttpServer, type SpawnedHttpServer } from "../support/spawn-server.js";
import { insertTask } from "../support/world.js";
import { call, expectFoundationTools, textOf } from "./scenarios.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(env: Record<string, string>, args: string[] = []): Promise<SpawnedHttpServer> {
  const spawned = await spawnHttpServer(env, args);
  cleanups.push(() => spawned.close());
  return spawned;
}

/**
 * The tests of a server with a personal access token and no flags share one fake and one server (a server
 * is a few tenths of a second of CPU to start; it is stateless): each connects its own clients, works on
 * its own objects and counts only its own requests. Tests with another configuration start their own.
 */
const fakes = sharedAsanaFakes();
let withToken: Promise<SpawnedHttpServer> | undefined;
async function sharedWithToken(): Promise<SharedAsanaFake & { http: SpawnedHttpServer }> {
  const shared = await fakes.fake("personal access token");
  if (!withToken) {
    const started = spawnHttpServer({ ASANA_BASE_URL: shared.asana.baseUrl, ASANA_ACCESS_TOKEN: shared.asana.token });
    withToken = started;
    fakes.atFileEnd(async () => (await started.catch(() => undefined))?.close());
  }
  return { ...shared, http: await withToken };
}

/** A client of this test's own on a shared server, closed when the test ends. */
async function connectOwn(http: SpawnedHttpServer, options?: Parameters<SpawnedHttpServer["connect"]>[0]) {
  const connection = await http.connect(options);
  cleanups.push(() => connection.close());
  return connection;
}

/** A raw request, so the test controls Host and Origin (fetch forbids setting Host). */
function rawPost(
  url: string,
  headers: Record<string, string>,
  body: string = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
): Promise<{ status: number; body: string; contentType: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers } },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, contentType: String(res.headers["content-type"] ?? "") }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("over Streamable HTTP", () => {
  test("with a personal access token: lists the tools and each call reaches Asana with that token", async () => {
    const { asana, exchanges, http } = await sharedWithToken();
    expect(http.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const { client } = await connectOwn(http);
    await expectFoundationTools(client);

    const workspaces = await call(client, "Asana_ListWorkspaces", { limit: 1 });
    expect(workspaces.structuredContent).toMatchObject({ count: 1, next_page: { has_more_pages: true } });
    const task = await call(client, "Asana_GetTaskById", { task_id: asana.world.task.gid });
    expect(task.structuredContent).toMatchObject({ task: { name: "Prepare the quarterly report" } });
    const deleted = await call(client, "Asana_DeleteTask", { task_id: asana.world.task.gid });
    expect(deleted.isError).toBeFalsy();
    expect(new Set(exchanges().map((e) => e.headers.authorization))).toEqual(new Set([`Bearer ${asana.token}`]));
  });

  test("is stateless: no session id, and each request stands alone", async () => {
    const { http } = await sharedWithToken();
    const response = await rawPost(http.url, { host: new URL(http.url).host });
    expect(response.status).toBe(200);
    expect(response.body).toContain("Asana_GetTaskById");
    const get = await fetch(http.url, { method: "GET", headers: { accept: "text/event-stream" } });
    expect(get.status).toBe(405);
  });

  test("with Arcade: pending gives the link, approval lets the next call through with Arcade's token", async () => {
    const asana = await startAsanaFake();
    const engine = await startFakeArcade();
    cleanups.push(() => engine.close());
    asana.addToken("arcade-http-token", asana.world.me.gid);
    const http = await server({
      ASANA_BASE_URL: asana.baseUrl,
      ARCADE_API_KEY: engine.apiKey,
      ARCADE_USER_ID: "ada@acme.test",
      ARCADE_BASE_URL: engine.baseUrl,
    });
    const { client } = await http.connect();
    const pending = await call(client, "Asana_GetTaskById", { task_id: asana.world.task.gid });
    expect(pending.isError).toBe(true);
    expect(textOf(pending)).toContain("https://arcade.test/oauth/asana/authorize");
    engine.approve("ada@acme.test", "arcade-http-token");
    const done = await call(client, "Asana_GetTaskById", { task_id: asana.world.task.gid });
    expect(done.isError).toBeFalsy();
    expect(asana.exchanges.every((e) => e.headers.authorization === "Bearer arcade-http-token")).toBe(true);
  });

  test("refuses a foreign Host or Origin (DNS rebinding) with 403", async () => {
    const { exchanges, http } = await sharedWithToken();
    const port = new URL(http.url).port;
    expect((await rawPost(http.url, { host: `evil.example:${port}` })).status).toBe(403);
    expect((await rawPost(http.url, { host: `127.0.0.1:${port}`, origin: "https://evil.example" })).status).toBe(403);
    expect((await rawPost(http.url, { host: `localhost:${port}`, origin: `http://localhost:${port}` })).status).toBe(200);
    expect(exchanges()).toHaveLength(0);
  });

  test("--allowed-hosts admits a public name behind a proxy", async () => {
    const asana = await startAsanaFake();
    const http = await server({ ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token }, ["--allowed-hosts", "mcp.example.com"]);
    expect((await rawPost(http.url, { host: "mcp.example.com" })).status).toBe(200);
    expect((await rawPost(http.url, { host: "other.example.com" })).status).toBe(403);
  });

  test("a tools/call carrying a large attachment (6 MB of base64) fits through /mcp", async () => {
    const { asana, requestsTo, http } = await sharedWithToken();
    const task = insertTask(asana.store, asana.world, { name: "Receives a large attachment", assignee: asana.world.me.gid });
    const { client } = await connectOwn(http, { headers: { "X-MCP-Toolsets": "attachments" } });
    const content = Buffer.alloc(4_500_000, 7).toString("base64");
    const result = await call(client, "Asana_AttachFileToTask", { task_id: task.gid, file_name: "data.bin", file_content_base64: content });
    expect(result.isError, textOf(result)).toBeFalsy();
    const [upload] = requestsTo("POST", "/attachments");
    expect((upload!.body as { files: Record<string, { size: number }> }).files.file?.size).toBe(4_500_000);
  });

  test("answers in plain JSON, in an event stream when a request asks for progress, and refuses bad bodies before any work", async () => {
    const asana = await startAsanaFake();
    for (let i = 0; i < 150; i++) insertTask(asana.store, asana.world, { name: `Errand ${i}`, assignee: asana.world.me.gid });
    const http = await server({ ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token }, ["--toolsets", "all"]);
    const plain = await rawPost(http.url, {});
    expect(plain.status).toBe(200);
    expect(plain.contentType).toMatch(/^application\/json/);
    expect((JSON.parse(plain.body) as { result: { tools: unknown[] } }).result.tools.length).toBeGreaterThan(0);

    const withProgress = JSON.stringify({
      jsonrpc: "2.0",
      id: 2,
      method: "tools/call",
      params: { name: "Asana_SummarizeWorkload", arguments: { workspace_id: asana.world.premium.gid }, _meta: { progressToken: "p1" } },
    });
    const streamed = await rawPost(http.url, { "mcp-protocol-version": "2025-11-25" }, withProgress);
    expect(streamed.contentType).toMatch(/^text\/event-stream/);
    const events = streamed.body
      .split("\n")
      .filter((line) => line.startsWith("data: "))
      .map((line) => JSON.parse(line.slice(6)) as { method?: string; id?: number; result?: { isError?: boolean } });
    expect(events.some((event) => event.method === "notifications/progress")).toBe(true);
    expect(events.at(-1)).toMatchObject({ id: 2, result: { structuredContent: expect.any(Object) } });
    expect(events.at(-1)?.result?.isError).toBeFalsy();

    const before = asana.arrivals.length;
    const broken = await rawPost(http.url, {}, '{"jsonrpc": "2.0", "id": 3, "method": "tools/li');
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toMatchObject({ error: { code: -32700 } });
    const notJson = await rawPost(http.url, { "content-type": "text/plain" });
    expect(notJson.status).toBe(415);
    const noStream = await rawPost(http.url, { accept: "application/json" });
    expect(noStream.status).toBe(406);
    expect(asana.arrivals.length).toBe(before);
  });
});
