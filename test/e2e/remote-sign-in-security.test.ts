import { createHash, randomBytes } from "node:crypto";
import { afterEach, describe, expect, test } from "vitest";
import { startAsanaFake, type AsanaFake } from "../support/asana-fake.js";
import { isPage, TestBrowser } from "../support/browser.js";
import { opensslAvailable, startHttpsDocuments } from "../support/https-documents.js";
import { allowAsanaAs, clientCallback, driveToCallback } from "../support/remote-sign-in.js";
import { sharedAsanaFakes, type SharedAsanaFake } from "../support/shared-asana-fake.js";
import { spawnHttpServer, type SpawnedHttpServer } from "../support/spawn-server.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const oauthSecret = "remote-sign-in-security-secret-0123456789abcdef";
const app = { clientId: "deployment-asana-app", clientSecret: "deployment-asana-app-secret" };

interface World {
  asana: AsanaFake;
  server: SpawnedHttpServer;
  origin: string;
}

/** The deployment's-Asana-app world: nothing but the Asana emulator and our server. */
async function world(env: Record<string, string> = {}): Promise<World> {
  const asana = await startAsanaFake();
  const w = await serve(asana, env);
  cleanups.push(() => w.server.close());
  return w;
}

async function serve(asana: AsanaFake, env: Record<string, string>): Promise<World> {
  const server = await spawnHttpServer({
    ASANA_BASE_URL: asana.baseUrl,
    ASANA_OAUTH_BASE_URL: asana.origin,
    ASANA_OAUTH_CLIENT_ID: app.clientId,
    ASANA_OAUTH_CLIENT_SECRET: app.clientSecret,
    ASANA_MCP_OAUTH_SECRET: oauthSecret,
    ...env,
  });
  const origin = new URL(server.url).origin;
  asana.oauth.addApp({ ...app, redirectUris: [`${origin}/oauth/callback/asana`] });
  return { asana, server, origin };
}

/**
 * The tests of the deployment with its default settings share one fake and one server (a server is a few
 * tenths of a second of CPU to start): each registers its own clients, signs in afresh in a browser of its
 * own and counts only its own requests. Together they stay well under the default sign-in rate limit
 * (60 a minute per address and group of endpoints); tests that set the limit, or need a second server, start their own.
 */
const fakes = sharedAsanaFakes();
let deployment: Promise<World> | undefined;
async function sharedWorld(): Promise<World & SharedAsanaFake> {
  const shared = await fakes.fake("deployment's Asana app");
  if (!deployment) {
    const started = serve(shared.asana, {});
    deployment = started;
    fakes.atFileEnd(async () => (await started.catch(() => undefined))?.server.close());
  }
  return { ...shared, ...(await deployment) };
}

/** RFC 7591 registration, as a client sends it. */
async function register(origin: string, redirectUris: string[] = [clientCallback]): Promise<string> {
  const response = await fetch(`${origin}/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_name: "Hand-made client", redirect_uris: redirectUris, token_endpoint_auth_method: "none" }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { client_id: string }).client_id;
}

interface Authorization {
  clientId: string;
  verifier: string;
  state: string;
  params: URLSearchParams;
}

function authorization(clientId: string, origin: string, overrides: Record<string, string | null> = {}): Authorization {
  const verifier = randomBytes(32).toString("base64url");
  const state = randomBytes(8).toString("base64url");
  const params = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: clientCallback,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    state,
    resource: `${origin}/mcp`,
  });
  for (const [name, value] of Object.entries(overrides)) {
    if (value === null) params.delete(name);
    else params.set(name, value);
  }
  return { clientId, verifier, state, params };
}

/** The person consents and signs in at Asana; returns the client's callback. */
async function signIn(w: World, request: Authorization, browser = new TestBrowser({ stopAt: [clientCallback] })): Promise<URL> {
  const page = await browser.open(`${w.origin}/oauth/authorize?${request.params}`);
  if (!isPage(page)) return new URL(page.stoppedAt);
  const next = await browser.submit(page, { button: { name: "decision", value: "allow" } });
  return driveToCallback(next, browser, [allowAsanaAs(w.asana.world.me.gid)]);
}

async function token(origin: string, fields: Record<string, string>): Promise<{ status: number; body: Record<string, string> }> {
  const response = await fetch(`${origin}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function redeem(w: World, request: Authorization, code: string, extra: Record<string, string> = {}) {
  return token(w.origin, {
    grant_type: "authorization_code",
    code,
    client_id: request.clientId,
    redirect_uri: clientCallback,
    code_verifier: request.verifier,
    ...extra,
  });
}

async function mcp(url: string, accessToken: string, message: Record<string, unknown>) {
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, ...message }),
  });
  return { status: response.status, wwwAuthenticate: response.headers.get("www-authenticate") ?? "", body: await response.text() };
}

