import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import { afterEach, describe, expect, test } from "vitest";
import { startFakeArcade, type FakeArcade, type FakeArcadeOptions } from "../fakes/arcade.js";
import { startAsanaFake } from "../support/asana-fake.js";
import { sharedAsanaFakes } from "../support/shared-asana-fake.js";
import { cleanEnv, cliPath, spawnHttpServer, type SpawnedHttpServer } from "../support/spawn-server.js";
import { insertTask } from "../support/world.js";
import { call, textOf } from "./scenarios.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakeArcade(options: FakeArcadeOptions = {}): Promise<FakeArcade> {
  const arcade = await startFakeArcade(options);
  cleanups.push(() => arcade.close());
  return arcade;
}

async function server(env: Record<string, string>, args: string[] = []): Promise<SpawnedHttpServer> {
  const http = await spawnHttpServer(env, args);
  cleanups.push(() => http.close());
  return http;
}

const frontDoorSecret = "front-door-shared-secret";
function userToken(sub: string, expiresIn = "10m"): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(frontDoorSecret));
}

describe("per-user identity over HTTP", () => {
  test("without a valid bearer token /mcp answers 401 pointing at the protected-resource metadata", async () => {
    const asana = await startAsanaFake();
    const arcade = await fakeArcade();
    const http = await server({
      ASANA_BASE_URL: asana.baseUrl,
      ARCADE_API_KEY: arcade.apiKey,
      ARCADE_BASE_URL: arcade.baseUrl,
      ASANA_MCP_AUTH_SECRET: frontDoorSecret,
      ASANA_MCP_AUTH_SERVERS: "https://id.example.com",
    });
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
    const missing = await fetch(http.url, { method: "POST", headers, body });
    expect(missing.status).toBe(401);
    const challenge = missing.headers.get("www-authenticate")!;
    expect(challenge).toMatch(/^Bearer resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"$/);
    const expired = await fetch(http.url, { method: "POST", headers: { ...headers, authorization: `Bearer ${await userToken("ada", "-1m")}` }, body });
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toContain('error="invalid_token"');
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("ada")
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode("not-the-secret"));
    expect((await fetch(http.url, { method: "POST", headers: { ...headers, authorization: `Bearer ${forged}` }, body })).status).toBe(401);
    // A bare user-id header is no identity at all.
    expect((await fetch(http.url, { method: "POST", headers: { ...headers, "arcade-user-id": "ada" }, body })).status).toBe(401);
    // The GET a client opens a stream with (mcp-remote probes with it) and a DELETE are challenged too;
    // with a valid token they get the stateless server's 405.
    for (const method of ["GET", "DELETE"]) {
      const unsigned = await fetch(http.url, { method, headers: { accept: "text/event-stream" } });
      expect(unsigned.status, method).toBe(401);
      expect(unsigned.headers.get("www-authenticate"), method).toBe(challenge);
      const signed = await fetch(http.url, { method, headers: { accept: "text/event-stream", authorization: `Bearer ${await userToken("ada")}` } });
      expect(signed.status, method).toBe(405);
    }

    const metadata = await (await fetch(challenge.match(/resource_metadata="([^"]+)"/)![1]!)).json();
    expect(metadata).toEqual({
      resource: http.url,
      authorization_servers: ["https://id.example.com"],
      bearer_methods_supported: ["header"],
      resource_name: "asana-mcp",
    });
  });

  test("two users calling concurrently: hundreds of interleaved calls, and none reaches Asana with the other's token", async () => {
    const asana = await startAsanaFake();
    const arcade = await fakeArcade();
    arcade.approve("ada", "token-of-ada");
    arcade.approve("grace", "token-of-grace");
    asana.addToken("token-of-ada", asana.world.me.gid); // Ada sees two workspaces
    asana.addToken("token-of-grace", asana.world.colleague.gid); // Grace sees one
    const http = await server({
      ASANA_BASE_URL: asana.baseUrl,
      ARCADE_API_KEY: arcade.apiKey,
      ARCADE_BASE_URL: arcade.baseUrl,
      ASANA_MCP_AUTH_SECRET: frontDoorSecret,
      // 300 calls at once from one loopback address: past the default share of one client (a quarter of 1,024
      // connections), which this test is not about; the slowest would be shed with a 503 when the calls overlap.
      ASANA_MCP_MAX_CONNECTIONS_PER_CLIENT: "1024",
    });
    const ada = (await http.connect({ headers: { authorization: `Bearer ${await userToken("ada")}` } })).client;
    const grace = (await http.connect({ headers: { authorization: `Bearer ${await userToken("grace")}` } })).client;

    const rounds = 150;
    const results = await Promise.all(
      Array.from({ length: rounds * 2 }, async (_, i) => {
        const who = i % 2 === 0 ? "ada" : "grace";
        const result = await call(who === "ada" ? ada : grace, "Asana_ListWorkspaces", {});
        return { who, count: (result.structuredContent as { count: number }).count, isError: result.isError };
      }),
    );
    expect(results.filter((r) => r.isError)).toEqual([]);
    expect(results.filter((r) => r.who === "ada").every((r) => r.count === 2)).toBe(true);
    expect(results.filter((r) => r.who === "grace").every((r) => r.count === 1)).toBe(true);
    const tokensSeen = asana.exchanges.map((e) => e.headers.authorization);
    expect(tokensSeen).toHaveLength(rounds * 2);
    expect(tokensSeen.filter((t) => t === "Bearer token-of-ada")).toHaveLength(rounds);
    expect(tokensSeen.filter((t) => t === "Bearer token-of-grace")).toHaveLength(rounds);
    // The per-user cache: one Arcade round trip per user, not one per call.
    expect(arcade.requests.filter((r) => r.path === "/v1/auth/authorize")).toHaveLength(2);
  });
});

describe("front-door identity misconfiguration", () => {
  test("on a wildcard address without a public URL or allowed hosts, the server refuses to start", async () => {
    const error = await spawnHttpServer({ ASANA_MCP_AUTH_SECRET: frontDoorSecret, ARCADE_API_KEY: "k", ARCADE_BASE_URL: "http://127.0.0.1:9" }, [
      "--host",
      "0.0.0.0",
    ]).catch((e: unknown) => e);
    expect(String(error)).toContain("needs ASANA_MCP_PUBLIC_URL");
  });
});

describe("per-user identity from an identity provider's JWKS", () => {
  test("RS256 tokens are verified against the JWKS, with issuer and audience enforced", async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const other = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "key-1", alg: "RS256", use: "sig" };
    const jwks = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => jwks.close(() => resolve())));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;

    const asana = await startAsanaFake();
    const arcade = await fakeArcade();
    arcade.approve("user-123", "token-of-user-123");
    asana.addToken("token-of-user-123", asana.world.me.gid);
    const http = await server({
      ASANA_BASE_URL: asana.baseUrl,
      ARCADE_API_KEY: arcade.apiKey,
      ARCADE_BASE_URL: arcade.baseUrl,
      ASANA_MCP_AUTH_JWKS_URL: jwksUrl,
      ASANA_MCP_AUTH_ISSUER: "https://id.example.com",
      ASANA_MCP_AUTH_AUDIENCE: "asana-mcp",
    });
    const sign = (key: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"], claims: { iss?: string; aud?: string } = {}) =>
      new SignJWT({})
        .setProtectedHeader({ alg: "RS256", kid: "key-1" })
        .setSubject("user-123")
        .setIssuer(claims.iss ?? "https://id.example.com")
        .setAudience(claims.aud ?? "asana-mcp")
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(key);

    const { client } = await http.connect({ headers: { authorization: `Bearer ${await sign(privateKey)}` } });
    const result = await call(client, "Asana_ListWorkspaces", {});
    expect(result.isError).toBeFalsy();
    expect(asana.exchanges.map((e) => e.headers.authorization)).toEqual(["Bearer token-of-user-123"]);
    expect((arcade.requests.find((r) => r.path === "/v1/auth/authorize")!.body as { user_id: string }).user_id).toBe("user-123");

    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });
    const post = async (token: string) =>
      (
        await fetch(http.url, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: `Bearer ${token}` },
          body,
        })
      ).status;
    expect(await post(await sign(privateKey, { iss: "https://evil.example.com" }))).toBe(401);
    expect(await post(await sign(privateKey, { aud: "another-api" }))).toBe(401);
    expect(await post(await sign(other.privateKey))).toBe(401);
    expect(await post(await sign(privateKey))).toBe(200);
  });
});

