import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, test } from "vitest";
import { startFakeArcade } from "../fakes/arcade.js";
import { startAsanaFake, type AsanaFake } from "../support/asana-fake.js";
import { redisReachable, testRedisUrl } from "../support/redis.js";
import { sharedAsanaFakes } from "../support/shared-asana-fake.js";
import { spawnHttpServer, type SpawnedHttpServer } from "../support/spawn-server.js";
import { connectV2Http, connectV2Stdio, type V2Negotiation } from "../support/v2-client.js";
import { send } from "../sandbox/raw-request.js";

/**
 * Exact recovery of creates, over both protocol versions, against the emulator:
 * - an idempotency key makes a create safe to send again: a retry with the same key answers with the
 *   first call's result, a concurrent one waits for it, and the same key with other arguments is refused;
 * - a create whose answer Asana lost is found again by the marker the call put on it (a task's external
 *   data for an OAuth app, a note in its description for a personal access token), never by its name,
 *   and the note is taken out again.
 */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type ToolResult = { isError?: boolean; structuredContent?: Record<string, any>; content?: unknown };
interface Connection {
  call(name: string, args: Record<string, unknown>, onprogress?: (progress: { progress: number; message?: string }) => void): Promise<ToolResult>;
}

async function connectStdio(negotiation: V2Negotiation, env: Record<string, string>): Promise<Connection> {
  const connection = await connectV2Stdio(env, { negotiation });
  cleanups.push(() => connection.close());
  return wrap(connection.client);
}

async function connectHttp(negotiation: V2Negotiation, url: string): Promise<Connection> {
  const connection = await connectV2Http(url, { negotiation });
  cleanups.push(() => connection.close());
  return wrap(connection.client);
}

function wrap(client: Awaited<ReturnType<typeof connectV2Stdio>>["client"]): Connection {
  return {
    call: async (name, args, onprogress) =>
      (await client.callTool({ name, arguments: args }, onprogress ? { onprogress, resetTimeoutOnProgress: true } : undefined)) as ToolResult,
  };
}

const textOf = (result: ToolResult) => JSON.stringify(result.content);

/** A fake, and the requests that reached it since the test began (those whose answer was lost included). */
interface Seen {
  asana: AsanaFake;
  arrivals(): AsanaFake["arrivals"];
}
function seenFrom(asana: AsanaFake): Seen {
  const before = asana.arrivals.length;
  return { asana, arrivals: () => asana.arrivals.slice(before) };
}

/**
 * The tests of one era with one configuration share its stdio server and client, and a fake; both eras'
 * Redis tests share the two replicas (each test connects its own clients). A server start costs a few
 * tenths of a second of CPU, twice for the v2 client pinned to 2026-07-28, whose discovery probe runs on
 * a server of its own. Each test makes tasks of its own names and counts only its own requests.
 */
const fakes = sharedAsanaFakes();
const eraServers = new Map<V2Negotiation, Promise<Connection>>();
async function eraServer(negotiation: V2Negotiation): Promise<{ seen: Seen; mcp: Connection }> {
  const { asana } = await fakes.fake(negotiation);
  const seen = seenFrom(asana);
  let started = eraServers.get(negotiation);
  if (!started) {
    const connecting = connectV2Stdio({ ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token }, { negotiation });
    started = connecting.then((connection) => wrap(connection.client));
    eraServers.set(negotiation, started);
    fakes.atFileEnd(async () => (await connecting.catch(() => undefined))?.close());
  }
  return { seen, mcp: await started };
}

let replicaPair: Promise<SpawnedHttpServer[]> | undefined;
function replicasOf(asana: AsanaFake): Promise<SpawnedHttpServer[]> {
  if (!replicaPair) {
    const env = { ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token, ASANA_MCP_REDIS_URL: testRedisUrl };
    const starting = [spawnHttpServer(env), spawnHttpServer(env)];
    for (const replica of starting) fakes.atFileEnd(async () => (await replica.catch(() => undefined))?.close());
    replicaPair = Promise.all(starting);
  }
  return replicaPair;
}

