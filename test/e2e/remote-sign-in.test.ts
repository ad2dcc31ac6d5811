import { auth } from "@modelcontextprotocol/sdk/client/auth.js";
import { mkdtempSync, rmSync } from "node:fs";
import { Arcade } from "@arcadeai/arcadejs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { v1OutputValidator } from "../support/compiled-once-validator.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import {
  auth as authV2,
  Client as ClientV2,
  StreamableHTTPClientTransport as StreamableHTTPClientTransportV2,
  UnauthorizedError as UnauthorizedErrorV2,
} from "@modelcontextprotocol/client";
import { afterEach, describe, expect, test } from "vitest";
import { startFakeArcade, type FakeArcade } from "../fakes/arcade.js";
import { startAsanaFake, type AsanaFake } from "../support/asana-fake.js";
import { isPage, TestBrowser } from "../support/browser.js";
import { opensslAvailable, startHttpsDocuments } from "../support/https-documents.js";
import { startOpenIdProvider } from "../support/openid-provider.js";
import { sharedAsanaFakes } from "../support/shared-asana-fake.js";
import { MemoryOAuthClientProvider } from "../support/oauth-client.js";
import {
  allowAsanaAs,
  clientCallback,
  connectWithSignIn,
  consent,
  driveToCallback,
  signInToProviderAs,
  type SignedInClient,
} from "../support/remote-sign-in.js";
import { spawnHttpServer, type SpawnedHttpServer } from "../support/spawn-server.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const oauthSecret = "remote-sign-in-test-secret-0123456789abcdef";
const arcadeApp = { clientId: "arcade-asana-app", clientSecret: "arcade-asana-app-secret" };

interface ArcadeWorld {
  asana: AsanaFake;
  arcade: FakeArcade;
  server: SpawnedHttpServer;
  origin: string;
}

/** Asana (the emulator, with Arcade's Asana app registered), Arcade (the fake, custom verifier on) and our server. */
async function arcadeWorld(env: Record<string, string> = {}): Promise<ArcadeWorld> {
  const world = await startArcadeWorld(await startAsanaFake(), env);
  cleanups.push(() => closeArcadeWorld(world));
  return world;
}

async function startArcadeWorld(asana: AsanaFake, env: Record<string, string>): Promise<ArcadeWorld> {
  const arcade = await startFakeArcade({ asanaOAuth: { origin: asana.origin, ...arcadeApp } });
  const server = await spawnHttpServer({
    ASANA_BASE_URL: asana.baseUrl,
    ARCADE_API_KEY: arcade.apiKey,
    ARCADE_BASE_URL: arcade.baseUrl,
    ASANA_MCP_OAUTH_SECRET: oauthSecret,
    ...env,
  }).catch(async (error: unknown) => {
    await arcade.close();
    throw error;
  });
  const origin = new URL(server.url).origin;
  asana.oauth.addApp({ ...arcadeApp, redirectUris: [`${arcade.baseUrl}/oauth/asana/callback`] });
  arcade.useCustomVerifier(`${origin}/arcade/verify-user`);
  return { asana, arcade, server, origin };
}

async function closeArcadeWorld(world: ArcadeWorld): Promise<void> {
  await world.server.close();
  await world.arcade.close();
}

/** What one test sees of a shared world: only the requests and log written since it took the world. */
interface SharedWorld extends ArcadeWorld {
  asanaExchanges(): AsanaFake["exchanges"];
  asanaOAuthExchanges(): AsanaFake["oauth"]["exchanges"];
  arcadeRequests(): FakeArcade["requests"];
  stderr(): string;
}

/**
 * Tests of one configuration share its Asana fake, Arcade fake and server (a server is a few tenths of a
 * second of CPU to start). Each signs in its own people afresh, in browsers of its own, and counts only its
 * own requests; together they stay well under the default sign-in rate limit (60 a minute per group).
 */