describe("token lifecycle in MCP mode", () => {
  test("an Asana 401 drops the cached token and the call is re-authorized once through Arcade", async () => {
    const asana = await startAsanaFake();
    const arcade = await fakeArcade();
    arcade.approve("ada@acme.test", "old-token");
    asana.addToken("old-token", asana.world.me.gid);
    const http = await server({
      ASANA_BASE_URL: asana.baseUrl,
      ARCADE_API_KEY: arcade.apiKey,
      ARCADE_BASE_URL: arcade.baseUrl,
      ARCADE_USER_ID: "ada@acme.test",
    });
    const { client } = await http.connect();
    expect((await call(client, "Asana_ListWorkspaces", {})).isError).toBeFalsy();

    // Asana revokes the old token; Arcade has refreshed the grant meanwhile.
    asana.addToken("old-token", "0");
    arcade.approve("ada@acme.test", "new-token");
    asana.addToken("new-token", asana.world.me.gid);
    const result = await call(client, "Asana_ListWorkspaces", {});
    expect(result.isError).toBeFalsy();
    expect(asana.exchanges.map((e) => `${e.headers.authorization} ${e.response.status}`)).toEqual([
      "Bearer old-token 200",
      "Bearer old-token 401",
      "Bearer new-token 200",
    ]);
    expect(arcade.requests.filter((r) => r.path === "/v1/auth/authorize")).toHaveLength(2);
  });

  test("a pending authorization is waited for up to ARCADE_AUTH_WAIT_SECONDS, then the link is returned", async () => {
    const asana = await startAsanaFake();
    const arcade = await fakeArcade();
    const http = await server({
      ASANA_BASE_URL: asana.baseUrl,
      ARCADE_API_KEY: arcade.apiKey,
      ARCADE_BASE_URL: arcade.baseUrl,
      ARCADE_USER_ID: "ada@acme.test",
      ARCADE_AUTH_WAIT_SECONDS: "1",
    });
    const { client } = await http.connect();
    const pending = await call(client, "Asana_ListWorkspaces", {});
    expect(pending.isError).toBe(true);
    expect(textOf(pending)).toContain("https://arcade.test/oauth/asana/authorize");
    expect(arcade.requests.some((r) => r.path === "/v1/auth/status")).toBe(true);
  });

  test("a wrong Arcade API key is a clear error naming ARCADE_API_KEY", async () => {
    const asana = await startAsanaFake();
    const arcade = await fakeArcade();
    const http = await server({ ASANA_BASE_URL: asana.baseUrl, ARCADE_API_KEY: "wrong-key", ARCADE_BASE_URL: arcade.baseUrl, ARCADE_USER_ID: "ada@acme.test" });
    const { client } = await http.connect();
    const result = await call(client, "Asana_ListWorkspaces", {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("Check ARCADE_API_KEY");
  });
});

interface CliRun {
  stdout: () => string;
  stderr: () => string;
  /** Resolves once stderr matches, e.g. when `call` prints the authorization link. */
  stderrMatches(pattern: RegExp): Promise<RegExpExecArray>;
  exit: Promise<number | null>;
}

function startCli(args: string[], env: Record<string, string>): CliRun {
  const child = spawn(process.execPath, [cliPath, ...args], { env: cleanEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const watchers: Array<() => void> = [];
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const watch of watchers) watch();
  });
  const exit = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exit;
    }
  });
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    exit,
    stderrMatches: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stderr);
          if (match) resolve(match);
        };
        watchers.push(check);
        check();
        void exit.then(() => reject(new Error(`exited before stderr matched ${pattern}:\n${stderr}`)));
      }),
  };
}

