import { createHash } from "node:crypto";
import type { StateStore } from "../oauth/state-store.js";

/** Who sends a key, for which tool: the ledger keeps only a digest of it (never a token, never an owner). */
export interface KeyedCall {
  /** The caller's identity (a verified user id, else the Asana token). Hashed at once, never kept. */
  identity: string;
  tool: string;
  key: string;
  /** A digest of the call's arguments: the same key with other arguments is refused. */
  fingerprint: string;
  /** The waiting call's own end (cancelled, or its deadline passed): it then stops waiting. */
  signal: AbortSignal;
  /** Called once when this call starts waiting for an earlier one with the same key. */
  onWait?: () => void;
  /** The longest the first call can run (its deadline and its search for a lost answer). */
  maxRunMs: number;
}

/** What the work of a first call leaves: its answer, and whether a retry must get that answer rather than run again. */
export interface FirstRun<T> {
  value: T;
  /** False when nothing was done (refused input, an error before any write): the key is then free again. */
  keep: boolean;
}

export type LedgerAnswer<T> =
  | { kind: "ran"; value: T }
  /** An earlier call with this key and these arguments answered this, `ageMs` ago. */
  | { kind: "replayed"; value: T; ageMs: number }
  /** An earlier call used this key with other arguments. */
  | { kind: "conflict" }
  /** An earlier call with this key is still running, and this one could wait no longer. */
  | { kind: "busy" };

type Entry<T> = { state: "running"; fingerprint: string } | { state: "done"; fingerprint: string; at: number; value: T };

/** Polling a shared store for another replica's call: quick at first, then every half second. */
const firstPollMs = 25;
const maxPollMs = 500;

/**
 * The first answer of each idempotency key, for a window: a call with a key runs once, a second call
 * with the same key (same identity, same tool, same arguments) gets the first answer, and one that
 * arrives while the first runs waits for it. The state lives in a StateStore: this process's memory,
 * or Redis when replicas must agree. A store that cannot be reached fails the call (the caller hears
 * so and nothing is sent to Asana), never runs it unguarded.
 */
export class IdempotencyLedger {
  readonly #store: StateStore;
  readonly #windowMs: number;
  /** This process's running calls, so a second one here waits on the first without polling. */
  readonly #running = new Map<string, Promise<void>>();

  readonly #onStoreError: (error: Error) => void;

  constructor(store: StateStore, options: { windowMs: number; onStoreError?: (error: Error) => void }) {
    this.#store = store;
    this.#windowMs = options.windowMs;
    this.#onStoreError = options.onStoreError ?? (() => {});
  }

  get description(): string {
    return this.#store.description;
  }

  get windowMs(): number {
    return this.#windowMs;
  }

  async once<T>(call: KeyedCall, work: () => Promise<FirstRun<T>>): Promise<LedgerAnswer<T>> {
    const slot = `idempotency:${digest(call.identity, call.tool, call.key)}`;
    let waited = false;
    for (let poll = firstPollMs; ; poll = Math.min(maxPollMs, Math.round(poll * 1.5))) {
      if (await this.#store.claim(slot, call.maxRunMs)) return { kind: "ran", value: await this.#run(slot, call, work) };
      const entry = parseEntry<T>(await this.#store.get(slot));
      if (entry?.state === "done") {
        return entry.fingerprint === call.fingerprint
          ? { kind: "replayed", value: entry.value, ageMs: Math.max(0, Date.now() - entry.at) }
          : { kind: "conflict" };
      }
      // Still running (or gone a moment ago: the next turn claims it). Other arguments are refused at once.
      if (entry && entry.fingerprint !== call.fingerprint) return { kind: "conflict" };
      if (call.signal.aborted) return { kind: "busy" };
      if (!waited && entry) {
        waited = true;
        call.onWait?.();
      }
      await this.#pause(slot, poll, call.signal);
    }
  }

  async #run<T>(slot: string, call: KeyedCall, work: () => Promise<FirstRun<T>>): Promise<T> {
    let finished!: () => void;
    this.#running.set(slot, new Promise<void>((resolve) => (finished = resolve)));
    try {
      await this.#store.set(slot, JSON.stringify({ state: "running", fingerprint: call.fingerprint } satisfies Entry<T>), call.maxRunMs);
      let first: FirstRun<T> | undefined;
      try {
        first = await work();
      } finally {
        // A first call that did nothing (or threw) frees the key; one that may have made something keeps
        // its answer. The answer goes back to the caller even if the store failed meanwhile: the work is done.
        const settle = first?.keep
          ? this.#store.set(
              slot,
              JSON.stringify({ state: "done", fingerprint: call.fingerprint, at: Date.now(), value: first.value } satisfies Entry<T>),
              this.#windowMs,
            )
          : this.#store.delete(slot);
        await settle.catch((error: Error) => this.#onStoreError(error));
      }
      return first!.value;
    } finally {
      this.#running.delete(slot);
      finished();
    }
  }

  /** Waits for this process's own running call, or else a poll interval; either way no longer than the caller's signal. */
  async #pause(slot: string, ms: number, signal: AbortSignal): Promise<void> {
    const local = this.#running.get(slot);
    await new Promise<void>((resolve) => {
      const timer = local ? undefined : setTimeout(done, ms);
      function done() {
        if (timer) clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      }
      signal.addEventListener("abort", done, { once: true });
      local?.then(done);
    });
  }

  close(): Promise<void> {
    return this.#store.close();
  }
}

function digest(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("base64url");
}

/** A stored entry, or undefined for an absent key or the bare claim ("1") written the instant before. */
function parseEntry<T>(text: string | undefined): Entry<T> | undefined {
  if (!text || text === "1") return undefined;
  try {
    const entry = JSON.parse(text) as Entry<T>;
    return entry && (entry.state === "running" || entry.state === "done") && typeof entry.fingerprint === "string" ? entry : undefined;
  } catch {
    return undefined;
  }
}