const fakes = sharedAsanaFakes();
async function sharedWorld<W extends ArcadeWorld>(
  key: string,
  start: (asana: AsanaFake) => Promise<W>,
  end: (world: W) => Promise<void>,
): Promise<SharedWorld & W> {
  const shared = await fakes.fake(key);
  const world = await fakes.kept(key, () => start(shared.asana), end);
  const seen = { oauth: world.asana.oauth.exchanges.length, arcade: world.arcade.requests.length, stderr: world.server.stderr().length };
  return {
    ...world,
    asanaExchanges: shared.exchanges,
    asanaOAuthExchanges: () => world.asana.oauth.exchanges.slice(seen.oauth),
    arcadeRequests: () => world.arcade.requests.slice(seen.arcade),
    stderr: () => world.server.stderr().slice(seen.stderr),
  };
}

/** The default Arcade world: ARCADE_API_KEY and nothing else set. */
const sharedArcadeWorld = () => sharedWorld("Arcade", (asana) => startArcadeWorld(asana, {}), closeArcadeWorld);

describe("remote sign-in through Arcade (the default with ARCADE_API_KEY)", () => {
  test("the MCP SDK's OAuth client signs in by DCR: Arcade's Asana authorization, the user verifier, a tool call as that Asana user", async () => {
    const world = await sharedArcadeWorld();
    const { client, callback, provider, browser } = await connectWithSignIn(world.server.url, [allowAsanaAs(world.asana.world.me.gid)]);
    cleanups.push(() => client.close());
    expect(callback.searchParams.get("iss")).toBe(world.origin);
    expect(await workspaceNames(client)).toEqual(["Acme Corp", "Personal Projects"]);
    // Each sign-in authorized a fresh Arcade user, confirmed by the verifier for that same user.
    const authorized = world
      .arcadeRequests()
      .filter((r) => r.path === "/v1/auth/authorize")
      .map((r) => (r.body as { user_id: string }).user_id);
    const confirmed = world
      .arcadeRequests()
      .filter((r) => r.path === "/v1/auth/confirm_user")
      .map((r) => (r.body as { user_id: string }).user_id);
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]).toMatch(/^asana-mcp-[\w-]{24}$/);
    expect(new Set(authorized)).toEqual(new Set(confirmed));

    // The Asana token Arcade got never reached the client, the browser or the log; the MCP token never reached Asana.
    const asanaTokens = world.asanaOAuthExchanges().flatMap((e) => e.issued);
    expect(asanaTokens.length).toBeGreaterThan(0);
    const seenOutside = JSON.stringify([provider.tokens(), callback.toString(), browser.steps, browser.pages]);
    for (const token of asanaTokens) {
      expect(seenOutside).not.toContain(token);
      expect(world.stderr()).not.toContain(token);
    }
    for (const exchange of world.asanaExchanges()) expect(exchange.headers.authorization ?? "").not.toContain(provider.tokens()!.access_token);
    expect(world.asanaExchanges().every((e) => asanaTokens.some((token) => e.headers.authorization === `Bearer ${token}`))).toBe(true);
  });

  test.skipIf(!opensslAvailable)(
    `the SDK's client signs in by Client ID Metadata Document: the consent page names the client and its document's host, which is fetched once${opensslAvailable ? "" : " (skipped: needs openssl for the test's https certificate)"}`,
    async () => {
      const documents = await startHttpsDocuments();
      cleanups.push(() => documents.close());
      const clientId = `${documents.origin}/oauth/client.json`;
      documents.serve(
        "/oauth/client.json",
        {
          client_id: clientId,
          client_name: "Metadata Document Client",
          redirect_uris: [clientCallback],
          grant_types: ["authorization_code", "refresh_token"],
          response_types: ["code"],
          token_endpoint_auth_method: "none",
        },
        { "cache-control": "max-age=3600" },
      );
      // Development-only: the document lives on loopback here, which the server refuses unless told otherwise.
      const world = await arcadeWorld({ NODE_EXTRA_CA_CERTS: documents.certificateFile, ASANA_MCP_DEV_ALLOW_LOOPBACK_CLIENT_METADATA: "true" });
      const first = await connectWithSignIn(world.server.url, [allowAsanaAs(world.asana.world.me.gid)], { clientMetadataUrl: clientId });
      cleanups.push(() => first.client.close());
      expect(first.provider.clientInformation()!.client_id).toBe(clientId);
      const consentPage = first.browser.pages[0]!.html;
      expect(consentPage).toContain("Metadata Document Client");
      expect(consentPage).toContain(`identified by its metadata at <strong>${new URL(documents.origin).host}</strong>`);
      expect(consentPage).toContain("a program on this computer");
      expect(await workspaceNames(first.client)).toEqual(["Acme Corp", "Personal Projects"]);
      // A second sign-in of the same client: the document comes from the cache (its max-age is an hour).
      const second = await connectWithSignIn(world.server.url, [allowAsanaAs(world.asana.world.me.gid)], { clientMetadataUrl: clientId });
      cleanups.push(() => second.client.close());
      expect(documents.hits.get("/oauth/client.json")).toBe(1);
    },
  );

  test("the identity is the Asana user who finished the authorization; a refresh rotates the tokens, a replayed refresh token ends the grant, revocation ends it too", async () => {
    const world = await sharedArcadeWorld();
    const grace = await connectWithSignIn(world.server.url, [allowAsanaAs(world.asana.world.colleague.gid)]);
    cleanups.push(() => grace.client.close());
    expect(await workspaceNames(grace.client)).toEqual(["Acme Corp"]);

    // The SDK's own refresh (auth() with a stored refresh token), then a call with the new access token.
    const before = grace.provider.tokens()!;
    expect(await auth(grace.provider, { serverUrl: world.server.url })).toBe("AUTHORIZED");
    const after = grace.provider.tokens()!;
    expect(after.access_token).not.toBe(before.access_token);
    expect(after.refresh_token).not.toBe(before.refresh_token);
    expect(await workspaceNames(await reconnect(world.server.url, grace))).toEqual(["Acme Corp"]);

    // The old refresh token again: reuse is detected, and the whole grant ends (the new tokens too).
    const metadata = (await (await fetch(`${world.origin}/.well-known/oauth-authorization-server`)).json()) as {
      token_endpoint: string;
      revocation_endpoint: string;
    };
    const clientId = grace.provider.clientInformation()!.client_id;
    const replay = await fetch(metadata.token_endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: before.refresh_token!, client_id: clientId }),
    });
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: string }).error).toBe("invalid_grant");
    expect((await mcpStatus(world.server.url, after.access_token)).status).toBe(401);

    // A fresh sign-in, then RFC 7009 revocation of its refresh token: its access token stops working at once.
    const again = await connectWithSignIn(world.server.url, [allowAsanaAs(world.asana.world.colleague.gid)]);
    cleanups.push(() => again.client.close());
    const tokens = again.provider.tokens()!;
    expect((await mcpStatus(world.server.url, tokens.access_token)).status).toBe(200);
    const revoked = await fetch(metadata.revocation_endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: tokens.refresh_token!, token_type_hint: "refresh_token", client_id: again.provider.clientInformation()!.client_id }),
    });
    expect(revoked.status).toBe(200);
    const refused = await mcpStatus(world.server.url, tokens.access_token);
    expect(refused.status).toBe(401);
    expect(refused.wwwAuthenticate).toContain('error="invalid_token"');
    expect(refused.wwwAuthenticate).toContain(`resource_metadata="${world.origin}/.well-known/oauth-protected-resource/mcp"`);
  });
});