describe("remote sign-in: redirect URIs, state and PKCE", () => {
  test("a redirect URI the client did not register is refused on a page, never redirected to; a loopback one may name another port", async () => {
    const w = await sharedWorld();
    const clientId = await register(w.origin, ["http://127.0.0.1:3000/callback"]);
    const browser = new TestBrowser();
    for (const redirect of [
      "https://evil.example/callback",
      "http://127.0.0.1:3000/callback/extra",
      "http://127.0.0.1:3000/Callback",
      "http://localhost:3000/callback",
    ]) {
      const page = await browser.open(`${w.origin}/oauth/authorize?${authorization(clientId, w.origin, { redirect_uri: redirect }).params}`);
      expect(isPage(page) && page.status, redirect).toBe(400);
      expect(browser.steps.at(-1)!.location, redirect).toBeUndefined();
    }
    // RFC 8252 7.3: a native app's loopback redirect on any port.
    const page = await browser.open(
      `${w.origin}/oauth/authorize?${authorization(clientId, w.origin, { redirect_uri: "http://127.0.0.1:51234/callback" }).params}`,
    );
    expect(isPage(page) && page.status).toBe(200);
  });

  test("PKCE is required, S256 only; the code needs its verifier, its client and its redirect URI; the state comes back unchanged", async () => {
    const w = await sharedWorld();
    const clientId = await register(w.origin);
    const refusedWith = async (overrides: Record<string, string | null>) => {
      const browser = new TestBrowser({ stopAt: [clientCallback] });
      const stop = await browser.open(`${w.origin}/oauth/authorize?${authorization(clientId, w.origin, overrides).params}`);
      expect(isPage(stop)).toBe(false);
      const url = new URL((stop as { stoppedAt: string }).stoppedAt);
      expect(url.searchParams.get("iss")).toBe(w.origin);
      return url.searchParams.get("error");
    };
    expect(await refusedWith({ code_challenge: null })).toBe("invalid_request");
    expect(await refusedWith({ code_challenge_method: "plain" })).toBe("invalid_request");
    expect(await refusedWith({ response_type: "token" })).toBe("unsupported_response_type");
    expect(await refusedWith({ resource: "https://another-server.example/mcp" })).toBe("invalid_target");

    const request = authorization(clientId, w.origin);
    const callback = await signIn(w, request);
    expect(callback.searchParams.get("state")).toBe(request.state);
    const code = callback.searchParams.get("code")!;
    expect((await redeem(w, request, code, { code_verifier: randomBytes(32).toString("base64url") })).body.error).toBe("invalid_grant");
    expect((await redeem(w, request, code, { code_verifier: "" })).body.error).toBe("invalid_request");
    expect((await redeem(w, request, code, { redirect_uri: "http://127.0.0.1:49152/other" })).body.error).toBe("invalid_grant");
    const otherClient = await register(w.origin);
    expect((await redeem(w, request, code, { client_id: otherClient })).body.error).toBe("invalid_grant");
    // None of those used the code up: the rightful redemption works, once.
    const tokens = await redeem(w, request, code);
    expect(tokens.status).toBe(200);
    expect(tokens.body.token_type).toBe("Bearer");
    const replay = await redeem(w, request, code);
    expect(replay.body.error).toBe("invalid_grant");
    // The replay revoked what the code had granted.
    expect((await mcp(w.server.url, tokens.body.access_token!, { method: "tools/list" })).status).toBe(401);
  });

  test("the consent form works only in the browser that was shown it, and never from another site", async () => {
    const w = await sharedWorld();
    const oauthExchangesBefore = w.asana.oauth.exchanges.length;
    const clientId = await register(w.origin);
    const browser = new TestBrowser({ stopAt: [clientCallback] });
    const page = await browser.open(`${w.origin}/oauth/authorize?${authorization(clientId, w.origin).params}`);
    if (!isPage(page)) throw new Error("expected the consent page");
    // Another browser (no consent cookie) posts the same form: refused.
    const stranger = await new TestBrowser({ stopAt: [clientCallback] }).submit(page, { button: { name: "decision", value: "allow" } });
    expect(isPage(stranger) && stranger.status).toBe(400);
    // The person's own browser, but the post comes from another site's page: refused.
    // (The attacker's page holds a copy of the form, posting to this server.)
    const copy = {
      ...page,
      url: "https://attacker.example/page",
      html: page.html.replace('action="/oauth/authorize"', `action="${w.origin}/oauth/authorize"`),
    };
    const forged = await browser.submit(copy, { button: { name: "decision", value: "allow" } });
    expect(isPage(forged) && forged.status).toBe(403);
    // The Asana callback with a state this browser did not send: refused, no code issued.
    const planted = await browser.open(`${w.origin}/oauth/callback/asana?code=stolen&state=not-mine`);
    expect(isPage(planted) && planted.status).toBe(400);
    expect(w.asana.oauth.exchanges.slice(oauthExchangesBefore).filter((e) => e.path === "/-/oauth_token")).toHaveLength(0);
  });
});

