import { Arcade } from "@arcadeai/arcadejs";
import { afterEach, describe, expect, test } from "vitest";
import {
  ArcadeTokenResolver,
  AuthorizationFailedError,
  AuthorizationRequiredError,
  MissingCredentialsError,
  TokenServiceUnavailableError,
  createTokenResolver,
} from "../../src/auth/index.js";
import { Asana, applyAsanaAuthSettings } from "../../src/toolkit/index.js";
import { startFakeArcade, type FakeArcade, type FakeArcadeOptions } from "../fakes/arcade.js";

const requirement = Asana({ scopes: ["default"] });
const open: FakeArcade[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((arcade) => arcade.close()));
});

async function fakeArcade(options: FakeArcadeOptions = {}) {
  const arcade = await startFakeArcade(options);
  open.push(arcade);
  return arcade;
}

function resolverFor(arcade: FakeArcade, options: Partial<ConstructorParameters<typeof ArcadeTokenResolver>[0]> = {}) {
  return new ArcadeTokenResolver({
    arcade: new Arcade({ apiKey: arcade.apiKey, baseURL: arcade.baseUrl, maxRetries: 0 }),
    defaultUserId: "ada@acme.test",
    ...options,
  });
}

describe("Arcade token resolver", () => {
  test("a completed authorization yields Arcade's token, asked for with provider asana and scope default", async () => {
    const arcade = await fakeArcade();
    arcade.approve("ada@acme.test", "asana-oauth-token-1");
    expect(await resolverFor(arcade).resolve({ requirement })).toBe("asana-oauth-token-1");
    const [call] = arcade.requests;
    expect(call).toMatchObject({ method: "POST", path: "/v1/auth/authorize", authorization: arcade.apiKey });
    expect(call?.body).toEqual({
      user_id: "ada@acme.test",
      auth_requirement: { provider_id: "asana", provider_type: "oauth2", oauth2: { scopes: ["default"] } },
    });
  });

  test("a pending authorization throws AuthorizationRequiredError with the link; after approval the call succeeds", async () => {
    const arcade = await fakeArcade();
    const resolver = resolverFor(arcade);
    const pending = await resolver.resolve({ requirement }).catch((e: unknown) => e);
    expect(pending).toBeInstanceOf(AuthorizationRequiredError);
    expect((pending as AuthorizationRequiredError).url).toMatch(/^https:\/\/arcade\.test\/oauth\/asana\/authorize\?flow=ar_/);
    arcade.approve("ada@acme.test", "token-after-approval");
    expect(await resolver.resolve({ requirement })).toBe("token-after-approval");
  });

  test("the token is cached per user: repeated and concurrent calls cost one Arcade round trip", async () => {
    const arcade = await fakeArcade();
    arcade.approve("ada@acme.test", "ada-token");
    arcade.approve("grace@acme.test", "grace-token");
    const resolver = resolverFor(arcade);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => resolver.resolve({ requirement })));
    expect(new Set(tokens)).toEqual(new Set(["ada-token"]));
    expect(await resolver.resolve({ requirement, userId: "grace@acme.test" })).toBe("grace-token");
    expect(await resolver.resolve({ requirement })).toBe("ada-token");
    expect(arcade.requests.map((r) => (r.body as { user_id: string }).user_id)).toEqual(["ada@acme.test", "grace@acme.test"]);
  });

  test("an expired cache entry, or one invalidated after a 401, is fetched again", async () => {
    const arcade = await fakeArcade();
    arcade.approve("ada@acme.test", "first");
    let now = 0;
    const resolver = resolverFor(arcade, { cacheTtlMs: 1_000, now: () => now });
    expect(await resolver.resolve({ requirement })).toBe("first");
    arcade.approve("ada@acme.test", "second");
    now = 2_000;
    expect(await resolver.resolve({ requirement })).toBe("second");
    arcade.approve("ada@acme.test", "third");
    // Invalidating a token that is no longer the cached one (another call refreshed it) keeps the fresh one.
    resolver.invalidate({ requirement }, "not-the-cached-one");
    expect(await resolver.resolve({ requirement })).toBe("second");
    resolver.invalidate({ requirement }, "second");
    expect(await resolver.resolve({ requirement })).toBe("third");
  });

  test("a token fetched for callers who all cancelled is still cached for the next call", async () => {
    const arcade = await fakeArcade();
    arcade.approve("ada@acme.test", "kept-token");
    const resolver = resolverFor(arcade);
    const controller = new AbortController();
    const cancelled = resolver.resolve({ requirement, signal: controller.signal }).catch((e: unknown) => e);
    controller.abort(new Error("caller went away"));
    expect(await cancelled).toBeInstanceOf(Error);
    await expect.poll(() => arcade.requests.length).toBe(1);
    expect(await resolver.resolve({ requirement })).toBe("kept-token");
    expect(arcade.requests).toHaveLength(1);
  });

  test("a caller cancelled before it arrives leaves no unhandled rejection behind when Arcade then answers pending", async () => {
    // Regression: the shared round trip had no handler when its only caller was already aborted, so the
    // "authorization required" that followed became an unhandled rejection and killed the process.
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      let answer!: (response: unknown) => void;
      const arcade = {
        baseURL: "http://arcade.test",
        auth: { authorize: () => new Promise((resolve) => (answer = resolve)) },
      } as unknown as Arcade;
      const resolver = new ArcadeTokenResolver({ arcade, defaultUserId: "ada@acme.test" });
      const controller = new AbortController();
      controller.abort(new Error("cancelled on arrival"));
      const error = await resolver.resolve({ requirement, signal: controller.signal }).catch((e: unknown) => e);
      expect((error as Error).message).toBe("cancelled on arrival");
      answer({ id: "ar_1", status: "pending", url: "https://arcade.test/authorize?flow=ar_1" });
      // Node reports an unhandled rejection once the microtask queue has drained.
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  test("a pending authorization is waited for up to the deadline, and completes if approved meanwhile", async () => {
    const arcade = await fakeArcade();
    const resolver = resolverFor(arcade, { pendingWaitMs: 5_000 });
    const resolving = resolver.resolve({ requirement });
    // Approve while the resolver is long-polling the status, as a person clicking the link would.
    await expect.poll(() => arcade.requests.some((r) => r.path === "/v1/auth/status")).toBe(true);
    arcade.approve("ada@acme.test", "approved-while-waiting");
    expect(await resolving).toBe("approved-while-waiting");
    expect(arcade.requests.some((r) => r.path === "/v1/auth/status")).toBe(true);
  });

  test("a pending authorization that outlives the deadline returns the link", async () => {
    const arcade = await fakeArcade();
    const error = await resolverFor(arcade, { pendingWaitMs: 1_000 })
      .resolve({ requirement })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthorizationRequiredError);
  });

  test("Arcade's 408 at the end of a long-poll is not retried by arcadejs: the wait never overshoots by an extra long-poll", async () => {
    const arcade = await fakeArcade();
    // A client that would retry a 408 twice by itself, as arcadejs does by default.
    const resolver = new ArcadeTokenResolver({
      arcade: new Arcade({ apiKey: arcade.apiKey, baseURL: arcade.baseUrl, maxRetries: 2 }),
      defaultUserId: "ada@acme.test",
      pendingWaitMs: 1_000,
    });
    const error = await resolver.resolve({ requirement }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthorizationRequiredError);
    const polls = arcade.requests.filter((r) => r.path === "/v1/auth/status");
    expect(polls).toHaveLength(1);
    expect(polls[0]?.query).toMatchObject({ wait: "1" });
  });

  test("a failed authorization is a clear error", async () => {
    const arcade = await fakeArcade();
    const resolver = resolverFor(arcade, { pendingWaitMs: 3_000 });
    const resolving = resolver.resolve({ requirement }).catch((e: unknown) => e);
    await expect.poll(() => arcade.requests.some((r) => r.path === "/v1/auth/status")).toBe(true);
    arcade.fail("ada@acme.test");
    const error = await resolving;
    expect(error).toBeInstanceOf(AuthorizationFailedError);
    expect((error as Error).message).toContain("authorization failed");
  });

  test("a wrong API key names ARCADE_API_KEY", async () => {
    const arcade = await fakeArcade();
    const resolver = new ArcadeTokenResolver({
      arcade: new Arcade({ apiKey: "wrong", baseURL: arcade.baseUrl, maxRetries: 0 }),
      defaultUserId: "ada@acme.test",
    });
    const error = await resolver.resolve({ requirement }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthorizationFailedError);
    expect((error as Error).message).toContain("Check ARCADE_API_KEY");
  });

  test("an unreachable Arcade says so", async () => {
    const resolver = new ArcadeTokenResolver({
      arcade: new Arcade({ apiKey: "k", baseURL: "http://127.0.0.1:9", maxRetries: 0 }),
      defaultUserId: "ada@acme.test",
    });
    const error = await resolver.resolve({ requirement }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenServiceUnavailableError);
  });

  test("an ARCADE_BASE_URL that answers 404 (here: one that ends in /v1) is named as the thing to check, not the provider", async () => {
    const arcade = await fakeArcade();
    const resolver = new ArcadeTokenResolver({
      arcade: new Arcade({ apiKey: arcade.apiKey, baseURL: `${arcade.baseUrl}/v1`, maxRetries: 0 }),
      defaultUserId: "ada@acme.test",
    });
    const error = await resolver.resolve({ requirement }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthorizationFailedError);
    expect((error as Error).message).toContain(`Check ARCADE_BASE_URL (${arcade.baseUrl}/v1)`);
    expect((error as Error).message).not.toContain("ARCADE_ASANA_PROVIDER_ID");
  });

  test("no user id names ARCADE_USER_ID", async () => {
    const arcade = await fakeArcade();
    const error = await resolverFor(arcade, { defaultUserId: undefined })
      .resolve({ requirement })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingCredentialsError);
    expect((error as Error).message).toContain("ARCADE_USER_ID");
  });
});

