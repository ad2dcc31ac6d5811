import { describe, expect, test } from "vitest";
import { checkConfirmToken, confirmTokenKey, digestOf, identityDigest, mintConfirmToken } from "../../src/toolkit/confirm-token.js";

/** Tokens are checked without any state: what each part of one binds, and what a refusal says. */
describe("confirm tokens", () => {
  const key = confirmTokenKey("operator-secret-0123456789");
  const ada = identityDigest({ asanaToken: "token-of-ada" });
  const subject = { tool: "DeleteTask", identity: ada, input: digestOf({ task_id: "1" }) };
  const now = Date.UTC(2026, 11, 7);
  const token = mintConfirmToken(key, subject, digestOf(["2026-12-01T00:00:00Z"]), now + 600_000);

  test("the same call, user and key pass, and hand back the fingerprint to compare", () => {
    expect(checkConfirmToken(key, token, subject, now)).toEqual({ ok: true, fingerprint: digestOf(["2026-12-01T00:00:00Z"]) });
    // Replicas derive the same key from the same secret.
    expect(checkConfirmToken(confirmTokenKey("operator-secret-0123456789"), token, subject, now).ok).toBe(true);
  });

  test("argument order does not matter, argument values do", () => {
    expect(digestOf({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(digestOf({ b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(checkConfirmToken(key, token, { ...subject, input: digestOf({ task_id: "2" }) }, now)).toEqual({ ok: false, reason: "arguments" });
  });

  test("another tool, another user, another key or an altered token is foreign", () => {
    expect(checkConfirmToken(key, token, { ...subject, tool: "DeleteProject" }, now)).toEqual({ ok: false, reason: "foreign" });
    expect(checkConfirmToken(key, token, { ...subject, identity: identityDigest({ asanaToken: "token-of-grace" }) }, now)).toEqual({
      ok: false,
      reason: "foreign",
    });
    // A front door's verified user is who the token belongs to, whatever Asana token it holds now.
    expect(identityDigest({ userId: "ada", asanaToken: "a" })).toBe(identityDigest({ userId: "ada", asanaToken: "b" }));
    expect(checkConfirmToken(confirmTokenKey(), token, subject, now)).toEqual({ ok: false, reason: "foreign" });
    const parts = token.split(".");
    const altered = [parts[0], parts[1], parts[2], digestOf(["2026-12-02T00:00:00Z"]), parts[4]].join(".");
    expect(checkConfirmToken(key, altered, subject, now)).toEqual({ ok: false, reason: "foreign" });
  });

  test("a token expires, and one that is not a token is malformed", () => {
    expect(checkConfirmToken(key, token, subject, now + 600_000)).toEqual({ ok: false, reason: "expired" });
    expect(checkConfirmToken(key, "yes", subject, now)).toEqual({ ok: false, reason: "malformed" });
    expect(checkConfirmToken(key, token.replace(/^ct1\.[^.]+/, "ct1.!!"), subject, now)).toEqual({ ok: false, reason: "malformed" });
  });

  test("a token shows neither the arguments nor who it is for", () => {
    expect(token).not.toContain("token-of-ada");
    expect(token).not.toContain('"1"');
    expect(token.length).toBeLessThan(120);
  });
});