async function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = startCli(args, env);
  const code = await run.exit;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

const workerSecret = "rotate-me-1-0123456789abcdef0123456";
const packageVersion = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

/**
 * One worker and its Asana fake per configuration, shared by the tests that start it alike: a worker is a
 * process of its own (a few tenths of a second of CPU to start) and keeps no token between invocations (the
 * Engine injects one with each). Each test still registers it with an Engine of its own.
 */
const fakes = sharedAsanaFakes();
const workers = new Map<string, Promise<SpawnedHttpServer>>();

async function sharedWorker(settings: Record<string, string> = {}) {
  const key = JSON.stringify(settings);
  const { asana, exchanges } = await fakes.fake(key);
  let started = workers.get(key);
  if (!started) {
    const spawned = spawnHttpServer({ ASANA_BASE_URL: asana.baseUrl, ARCADE_WORKER_SECRET: workerSecret, ...settings });
    started = spawned;
    workers.set(key, spawned);
    fakes.atFileEnd(async () => (await spawned.catch(() => undefined))?.close());
  }
  const worker = await started;
  return { asana, exchanges, worker, base: worker.url.replace(/\/mcp$/, "") };
}

/** A running worker against the Asana fake, registered with the fake Engine by `asana-mcp register`. */
async function registeredWorker(options: { arcade?: FakeArcadeOptions; worker?: Record<string, string> } = {}) {
  const { asana, exchanges, base } = await sharedWorker(options.worker);
  const arcade = await fakeArcade(options.arcade);
  const env = await register(arcade, base);
  return { asana, exchanges, arcade, env };
}