describe("remote sign-in: tokens, resources and scopes", () => {
  test("a token issued for another resource is refused, and so is one from another secret", async () => {
    const w = await sharedWorld();
    // A second server of the same deployment (same secret, another resource URL): one of its own.
    const other = await world();
    const clientId = await register(w.origin);
    const request = authorization(clientId, w.origin);
    const tokens = await redeem(w, request, (await signIn(w, request)).searchParams.get("code")!);
    expect((await mcp(w.server.url, tokens.body.access_token!, { method: "tools/list" })).status).toBe(200);
    // Same secret, another server (another resource URL): refused.
    const elsewhere = await mcp(other.server.url, tokens.body.access_token!, { method: "tools/list" });
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.wwwAuthenticate).toContain("issued for another resource");
    const differentSecret = await world({ ASANA_MCP_OAUTH_SECRET: "another-deployment-secret-0123456789abcdef" });
    expect((await mcp(differentSecret.server.url, tokens.body.access_token!, { method: "tools/list" })).status).toBe(401);
  });

  test("a read-only grant lists the read-only tools; a write tool answers 403 insufficient_scope with the scopes to ask for", async () => {
    const w = await sharedWorld();
    const clientId = await register(w.origin);
    const request = authorization(clientId, w.origin, { scope: "asana:read" });
    const tokens = await redeem(w, request, (await signIn(w, request)).searchParams.get("code")!);
    expect(tokens.body.scope).toBe("asana:read");
    const listed = await mcp(w.server.url, tokens.body.access_token!, { method: "tools/list" });
    const names = (JSON.parse(listed.body) as { result: { tools: Array<{ name: string; annotations: { readOnlyHint: boolean } }> } }).result.tools;
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((t) => t.annotations.readOnlyHint)).toBe(true);
    const write = await mcp(w.server.url, tokens.body.access_token!, { method: "tools/call", params: { name: "Asana_CreateTask", arguments: { name: "x" } } });
    expect(write.status).toBe(403);
    expect(write.wwwAuthenticate).toContain('error="insufficient_scope"');
    expect(write.wwwAuthenticate).toContain('scope="asana:read asana:write"');
    expect(write.wwwAuthenticate).toContain(`resource_metadata="${w.origin}/.well-known/oauth-protected-resource/mcp"`);
    expect(w.requestsTo("POST", "/tasks")).toHaveLength(0);
    const read = await mcp(w.server.url, tokens.body.access_token!, { method: "tools/call", params: { name: "Asana_ListWorkspaces", arguments: {} } });
    expect(read.status).toBe(200);
  });

  test("the sign-in endpoints are rate limited per address", async () => {
    const w = await world({ ASANA_MCP_OAUTH_RATE_LIMIT: "5" });
    const statuses: number[] = [];
    const retryAfter: string[] = [];
    for (let i = 0; i < 7; i++) {
      const response = await fetch(`${w.origin}/oauth/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "authorization_code", code: "guess", client_id: "mcp_guess.guess" }),
      });
      statuses.push(response.status);
      if (response.status === 429) retryAfter.push(response.headers.get("retry-after") ?? "");
      await response.body?.cancel();
    }
    expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(retryAfter.every((value) => Number(value) >= 1)).toBe(true);
  });

  test("behind a trusted proxy each forwarded client has its own limit, and a forged header buys nothing elsewhere", async () => {
    const guess = (origin: string, forwardedFor: string) =>
      fetch(`${origin}/oauth/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": forwardedFor },
        body: new URLSearchParams({ grant_type: "authorization_code", code: "guess", client_id: "mcp_guess.guess" }),
      }).then(async (response) => {
        await response.body?.cancel();
        return response.status;
      });
    const proxied = await world({ ASANA_MCP_OAUTH_RATE_LIMIT: "3", ASANA_MCP_TRUSTED_PROXIES: "loopback" });
    const first: number[] = [];
    for (let i = 0; i < 4; i++) first.push(await guess(proxied.origin, "198.51.100.7"));
    expect(first.slice(3)).toEqual([429]);
    // Another client behind the same proxy is not held back by the first one's guesses.
    expect(await guess(proxied.origin, "198.51.100.8")).not.toBe(429);
    // Without the proxy trusted, the header is the caller's own word: changing it does not reset the count.
    const direct = await world({ ASANA_MCP_OAUTH_RATE_LIMIT: "3" });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push(await guess(direct.origin, `198.51.100.${i + 1}`));
    expect(statuses.slice(3)).toEqual([429]);
  });
});

