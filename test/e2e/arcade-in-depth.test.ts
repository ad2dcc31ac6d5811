import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import { afterEach, describe, expect, test } from "vitest";
import { startFakeArcade, type FakeArcade } from "../fakes/arcade.js";
import { startAsanaFake } from "../support/asana-fake.js";
import { cleanEnv, cliPath, spawnHttpServer, type SpawnedHttpServer } from "../support/spawn-server.js";
import { call, textOf } from "./scenarios.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakeArcade(): Promise<FakeArcade> {
  const arcade = await startFakeArcade();
  cleanups.push(() => arcade.close());
  return arcade;
}

async function server(env: Record<string, string>): Promise<SpawnedHttpServer> {
  const http = await spawnHttpServer(env);
  cleanups.push(() => http.close());
  return http;
}

const frontDoorSecret = "front-door-shared-secret";
function userToken(sub: string, expiresIn = "10m"): Promise<string> {
  return new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(sub).setIssuedAt().setExpirationTime(expiresIn).sign(new TextEncoder().encode(frontDoorSecret));
}

describe("per-user identity over HTTP", () => {
  test("without a valid bearer token /mcp answers 401 pointing at the protected-resource metadata", async () => {
    const asana = await startAsanaFake();
    const arcade = await fakeArcade();
    const http = await server({ ASANA_BASE_URL: asana.baseUrl, ARCADE_API_KEY: arcade.apiKey, ARCADE_BASE_URL: arcade.baseUrl, ASANA_MCP_AUTH_SECRET: frontDoorSecret, ASANA_MCP_AUTH_SERVERS: "https://id.example.com" });
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
    const missing = await fetch(http.url, { method: "POST", headers, body });
    expect(missing.status).toBe(401);
    const challenge = missing.headers.get("www-authenticate")!;
    expect(challenge).toMatch(/^Bearer resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"$/);
    const expired = await fetch(http.url, { method: "POST", headers: { ...headers, authorization: `Bearer ${await userToken("ada", "-1m")}` }, body });
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toContain('error="invalid_token"');
    const forged = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject("ada").setExpirationTime("5m").sign(new TextEncoder().encode("not-the-secret"));
    expect((await fetch(http.url, { method: "POST", headers: { ...headers, authorization: `Bearer ${forged}` }, body })).status).toBe(401);
    // A bare user-id header is no identity at all.
    expect((await fetch(http.url, { method: "POST", headers: { ...headers, "arcade-user-id": "ada" }, body })).status).toBe(401);

    const metadata = await (await fetch(challenge.match(/resource_metadata="([^"]+)"/)![1]!)).json();
    expect(metadata).toEqual({ resource: http.url, authorization_servers: ["https://id.example.com"], bearer_methods_supported: ["header"], resource_name: "asana-mcp" });
  });

  test("two users calling concurrently: hundreds of interleaved calls, and none reaches Asana with the other's token", async () => {
    const asana = await startAsanaFake();
    const arcade = await fakeArcade();
    arcade.approve("ada", "token-of-ada");
    arcade.approve("grace", "token-of-grace");
    asana.addToken("token-of-ada", asana.world.me.gid); // Ada sees two workspaces
    asana.addToken("token-of-grace", asana.world.colleague.gid); // Grace sees one
    const http = await server({ ASANA_BASE_URL: asana.baseUrl, ARCADE_API_KEY: arcade.apiKey, ARCADE_BASE_URL: arcade.baseUrl, ASANA_MCP_AUTH_SECRET: frontDoorSecret });
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
    const error = await spawnHttpServer({ ASANA_MCP_AUTH_SECRET: frontDoorSecret, ARCADE_API_KEY: "k", ARCADE_BASE_URL: "http://127.0.0.1:9" }, ["--host", "0.0.0.0"]).catch((e: unknown) => e);
    expect(String(error)).toContain("needs ASANA_MCP_PUBLIC_URL");
  });
});

describe("per-user identity from an identity provider's JWKS", () => {
  test("RS256 tokens are verified against the JWKS, with issuer and audience enforced", async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const other = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "key-1", alg: "RS256", use: "sig" };
    const jwks = createServer((req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] })));
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
    expect((arcade.requests.find((r) => r.path === "/v1/auth/authorize")?.body as { user_id: string }).user_id).toBe("user-123");

    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });
    const post = async (token: string) =>
      (await fetch(http.url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: `Bearer ${token}` }, body })).status;
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
    const http = await server({ ASANA_BASE_URL: asana.baseUrl, ARCADE_API_KEY: arcade.apiKey, ARCADE_BASE_URL: arcade.baseUrl, ARCADE_USER_ID: "ada@acme.test" });
    const { client } = await http.connect();
    expect((await call(client, "Asana_ListWorkspaces", {})).isError).toBeFalsy();

    // Asana revokes the old token; Arcade has refreshed the grant meanwhile.
    asana.addToken("old-token", "0");
    arcade.approve("ada@acme.test", "new-token");
    asana.addToken("new-token", asana.world.me.gid);
    const result = await call(client, "Asana_ListWorkspaces", {});
    expect(result.isError).toBeFalsy();
    expect(asana.exchanges.map((e) => `${e.headers.authorization} ${e.response.status}`)).toEqual(["Bearer old-token 200", "Bearer old-token 401", "Bearer new-token 200"]);
    expect(arcade.requests.filter((r) => r.path === "/v1/auth/authorize")).toHaveLength(2);
  });

  test("a pending authorization is waited for up to ARCADE_AUTH_WAIT_SECONDS, then the link is returned", async () => {
    const asana = await startAsanaFake();
    const arcade = await fakeArcade();
    const http = await server({ ASANA_BASE_URL: asana.baseUrl, ARCADE_API_KEY: arcade.apiKey, ARCADE_BASE_URL: arcade.baseUrl, ARCADE_USER_ID: "ada@acme.test", ARCADE_AUTH_WAIT_SECONDS: "1" });
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

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: cleanEnv(env), stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

describe("asana-mcp register", () => {
  test("registers the running worker with the Engine, which then finds it healthy; re-running updates it", async () => {
    const asana = await startAsanaFake();
    const arcade = await fakeArcade();
    const worker = await server({ ASANA_BASE_URL: asana.baseUrl, ARCADE_WORKER_SECRET: "rotate-me-1" });
    const base = worker.url.replace(/\/mcp$/, "");
    const env = { ARCADE_API_KEY: arcade.apiKey, ARCADE_BASE_URL: arcade.baseUrl, ARCADE_WORKER_SECRET: "rotate-me-1" };
    const first = await runCli(["register", "--id", "asana-mcp", "--url", base], env);
    expect(first.stderr).toContain("Worker asana-mcp is registered and the Engine reports it healthy.");
    expect(first.code).toBe(0);
    expect(arcade.workers.get("asana-mcp")).toEqual({ id: "asana-mcp", type: "http", enabled: true, http: { uri: base, secret: "rotate-me-1", timeout: 30, retry: 3 } });

    const wrongSecret = await runCli(["register", "--id", "asana-mcp", "--url", base, "--secret", "stale-secret"], env);
    expect(wrongSecret.code).toBe(1);
    expect(wrongSecret.stderr).toContain("health check failed");
    expect(arcade.workers.get("asana-mcp")?.http.secret).toBe("stale-secret");
  });

  test("missing settings are named before anything is sent", async () => {
    const result = await runCli(["register", "--url", "https://x.example"], { ARCADE_API_KEY: "k" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("register needs --id");
  });
});
