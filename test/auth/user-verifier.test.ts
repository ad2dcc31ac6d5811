import { Arcade } from "@arcadeai/arcadejs";
import { afterEach, describe, expect, test } from "vitest";
import { ArcadeTokenResolver, createUserVerifierRoute, userVerifierPath } from "../../src/auth/index.js";
import { startHttpServer, type RunningHttpServer } from "../../src/http/index.js";
import { silentLogger } from "../../src/log/index.js";
import { Asana, applyAsanaAuthSettings } from "../../src/toolkit/index.js";
import { startFakeArcade, type FakeArcade } from "../fakes/arcade.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A single-user server's verifier route, and Arcade configured to send browsers to it. */
async function verifierFor(
  userId: string,
  options: { asanaProviders?: string[] } = {},
): Promise<{ arcade: FakeArcade; http: RunningHttpServer; client: Arcade }> {
  const arcade = await startFakeArcade(options);
  cleanups.push(() => arcade.close());
  const client = new Arcade({ apiKey: arcade.apiKey, baseURL: arcade.baseUrl, maxRetries: 0 });
  const http = await startHttpServer({
    host: "127.0.0.1",
    port: 0,
    routes: [createUserVerifierRoute({ arcade: client, userId, logger: silentLogger })],
    logger: silentLogger,
  });
  cleanups.push(() => http.close());
  arcade.useCustomVerifier(`${http.baseUrl}${userVerifierPath}`);
  return { arcade, http, client };
}

describe("Arcade custom user verifier", () => {
  test("after the user approves Asana, the verifier confirms them and sends the browser on to Arcade's next_uri; the token is then Arcade's", async () => {
    const { arcade, client } = await verifierFor("ada@acme.test", { asanaProviders: ["my-asana-provider"] });
    const requirement = applyAsanaAuthSettings(Asana({ scopes: ["default"] }), { providerId: "my-asana-provider" });
    const resolver = new ArcadeTokenResolver({ arcade: client, defaultUserId: "ada@acme.test" });
    expect(await resolver.resolve({ requirement }).catch((e: unknown) => (e as Error).name)).toBe("AuthorizationRequiredError");

    // Ada approves in Asana; Arcade sends her browser to our verifier with a flow id.
    const browserGoesTo = arcade.consent("ada@acme.test", "token-from-my-app", "my-asana-provider");
    expect(browserGoesTo).toMatch(new RegExp(`${userVerifierPath}\\?flow_id=af_`));
    const page = await fetch(browserGoesTo, { redirect: "manual" });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("https://arcade.test/auth/success?provider=my-asana-provider");
    expect(arcade.requests.find((r) => r.path === "/v1/auth/confirm_user")?.body).toEqual({
      flow_id: new URL(browserGoesTo).searchParams.get("flow_id"),
      user_id: "ada@acme.test",
    });

    expect(await resolver.resolve({ requirement })).toBe("token-from-my-app");
  });

  test("until the verifier confirms the user, the authorization stays pending", async () => {
    const { arcade, client } = await verifierFor("ada@acme.test");
    const resolver = new ArcadeTokenResolver({ arcade: client, defaultUserId: "ada@acme.test" });
    const requirement = Asana({ scopes: ["default"] });
    await resolver.resolve({ requirement }).catch(() => undefined);
    arcade.consent("ada@acme.test", "not-yet");
    expect(await resolver.resolve({ requirement }).catch((e: unknown) => (e as Error).name)).toBe("AuthorizationRequiredError");
  });

  test("a flow started for another user is refused by Arcade, and the page says so without naming our user", async () => {
    const { arcade, client } = await verifierFor("ada@acme.test");
    await new ArcadeTokenResolver({ arcade: client, defaultUserId: "mallory@evil.test" })
      .resolve({ requirement: Asana({ scopes: ["default"] }) })
      .catch(() => undefined);
    const page = await fetch(arcade.consent("mallory@evil.test", "phished-token"), { redirect: "manual" });
    expect(page.status).toBe(400);
    const text = await page.text();
    expect(text).toContain("Arcade did not confirm this authorization");
    expect(text).toContain("ARCADE_USER_ID");
    expect(text).not.toContain("ada@acme.test");
  });

  test("without a flow_id the page explains where it is meant to be opened from; other methods are refused", async () => {
    const { http } = await verifierFor("ada@acme.test");
    const bare = await fetch(`${http.baseUrl}${userVerifierPath}`);
    expect(bare.status).toBe(400);
    expect(await bare.text()).toContain("needs the flow_id");
    expect((await fetch(`${http.baseUrl}${userVerifierPath}?flow_id=x`, { method: "POST" })).status).toBe(405);
  });

  test("an unreachable Arcade is a 502 that names Arcade's URL", async () => {
    const client = new Arcade({ apiKey: "k", baseURL: "http://127.0.0.1:9", maxRetries: 0 });
    const http = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      routes: [createUserVerifierRoute({ arcade: client, userId: "ada", logger: silentLogger })],
      logger: silentLogger,
    });
    cleanups.push(() => http.close());
    const page = await fetch(`${http.baseUrl}${userVerifierPath}?flow_id=af_1`);
    expect(page.status).toBe(502);
    expect(await page.text()).toContain("Could not reach Arcade at http://127.0.0.1:9");
  });
});
