import { createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { decodeProtectedHeader, EncryptJWT, jwtDecrypt, type JWTPayload } from "jose";

/**
 * What this server hands out and takes back sealed: codes, tokens, cookies. Each purpose has its own key
 * (HKDF from the configured secret, info = the purpose), so a value sealed for one purpose never opens
 * as another: an access token is not a refresh token, a cookie is not a code.
 */
export type SealPurpose = "access" | "refresh" | "code" | "consent" | "attempt" | "session" | "grant";

/** The shortest ASANA_MCP_OAUTH_SECRET accepted: 32 characters of a random secret carry well over 128 bits. */
export const shortestSealSecret = 32;

interface SealKey {
  kid: string;
  keys: Map<SealPurpose | "mac", Uint8Array>;
}

const purposes: ReadonlyArray<SealPurpose | "mac"> = ["access", "refresh", "code", "consent", "attempt", "session", "grant", "mac"];

function deriveKey(secret: string): SealKey {
  const keys = new Map<SealPurpose | "mac", Uint8Array>();
  for (const purpose of purposes) {
    keys.set(purpose, new Uint8Array(hkdfSync("sha256", secret, "asana-mcp remote sign-in", `asana-mcp/${purpose}/v1`, 32)));
  }
  // The kid names the secret without revealing it: a few bytes of a hash of a derived key.
  const kid = createHash("sha256").update(keys.get("mac")!).digest("base64url").slice(0, 8);
  return { kid, keys };
}

/**
 * Seals claims as an encrypted JWT (dir + A256GCM): confidential and tamper-proof, readable only by
 * replicas that share the secret. Seals with the first secret and opens with any of them, so a secret
 * can be rotated by listing the new one first and the old one after it until its tokens have expired.
 */
export class SealedBox {
  readonly #current: SealKey;
  readonly #byKid: Map<string, SealKey>;

  constructor(secrets: readonly string[]) {
    if (secrets.length === 0) throw new Error("SealedBox needs at least one secret");
    const derived = secrets.map(deriveKey);
    this.#current = derived[0]!;
    this.#byKid = new Map(derived.map((key) => [key.kid, key]));
  }

  async seal(purpose: SealPurpose, claims: Record<string, unknown>, ttlSeconds: number): Promise<string> {
    return new EncryptJWT(claims as JWTPayload)
      .setProtectedHeader({ alg: "dir", enc: "A256GCM", kid: this.#current.kid, typ: `asana-mcp+${purpose}` })
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
      .encrypt(this.#current.keys.get(purpose)!);
  }

  /** The claims, or undefined when the value is not one we sealed for this purpose, or has expired. */
  async open<T extends Record<string, unknown>>(purpose: SealPurpose, sealed: string | undefined): Promise<(T & { iat: number; exp: number }) | undefined> {
    if (!sealed || sealed.length > 16_384) return undefined;
    try {
      const header = decodeProtectedHeader(sealed);
      const key = typeof header.kid === "string" ? this.#byKid.get(header.kid) : undefined;
      if (!key || header.typ !== `asana-mcp+${purpose}`) return undefined;
      const { payload } = await jwtDecrypt(sealed, key.keys.get(purpose)!, {
        keyManagementAlgorithms: ["dir"],
        contentEncryptionAlgorithms: ["A256GCM"],
        requiredClaims: ["exp", "iat"],
      });
      return payload as T & { iat: number; exp: number };
    } catch {
      return undefined;
    }
  }

  /** An HMAC of `data` under the current secret (base64url): a value anyone may read but nobody can forge. */
  mac(data: string): string {
    return createHmac("sha256", this.#current.keys.get("mac")!).update(data).digest("base64url");
  }

  /** True when `tag` is the HMAC of `data` under any configured secret, compared in constant time. */
  verifyMac(data: string, tag: string): boolean {
    const given = Buffer.from(tag, "base64url");
    for (const key of this.#byKid.values()) {
      const expected = createHmac("sha256", key.keys.get("mac")!).update(data).digest();
      if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
    }
    return false;
  }
}