describe("Arcade adds this server as a remote MCP server (Arcade docs: Add remote MCP servers)", () => {
  test("registered by URL, Arcade runs the MCP OAuth flow for its user; the person signs in (through Arcade's Asana authorization); tools.execute then calls the tool", async () => {
    const world = await sharedArcadeWorld();
    const arcade = new Arcade({ apiKey: world.arcade.apiKey, baseURL: world.arcade.baseUrl, maxRetries: 0 });
    await arcade.workers.create({ id: "asana-remote", type: "mcp", mcp: { uri: world.server.url, timeout: 30, retry: 1 } });
    const toolName = "asana-remote.Asana_ListWorkspaces";
    const pending = await arcade.tools.authorize({ tool_name: toolName, user_id: "agent-user@acme.test" });
    expect(pending.status).toBe("pending");
    // The person opens Arcade's link: this server's consent page names Arcade, then the sign-in, back to Arcade.
    const browser = new TestBrowser();
    const afterConsent = await consent(browser, pending.url!);
    expect(browser.pages[0]!.html).toContain("<strong>Arcade</strong>");
    const end = isPage(afterConsent) ? await allowAsanaAs(world.asana.world.colleague.gid)(afterConsent, browser) : afterConsent;
    expect(isPage(end) && end.html).toContain("asana-remote is connected to Arcade");
    expect((await arcade.tools.authorize({ tool_name: toolName, user_id: "agent-user@acme.test" })).status).toBe("completed");
    const result = await arcade.tools.execute({ tool_name: toolName, input: {}, user_id: "agent-user@acme.test" });
    expect(result.success, JSON.stringify(result.output)).toBe(true);
    expect((result.output!.value as { workspaces: Array<{ name: string }> }).workspaces.map((w) => w.name)).toEqual(["Acme Corp"]);
  });
});