describe("remote sign-in: fetching client metadata documents", () => {
  const needsOpenssl = opensslAvailable ? "" : " (skipped: needs openssl for the test's https certificate)";

  test.skipIf(!opensslAvailable)(
    `private addresses are refused before any connection, loopback too unless the development setting allows it${needsOpenssl}`,
    async () => {
      const documents = await startHttpsDocuments();
      cleanups.push(() => documents.close());
      const clientId = `${documents.origin}/client.json`;
      documents.serve("/client.json", { client_id: clientId, client_name: "Loopback Client", redirect_uris: [clientCallback] });
      const w = await world({ NODE_EXTRA_CA_CERTS: documents.certificateFile });
      const page = await new TestBrowser().open(`${w.origin}/oauth/authorize?${authorization(clientId, w.origin).params}`);
      expect(isPage(page) && page.status).toBe(400);
      expect(isPage(page) && page.html).toContain("127.0.0.1 is not a public address");
      expect(documents.hits.get("/client.json")).toBeUndefined();
      for (const privateId of [
        "https://10.0.0.1/client.json",
        "https://169.254.169.254/latest/client.json",
        "https://localhost/client.json",
        "https://[fd00::1]/client.json",
      ]) {
        const refused = await new TestBrowser().open(`${w.origin}/oauth/authorize?${authorization(privateId, w.origin).params}`);
        expect(isPage(refused) && refused.html, privateId).toContain("is not a public address");
      }
    },
  );

  test.skipIf(!opensslAvailable)(
    `a document is refused when it is too large, slow, redirected, not JSON or not its own; a refusal is remembered for a while${needsOpenssl}`,
    async () => {
      const documents = await startHttpsDocuments();
      cleanups.push(() => documents.close());
      const doc = (path: string, extra: Record<string, unknown> = {}) => ({
        client_id: `${documents.origin}${path}`,
        client_name: "Some Client",
        redirect_uris: [clientCallback],
        ...extra,
      });
      const cases: Array<[string, string]> = [
        [documents.serve("/large.json", doc("/large.json", { padding: "x".repeat(6 * 1024) })), "larger than 5120 bytes"],
        [
          documents.answerWith("/redirect.json", (res) => res.writeHead(302, { location: `${documents.origin}/large.json` }).end()),
          "redirects are not followed",
        ],
        [documents.answerWith("/html.json", (res) => res.writeHead(200, { "content-type": "text/html" }).end("<p>hi</p>")), "not JSON"],
        [documents.serve("/other.json", doc("/someone-else.json")), "is not its own URL"],
        [documents.serve("/secret.json", doc("/secret.json", { token_endpoint_auth_method: "client_secret_basic" })), "public clients"],
        [documents.answerWith("/slow.json", () => {}), "no answer within 5000 ms"],
      ];
      const w = await world({ NODE_EXTRA_CA_CERTS: documents.certificateFile, ASANA_MCP_DEV_ALLOW_LOOPBACK_CLIENT_METADATA: "true" });
      // All at once: the slow document's 5 s pass while the others are refused.
      await Promise.all(
        cases.map(async ([clientId, reason]) => {
          const page = await new TestBrowser().open(`${w.origin}/oauth/authorize?${authorization(clientId, w.origin).params}`);
          expect(isPage(page) && page.status, clientId).toBe(400);
          expect(isPage(page) && page.html, clientId).toContain(reason);
        }),
      );
      // Asked again at once: the refusal comes from the cache, not from another fetch.
      const before = new Map(documents.hits);
      const again = await new TestBrowser().open(`${w.origin}/oauth/authorize?${authorization(cases[0]![0], w.origin).params}`);
      expect(isPage(again) && again.status).toBe(400);
      expect(documents.hits).toEqual(before);
      // An http client_id is no metadata document at all.
      const plain = await new TestBrowser().open(`${w.origin}/oauth/authorize?${authorization("http://client.example/client.json", w.origin).params}`);
      expect(isPage(plain) && plain.status).toBe(400);
    },
    20_000,
  );
});
