import type { Logger } from "../log/index.js";
import { IdempotencyLedger } from "./ledger.js";
import { MemoryStateStore } from "../oauth/state-store.js";

export { IdempotencyLedger } from "./ledger.js";
export type { FirstRun, KeyedCall, LedgerAnswer } from "./ledger.js";

/**
 * How long a key's first answer is kept: a day, as payment APIs that take idempotency keys keep theirs.
 * Long enough for any retry of a create (a client's, a person's the next morning), short enough that
 * one process's memory stays small.
 */
export const idempotencyWindowMs = 24 * 60 * 60 * 1000;

/** Keys one process keeps at most; past that the oldest go first (a key pushed out early is
 * answered as new: the window is then shorter, never wrong the other way). */
const maxKeysInMemory = 10_000;

/** A ledger in this process's memory: keys are agreed within the process, and forgotten when it stops. */
export function createMemoryLedger(options: { windowMs?: number } = {}): IdempotencyLedger {
  return new IdempotencyLedger(new MemoryStateStore({ maxEntries: maxKeysInMemory, description: "this process's memory" }), {
    windowMs: options.windowMs ?? idempotencyWindowMs,
  });
}

let processLedger: IdempotencyLedger | undefined;

/** The one memory ledger of this process, for runtimes configured with no other. */
export function processMemoryLedger(): IdempotencyLedger {
  processLedger ??= createMemoryLedger();
  return processLedger;
}

/** Forget every key of this process's ledger, as a new process would (tests: files share one process). */
export function forgetProcessMemoryLedger(): void {
  processLedger = undefined;
}

/**
 * A ledger in Redis (ASANA_MCP_REDIS_URL): every replica of the server agrees on each key, and keys
 * outlive a restart. Loaded only when configured.
 */
export async function openRedisLedger(url: string, logger: Logger): Promise<IdempotencyLedger> {
  const { openRedisStateStore } = await import("../oauth/redis-state-store.js");
  return new IdempotencyLedger(await openRedisStateStore(url, logger), {
    windowMs: idempotencyWindowMs,
    onStoreError: (error) =>
      logger.warn("could not record an idempotency key's answer in Redis; a retry with that key may run again", { error: error.message }),
  });
}