describe("the v2 MCP SDK's OAuth client (@modelcontextprotocol/client 2.4.0) on protocol 2026-07-28", () => {
  test("signs in through Arcade, checks the authorization response's iss (RFC 9207), calls a tool, refreshes", async () => {
    const world = await sharedArcadeWorld();
    const provider = new MemoryOAuthClientProvider({ redirectUrl: clientCallback, clientName: "v2 client" });
    const first = new ClientV2({ name: "v2-sign-in", version: "1.0.0" }, { versionNegotiation: { mode: { pin: "2026-07-28" } } });
    const transport = new StreamableHTTPClientTransportV2(new URL(world.server.url), { authProvider: provider });
    await expect(first.connect(transport)).rejects.toBeInstanceOf(UnauthorizedErrorV2);
    const browser = new TestBrowser({ stopAt: [clientCallback] });
    const callback = await driveToCallback(await consent(browser, provider.authorizationUrl!), browser, [allowAsanaAs(world.asana.world.me.gid)]);
    // The v2 client reads code and iss from the callback, and refuses an iss that is not its server's.
    const forged = new URLSearchParams(callback.searchParams);
    forged.set("iss", "https://attacker.example");
    await expect(transport.finishAuth(forged)).rejects.toThrow(/iss|issuer/i);
    await transport.finishAuth(callback.searchParams);
    const client = new ClientV2({ name: "v2-sign-in", version: "1.0.0" }, { versionNegotiation: { mode: { pin: "2026-07-28" } } });
    await client.connect(new StreamableHTTPClientTransportV2(new URL(world.server.url), { authProvider: provider }));
    cleanups.push(() => client.close());
    const listed = await client.callTool({ name: "Asana_ListWorkspaces", arguments: {} });
    expect(listed.isError, JSON.stringify(listed.content)).toBeFalsy();
    const before = provider.tokens()!;
    expect(await authV2(provider, { serverUrl: world.server.url })).toBe("AUTHORIZED");
    expect(provider.tokens()!.refresh_token).not.toBe(before.refresh_token);
    const again = await client.callTool({ name: "Asana_ListWorkspaces", arguments: {} });
    expect(again.isError, JSON.stringify(again.content)).toBeFalsy();
  });
});