/** A promise the test settles itself: a request held by the emulator until the test lets it go. */
function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Waits (a bounded number of short turns) until `count` requests of this kind have reached the emulator in this test. */
async function arrived(seen: Seen, method: string, path: string, count = 1): Promise<void> {
  for (let turn = 0; turn < 1_000; turn++) {
    if (seen.arrivals().filter((a) => a.method === method && a.path === path).length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${method} ${path} never reached the emulator ${count} time(s)`);
}

const posts = (seen: Seen, path = "/tasks") => seen.arrivals().filter((a) => a.method === "POST" && a.path === path).length;
const tasksNamed = (fake: AsanaFake, name: string) => fake.store.all("task", (task) => task.name === name);

const eras: Array<[string, V2Negotiation]> = [
  ["2025-11-25", "legacy"],
  ["2026-07-28", "2026-07-28"],
];

const redisUp = await redisReachable();

describe.each(eras)("exact recovery on %s", (era, negotiation) => {
  test("a retry with the same idempotency_key answers with the first result and makes one task, even when Asana's answer was lost", async () => {
    const { seen, mcp } = await eraServer(negotiation);
    const asana = seen.asana;
    asana.faults.inject({ method: "POST", path: "/tasks", afterWork: "reset" });
    const args = { name: "Book the venue", project: asana.world.launch.gid, idempotency_key: randomUUID() };

    const first = await mcp.call("Asana_CreateTask", args);
    expect(first.isError, textOf(first)).toBeFalsy();
    const again = await mcp.call("Asana_CreateTask", args);
    expect(again.isError, textOf(again)).toBeFalsy();

    expect(again.structuredContent).toEqual(first.structuredContent);
    expect(tasksNamed(asana, "Book the venue").map((task) => task.gid)).toEqual([first.structuredContent?.task.id]);
    expect(posts(seen)).toBe(1);
  });

  test("a second call with the same key while the first is running waits for it and gets its answer", async () => {
    const { seen, mcp } = await eraServer(negotiation);
    const asana = seen.asana;
    const held = gate();
    asana.faults.inject({ method: "POST", path: "/tasks", until: held.promise });
    const args = { name: "Order the badges", project: asana.world.launch.gid, idempotency_key: randomUUID() };

    const first = mcp.call("Asana_CreateTask", args);
    await arrived(seen, "POST", "/tasks");
    const waits: string[] = [];
    const second = mcp.call("Asana_CreateTask", args, (progress) => {
      waits.push(progress.message ?? "");
      held.open();
    });
    // A second call that did not wait would not be held: let the first go in any case, so the test ends.
    const [firstResult, secondResult] = await Promise.all([first, second.finally(held.open)]);

    expect(firstResult.isError, textOf(firstResult)).toBeFalsy();
    expect(secondResult.isError, textOf(secondResult)).toBeFalsy();
    expect(waits[0]).toMatch(/idempotency_key/);
    expect(secondResult.structuredContent).toEqual(firstResult.structuredContent);
    expect(tasksNamed(asana, "Order the badges")).toHaveLength(1);
    expect(posts(seen)).toBe(1);
  });

  test("the same key with other arguments is refused, and nothing is made", async () => {
    const { seen, mcp } = await eraServer(negotiation);
    const asana = seen.asana;
    const key = randomUUID();
    const first = await mcp.call("Asana_CreateTask", { name: "Print the agenda", project: asana.world.launch.gid, idempotency_key: key });
    expect(first.isError, textOf(first)).toBeFalsy();

    const other = await mcp.call("Asana_CreateTask", { name: "Print the menu", project: asana.world.launch.gid, idempotency_key: key });
    expect(other.isError).toBe(true);
    expect(textOf(other)).toMatch(/idempotency_key/);
    expect(textOf(other)).toMatch(/different arguments/);
    expect(tasksNamed(asana, "Print the menu")).toHaveLength(0);

    const malformed = await mcp.call("Asana_CreateTask", { name: "Print the menu", project: asana.world.launch.gid, idempotency_key: "no spaces please" });
    expect(malformed.isError).toBe(true);
    expect(textOf(malformed)).toMatch(/idempotency_key/);
    expect(posts(seen)).toBe(1);
  });

  test("a lost create is found by its note, not by its name, though someone else made a task of that name meanwhile; the note is taken out (personal access token)", async () => {
    const { seen, mcp } = await eraServer(negotiation);
    const asana = seen.asana;
    asana.addToken("pat-of-grace", asana.world.colleague.gid);
    const held = gate();
    asana.faults.inject({ method: "POST", path: "/tasks", until: held.promise, afterWork: "reset" });

    const call = mcp.call("Asana_CreateTask", { name: "Standup notes", project: asana.world.launch.gid, description: "Agenda: demos, then blockers." });
    await arrived(seen, "POST", "/tasks");
    const rival = await send(asana, "POST", "/tasks", { data: { name: "Standup notes", projects: [asana.world.launch.gid] } }, "pat-of-grace");
    expect(rival.status).toBe(201);
    held.open();
    const result = await call;

    expect(result.isError, textOf(result)).toBeFalsy();
    const mine = tasksNamed(asana, "Standup notes").filter((task) => task.created_by === asana.world.me.gid);
    expect(mine).toHaveLength(1);
    expect(result.structuredContent?.task.id).toBe(mine[0]!.gid);
    expect(result.structuredContent?.task.id).not.toBe(rival.body.data.gid);
    expect(result.structuredContent?.status.message).toMatch(/marker/);
    // The note that found it is gone: the description is exactly what was asked for.
    expect(mine[0]!.notes).toBe("Agenda: demos, then blockers.");
    expect(JSON.stringify(result.structuredContent)).not.toMatch(/asana-mcp-/);
  });

  test("a lost create is found by its external data, not by its name (an OAuth app's token, through Arcade)", async () => {
    const asana = await startAsanaFake();
    asana.addToken("pat-of-grace", asana.world.colleague.gid);
    asana.addToken("arcade-issued-token", asana.world.me.gid, { oauthApp: "arcade-asana-app" });
    const seen = seenFrom(asana);
    const engine = await startFakeArcade();
    cleanups.push(() => engine.close());
    engine.approve("ada@acme.test", "arcade-issued-token");
    const mcp = await connectStdio(negotiation, {
      ASANA_BASE_URL: asana.baseUrl,
      ARCADE_API_KEY: engine.apiKey,
      ARCADE_USER_ID: "ada@acme.test",
      ARCADE_BASE_URL: engine.baseUrl,
    });
    const held = gate();
    asana.faults.inject({ method: "POST", path: "/tasks", until: held.promise, afterWork: "reset" });

    const call = mcp.call("Asana_CreateTask", { name: "Retro", project: asana.world.launch.gid, description: "What went well." });
    await arrived(seen, "POST", "/tasks");
    const rival = await send(asana, "POST", "/tasks", { data: { name: "Retro", projects: [asana.world.launch.gid] } }, "pat-of-grace");
    expect(rival.status).toBe(201);
    held.open();
    const result = await call;

    expect(result.isError, textOf(result)).toBeFalsy();
    const mine = tasksNamed(asana, "Retro").filter((task) => task.created_by === asana.world.me.gid);
    expect(result.structuredContent?.task.id).toBe(mine[0]!.gid);
    expect(asana.requestsTo("GET", /^\/tasks\/external:asana-mcp-/)).toHaveLength(1);
    // External data is invisible in Asana's web app: the notes were never touched, and need no second write.
    expect(mine[0]!.notes).toBe("What went well.");
    expect(asana.requestsTo("PUT", `/tasks/${mine[0]!.gid}`)).toHaveLength(0);
  });

  test.skipIf(!redisUp)(
    `two server instances sharing Redis agree on a key: a retry on the other one answers with the first result, and a concurrent call there waits${redisUp ? "" : ` (skipped: no Redis at ${testRedisUrl}; .ci/run starts one)`}`,
    async () => {
      const { asana } = await fakes.fake("redis");
      const seen = seenFrom(asana);
      const replicas = await replicasOf(asana);
      const [one, two] = [await connectHttp(negotiation, replicas[0]!.url), await connectHttp(negotiation, replicas[1]!.url)];

      // Both eras' tests share the fake: each names its own tasks.
      const args = { name: `Hire a photographer (${era})`, project: asana.world.launch.gid, idempotency_key: randomUUID() };
      const first = await one.call("Asana_CreateTask", args);
      expect(first.isError, textOf(first)).toBeFalsy();
      const retried = await two.call("Asana_CreateTask", args);
      expect(retried.structuredContent).toEqual(first.structuredContent);
      const refused = await two.call("Asana_CreateTask", { ...args, name: "Hire a band" });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(/different arguments/);

      const held = gate();
      asana.faults.inject({ method: "POST", path: "/tasks", until: held.promise });
      const concurrent = { name: `Rent the chairs (${era})`, project: asana.world.launch.gid, idempotency_key: randomUUID() };
      const onOne = one.call("Asana_CreateTask", concurrent);
      await arrived(seen, "POST", "/tasks", 2);
      const onTwo = two.call("Asana_CreateTask", concurrent, () => held.open());
      const [a, b] = await Promise.all([onOne, onTwo.finally(held.open)]);
      expect(a.isError, textOf(a)).toBeFalsy();
      expect(b.structuredContent).toEqual(a.structuredContent);

      expect(tasksNamed(asana, args.name)).toHaveLength(1);
      expect(tasksNamed(asana, concurrent.name)).toHaveLength(1);
      expect(posts(seen)).toBe(2);
    },
  );
});
