import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Everything a task is, sealed into its id, so any replica that shares the secret answers tasks/get
 * for it by reading the Asana job again: there is no task store to share or to lose. Either the job
 * the task waits for (with the little the tool needs to present it), or, for a task whose tool failed
 * before any job existed (2025-11-25 only), the answer the tool gave then.
 */
export type TaskClaims = {
  /** The tool's name, e.g. DuplicateProject. */
  tool: string;
  /** When the task was made, in ms since the epoch. */
  createdAt: number;
  ttlMs: number;
} & ({ job: string; memo: Record<string, string> } | { answer: Record<string, unknown> });

export interface TaskIdSealer {
  /** A new id for the task, readable only with one of the secrets and only for `owner`. */
  seal(claims: TaskClaims, owner: string): string;
  /** The claims, or undefined for an id this server did not seal for `owner` (changed, foreign, or another user's). */
  open(taskId: string, owner: string): TaskClaims | undefined;
}

/** Ids start with a version, so a later format can be told apart. */
const prefix = "at1_";
/** Far above any real id (a job, a name): anything longer is refused before any decoding. */
const maxIdLength = 16_384;
const ivBytes = 12;
const tagBytes = 16;

function keyOf(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "asana-mcp tasks", "asana-mcp/task-id/v1", 32));
}

/** The user the task belongs to is authenticated data: an id opens for that user and nobody else. */
function ownerData(owner: string): Buffer {
  return Buffer.from(`asana-mcp task of ${owner}`, "utf8");
}

/**
 * Seals with AES-256-GCM under a key derived from the first secret, and opens with any of them, so a
 * secret can be rotated by listing the new one first and the old one after it for a while. The owner
 * (the caller's user id, or "" where the deployment knows no users) is bound in as associated data.
 */
export function createTaskIdSealer(secrets: readonly string[]): TaskIdSealer {
  if (secrets.length === 0 || secrets.some((secret) => secret.length === 0)) throw new Error("task ids need at least one non-empty secret");
  const keys = secrets.map(keyOf);
  return {
    seal(claims, owner) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv("aes-256-gcm", keys[0]!, iv);
      cipher.setAAD(ownerData(owner));
      const body = Buffer.concat([cipher.update(JSON.stringify(claims), "utf8"), cipher.final()]);
      return prefix + Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
    },
    open(taskId, owner) {
      if (typeof taskId !== "string" || taskId.length > maxIdLength || !taskId.startsWith(prefix)) return undefined;
      const text = taskId.slice(prefix.length);
      const raw = Buffer.from(text, "base64url");
      // Base64 has spare bits in its last character: only the one spelling of the bytes is an id.
      if (raw.length <= ivBytes + tagBytes || raw.toString("base64url") !== text) return undefined;
      const iv = raw.subarray(0, ivBytes);
      const body = raw.subarray(ivBytes, raw.length - tagBytes);
      const tag = raw.subarray(raw.length - tagBytes);
      for (const key of keys) {
        try {
          const decipher = createDecipheriv("aes-256-gcm", key, iv);
          decipher.setAAD(ownerData(owner));
          decipher.setAuthTag(tag);
          const claims = JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8")) as TaskClaims;
          return claims;
        } catch {
          // Not this key (or not ours at all): try the next.
        }
      }
      return undefined;
    },
  };
}

/** A secret for a server that was given none: its task ids open only in this process. */
export function processTaskSecret(): string {
  return randomBytes(32).toString("base64url");
}