describe("mcp-remote, the bridge Claude Desktop users run, as a second OAuth client", () => {
  test("mcp-remote registers, opens the sign-in (here: the test's browser), takes the code on its own callback and bridges a tool call", async () => {
    const world = await sharedArcadeWorld();
    const configDir = mkdtempSync(join(tmpdir(), "asana-mcp-remote-"));
    cleanups.push(async () => rmSync(configDir, { recursive: true, force: true }));
    const bridge = createRequire(import.meta.url).resolve("mcp-remote/dist/proxy.js");
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bridge, world.server.url, String(await freePort())],
      // No browser to open here: mcp-remote prints the URL, and the test's browser opens it.
      env: { PATH: "/nonexistent", HOME: configDir, MCP_REMOTE_CONFIG_DIR: configDir },
      stderr: "pipe",
    });
    let stderr = "";
    const authorizationUrl = new Promise<string>((resolve) => {
      transport.stderr?.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /Please authorize this client by visiting:\s+(\S+)/.exec(stderr);
        // mcp-remote may print the link before its callback server listens: the browser, quicker than a
        // person, waits for that server.
        if (match && /running the sign-in for this server \(callback port \d+\)/.test(stderr)) resolve(match[1]!);
      });
    });
    const client = new Client({ name: "claude-desktop-stand-in", version: "1.0.0" }, { jsonSchemaValidator: v1OutputValidator });
    const connected = client.connect(transport);
    cleanups.push(() => client.close());
    const url = await authorizationUrl;
    // The browser goes all the way, to mcp-remote's own callback server, which takes the code.
    const browser = new TestBrowser();
    const afterConsent = await consent(browser, url);
    const end = isPage(afterConsent) ? await allowAsanaAs(world.asana.world.me.gid)(afterConsent, browser) : afterConsent;
    expect(isPage(end) && end.status, stderr).toBe(200);
    expect(browser.steps.some((s) => s.url.includes("/oauth/callback?code="))).toBe(true);
    await connected;
    expect(await workspaceNames(client)).toEqual(["Acme Corp", "Personal Projects"]);
  });
});

async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("remote sign-in with the deployment's own Asana app", () => {
  test("the SDK signs in at Asana's OAuth (emulated); the Asana token is refreshed on the server when it expires, never leaves it, and is revoked with the grant", async () => {
    const asana = await startAsanaFake();
    const app = { clientId: "deployment-asana-app", clientSecret: "deployment-asana-app-secret" };
    const server = await spawnHttpServer({
      ASANA_BASE_URL: asana.baseUrl,
      ASANA_OAUTH_BASE_URL: asana.origin,
      ASANA_OAUTH_CLIENT_ID: app.clientId,
      ASANA_OAUTH_CLIENT_SECRET: app.clientSecret,
      ASANA_MCP_OAUTH_SECRET: oauthSecret,
    });
    cleanups.push(() => server.close());
    const origin = new URL(server.url).origin;
    asana.oauth.addApp({ ...app, redirectUris: [`${origin}/oauth/callback/asana`] });

    const ada = await connectWithSignIn(server.url, [allowAsanaAs(asana.world.me.gid)]);
    cleanups.push(() => ada.client.close());
    expect(await workspaceNames(ada.client)).toEqual(["Acme Corp", "Personal Projects"]);
    const firstGrant = asana.oauth.exchanges.find((e) => e.path === "/-/oauth_token" && e.status === 200)!;
    const [asanaAccess, asanaRefresh] = firstGrant.issued;

    // Asana's access token expires: the next call refreshes it on the server and goes through.
    asana.oauth.expireAccessTokens();
    expect(await workspaceNames(ada.client)).toEqual(["Acme Corp", "Personal Projects"]);
    const refreshed = asana.oauth.exchanges.filter((e) => e.path === "/-/oauth_token" && e.status === 200);
    expect(refreshed).toHaveLength(2);
    const renewedAccess = refreshed[1]!.issued[0]!;
    expect(asana.requestsTo("GET", "/workspaces").at(-1)!.headers.authorization).toBe(`Bearer ${renewedAccess}`);

    // No Asana token reached the client, the browser or the log; no MCP token reached Asana.
    const mcpTokens = ada.provider.tokens()!;
    const seenByClient = JSON.stringify([mcpTokens, ada.callback.toString(), ada.browser.steps]);
    for (const asanaToken of [asanaAccess!, asanaRefresh!, renewedAccess]) {
      expect(seenByClient).not.toContain(asanaToken);
      expect(server.stderr()).not.toContain(asanaToken);
    }
    for (const exchange of asana.exchanges) expect(exchange.headers.authorization ?? "").not.toContain(mcpTokens.access_token);

    // Revoking the MCP grant revokes the Asana grant at Asana.
    const revoked = await fetch(`${origin}/oauth/revoke`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: mcpTokens.refresh_token!, client_id: ada.provider.clientInformation()!.client_id }),
    });
    expect(revoked.status).toBe(200);
    expect(asana.oauth.exchanges.filter((e) => e.path === "/-/oauth_revoke" && e.status === 200)).toHaveLength(1);
    expect((await mcpStatus(server.url, mcpTokens.access_token)).status).toBe(401);
  });
});

