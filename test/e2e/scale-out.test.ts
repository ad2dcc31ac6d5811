import { once } from "node:events";
import { auth } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { v1OutputValidator } from "../support/compiled-once-validator.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { SignJWT } from "jose";
import { afterEach, describe, expect, test } from "vitest";
import type { StoredObject } from "../../src/sandbox/index.js";
import { startFakeArcade } from "../fakes/arcade.js";
import { startAsanaFake } from "../support/asana-fake.js";
import { testRedisUrl, redisReachable } from "../support/redis.js";
import { allowAsanaAs, connectWithSignIn } from "../support/remote-sign-in.js";
import { startRoundRobinProxy, type ProxiedRequest, type RoundRobinProxy } from "../support/round-robin-proxy.js";
import { spawnHttpServer, type SpawnedHttpServer } from "../support/spawn-server.js";
import { insertTask } from "../support/world.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const frontDoorSecret = "scale-out-front-door-secret";
const userToken = (sub: string) =>
  new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(sub).setIssuedAt().setExpirationTime("10m").sign(new TextEncoder().encode(frontDoorSecret));

/** Where the test's own call id travels: request `_meta`, which the proxy's log keeps with the body. */
const callIdKey = "asana-mcp.test/call";

const callsPerUser = 500;
const concurrency = 16;
/** The replica that dies, by proxy upstream index, and after how many settled calls. */
const victim = 0;
const killAfter = 1_000;

interface Person {
  /** The Arcade user id: the `sub` of the user's front-door JWT. */
  id: string;
  user: StoredObject;
  /** The Asana token Arcade hands out for this user. */
  asanaToken: string;
  /** The workspaces Asana shows this user: which token a ListWorkspaces answer was made with. */
  workspaceNames: string[];
  /** The user's own project and task: every request of the user's calls names one of them, or the call id. */
  project: StoredObject;
  task: StoredObject;
  client?: Client;
}

interface PlannedCall {
  id: string;
  person: Person;
  tool: string;
  args: Record<string, unknown>;
  write: boolean;
}

interface CallOutcome {
  call: PlannedCall;
  result?: CallToolResult;
  thrown?: string;
  /** The HTTP status of a failed POST (the SDK's StreamableHTTPError code). */
  status?: number;
  /** For a create: who Asana recorded as the author of the task or comment it made. */
  madeBy?: unknown;
}

const kinds: Array<{ tool: string; write: boolean; args: (p: Person, id: string) => Record<string, unknown> }> = [
  { tool: "Asana_GetTaskById", write: false, args: (p) => ({ task_id: p.task.gid, max_subtasks: 0 }) },
  { tool: "Asana_ListWorkspaces", write: false, args: () => ({}) },
  { tool: "Asana_ListTasksInProject", write: false, args: (p) => ({ project: p.project.gid, limit: 5 }) },
  { tool: "Asana_CreateTask", write: true, args: (p, id) => ({ name: `${id} by ${p.id}`, project: p.project.gid }) },
  { tool: "Asana_AddCommentToTask", write: true, args: (p, id) => ({ task_id: p.task.gid, text: `${id} from ${p.id}` }) },
  { tool: "Asana_UpdateTask", write: true, args: (p, id) => ({ task_id: p.task.gid, description: `last touched by ${id}` }) },
];

