import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Confirmation tokens: what a preview hands out and the confirming call brings back. They are
 * stateless, so any replica that holds the same key can check one, and nothing is stored between the
 * two calls. A token is bound by an HMAC to the tool, the caller's identity, its expiry, a digest of
 * the checked arguments and a digest of what the preview read (the object's modified_at, its counts).
 * The digests travel in the clear so a refusal can say which of them no longer matches; they are
 * hashes, so a token shows nothing of the arguments or of the identity.
 */

const version = "ct1";
const digestBytes = 12;
const macBytes = 16;

/** The key tokens are signed with: 32 random bytes per process, or derived from an operator's secret. */
export function confirmTokenKey(secret?: string): Buffer {
  if (secret === undefined || secret === "") return randomBytes(32);
  return Buffer.from(hkdfSync("sha256", secret, "", "asana-mcp confirm-token v1", 32));
}

/** The same object as the same text, whatever order its keys came in. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, field]) => field !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(",")}}`;
}

/** A short digest of a JSON value, for a token (not a secret: it proves nothing without the MAC). */
export function digestOf(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest().subarray(0, digestBytes).toString("base64url");
}

/** Who a token belongs to: the front door's verified user when there is one, else the Asana token itself. Only a hash is kept. */
export function identityDigest(who: { userId?: string | undefined; asanaToken: string }): string {
  const source = who.userId !== undefined ? `user:${who.userId}` : `token:${who.asanaToken}`;
  return createHash("sha256").update(source).digest("base64url");
}

export interface TokenSubject {
  tool: string;
  identity: string;
  /** Digest of the checked input (digestOf). */
  input: string;
}

function macOf(key: Uint8Array, subject: TokenSubject, expiresAt: number, fingerprint: string): string {
  return createHmac("sha256", key)
    .update([version, subject.tool, subject.identity, String(expiresAt), subject.input, fingerprint].join("\n"))
    .digest()
    .subarray(0, macBytes)
    .toString("base64url");
}

export function mintConfirmToken(key: Uint8Array, subject: TokenSubject, fingerprint: string, expiresAt: number): string {
  const seconds = Math.ceil(expiresAt / 1000);
  return [version, seconds.toString(36), subject.input, fingerprint, macOf(key, subject, seconds, fingerprint)].join(".");
}

export type TokenCheck = { ok: true; fingerprint: string } | { ok: false; reason: "malformed" | "foreign" | "expired" | "arguments" };

/**
 * Checks everything a token says except the fingerprint, which needs a fresh read of Asana: the
 * caller compares `fingerprint` with the preview's own. "foreign" covers a token made for another
 * tool, another user, by a server with another key, or altered on the way.
 */
export function checkConfirmToken(key: Uint8Array, token: string, subject: TokenSubject, now: number): TokenCheck {
  const parts = token.split(".");
  if (parts.length !== 5 || parts[0] !== version) return { ok: false, reason: "malformed" };
  const [, expiry, input, fingerprint, mac] = parts as [string, string, string, string, string];
  const seconds = Number.parseInt(expiry, 36);
  if (!/^[0-9a-z]{1,10}$/.test(expiry) || !Number.isSafeInteger(seconds)) return { ok: false, reason: "malformed" };
  const expected = Buffer.from(macOf(key, { ...subject, input }, seconds, fingerprint));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "foreign" };
  if (seconds * 1000 <= now) return { ok: false, reason: "expired" };
  if (input !== subject.input) return { ok: false, reason: "arguments" };
  return { ok: true, fingerprint };
}