describe("remote sign-in with an OpenID Connect provider (oidc-provider), Asana through Arcade", () => {
  /** Both tests share one provider, Arcade and server; each signs in people of its own, whose grants no other test touches. */
  const openIdWorld = () =>
    sharedWorld(
      "OpenID Connect",
      async (asana) => {
        const provider = await startOpenIdProvider();
        const world = await startArcadeWorld(asana, {
          ASANA_MCP_OIDC_ISSUER: provider.issuer,
          ASANA_MCP_OIDC_CLIENT_ID: provider.clientId,
          ASANA_MCP_OIDC_CLIENT_SECRET: provider.clientSecret,
        }).catch(async (error: unknown) => {
          await provider.close();
          throw error;
        });
        provider.serve(`${world.origin}/oauth/callback/oidc`);
        return { ...world, provider };
      },
      async (world) => {
        await closeArcadeWorld(world);
        await world.provider.close();
      },
    );

  test("the provider's signed-in person is the Arcade user; Arcade's verifier confirms that person; a second sign-in reuses the grant", async () => {
    const { asana, server, arcadeRequests } = await openIdWorld();
    const hedy = await connectWithSignIn(server.url, [signInToProviderAs("hedy@acme.test"), allowAsanaAs(asana.world.colleague.gid)]);
    cleanups.push(() => hedy.client.close());
    expect(await workspaceNames(hedy.client)).toEqual(["Acme Corp"]);
    const confirmations = arcadeRequests().filter((r) => r.path === "/v1/auth/confirm_user");
    expect(confirmations.map((r) => (r.body as { user_id: string }).user_id)).toEqual(["hedy@acme.test"]);
    expect(
      arcadeRequests()
        .filter((r) => r.path === "/v1/auth/authorize")
        .every((r) => (r.body as { user_id: string }).user_id === "hedy@acme.test"),
    ).toBe(true);

    // Signing in again (another client, same person): the provider vouches for her, Arcade already holds her grant.
    const again = await connectWithSignIn(server.url, [signInToProviderAs("hedy@acme.test")]);
    cleanups.push(() => again.client.close());
    expect(await workspaceNames(again.client)).toEqual(["Acme Corp"]);
    expect(arcadeRequests().filter((r) => r.path === "/v1/auth/confirm_user")).toHaveLength(1);
  });

  test("when a grant lapses, a tool call's Arcade link is confirmed for the person signed in in that browser, and for nobody else", async () => {
    const { asana, arcade, server, arcadeRequests } = await openIdWorld();
    const grace = await connectWithSignIn(server.url, [signInToProviderAs("grace@acme.test"), allowAsanaAs(asana.world.colleague.gid)]);
    cleanups.push(() => grace.client.close());
    const ada = await connectWithSignIn(server.url, [signInToProviderAs("ada@acme.test"), allowAsanaAs(asana.world.me.gid)]);
    cleanups.push(() => ada.client.close());

    // Grace's grant is revoked in Arcade: her next call returns Arcade's link.
    arcade.forget("grace@acme.test");
    const linkOf = async () => {
      const result = (await grace.client.callTool({ name: "Asana_ListWorkspaces", arguments: {} })) as CallToolResult;
      expect(result.isError).toBe(true);
      const link = /https?:\/\/\S+?\/oauth\/asana\/authorize\?flow=[\w-]+/.exec(JSON.stringify(result.content))?.[0];
      expect(link, JSON.stringify(result.content)).toBeDefined();
      return link!;
    };
    const link = await linkOf();
    // Opened in a browser that never signed in here: nothing is confirmed.
    const stranger = new TestBrowser();
    const strangerEnd = await stranger.open(link);
    const strangerPage = isPage(strangerEnd) ? await allowAsanaAs(asana.world.colleague.gid)(strangerEnd, stranger) : strangerEnd;
    expect(isPage(strangerPage) && strangerPage.status).toBe(400);
    expect(isPage(strangerPage) && strangerPage.html).toContain("Open this in the browser you signed in with");
    // Opened in Ada's browser (signed in as Ada): Arcade refuses to confirm Grace's flow for Ada.
    const inAdasBrowser = await ada.browser.open(await linkOf());
    const adaPage = isPage(inAdasBrowser) ? await allowAsanaAs(asana.world.colleague.gid)(inAdasBrowser, ada.browser) : inAdasBrowser;
    expect(isPage(adaPage) && adaPage.status).toBe(400);
    expect(isPage(adaPage) && adaPage.html).toContain("not yours to confirm");
    // Opened in Grace's own browser: confirmed for Grace, and her calls work again.
    const graceBrowser = new TestBrowser({ stopAt: ["https://arcade.test/"] });
    await graceBrowser.jar.setCookie(
      (await grace.browser.jar.getCookieString(server.url)).split("; ").find((c) => c.startsWith("asana_mcp_session="))!,
      server.url,
    );
    const opened = await graceBrowser.open(await linkOf());
    const done = isPage(opened) ? await allowAsanaAs(asana.world.colleague.gid)(opened, graceBrowser) : opened;
    expect(isPage(done), JSON.stringify(graceBrowser.steps)).toBe(false);
    expect(await workspaceNames(grace.client)).toEqual(["Acme Corp"]);
    const confirmedFor = arcadeRequests()
      .filter((r) => r.path === "/v1/auth/confirm_user")
      .map((r) => (r.body as { user_id: string }).user_id);
    expect(confirmedFor).toEqual(["grace@acme.test", "ada@acme.test", "ada@acme.test", "grace@acme.test"]);
  });
});

async function workspaceNames(client: Client): Promise<string[]> {
  const result = (await client.callTool({ name: "Asana_ListWorkspaces", arguments: {} })) as CallToolResult;
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return (result.structuredContent as { workspaces: Array<{ name: string }> }).workspaces.map((w) => w.name).sort();
}

async function reconnect(mcpUrl: string, signedIn: SignedInClient): Promise<Client> {
  const client = new Client({ name: "sign-in-test", version: "1.0.0" }, { jsonSchemaValidator: v1OutputValidator });
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: signedIn.provider }));
  cleanups.push(() => client.close());
  return client;
}

/** A tools/list POST with a bearer token, as any MCP client sends it: the status and the challenge. */
async function mcpStatus(mcpUrl: string, token: string): Promise<{ status: number; wwwAuthenticate: string; body: string }> {
  const response = await fetch(mcpUrl, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": "2025-11-25",
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }),
  });
  return { status: response.status, wwwAuthenticate: response.headers.get("www-authenticate") ?? "", body: await response.text() };
}
