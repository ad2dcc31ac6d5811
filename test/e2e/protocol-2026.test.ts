import { afterEach, describe, expect, test } from "vitest";
import { startFakeArcade, type FakeArcade } from "../fakes/arcade.js";
import { startAsanaFake } from "../support/asana-fake.js";
import { sharedAsanaFakes } from "../support/shared-asana-fake.js";
import { spawnHttpServer } from "../support/spawn-server.js";
import { connectV2Http, connectV2Stdio } from "../support/v2-client.js";

/**
 * The 2026-07-28 protocol, as the v2 TypeScript SDK's client speaks it (pinned, so a quiet fallback to
 * 2025-11-25 fails): no initialize, every request carrying its version and capabilities, and
 * input_required results where 2025 had server-to-client requests.
 */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function arcade(): Promise<FakeArcade> {
  const fake = await startFakeArcade();
  cleanups.push(() => fake.close());
  return fake;
}

type Connect = (
  env: Record<string, string>,
  options?: Parameters<typeof connectV2Stdio>[1],
) => Promise<{ client: Awaited<ReturnType<typeof connectV2Stdio>>["client"] }>;

/**
 * The tests that talk to Asana with a token and no client options share, per door, one fake and, over
 * HTTP, one server (a process of its own, a few tenths of a second of CPU to start), each test connecting
 * a client of its own. Over stdio each keeps a process of its own: the v2 client hands a notification to
 * its handler a microtask late but a response at once, so a progress notification read in one chunk with
 * its call's answer is dropped, which a warm shared server makes likely (2 runs of 11 lost it).
 */
const fakes = sharedAsanaFakes();

const frontDoors: Array<[string, Connect, Connect]> = [
  [
    "stdio",
    async (env, options) => {
      const connection = await connectV2Stdio(env, options);
      cleanups.push(() => connection.close());
      return connection;
    },
    // A process of the test's own (see above).
    async (env) => {
      const connection = await connectV2Stdio(env);
      cleanups.push(() => connection.close());
      return connection;
    },
  ],
  [
    "HTTP",
    async (env, options) => {
      const server = await spawnHttpServer(env, options?.args ?? []);
      cleanups.push(() => server.close());
      const connection = await connectV2Http(server.url, { ...(options?.client ? { client: options.client } : {}) });
      cleanups.push(() => connection.close());
      return connection;
    },
    async (env) => {
      const server = await fakes.kept(
        `HTTP ${JSON.stringify(env)}`,
        () => spawnHttpServer(env),
        (started) => started.close(),
      );
      const connection = await connectV2Http(server.url);
      cleanups.push(() => connection.close());
      return connection;
    },
  ],
];

describe.each(frontDoors)("2026-07-28 over %s", (door, connect, connectShared) => {
  test("the v2 client pinned to 2026-07-28 lists, reads, writes and is refused bad input", async () => {
    const { asana } = await fakes.fake(door);
    const { client } = await connectShared({ ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token });
    expect(client.getProtocolEra()).toBe("modern");
    const tools = (await client.listTools()).tools.map((t) => t.name);
    expect(tools).toEqual(expect.arrayContaining(["Asana_GetTaskById", "Asana_CreateTask"]));

    const read = await client.callTool({ name: "Asana_GetTaskById", arguments: { task_id: asana.world.task.gid } });
    expect(read.isError).toBeFalsy();
    expect(read.structuredContent).toMatchObject({ task: { id: asana.world.task.gid } });

    const written = await client.callTool({ name: "Asana_CreateTask", arguments: { name: "From 2026", project: asana.world.launch.gid } });
    expect(written.isError, JSON.stringify(written.content)).toBeFalsy();
    expect(asana.store.all("task", (t) => t.name === "From 2026")).toHaveLength(1);

    const bad = await client.callTool({ name: "Asana_GetTaskById", arguments: { task_id: "not-an-id" } });
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad.content)).toContain("`task_id`");

    const unknown = await client.callTool({ name: "Asana_Nope", arguments: {} }).catch((error: Error) => error);
    expect(unknown).toBeInstanceOf(Error);
    expect((unknown as Error).message).toMatch(/^Unknown tool "Asana_Nope"\. This server's tools are: Asana_/);
  });

  test("a pending Arcade authorization is an input_required link; once approved, the client's retry goes through", async () => {
    const asana = await startAsanaFake();
    const engine = await arcade();
    asana.addToken("arcade-issued-token", asana.world.me.gid);
    const asked: Array<{ mode?: string; url?: string }> = [];
    const { client } = await connect(
      { ASANA_BASE_URL: asana.baseUrl, ARCADE_API_KEY: engine.apiKey, ARCADE_USER_ID: "ada@acme.test", ARCADE_BASE_URL: engine.baseUrl },
      { client: { capabilities: { elicitation: { url: {}, form: {} } } } },
    );
    client.setRequestHandler("elicitation/create", async (request) => {
      asked.push({ mode: request.params.mode, url: (request.params as { url?: string }).url });
      // The user opens the link and approves Asana in Arcade; then the client retries the call.
      engine.approve("ada@acme.test", "arcade-issued-token");
      return { action: "accept" };
    });
    const result = await client.callTool({ name: "Asana_ListWorkspaces", arguments: {} });
    expect(asked).toEqual([{ mode: "url", url: expect.stringMatching(/^https:\/\/arcade\.test\/oauth\/asana\/authorize\?flow=ar_/) }]);
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    expect(asana.exchanges.map((e) => e.headers.authorization)).toEqual(["Bearer arcade-issued-token"]);
  });

  test("a client that cannot open links gets the link in an error result, as on 2025-11-25", async () => {
    const engine = await arcade();
    const { client } = await connect({ ARCADE_API_KEY: engine.apiKey, ARCADE_USER_ID: "ada@acme.test", ARCADE_BASE_URL: engine.baseUrl });
    const result = await client.callTool({ name: "Asana_ListWorkspaces", arguments: {} });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain("https://arcade.test/oauth/asana/authorize?flow=ar_");
  });

  test("long reads report progress to a client that asked for it", async () => {
    const { asana } = await fakes.fake(door);
    const { client } = await connectShared({ ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token });
    const progress: number[] = [];
    const ids = asana.world.subtasks.map((t) => t.gid);
    const result = await client.callTool({ name: "Asana_GetTasksByIds", arguments: { task_ids: ids } }, { onprogress: (p) => void progress.push(p.progress) });
    expect(result.isError).toBeFalsy();
    expect(progress.length).toBeGreaterThan(0);
  });
});
