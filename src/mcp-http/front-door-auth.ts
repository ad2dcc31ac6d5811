import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from "jose";
import type { TokenResolver } from "../auth/index.js";
import { bearerTokenOf } from "../http/index.js";

/**
 * Who is calling a shared HTTP deployment. The caller presents a bearer JWT from the operator's
 * identity provider (verified against its JWKS, or an HS256 shared secret); its `sub` becomes the
 * Arcade user id, so each person's Asana calls use their own Asana grant. A bare user-id header is
 * never trusted: anyone could send one.
 */
export interface FrontDoorAuthOptions {
  jwksUrl?: string;
  sharedSecret?: string;
  issuer?: string;
  audience?: string;
  /** Absolute URL of this server's RFC 9728 protected-resource metadata, named in 401 challenges. */
  resourceMetadataUrl: (req: IncomingMessage) => string;
  /** The clock, in milliseconds (tests move it). */
  now?: () => number;
}

/**
 * A client sends the same token with every request, and verifying it (WebCrypto, a job on libuv's
 * pool) cost more CPU than the rest of a tool call's handling: 2,000 calls spent seconds on it. A token
 * verified once is known by its SHA-256 until it expires, for at most this long, so a key the
 * identity provider withdraws from its JWKS stops working within that time, and a refused token is
 * always verified again.
 */
const verifiedFor = 5 * 60_000;
/** Tokens remembered at most: the oldest is forgotten first. */
const verifiedKept = 1_000;

/**
 * Who a request acts for, or why it may not. Beyond the Arcade user id, the built-in authorization
 * server's tokens narrow the request: a read-only grant gets the read-only tools, a call to a tool
 * beyond the grant gets `insufficientScope` (a 403), and an own-app grant brings its token resolver.
 */
export type FrontDoorVerdict =
  | {
      userId: string;
      readOnly?: boolean;
      insufficientScope?: { wwwAuthenticate: string; message: string };
      tokens?: TokenResolver;
    }
  | { status: 401; wwwAuthenticate: string; message: string };

export type FrontDoorAuthenticator = (req: IncomingMessage) => Promise<FrontDoorVerdict>;

export function createFrontDoorAuthenticator(options: FrontDoorAuthOptions): FrontDoorAuthenticator {
  let key: Uint8Array | JWTVerifyGetKey;
  let algorithms: string[];
  if (options.jwksUrl) {
    key = createRemoteJWKSet(new URL(options.jwksUrl));
    algorithms = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"];
  } else if (options.sharedSecret) {
    key = new TextEncoder().encode(options.sharedSecret);
    algorithms = ["HS256"];
  } else {
    throw new Error("front-door authentication needs a JWKS URL or a shared secret");
  }

  const now = options.now ?? Date.now;
  const verified = new Map<string, { userId: string; until: number }>();

  return async (req) => {
    const challenge = (error?: string) =>
      `Bearer resource_metadata="${options.resourceMetadataUrl(req)}"${error ? `, error="invalid_token", error_description="${error}"` : ""}`;
    const bearer = bearerTokenOf(req.headers.authorization);
    if (!bearer) return { status: 401, wwwAuthenticate: challenge(), message: "Authentication required: send Authorization: Bearer <token>" };
    const digest = createHash("sha256").update(bearer).digest("base64url");
    const known = verified.get(digest);
    if (known && now() < known.until) return { userId: known.userId };
    verified.delete(digest);
    try {
      const { payload } = await jwtVerify(bearer, key as Uint8Array, {
        algorithms,
        requiredClaims: ["sub", "exp"],
        currentDate: new Date(now()),
        ...(options.issuer ? { issuer: options.issuer } : {}),
        ...(options.audience ? { audience: options.audience } : {}),
      });
      // The subject becomes the Arcade user whose Asana grant is used: an empty or non-string `sub` must
      // never fall through to the server's default user (ARCADE_USER_ID) or be passed on as a number.
      if (typeof payload.sub !== "string" || payload.sub.trim() === "") {
        return {
          status: 401,
          wwwAuthenticate: challenge("token has no subject"),
          message: "Invalid token: its sub claim must be a non-empty string (the user's id)",
        };
      }
      // jose refuses a token once now >= exp (no tolerance), so it is remembered until just that moment.
      if (verified.size >= verifiedKept) verified.delete(verified.keys().next().value!);
      verified.set(digest, { userId: payload.sub, until: Math.min((payload.exp as number) * 1000, now() + verifiedFor) });
      return { userId: payload.sub };
    } catch (error) {
      const reason =
        error instanceof joseErrors.JWTExpired
          ? "token expired"
          : error instanceof joseErrors.JWTClaimValidationFailed
            ? `claim ${error.claim} is invalid`
            : "token could not be verified";
      return { status: 401, wwwAuthenticate: challenge(reason), message: `Invalid token: ${reason}` };
    }
  };
}
