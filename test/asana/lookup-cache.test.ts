import { describe, expect, test } from "vitest";
import { LookupCache } from "../../src/asana/index.js";

describe("LookupCache: what one call read to resolve names, kept briefly per user", () => {
  test("one token's facts never answer another token's lookup, and forgetting one user's leaves the other's", () => {
    const cache = new LookupCache();
    const ada = cache.forToken("pat-ada");
    const grace = cache.forToken("pat-grace");
    ada.set("task", "12", { projects: [{ gid: "1" }] });
    expect(grace.get("task", "12")).toBeUndefined();
    expect(cache.forToken("pat-ada").get("task", "12")).toEqual({ projects: [{ gid: "1" }] });
    grace.set("workspaces", "", [{ gid: "9" }]);
    ada.forgetAll();
    expect(ada.get("task", "12")).toBeUndefined();
    expect(grace.get("workspaces", "")).toEqual([{ gid: "9" }]);
  });

  test("a fact is used for its time to live and then read again", () => {
    let now = 1_000_000;
    const cache = new LookupCache({ ttlMs: 60_000, now: () => now });
    const facts = cache.forToken("pat-ada");
    facts.set("workspaces", "", [{ gid: "9" }]);
    now += 59_999;
    expect(facts.get("workspaces", "")).toEqual([{ gid: "9" }]);
    now += 1;
    expect(facts.get("workspaces", "")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  test("entries are bounded: the oldest go first", () => {
    const cache = new LookupCache({ maxEntries: 3 });
    const facts = cache.forToken("pat-ada");
    for (const id of ["1", "2", "3", "4"]) facts.set("task", id, { projects: [] });
    expect(cache.size).toBe(3);
    expect(facts.get("task", "1")).toBeUndefined();
    expect(facts.get("task", "4")).toEqual({ projects: [] });
  });

  test("a stored fact is a frozen copy: neither the writer nor a reader can change what the next call reads", () => {
    const cache = new LookupCache();
    const facts = cache.forToken("pat-ada");
    const written = { projects: [{ gid: "1" }] };
    facts.set("task", "12", written);
    written.projects.push({ gid: "2" });
    const read = facts.get<{ projects: Array<{ gid: string }> }>("task", "12")!;
    expect(read.projects).toEqual([{ gid: "1" }]);
    expect(() => (read.projects as Array<{ gid: string }>).push({ gid: "3" })).toThrow(TypeError);
  });

  test("a time to live of 0 keeps nothing", () => {
    const facts = new LookupCache({ ttlMs: 0 }).forToken("pat-ada");
    facts.set("workspaces", "", [{ gid: "9" }]);
    expect(facts.get("workspaces", "")).toBeUndefined();
  });
});
