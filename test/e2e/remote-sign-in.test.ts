import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, test } from "vitest";
import { startFakeArcade, type FakeArcade } from "../fakes/arcade.js";
import { startAsanaFake, type AsanaFake } from "../support/asana-fake.js";
import { allowAsanaAs, connectWithSignIn } from "../support/remote-sign-in.js";
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
  const asana = await startAsanaFake();
  const arcade = await startFakeArcade({ asanaOAuth: { origin: asana.origin, ...arcadeApp } });
  cleanups.push(() => arcade.close());
  const server = await spawnHttpServer({
    ASANA_BASE_URL: asana.baseUrl,
    ARCADE_API_KEY: arcade.apiKey,
    ARCADE_BASE_URL: arcade.baseUrl,
    ASANA_MCP_OAUTH_SECRET: oauthSecret,
    ...env,
  });
  cleanups.push(() => server.close());
  const origin = new URL(server.url).origin;
  asana.oauth.addApp({ ...arcadeApp, redirectUris: [`${arcade.baseUrl}/oauth/asana/callback`] });
  arcade.useCustomVerifier(`${origin}/arcade/verify-user`);
  return { asana, arcade, server, origin };
}

describe("remote sign-in through Arcade (the default with ARCADE_API_KEY)", () => {
  test("the MCP SDK's OAuth client signs in by DCR: Arcade's Asana authorization, the user verifier, a tool call as that Asana user", async () => {
    const world = await arcadeWorld();
    const { client, callback } = await connectWithSignIn(world.server.url, [allowAsanaAs(world.asana.world.me.gid)]);
    cleanups.push(() => client.close());
    expect(callback.searchParams.get("iss")).toBe(world.origin);
    const result = (await client.callTool({ name: "Asana_ListWorkspaces", arguments: {} })) as CallToolResult;
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    expect((result.structuredContent as { workspaces: Array<{ name: string }> }).workspaces.map((w) => w.name)).toContain("Acme Corp");
  });
});