async function register(arcade: FakeArcade, base: string): Promise<Record<string, string>> {
  const env = { ARCADE_API_KEY: arcade.apiKey, ARCADE_BASE_URL: arcade.baseUrl };
  const registered = await runCli(["register", "--id", "asana-mcp", "--url", base], { ...env, ARCADE_WORKER_SECRET: workerSecret });
  expect(registered.code, registered.stderr).toBe(0);
  return env;
}

describe("asana-mcp register", () => {
  test("registers the running worker with the Engine (get, then create), which then finds it healthy; re-running updates it in place", async () => {
    const { base } = await sharedWorker();
    const arcade = await fakeArcade();
    const env = { ARCADE_API_KEY: arcade.apiKey, ARCADE_BASE_URL: arcade.baseUrl, ARCADE_WORKER_SECRET: workerSecret };
    const first = await runCli(["register", "--id", "asana-mcp", "--url", base], env);
    expect(first.stderr).toContain("Worker asana-mcp is registered and the Engine reports it healthy.");
    expect(first.code).toBe(0);
    expect(arcade.workers.get("asana-mcp")).toEqual({
      id: "asana-mcp",
      type: "http",
      enabled: true,
      // Longer than a call may take (ASANA_CALL_DEADLINE_SECONDS, 45 s), so the Engine never gives up on a write still running.
      http: { uri: base, secret: workerSecret, timeout: 60, retry: 3 },
    });
    // The Engine cannot reach a loopback URL from the cloud: said, but not refused (a local Engine can).
    expect(first.stderr).toContain("is a loopback address");
    expect(first.stderr).not.toContain("call deadline");

    const wrongSecret = await runCli(["register", "--id", "asana-mcp", "--url", base, "--secret", "stale-secret", "--timeout", "45", "--retry", "1"], env);
    expect(wrongSecret.code).toBe(1);
    expect(wrongSecret.stderr).toContain("health check failed");
    expect(wrongSecret.stderr).toContain("--secret is only 12 characters long");
    expect(wrongSecret.stderr).toContain("--timeout 45 s is at or below the call deadline of 45 s");
    expect(arcade.workers.get("asana-mcp")?.http).toEqual({ uri: base, secret: "stale-secret", timeout: 45, retry: 1 });

    // Never a create that relies on an undocumented 409: look up, then create or update.
    const calls = arcade.requests.filter((r) => r.path.startsWith("/v1/workers")).map((r) => `${r.method} ${r.path}`);
    expect(calls).toEqual([
      "GET /v1/workers/asana-mcp",
      "POST /v1/workers",
      "GET /v1/workers/asana-mcp/health",
      "GET /v1/workers/asana-mcp",
      "PATCH /v1/workers/asana-mcp",
      "GET /v1/workers/asana-mcp/health",
    ]);
  });

  test("the default timeout follows a longer ASANA_CALL_DEADLINE_SECONDS", async () => {
    const arcade = await fakeArcade();
    const result = await runCli(["register", "--id", "asana-mcp", "--url", "https://asana-mcp.example.com", "--secret", "s".repeat(40)], {
      ARCADE_API_KEY: arcade.apiKey,
      ARCADE_BASE_URL: arcade.baseUrl,
      ASANA_CALL_DEADLINE_SECONDS: "100",
    });
    expect(arcade.workers.get("asana-mcp")?.http.timeout).toBe(115);
    expect(result.stderr).not.toContain("call deadline");
  });

  test("an id already taken by a remote MCP server is refused, not overwritten", async () => {
    const arcade = await fakeArcade();
    arcade.workers.set("asana-mcp", {
      id: "asana-mcp",
      type: "mcp",
      enabled: true,
      http: { uri: "https://elsewhere.example/mcp", secret: "", timeout: 30, retry: 3 },
    });
    const result = await runCli(["register", "--id", "asana-mcp", "--url", "https://asana-mcp.example.com", "--secret", "s".repeat(40)], {
      ARCADE_API_KEY: arcade.apiKey,
      ARCADE_BASE_URL: arcade.baseUrl,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('of type "mcp" rather than "http"');
    expect(arcade.requests.filter((r) => r.method !== "GET")).toEqual([]);
  });

  test("an unreachable Arcade and a rejected key are said plainly", async () => {
    const args = ["register", "--id", "asana-mcp", "--url", "https://asana-mcp.example.com", "--secret", "s".repeat(40)];
    const unreachable = await runCli(args, { ARCADE_API_KEY: "k", ARCADE_BASE_URL: "http://127.0.0.1:9" });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain("asana-mcp register: Could not reach Arcade at http://127.0.0.1:9");
    expect(unreachable.stderr).not.toContain("Connection error");
    const arcade = await fakeArcade();
    const rejected = await runCli(args, { ARCADE_API_KEY: "wrong-key", ARCADE_BASE_URL: arcade.baseUrl });
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain("asana-mcp register: Arcade rejected ARCADE_API_KEY (HTTP 401)");
  });

  test("missing settings are named before anything is sent; --help explains the options", async () => {
    const result = await runCli(["register", "--url", "https://x.example"], { ARCADE_API_KEY: "k" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("register needs --id");
    const help = await runCli(["register", "--help"], {});
    expect(help.code).toBe(0);
    // Asked-for help is the program's output: stdout.
    expect(help.stdout).toContain("--timeout <seconds>");
    expect(help.stdout).toContain("--retry <n>");
  });
});

describe("asana-mcp call: the agent's side, through a fake Engine that forwards to our worker", () => {
  test("DeleteTask: authorize, show the link, wait for the user, execute through the worker, print the output", async () => {
    const { asana, exchanges, arcade, env } = await registeredWorker();
    asana.addToken("ada-oauth-token", asana.world.me.gid);
    // A task of its own: the worker's fake is shared.
    const task = insertTask(asana.store, asana.world, { name: "Delete me through the Engine" }).gid;
    const run = startCli(["call", "DeleteTask", "--input", JSON.stringify({ task_id: task }), "--user", "ada@acme.test"], env);
    const [, link] = await run.stderrMatches(/approve access:\s+(https:\/\/arcade\.test\/\S+)/);
    expect(link).toMatch(/^https:\/\/arcade\.test\/oauth\/asana\/authorize\?flow=ar_/);
    // Ada opens the link and approves while `call` waits on Arcade's long-poll.
    await expect.poll(() => arcade.requests.some((r) => r.path === "/v1/auth/status")).toBe(true);
    arcade.approve("ada@acme.test", "ada-oauth-token");
    expect(await run.exit).toBe(0);

    expect(JSON.parse(run.stdout())).toEqual({ status: { success: true, message: expect.stringContaining("deleted") }, task: { id: task } });
    expect(asana.store.get(task)).toBeUndefined();
    expect(arcade.requests.map((r) => `${r.method} ${r.path}`).filter((r) => r.includes("/v1/tools") || r.includes("/v1/auth"))).toEqual([
      "POST /v1/tools/authorize",
      "GET /v1/auth/status",
      "POST /v1/tools/execute",
    ]);
    // The Engine called our worker with its JWT and the user's token, and the worker accepted both.
    expect(arcade.invocations).toEqual([
      expect.objectContaining({
        workerId: "asana-mcp",
        status: 200,
        request: expect.objectContaining({
          tool: { name: "DeleteTask", toolkit: "Asana", version: expect.any(String) },
          context: expect.objectContaining({ authorization: { token: "ada-oauth-token", user_info: {} }, user_id: "ada@acme.test" }),
        }),
      }),
    ]);
    expect(exchanges().map((e) => `${e.method} ${e.headers.authorization}`)).toEqual([`DELETE Bearer ada-oauth-token`]);
  });

  test("an authorized user's call runs at once; Arcade's error comes back with its kind and can_retry, and nothing on stdout", async () => {
    const { asana, arcade, env } = await registeredWorker();
    asana.addToken("ada-oauth-token", asana.world.me.gid);
    arcade.approve("ada@acme.test", "ada-oauth-token");
    const found = await runCli(["call", "Asana.ListWorkspaces", "--input", '{"limit":1}', "--user", "ada@acme.test"], env);
    expect(found.code, found.stderr).toBe(0);
    expect(JSON.parse(found.stdout)).toMatchObject({ workspaces: [expect.objectContaining({ name: "Acme Corp" })], count: 1 });
    expect(found.stderr).not.toContain("approve access");

    const missing = await runCli(["call", "GetTaskById", "--input", '{"task_id":"4040404","max_subtasks":0}', "--user", "ada@acme.test"], env);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toContain("Asana.GetTaskById failed: Not found in Asana (404)");
    expect(missing.stderr).toContain("kind: UPSTREAM_RUNTIME_NOT_FOUND; can_retry: false; status_code: 404");

    const badInput = await runCli(["call", "GetTaskById", "--input", '{"task_id":"not-an-id"}', "--user", "ada@acme.test"], env);
    expect(badInput.code).toBe(1);
    expect(badInput.stderr).toContain("kind: TOOL_RUNTIME_BAD_INPUT_VALUE; can_retry: false; status_code: 400");
  });

  test("a user who does not approve in time gets the link and exit status 3; an unknown tool is named", async () => {
    const { env } = await registeredWorker();
    const pending = await runCli(["call", "ListWorkspaces", "--user", "grace@acme.test", "--wait", "0"], env);
    expect(pending.code).toBe(3);
    expect(pending.stderr).toContain("https://arcade.test/oauth/asana/authorize?flow=ar_");
    expect(pending.stderr).toContain("run the same command again");

    const unknown = await runCli(["call", "Asana.Nope", "--user", "grace@acme.test"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("asana-mcp call: Arcade has no tool Asana.Nope");
  });

  test("with your own Asana provider and a renamed toolkit, the Engine authorizes by the worker's provider id", async () => {
    const { asana, arcade, env } = await registeredWorker({
      arcade: { asanaProviders: ["my-asana-provider", "another-asana-app"] },
      worker: { ARCADE_ASANA_PROVIDER_ID: "my-asana-provider", ARCADE_TOOLKIT_NAME: "AsanaMcp" },
    });
    asana.addToken("token-from-my-app", asana.world.me.gid);
    arcade.approve("ada@acme.test", "token-from-my-app", "my-asana-provider");
    const result = await runCli(["call", "ListWorkspaces", "--user", "ada@acme.test", "--tool-version", packageVersion], {
      ...env,
      ARCADE_TOOLKIT_NAME: "AsanaMcp",
    });
    expect(result.code, result.stderr).toBe(0);
    expect(arcade.requests.find((r) => r.path === "/v1/tools/execute")?.body).toMatchObject({
      tool_name: "AsanaMcp.ListWorkspaces",
      tool_version: packageVersion,
    });
    // Another version of the toolkit (Arcade's hosted Asana is 1.2.2) is not this worker's.
    const otherVersion = await runCli(["call", "ListWorkspaces", "--user", "ada@acme.test", "--tool-version", "1.2.2"], {
      ...env,
      ARCADE_TOOLKIT_NAME: "AsanaMcp",
    });
    expect(otherVersion.stderr).toContain("Arcade has no tool AsanaMcp.ListWorkspaces@1.2.2");
    expect(arcade.invocations[0]?.request.context.authorization?.token).toBe("token-from-my-app");
    // The hints in the worker's errors name its tools as the Engine knows them.
    const missing = await runCli(["call", "GetTaskById", "--input", '{"task_id":"4040404","max_subtasks":0}', "--user", "ada@acme.test"], {
      ...env,
      ARCADE_TOOLKIT_NAME: "AsanaMcp",
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Find task ids with AsanaMcp.ListTasksInProject");
    expect(missing.stderr).not.toMatch(/Asana_[A-Z]/);
  });

  test("a worker upgraded in place is called at the Engine's old version until registered again: it refuses, naming both versions", async () => {
    // A worker and fake of its own: this test stops the worker and starts another on its port.
    const asana = await startAsanaFake();
    const worker = await server({ ASANA_BASE_URL: asana.baseUrl, ARCADE_WORKER_SECRET: workerSecret, ARCADE_TOOLKIT_VERSION: "1.0.0" });
    const base = worker.url.replace(/\/mcp$/, "");
    const arcade = await fakeArcade();
    const env = await register(arcade, base);
    asana.addToken("ada-oauth-token", asana.world.me.gid);
    arcade.approve("ada@acme.test", "ada-oauth-token");
    const listWorkspaces = () => runCli(["call", "ListWorkspaces", "--input", '{"limit":1}', "--user", "ada@acme.test"], env);
    expect((await listWorkspaces()).code).toBe(0);
    expect(arcade.invocations.at(-1)?.request.tool.version).toBe("1.0.0");

    // The same worker, upgraded: same URL, a new version, not yet registered again.
    await worker.close();
    await server({ ASANA_BASE_URL: asana.baseUrl, ARCADE_WORKER_SECRET: workerSecret, ARCADE_TOOLKIT_VERSION: "1.1.0" }, ["--port", new URL(base).port]);
    const stale = await listWorkspaces();
    expect(stale.code).toBe(1);
    expect(arcade.invocations.at(-1)).toMatchObject({
      status: 404,
      request: { tool: { name: "ListWorkspaces", toolkit: "Asana", version: "1.0.0" } },
      response: {
        success: false,
        output: {
          error: {
            kind: "TOOL_RUNTIME_FATAL",
            can_retry: false,
            message: expect.stringContaining("This worker serves Asana version 1.1.0, not 1.0.0: Asana.ListWorkspaces@1.0.0 is not here."),
          },
        },
      },
    });
    expect(asana.exchanges).toHaveLength(1);

    const again = await runCli(["register", "--id", "asana-mcp", "--url", base], { ...env, ARCADE_WORKER_SECRET: workerSecret });
    expect(again.code, again.stderr).toBe(0);
    const current = await listWorkspaces();
    expect(current.code, current.stderr).toBe(0);
    expect(arcade.invocations.at(-1)?.request.tool.version).toBe("1.1.0");
  });
});

/** Any control character a terminal could act on (line breaks and tabs are text). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters looked for.
const terminalControl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const escapes = "\u001b]0;owned\u0007\u001b[2J\u009b31m";

describe("what call and register print of Arcade's strings reaches a terminal without control characters", () => {
  test("register: the health message, the type of a server already there, and its previous URL", async () => {
    const arcade = await fakeArcade();
    const env = { ARCADE_API_KEY: arcade.apiKey, ARCADE_BASE_URL: arcade.baseUrl };
    const args = ["register", "--id", "asana-mcp", "--url", "https://asana-mcp.example.com", "--secret", "s".repeat(40)];
    const existing = { id: "asana-mcp", type: "http", enabled: true, http: { uri: `https://old.example${escapes}`, timeout: 30, retry: 3 } };
    arcade.answerWith("GET", "/v1/workers/asana-mcp", 200, existing);
    arcade.answerWith("PATCH", "/v1/workers/asana-mcp", 200, existing);
    arcade.answerWith("GET", "/v1/workers/asana-mcp/health", 200, { id: "asana-mcp", healthy: false, message: `tools 401${escapes}` });
    const unhealthy = await runCli(args, env);
    expect(unhealthy.code).toBe(1);
    expect(unhealthy.stderr).toContain("health check failed: tools 401");
    expect(unhealthy.stderr).toContain("https://old.example");
    expect(unhealthy.stderr).not.toMatch(terminalControl);

    arcade.answerWith("GET", "/v1/workers/asana-mcp", 200, { ...existing, type: `mcp${escapes}` });
    const taken = await runCli(args, env);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('of type "mcp');
    expect(taken.stderr).not.toMatch(terminalControl);
  });

  test("call: the link, the status, and the tool's output (still the same JSON value)", async () => {
    const arcade = await fakeArcade();
    const env = { ARCADE_API_KEY: arcade.apiKey, ARCADE_BASE_URL: arcade.baseUrl };
    arcade.answerWith("POST", "/v1/tools/authorize", 200, { id: "ar_1", status: `pending${escapes}`, url: `https://arcade.test/authorize${escapes}` });
    const pending = await runCli(["call", "ListWorkspaces", "--user", "ada@acme.test", "--wait", "0"], env);
    expect(pending.code).toBe(3);
    expect(pending.stderr).toContain("https://arcade.test/authorize");
    expect(pending.stderr).not.toMatch(terminalControl);

    const value = { workspaces: [{ name: `Acme${escapes}` }] };
    arcade.answerWith("POST", "/v1/tools/authorize", 200, { status: "completed" });
    arcade.answerWith("POST", "/v1/tools/execute", 200, { id: "te_1", status: "success", success: true, output: { value } });
    const done = await runCli(["call", "ListWorkspaces", "--user", "ada@acme.test"], env);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).not.toMatch(terminalControl);
    expect(JSON.parse(done.stdout)).toEqual(value);
  });

  test('call: a pending authorization without a link never speaks of "the link above"', async () => {
    const arcade = await fakeArcade();
    const env = { ARCADE_API_KEY: arcade.apiKey, ARCADE_BASE_URL: arcade.baseUrl };
    arcade.answerWith("POST", "/v1/tools/authorize", 200, { id: "ar_1", status: "pending" });
    const pending = await runCli(["call", "ListWorkspaces", "--user", "ada@acme.test", "--wait", "0"], env);
    expect(pending.code).toBe(3);
    expect(pending.stderr).not.toContain("link above");
    expect(pending.stderr).toContain("no link");
  });
});

describe("your own Asana provider in MCP mode", () => {
  test("ARCADE_ASANA_PROVIDER_ID is sent to Arcade as auth_requirement.id, and a single-user server can serve Arcade's custom user verifier", async () => {
    const asana = await startAsanaFake();
    const arcade = await fakeArcade({ asanaProviders: ["my-asana-provider", "another-asana-app"] });
    asana.addToken("token-from-my-app", asana.world.me.gid);
    const http = await server({
      ASANA_BASE_URL: asana.baseUrl,
      ARCADE_API_KEY: arcade.apiKey,
      ARCADE_BASE_URL: arcade.baseUrl,
      ARCADE_USER_ID: "ada@acme.test",
      ARCADE_ASANA_PROVIDER_ID: "my-asana-provider",
      ARCADE_USER_VERIFIER: "true",
    });
    const verifier = /Arcade custom user verifier: (http:\/\/\S+)/.exec(http.stderr())?.[1];
    expect(verifier).toMatch(/\/arcade\/verify-user$/);
    arcade.useCustomVerifier(verifier!);

    const { client } = await http.connect();
    const pending = await call(client, "Asana_ListWorkspaces", {});
    expect(pending.isError).toBe(true);
    expect((arcade.requests.find((r) => r.path === "/v1/auth/authorize")!.body as { auth_requirement: unknown }).auth_requirement).toEqual({
      provider_id: "asana",
      provider_type: "oauth2",
      id: "my-asana-provider",
      oauth2: { scopes: ["default"] },
    });

    // Ada approves; Arcade sends her browser to the verifier, which confirms her and sends her on.
    const page = await fetch(arcade.consent("ada@acme.test", "token-from-my-app", "my-asana-provider"), { redirect: "manual" });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toContain("https://arcade.test/auth/success");
    const result = await call(client, "Asana_ListWorkspaces", {});
    expect(result.isError).toBeFalsy();
    expect(asana.exchanges.map((e) => e.headers.authorization)).toEqual(["Bearer token-from-my-app"]);
  });

  test("the verifier is refused where the user cannot be known", async () => {
    const error = await spawnHttpServer({ ARCADE_API_KEY: "k", ARCADE_USER_VERIFIER: "true" }).catch((e: unknown) => e);
    expect(String(error)).toContain("ARCADE_USER_VERIFIER needs ARCADE_USER_ID");
  });
});