describe("your own Asana OAuth provider in Arcade", () => {
  const own = applyAsanaAuthSettings(requirement, { providerId: "my-asana-provider" });

  test("with a provider id, /v1/auth/authorize names it by id and keeps provider asana, type oauth2", async () => {
    const arcade = await fakeArcade({ asanaProviders: ["my-asana-provider", "team-asana"] });
    arcade.approve("ada@acme.test", "token-from-my-app", "my-asana-provider");
    expect(await resolverFor(arcade).resolve({ requirement: own })).toBe("token-from-my-app");
    expect(arcade.requests[0]?.body).toEqual({
      user_id: "ada@acme.test",
      auth_requirement: { provider_id: "asana", provider_type: "oauth2", id: "my-asana-provider", oauth2: { scopes: ["default"] } },
    });
  });

  test("with several Asana providers and no id, Arcade refuses, and the error names ARCADE_ASANA_PROVIDER_ID", async () => {
    const arcade = await fakeArcade({ asanaProviders: ["my-asana-provider", "team-asana"] });
    const error = await resolverFor(arcade)
      .resolve({ requirement })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthorizationFailedError);
    expect((error as Error).message).toContain("more than one provider of type asana");
    expect((error as Error).message).toContain("set ARCADE_ASANA_PROVIDER_ID");
  });

  test("a provider id the project does not have is refused, naming the id to check", async () => {
    const arcade = await fakeArcade({ asanaProviders: ["team-asana"] });
    const error = await resolverFor(arcade)
      .resolve({ requirement: own })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthorizationFailedError);
    expect((error as Error).message).toContain('ARCADE_ASANA_PROVIDER_ID is "my-asana-provider"');
  });

  test("with a single custom provider, Arcade picks it for a requirement that names only provider_id", async () => {
    const arcade = await fakeArcade({ asanaProviders: ["my-asana-provider"] });
    arcade.approve("ada@acme.test", "token-from-the-only-app", "my-asana-provider");
    expect(await resolverFor(arcade).resolve({ requirement })).toBe("token-from-the-only-app");
  });

  test("the fake accepts a requirement given by id alone, as arcadejs documents", async () => {
    const arcade = await fakeArcade({ asanaProviders: ["my-asana-provider"] });
    const client = new Arcade({ apiKey: arcade.apiKey, baseURL: arcade.baseUrl, maxRetries: 0 });
    const pending = await client.auth.authorize({ user_id: "ada@acme.test", auth_requirement: { id: "my-asana-provider", oauth2: { scopes: ["default"] } } });
    expect(pending).toMatchObject({ status: "pending", provider_id: "my-asana-provider", url: expect.stringContaining("https://arcade.test/") });
    const neither = await client.auth.authorize({ user_id: "ada@acme.test", auth_requirement: { oauth2: { scopes: ["default"] } } }).catch((e: unknown) => e);
    expect((neither as Error).message).toContain("one of ID or ProviderID must be set");
  });

  test("grants and the token cache are per user and provider: two Asana apps, two tokens for the same user", async () => {
    const arcade = await fakeArcade({ asanaProviders: ["my-asana-provider", "team-asana"] });
    arcade.approve("ada@acme.test", "token-of-my-app", "my-asana-provider");
    const team = applyAsanaAuthSettings(requirement, { providerId: "team-asana" });
    const resolver = resolverFor(arcade);
    expect(await resolver.resolve({ requirement: own })).toBe("token-of-my-app");
    // Ada approved one app, not the other: the other still needs her approval.
    expect(await resolver.resolve({ requirement: team }).catch((e: unknown) => e)).toBeInstanceOf(AuthorizationRequiredError);
    arcade.approve("ada@acme.test", "token-of-team-app", "team-asana");
    expect(await resolver.resolve({ requirement: team })).toBe("token-of-team-app");
    expect(await resolver.resolve({ requirement: own })).toBe("token-of-my-app");
    expect(arcade.requests.filter((r) => r.path === "/v1/auth/authorize")).toHaveLength(3);
  });

  test("ARCADE_ASANA_SCOPES asks Arcade for Asana's granular scopes instead of default", async () => {
    const arcade = await fakeArcade();
    arcade.approve("ada@acme.test", "narrow-token");
    const granular = applyAsanaAuthSettings(requirement, { scopes: ["tasks:read", "projects:read"] });
    expect(await resolverFor(arcade).resolve({ requirement: granular })).toBe("narrow-token");
    expect((arcade.requests[0]!.body as { auth_requirement: unknown }).auth_requirement).toEqual({
      provider_id: "asana",
      provider_type: "oauth2",
      oauth2: { scopes: ["projects:read", "tasks:read"] },
    });
  });
});

describe("choosing the token source", () => {
  test("a personal access token is used as is", async () => {
    const resolver = await createTokenResolver({ asanaAccessToken: "pat" });
    expect(await resolver.resolve({ requirement })).toBe("pat");
  });

  test("with nothing configured, every call says which variables to set", async () => {
    const error = await (await createTokenResolver({})).resolve({ requirement }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingCredentialsError);
    expect((error as Error).message).toContain("ASANA_ACCESS_TOKEN");
    expect((error as Error).message).toContain("ARCADE_API_KEY");
    expect((error as Error).message).toContain("ARCADE_USER_ID");
  });
});
