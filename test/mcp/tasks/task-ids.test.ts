import { describe, expect, test } from "vitest";
import { createTaskIdSealer, type TaskClaims } from "../../../src/mcp/tasks/index.js";

const secret = "a-task-secret-of-at-least-32-characters!";
const claims: TaskClaims = {
  tool: "DuplicateProject",
  createdAt: Date.parse("2026-12-07T10:00:00.000Z"),
  ttlMs: 3_600_000,
  job: "1209876543210987",
  memo: { name: "Q1 Launch (copy)" },
};

describe("task ids", () => {
  test("open what they sealed, for the same user, on any replica that shares the secret", () => {
    const id = createTaskIdSealer([secret]).seal(claims, "ada@acme.test");
    expect(createTaskIdSealer([secret]).open(id, "ada@acme.test")).toEqual(claims);
    // Safe in a header (Mcp-Name) and a URL, and short enough for both.
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(id.length).toBeLessThan(300);
  });

  test("say nothing readable: the job and the memo are encrypted, not just signed", () => {
    const id = createTaskIdSealer([secret]).seal(claims, "");
    const decoded = Buffer.from(id.replace(/^[^_]*_/, ""), "base64url").toString("latin1");
    expect(decoded).not.toContain("1209876543210987");
    expect(decoded).not.toContain("Q1 Launch");
    expect(id).not.toContain("DuplicateProject");
  });

  test("do not open for another user, under another secret, or once changed in any character", () => {
    const sealer = createTaskIdSealer([secret]);
    const id = sealer.seal(claims, "ada@acme.test");
    expect(sealer.open(id, "bob@acme.test")).toBeUndefined();
    expect(sealer.open(id, "")).toBeUndefined();
    expect(createTaskIdSealer(["another-secret-of-at-least-32-characters"]).open(id, "ada@acme.test")).toBeUndefined();
    for (let index = 0; index < id.length; index++) {
      const flipped = id.slice(0, index) + (id[index] === "A" ? "B" : "A") + id.slice(index + 1);
      expect(sealer.open(flipped, "ada@acme.test"), `character ${index}`).toBeUndefined();
    }
    expect(sealer.open("", "ada@acme.test")).toBeUndefined();
    expect(sealer.open("not a task id at all", "ada@acme.test")).toBeUndefined();
    expect(sealer.open("x".repeat(100_000), "ada@acme.test")).toBeUndefined();
  });

  test("seal with the first secret and open with any listed, so a secret can be rotated", () => {
    const old = createTaskIdSealer(["the-old-secret-of-at-least-32-characters"]).seal(claims, "ada@acme.test");
    const rotated = createTaskIdSealer([secret, "the-old-secret-of-at-least-32-characters"]);
    expect(rotated.open(old, "ada@acme.test")).toEqual(claims);
    expect(createTaskIdSealer([secret]).open(rotated.seal(claims, "ada@acme.test"), "ada@acme.test")).toEqual(claims);
  });

  test("two tasks of the same job and the same moment still get different ids", () => {
    const sealer = createTaskIdSealer([secret]);
    expect(sealer.seal(claims, "ada@acme.test")).not.toBe(sealer.seal(claims, "ada@acme.test"));
  });
});