/** A fixed shuffle, so neither a user nor a tool lines up with one replica of the round robin. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function callIdOf(request: ProxiedRequest): string | undefined {
  try {
    const message = JSON.parse(request.body) as { params?: { _meta?: Record<string, unknown> } };
    const id = message.params?._meta?.[callIdKey];
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

describe("scale out: two stateless replicas behind a round-robin proxy", () => {
  test("2,000 calls from 4 users through two replicas, one killed half-way: every call not in flight on it succeeds, with its user's token", async () => {
    const asana = await startAsanaFake();
    const arcade = await startFakeArcade();
    cleanups.push(() => arcade.close());
    const { store, world } = asana;

    // Four people, each seeing a different set of workspaces, each with a project and a task of their own.
    const bletchley = store.insert({ resource_type: "workspace", name: "Bletchley Park", is_organization: false, email_domains: [], _premium: false });
    const alan = store.insert({
      resource_type: "user",
      name: "Alan Turing",
      email: "alan@acme.test",
      photo: null,
      workspaces: [world.premium.gid, bletchley.gid],
    });
    const katherine = store.insert({
      resource_type: "user",
      name: "Katherine Johnson",
      email: "katherine@acme.test",
      photo: null,
      workspaces: [world.premium.gid, world.free.gid, bletchley.gid],
    });
    const people: Person[] = [
      { id: "ada", user: world.me, workspaceNames: ["Acme Corp", "Personal Projects"] },
      { id: "grace", user: world.colleague, workspaceNames: ["Acme Corp"] },
      { id: "alan", user: alan, workspaceNames: ["Acme Corp", "Bletchley Park"] },
      { id: "katherine", user: katherine, workspaceNames: ["Acme Corp", "Personal Projects", "Bletchley Park"] },
    ].map((p) => {
      const { gid: _launch, ...launch } = world.launch;
      const project = store.insert({
        ...launch,
        name: `${p.user.name as string}'s project`,
        owner: p.user.gid,
        members: [p.user.gid],
        followers: [p.user.gid],
      });
      const section = store.insert({ resource_type: "section", name: "Untitled section", project: project.gid, created_at: launch.created_at });
      const task = insertTask(store, world, {
        name: `${p.user.name as string}'s task`,
        assignee: p.user.gid,
        created_by: p.user.gid,
        followers: [p.user.gid],
        projects: [project.gid],
        memberships: [{ project: project.gid, section: section.gid }],
      });
      return { ...p, asanaToken: `asana-token-of-${p.id}`, project, task };
    });
    for (const person of people) {
      arcade.approve(person.id, person.asanaToken);
      // Arcade's Asana tokens come from an OAuth app (Arcade's or the deployment's), as Asana sees them.
      asana.addToken(person.asanaToken, person.user.gid, { oauthApp: "arcade-asana-app" });
    }

    // Each replica reaches Arcade through its own pass-through, so Arcade's requests can be told apart by
    // replica. The two replicas start side by side, and so do the four clients.
    const arcadeFronts: RoundRobinProxy[] = [];
    const replicas: SpawnedHttpServer[] = [];
    await Promise.all(
      [0, 1].map(async (i) => {
        const front = await startRoundRobinProxy([arcade.baseUrl]);
        cleanups.push(() => front.close());
        arcadeFronts[i] = front;
        const replica = await spawnHttpServer({
          ASANA_BASE_URL: asana.baseUrl,
          ARCADE_API_KEY: arcade.apiKey,
          ARCADE_BASE_URL: front.url,
          ASANA_MCP_AUTH_SECRET: frontDoorSecret,
        });
        cleanups.push(() => replica.close());
        replicas[i] = replica;
      }),
    );
    const proxy = await startRoundRobinProxy(replicas.map((r) => new URL(r.url).origin));
    cleanups.push(() => proxy.close());

    await Promise.all(
      people.map(async (person) => {
        const client = new Client({ name: `scale-out-${person.id}`, version: "1.0.0" }, { jsonSchemaValidator: v1OutputValidator });
        const headers = { authorization: `Bearer ${await userToken(person.id)}` };
        await client.connect(new StreamableHTTPClientTransport(new URL(`${proxy.url}/mcp`), { requestInit: { headers } }));
        cleanups.push(() => client.close());
        person.client = client;
      }),
    );

    const plan: PlannedCall[] = shuffled(
      people.flatMap((person) =>
        Array.from({ length: callsPerUser }, (_, n) => {
          const kind = kinds[n % kinds.length]!;
          const id = `call-${person.id}-${n}`;
          return { id, person, tool: kind.tool, args: kind.args(person, id), write: kind.write };
        }),
      ),
      20_260_101,
    );

    // The kill: which requests the proxy had on the victim at that instant, and which it sent there while
    // the process was dying (after the signal, before its exit was seen). Only these may fail.
    const kill: { inFlight: number[]; firstRequest: number; firstAfterExit?: number; exited?: Promise<unknown> } = { inFlight: [], firstRequest: -1 };
    const killVictim = () => {
      kill.inFlight = proxy.inFlightOn(victim).map((r) => r.id);
      kill.firstRequest = proxy.requests.length;
      const child = replicas[victim]!.child;
      kill.exited = once(child, "exit").then(() => (kill.firstAfterExit = proxy.requests.length));
      child.kill("SIGKILL");
    };

    const outcomes: CallOutcome[] = [];
    let started = 0;
    let settled = 0;
    const runOne = async (call: PlannedCall): Promise<CallOutcome> => {
      try {
        const result = (await call.person.client!.callTool({ name: call.tool, arguments: call.args, _meta: { [callIdKey]: call.id } })) as CallToolResult;
        const content = result.structuredContent as { task?: { id: string }; comment?: { id: string } } | undefined;
        const made = call.tool === "Asana_CreateTask" ? content?.task?.id : call.tool === "Asana_AddCommentToTask" ? content?.comment?.id : undefined;
        if (made === undefined || result.isError) return { call, result };
        // The emulator's event log copies every task and story on each write (src/sandbox/events.ts), so
        // a store that grew by one task or comment per create would make the run quadratic. What a create
        // made is checked (Asana recorded the caller as its author) and then removed.
        const madeBy = store.get(made)?.created_by;
        store.delete(made);
        return { call, result, madeBy };
      } catch (error) {
        const status = (error as { code?: unknown }).code;
        return { call, thrown: error instanceof Error ? error.message : String(error), ...(typeof status === "number" ? { status } : {}) };
      }
    };
    const worker = async () => {
      while (started < plan.length) {
        const call = plan[started++]!;
        outcomes.push(await runOne(call));
        if (++settled === killAfter) killVictim();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    await kill.exited;

    // --- What reached the proxy: exactly one request per call (nothing retried a call on its own).
    const requestOf = new Map<string, ProxiedRequest>();
    for (const request of proxy.requests) {
      const id = callIdOf(request);
      if (id === undefined) continue;
      expect(requestOf.has(id), `call ${id} reached the proxy twice`).toBe(false);
      requestOf.set(id, request);
    }
    expect(requestOf.size).toBe(plan.length);

    // --- The calls that were exposed to the kill, and what happened to them.
    // Sent to the victim after the signal and before its exit was seen: refused (and taken by the
    // survivor) once the process was gone, or accepted by the kernel for a process that never answered.
    const dyingWindow = proxy.requests.filter((r) => r.id >= kill.firstRequest && r.id < kill.firstAfterExit! && r.attempts.some((a) => a.upstream === victim));
    const reachedDyingVictim = dyingWindow.filter((r) => r.attempts.some((a) => a.upstream === victim && a.outcome !== "refused"));
    const exposed = new Set([...kill.inFlight, ...reachedDyingVictim.map((r) => r.id)]);
    const failed = outcomes.filter((o) => o.thrown !== undefined || o.result?.isError);
    const failedOutsideKill = failed.filter((o) => !exposed.has(requestOf.get(o.call.id)!.id));
    expect(
      failedOutsideKill.map((o) => `${o.call.id} ${o.call.tool}: ${o.thrown ?? JSON.stringify(o.result?.content)}`),
      "calls that failed although they were not on the killed replica",
    ).toEqual([]);
    // A failed call's request died on the victim: the proxy saw its connection break, and answered 502.
    for (const outcome of failed) {
      const request = requestOf.get(outcome.call.id)!;
      expect(request.attempts.at(-1), outcome.call.id).toMatchObject({ upstream: victim, outcome: "broken" });
      expect(outcome.status, `${outcome.call.id}: ${outcome.thrown}`).toBe(502);
    }
    // After its exit, the victim refused connections and the proxy sent everything to the survivor.
    const afterExit = proxy.requests.filter((r) => r.id >= kill.firstAfterExit!);
    expect(afterExit.length).toBeGreaterThan(500);
    expect(afterExit.flatMap((r) => r.attempts).filter((a) => a.upstream === victim && a.outcome !== "refused")).toEqual([]);
    expect(proxy.down.has(victim)).toBe(true);
    expect(afterExit.every((r) => r.attempts.at(-1)?.upstream === 1 - victim && r.status === 200)).toBe(true);
    // Before the kill, both replicas served every user.
    const beforeKill = proxy.requests.filter((r) => r.id < kill.firstRequest && callIdOf(r) !== undefined);
    for (const person of people) {
      for (const upstream of [0, 1]) {
        expect(
          beforeKill.some((r) => callIdOf(r)!.startsWith(`call-${person.id}-`) && r.attempts.at(-1)?.upstream === upstream && r.status === 200),
          `${person.id} on replica ${upstream}`,
        ).toBe(true);
      }
    }

    // --- Every call that succeeded did what its user asked, as that user.
    const succeeded = outcomes.filter((o) => !failed.includes(o));
    for (const { call, result } of succeeded) {
      const content = result!.structuredContent as Record<string, unknown>;
      if (call.tool === "Asana_ListWorkspaces") {
        expect((content.workspaces as Array<{ name: string }>).map((w) => w.name).sort(), call.id).toEqual([...call.person.workspaceNames].sort());
      } else if (call.tool === "Asana_GetTaskById") {
        expect((content.task as { id: string }).id, call.id).toBe(call.person.task.gid);
      } else if (call.write) {
        expect((content.status as { success: boolean }).success, call.id).toBe(true);
      }
    }
    for (const outcome of succeeded.filter((o) => o.call.tool === "Asana_CreateTask" || o.call.tool === "Asana_AddCommentToTask")) {
      expect(outcome.madeBy, `author of what ${outcome.call.id} made`).toBe(outcome.call.person.user.gid);
    }

    // --- Every Asana request carried the token of the user whose call made it. Each request names the
    // user's own project or task, or the call id; only GET /workspaces names nothing, and its answers
    // were checked above against the caller's workspaces.
    const ownerMarks = people.map((person) => ({ person, gids: new Set([person.project.gid, person.task.gid]), callPrefix: `call-${person.id}-` }));
    const anonymous: string[] = [];
    const wrongToken: string[] = [];
    for (const exchange of asana.exchanges) {
      const text = JSON.stringify({ path: exchange.path, query: exchange.query, body: exchange.body });
      const digits = new Set(text.match(/\d{16}/g) ?? []);
      const owners = ownerMarks.filter((m) => [...m.gids].some((g) => digits.has(g)) || text.includes(m.callPrefix));
      if (owners.length === 0) {
        anonymous.push(`${exchange.method} ${exchange.path}`);
        continue;
      }
      expect(owners, `${exchange.method} ${exchange.path} names more than one user`).toHaveLength(1);
      if (exchange.headers.authorization !== `Bearer ${owners[0]!.person.asanaToken}`)
        wrongToken.push(`${exchange.method} ${exchange.path} (${owners[0]!.person.id}'s)`);
    }
    expect(wrongToken, "Asana requests made with another user's token").toEqual([]);
    expect(new Set(anonymous)).toEqual(new Set(["GET /workspaces"]));
    expect(asana.exchanges.every((e) => e.response.status < 300)).toBe(true);

    // --- Writes: each succeeded write happened exactly once; a write that failed with the victim
    // happened once or not at all, and was not retried (it may have reached Asana before the kill; a
    // blind retry could make a second task or comment).
    const writesByCall = new Map<string, number>();
    for (const exchange of asana.exchanges.filter((e) => e.method !== "GET")) {
      for (const id of new Set(JSON.stringify(exchange.body ?? "").match(/call-[a-z]+-\d+/g) ?? [])) writesByCall.set(id, (writesByCall.get(id) ?? 0) + 1);
    }
    const writeCount = (call: PlannedCall) => writesByCall.get(call.id) ?? 0;
    for (const { call } of succeeded.filter((o) => o.call.write)) expect(writeCount(call), call.id).toBe(1);
    const failedWrites = failed.filter((o) => o.call.write).map((o) => ({ id: o.call.id, tool: o.call.tool, reachedAsana: writeCount(o.call) }));
    for (const write of failedWrites) expect(write.reachedAsana, write.id).toBeLessThanOrEqual(1);

    // --- Arcade: at most one authorization per user per replica (the resolver's per-user cache).
    const authorizationsByReplica = arcadeFronts.map((front) => {
      const perUser: Record<string, number> = {};
      for (const r of front.requests.filter((r) => r.path === "/v1/auth/authorize")) {
        const user = (JSON.parse(r.body) as { user_id: string }).user_id;
        perUser[user] = (perUser[user] ?? 0) + 1;
      }
      return perUser;
    });
    for (const perUser of authorizationsByReplica) for (const count of Object.values(perUser)) expect(count).toBeLessThanOrEqual(1);
    expect(authorizationsByReplica[1 - victim]).toEqual(Object.fromEntries(people.map((p) => [p.id, 1])));
    expect(arcade.requests.filter((r) => r.path === "/v1/auth/authorize").length).toBeLessThanOrEqual(people.length * replicas.length);

    const failedRequests = new Set(failed.map((o) => requestOf.get(o.call.id)!.id));
    const fates = (ids: number[]) => ({ total: ids.length, failed: ids.filter((id) => failedRequests.has(id)).length });
    const figures = {
      calls: outcomes.length,
      succeeded: succeeded.length,
      failed: failed.length,
      inFlightOnVictimAtKill: fates(kill.inFlight),
      sentToVictimWhileDying: { reachedIt: fates(reachedDyingVictim.map((r) => r.id)), refusedAndRerouted: dyingWindow.length - reachedDyingVictim.length },
      failedWrites,
      requestsPerReplica: [0, 1].map((u) => proxy.requests.filter((r) => r.attempts.some((a) => a.upstream === u && a.outcome === "answered")).length),
      refusedByVictimAfterExit: afterExit.flatMap((r) => r.attempts).filter((a) => a.upstream === victim).length,
      authorizationsByReplica,
      asanaRequests: asana.exchanges.length,
    };
    console.log(`scale-out figures: ${JSON.stringify(figures)}`);
    expect(outcomes).toHaveLength(plan.length);
    expect(failed.length).toBeLessThanOrEqual(exposed.size);
  }, 240_000);
});

const redisUp = await redisReachable();

describe("scale out with the built-in sign-in: two replicas share only their secret and Redis", () => {
  test.skipIf(!redisUp)(
    `a person signs in through the round robin, and both replicas accept the tokens, see a refresh, a replay and the shared Asana grant${redisUp ? "" : ` (skipped: no Redis at ${testRedisUrl}; .ci/run starts one)`}`,
    async () => {
      const asana = await startAsanaFake();
      const app = { clientId: "scale-out-asana-app", clientSecret: "scale-out-asana-app-secret" };
      const replicas = await Promise.all(
        [0, 1].map(async () => {
          const replica = await spawnHttpServer({
            ASANA_BASE_URL: asana.baseUrl,
            ASANA_OAUTH_BASE_URL: asana.origin,
            ASANA_OAUTH_CLIENT_ID: app.clientId,
            ASANA_OAUTH_CLIENT_SECRET: app.clientSecret,
            ASANA_MCP_OAUTH_SECRET: "scale-out-oauth-secret-0123456789abcdefghij",
            ASANA_MCP_REDIS_URL: testRedisUrl,
          });
          cleanups.push(() => replica.close());
          return replica;
        }),
      );
      const proxy = await startRoundRobinProxy(replicas.map((r) => new URL(r.url).origin));
      cleanups.push(() => proxy.close());
      asana.oauth.addApp({ ...app, redirectUris: [`${proxy.url}/oauth/callback/asana`] });

      // Registration, consent, Asana's callback and the token request each land on whichever replica is next.
      const ada = await connectWithSignIn(`${proxy.url}/mcp`, [allowAsanaAs(asana.world.me.gid)]);
      cleanups.push(() => ada.client.close());
      const signInRequests = proxy.requests.filter((r) => r.path.startsWith("/oauth/"));
      expect(new Set(signInRequests.map((r) => r.attempts.at(-1)!.upstream))).toEqual(new Set([0, 1]));

      const answeredBy = () => proxy.requests.filter((r) => r.path === "/mcp" && r.status === 200).map((r) => r.attempts.at(-1)!.upstream);
      for (let i = 0; i < 4; i++) {
        const result = (await ada.client.callTool({ name: "Asana_ListWorkspaces", arguments: {} })) as CallToolResult;
        expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      }
      expect(new Set(answeredBy())).toEqual(new Set([0, 1]));

      // Asana's token expires: one replica refreshes it, the other uses the refreshed one from Redis.
      asana.oauth.expireAccessTokens();
      for (let i = 0; i < 4; i++) {
        const result = (await ada.client.callTool({ name: "Asana_ListWorkspaces", arguments: {} })) as CallToolResult;
        expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      }
      expect(asana.oauth.exchanges.filter((e) => e.path === "/-/oauth_token" && e.status === 200)).toHaveLength(2);

      // A refresh on one replica; the old refresh token replayed reaches the other, which sees the reuse.
      const old = ada.provider.tokens()!;
      expect(await auth(ada.provider, { serverUrl: `${proxy.url}/mcp` })).toBe("AUTHORIZED");
      const fresh = ada.provider.tokens()!;
      const refreshedOn = proxy.requests
        .filter((r) => r.path === "/oauth/token")
        .at(-1)!
        .attempts.at(-1)!.upstream;
      const replay = await fetch(`${proxy.url}/oauth/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: old.refresh_token!, client_id: ada.provider.clientInformation()!.client_id }),
      });
      expect(replay.status).toBe(400);
      expect(proxy.requests.at(-1)!.attempts.at(-1)!.upstream).toBe(1 - refreshedOn);
      // The grant is over on both replicas.
      for (let i = 0; i < 2; i++) {
        const refused = await fetch(`${proxy.url}/mcp`, {
          method: "POST",
          headers: { authorization: `Bearer ${fresh.access_token}`, "content-type": "application/json", accept: "application/json, text/event-stream" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
        });
        expect(refused.status).toBe(401);
        await refused.body?.cancel();
      }
      const lastTwo = proxy.requests.slice(-2).map((r) => r.attempts.at(-1)!.upstream);
      expect(new Set(lastTwo)).toEqual(new Set([0, 1]));
    },
    60_000,
  );
});
