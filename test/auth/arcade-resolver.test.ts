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
import { Asana } from "../../src/toolkit/index.js";
import { startFakeArcade, type FakeArcade } from "../fakes/arcade.js";

const requirement = Asana({ scopes: ["default"] });
const open: FakeArcade[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((arcade) => arcade.close()));
});

async function fakeArcade() {
  const arcade = await startFakeArcade();
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
    expect(call?.body).toEqual({ user_id: "ada@acme.test", auth_requirement: { provider_id: "asana", provider_type: "oauth2", oauth2: { scopes: ["default"] } } });
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
    const error = await resolverFor(arcade, { pendingWaitMs: 1_000 }).resolve({ requirement }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthorizationRequiredError);
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

  test("no user id names ARCADE_USER_ID", async () => {
    const arcade = await fakeArcade();
    const error = await resolverFor(arcade, { defaultUserId: undefined }).resolve({ requirement }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingCredentialsError);
    expect((error as Error).message).toContain("ARCADE_USER_ID");
  });
});

describe("choosing the token source", () => {
  test("a personal access token is used as is", async () => {
    const resolver = createTokenResolver({ asanaAccessToken: "pat" });
    expect(await resolver.resolve({ requirement })).toBe("pat");
  });

  test("with nothing configured, every call says which variables to set", async () => {
    const error = await createTokenResolver({}).resolve({ requirement }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingCredentialsError);
    expect((error as Error).message).toContain("ASANA_ACCESS_TOKEN");
    expect((error as Error).message).toContain("ARCADE_API_KEY");
    expect((error as Error).message).toContain("ARCADE_USER_ID");
  });
});
