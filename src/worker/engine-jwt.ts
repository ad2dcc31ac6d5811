import { errors as joseErrors, jwtVerify } from "jose";
import { bearerTokenOf } from "../http/index.js";

/**
 * How far the Engine's clock may run ahead of ours (or behind, for `exp`): a token issued 2 s "in the
 * future" by a host whose clock drifts is the Engine's, not a forgery. 30 s is well below the tokens'
 * lifetime (the Engine's expire after minutes), so a replayed or pre-minted token gains nothing.
 */
export const engineClockSkewSeconds = 30;

/**
 * The Arcade Engine signs every worker call with an HS256 JWT keyed by ARCADE_WORKER_SECRET, with
 * `aud: "worker"` and `ver: "1"` (arcade-serve's auth.py). The raw secret as a bearer is refused.
 */
export async function verifyEngineToken(authorization: string | undefined, secret: Uint8Array): Promise<string | undefined> {
  const bearer = bearerTokenOf(authorization);
  if (!bearer) return "missing bearer token";
  try {
    // `exp` stays optional (the Engine may not send it) and is checked when present; jose does that.
    const { payload } = await jwtVerify(bearer, secret, { algorithms: ["HS256"], audience: "worker", clockTolerance: engineClockSkewSeconds });
    if (payload.ver !== "1") return `unsupported token version ${JSON.stringify(payload.ver ?? null)}`;
    // PyJWT, which Arcade's own worker uses, refuses a token issued in the future ("not yet valid (iat)");
    // we allow the same small skew as for `exp`.
    if (typeof payload.iat === "number" && payload.iat > Math.floor(Date.now() / 1000) + engineClockSkewSeconds) {
      return "token not yet valid (iat is in the future)";
    }
    return undefined;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return "token expired";
    if (error instanceof joseErrors.JWTClaimValidationFailed) return `claim ${error.claim} is invalid`;
    return error instanceof Error ? error.message : "invalid token";
  }
}
