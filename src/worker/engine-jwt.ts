import { errors as joseErrors, jwtVerify } from "jose";

/**
 * The Arcade Engine signs every worker call with an HS256 JWT keyed by ARCADE_WORKER_SECRET, with
 * `aud: "worker"` and `ver: "1"` (arcade-serve's auth.py). The raw secret as a bearer is refused.
 */
export async function verifyEngineToken(authorization: string | undefined, secret: Uint8Array): Promise<string | undefined> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match) return "missing bearer token";
  try {
    const { payload } = await jwtVerify(match[1]!, secret, { algorithms: ["HS256"], audience: "worker" });
    if (payload.ver !== "1") return `unsupported token version ${JSON.stringify(payload.ver ?? null)}`;
    return undefined;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return "token expired";
    if (error instanceof joseErrors.JWTClaimValidationFailed) return `claim ${error.claim} is invalid`;
    return error instanceof Error ? error.message : "invalid token";
  }
}
