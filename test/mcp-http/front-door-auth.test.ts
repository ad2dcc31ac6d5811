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
