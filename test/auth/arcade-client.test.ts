import { afterEach, describe, expect, test } from "vitest";
import { createArcadeClient, waitForAuthorization } from "../../src/auth/index.js";
import { startFakeArcade, type FakeArcade } from "../fakes/arcade.js";

const open: FakeArcade[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((arcade) => arcade.close()));
});

/** A pending authorization for ada, and a client of the fake Arcade that holds it. */
async function pendingAuthorization() {
  const fake = await startFakeArcade();
  open.push(fake);
  const arcade = createArcadeClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, maxRetries: 0 });
  const pending = await arcade.auth.authorize({ user_id: "ada@acme.test", auth_requirement: { provider_id: "asana", oauth2: { scopes: ["default"] } } });
  expect(pending.status).toBe("pending");
  return { fake, arcade, pending };
}

const statusPolls = (fake: FakeArcade) => fake.requests.filter((r) => r.path === "/v1/auth/status").length;

describe("waiting for an authorization when Arcade answers at once", () => {
  // Without a pause between polls, an Arcade that answers a long-poll at once (a proxy that cuts it, a
  // 408 with no wait) took 13,835 polls in 5 s. The window is 2 s; the bound counts polls, not time.
  test.each([
    ["408 at once", 408, { message: "timed out waiting for the authorization to complete" }],
    ["pending at once", 200, undefined],
  ])("%s: a bounded number of polls in the wait window, and the last answer is still pending", async (_name, status, body) => {
    const { fake, arcade, pending } = await pendingAuthorization();
    fake.answerWith("GET", "/v1/auth/status", status, body ?? { id: pending.id, status: "pending", url: pending.url }, 1_000_000);
    const result = await waitForAuthorization(arcade, pending, { deadline: Date.now() + 2_000 });
    expect(result.status).toBe("pending");
    const polls = statusPolls(fake);
    expect(polls).toBeGreaterThanOrEqual(2);
    expect(polls).toBeLessThanOrEqual(8);
  });

  test("an approval between two early answers is seen at the next poll", async () => {
    const { fake, arcade, pending } = await pendingAuthorization();
    fake.answerWith("GET", "/v1/auth/status", 408, { message: "timed out" }, 2);
    const waiting = waitForAuthorization(arcade, pending, { deadline: Date.now() + 20_000 });
    await expect.poll(() => statusPolls(fake)).toBeGreaterThanOrEqual(2);
    fake.approve("ada@acme.test", "approved-after-backoff");
    const result = await waiting;
    expect(result.status).toBe("completed");
    expect(result.context?.token).toBe("approved-after-backoff");
  });

  test("a cancelled wait ends during the pause between polls, without another poll", async () => {
    const { fake, arcade, pending } = await pendingAuthorization();
    fake.answerWith("GET", "/v1/auth/status", 408, { message: "timed out" }, 1_000_000);
    const controller = new AbortController();
    const waiting = waitForAuthorization(arcade, pending, { deadline: Date.now() + 60_000, signal: controller.signal }).catch((e: unknown) => e);
    await expect.poll(() => statusPolls(fake)).toBeGreaterThanOrEqual(3);
    controller.abort();
    const outcome = await waiting;
    expect(outcome).toBeInstanceOf(Error);
    const pollsAtAbort = statusPolls(fake);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(statusPolls(fake)).toBe(pollsAtAbort);
  });
});
