import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { silentLogger } from "../../src/log/index.js";
import { openRedisStateStore } from "../../src/oauth/redis-state-store.js";
import { MemoryStateStore, type StateStore } from "../../src/oauth/state-store.js";
import { redisReachable, testRedisUrl } from "../support/redis.js";

const redisUp = await redisReachable();

/** The same contract, for the embedded store and for Redis: what codes, refresh rotation and revocation rely on. */
async function contract(store: StateStore): Promise<void> {
  const key = (name: string) => `test:${randomBytes(8).toString("hex")}:${name}`;
  // claim: single use
  const code = key("code");
  expect(await store.claim(code, 10_000)).toBe(true);
  expect(await store.claim(code, 10_000)).toBe(false);
  // swap: compare-and-set moves a generation on exactly once
  const family = key("family");
  await store.set(family, '{"g":0}', 10_000);
  const outcomes = await Promise.all([store.swap(family, '{"g":0}', '{"g":1}', 10_000), store.swap(family, '{"g":0}', '{"g":1}', 10_000)]);
  expect(outcomes.filter(Boolean)).toHaveLength(1);
  expect(await store.get(family)).toBe('{"g":1}');
  expect(await store.swap(family, '{"g":0}', '{"g":2}', 10_000)).toBe(false);
  // delete: revocation
  await store.delete(family);
  expect(await store.get(family)).toBeUndefined();
  expect(await store.swap(family, '{"g":1}', '{"g":2}', 10_000)).toBe(false);
  // expiry
  const brief = key("brief");
  await store.set(brief, "x", 1);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(await store.get(brief)).toBeUndefined();
}

describe("the state store", () => {
  test("embedded (memory): single-use claims, compare-and-set, delete, expiry", async () => {
    await contract(new MemoryStateStore());
  });

  test("embedded with a bound: past maxEntries the entry written longest ago goes first", async () => {
    const store = new MemoryStateStore({ maxEntries: 2 });
    await contract(new MemoryStateStore({ maxEntries: 100 }));
    await store.set("a", "1", 10_000);
    await store.set("b", "2", 10_000);
    // Written again, "a" is the newest; "b" goes when "c" arrives.
    await store.set("a", "1'", 10_000);
    expect(await store.claim("c", 10_000)).toBe(true);
    expect([await store.get("a"), await store.get("b"), await store.get("c")]).toEqual(["1'", undefined, "1"]);
  });

  test.skipIf(!redisUp)(`Redis: the same contract${redisUp ? "" : ` (skipped: no Redis at ${testRedisUrl}; .ci/run starts one)`}`, async () => {
    const store = await openRedisStateStore(testRedisUrl, silentLogger);
    try {
      await contract(store);
    } finally {
      await store.close();
    }
  });
});
