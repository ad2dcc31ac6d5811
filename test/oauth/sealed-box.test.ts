import { describe, expect, test } from "vitest";
import { SealedBox } from "../../src/oauth/sealed-box.js";

const secret = "sealed-box-test-secret-0123456789abcdefghij";

describe("sealed values (codes, tokens, cookies)", () => {
  test("a value opens only for the purpose it was sealed for, and only unaltered", async () => {
    const box = new SealedBox([secret]);
    const access = await box.seal("access", { sub: "asana:1" }, 60);
    expect((await box.open("access", access))?.sub).toBe("asana:1");
    expect(await box.open("refresh", access)).toBeUndefined();
    expect(await box.open("code", access)).toBeUndefined();
    const parts = access.split(".");
    parts[3] = `${parts[3]!.slice(0, -2)}${parts[3]!.endsWith("AA") ? "AB" : "AA"}`;
    expect(await box.open("access", parts.join("."))).toBeUndefined();
    expect(await box.open("access", "not a token")).toBeUndefined();
    expect(await box.open("access", undefined)).toBeUndefined();
  });

  test("claims are encrypted, not just signed: the Arcade user id is not readable from the token", async () => {
    const box = new SealedBox([secret]);
    const sealed = await box.seal("access", { arc: "asana-mcp-some-user-id" }, 60);
    const readable = sealed
      .split(".")
      .map((part) => Buffer.from(part, "base64url").toString("latin1"))
      .join("");
    expect(readable).not.toContain("asana-mcp-some-user-id");
  });

  test("an expired value does not open; another deployment's secret does not open it; a rotated secret still does", async () => {
    const box = new SealedBox([secret]);
    expect(await box.open("access", await box.seal("access", { a: 1 }, -10))).toBeUndefined();
    const sealed = await box.seal("refresh", { gen: 1 }, 60);
    expect(await new SealedBox(["another-deployment-secret-0123456789abcdef"]).open("refresh", sealed)).toBeUndefined();
    const rotated = new SealedBox(["the-new-secret-after-rotation-0123456789ab", secret]);
    expect((await rotated.open("refresh", sealed))?.gen).toBe(1);
    expect(await new SealedBox([secret]).open("refresh", await rotated.seal("refresh", { gen: 2 }, 60))).toBeUndefined();
  });

  test("a MAC verifies under any configured secret and nothing else", () => {
    const box = new SealedBox([secret]);
    const tag = box.mac("client:abc");
    expect(box.verifyMac("client:abc", tag)).toBe(true);
    expect(box.verifyMac("client:abd", tag)).toBe(false);
    expect(new SealedBox(["x".repeat(40), secret]).verifyMac("client:abc", tag)).toBe(true);
    expect(new SealedBox(["x".repeat(40)]).verifyMac("client:abc", tag)).toBe(false);
  });
});
