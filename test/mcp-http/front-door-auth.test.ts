import type { IncomingMessage } from "node:http";
import { SignJWT } from "jose";
import { describe, expect, test } from "vitest";
import { createFrontDoorAuthenticator } from "../../src/mcp-http/index.js";

const secret = "front-door-secret-of-enough-length";
const authenticate = createFrontDoorAuthenticator({
  sharedSecret: secret,
  resourceMetadataUrl: () => "http://127.0.0.1/.well-known/oauth-protected-resource/mcp",
});

function requestWith(token: string): IncomingMessage {
  return { headers: { authorization: `Bearer ${token}` } } as IncomingMessage;
}

async function tokenWith(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setIssuedAt().setExpirationTime("5m").sign(new TextEncoder().encode(secret));
}

describe("front-door identity", () => {
  test("a signed token's sub is the caller's user id", async () => {
    expect(await authenticate(requestWith(await tokenWith({ sub: "ada@acme.test" })))).toEqual({ userId: "ada@acme.test" });
  });

  test("an empty, blank or numeric sub is refused, never taken for the server's default user", async () => {
    for (const sub of ["", "   ", 42]) {
      const verdict = await authenticate(requestWith(await tokenWith({ sub })));
      expect(verdict, JSON.stringify(sub)).toMatchObject({ status: 401 });
      expect((verdict as { message: string }).message).toMatch(/sub|subject|claim/i);
    }
  });
});

describe("front-door identity: a verified token is remembered, never past what it allows", () => {
  const start = Date.UTC(2026, 11, 7, 12, 0, 0);
  const seconds = (ms: number) => Math.floor(ms / 1000);
  /** A token valid from start + 10 s to `expiresAt` (start + 10 min unless given). */
  async function laterToken(sub: string, { expiresAt = start + 600_000, jti }: { expiresAt?: number; jti?: string } = {}): Promise<string> {
    return new SignJWT({ sub, nbf: seconds(start + 10_000), ...(jti ? { jti } : {}) })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt(seconds(start))
      .setExpirationTime(seconds(expiresAt))
      .sign(new TextEncoder().encode(secret));
  }
  function clockedAuthenticator() {
    const clock = { now: start };
    const authenticate = createFrontDoorAuthenticator({ sharedSecret: secret, resourceMetadataUrl: () => "http://127.0.0.1/meta", now: () => clock.now });
    return { clock, authenticate };
  }

  test("a token verified once is not verified again: moved back before its nbf, the clock still finds it known", async () => {
    const { clock, authenticate } = clockedAuthenticator();
    const token = await laterToken("ada@acme.test");
    // Not yet valid: refused, and a refusal is not remembered.
    expect(await authenticate(requestWith(token))).toMatchObject({ status: 401 });
    clock.now = start + 20_000;
    expect(await authenticate(requestWith(token))).toEqual({ userId: "ada@acme.test" });
    // Verified again, this would be refused (nbf is ahead of the clock); remembered, it is the same user.
    clock.now = start;
    expect(await authenticate(requestWith(token))).toEqual({ userId: "ada@acme.test" });
    // Another token of the same person is its own entry: verified, and refused before its nbf.
    expect(await authenticate(requestWith(await laterToken("ada@acme.test", { jti: "another" })))).toMatchObject({ status: 401 });
  });

  test("a remembered token is refused from the moment it expires, though that is sooner than five minutes", async () => {
    const { clock, authenticate } = clockedAuthenticator();
    const token = await laterToken("grace@acme.test", { expiresAt: start + 60_000 });
    clock.now = start + 20_000;
    expect(await authenticate(requestWith(token))).toEqual({ userId: "grace@acme.test" });
    clock.now = start + 60_000 - 1;
    expect(await authenticate(requestWith(token))).toEqual({ userId: "grace@acme.test" });
    clock.now = start + 60_000;
    expect(await authenticate(requestWith(token))).toMatchObject({ status: 401, message: "Invalid token: token expired" });
  });

  test("it remembers at most 1,000 tokens: the oldest is verified again", async () => {
    const { clock, authenticate } = clockedAuthenticator();
    clock.now = start + 20_000;
    const oldest = await laterToken("ada@acme.test");
    expect(await authenticate(requestWith(oldest))).toEqual({ userId: "ada@acme.test" });
    for (let i = 0; i < 1_000; i++) expect(await authenticate(requestWith(await laterToken(`user-${i}`)))).toEqual({ userId: `user-${i}` });
    clock.now = start;
    expect(await authenticate(requestWith(oldest))).toMatchObject({ status: 401 });
  });
});
