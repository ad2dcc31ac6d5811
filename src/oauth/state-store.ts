/**
 * The little state remote sign-in cannot do without: single-use authorization codes, the current
 * generation of each refresh-token family (rotation, reuse detection, revocation), and the own-app
 * Asana grants. Everything else travels sealed in the tokens themselves.
 *
 * One process keeps it in memory (nothing to run; a restart signs everyone out, which fails closed:
 * a revoked token never comes back). Several replicas share Redis (ASANA_MCP_REDIS_URL).
 */
export interface StateStore {
  /** Where the state lives, for the start-up log. */
  readonly description: string;
  /** Sets `key` only when it is absent; true when this call set it (a single-use marker). */
  claim(key: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Replaces the value only when it still equals `expected`; true when it did (compare-and-set). */
  swap(key: string, expected: string, next: string, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * The embedded store of a single process. Expired entries are swept as the map grows. With
 * `maxEntries`, the entries written longest ago go first past that many, so a busy process's memory
 * stays bounded: right for a cache of answers (idempotency keys, where a key pushed out early is only
 * answered as new), never for sign-in state, whose loss would sign people out.
 */
export class MemoryStateStore implements StateStore {
  readonly description: string;
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  readonly #maxEntries: number;
  #writesSinceSweep = 0;

  constructor(options: { now?: () => number; maxEntries?: number; description?: string } = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxEntries = options.maxEntries ?? Number.POSITIVE_INFINITY;
    this.description = options.description ?? "memory (this process only; a restart signs everyone out)";
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #write(key: string, value: string, ttlMs: number): void {
    // Written again, the key moves to the end: the map's order is one of last writes.
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlMs });
    while (this.#entries.size > this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    if (++this.#writesSinceSweep >= 1_000) {
      this.#writesSinceSweep = 0;
      const now = this.#now();
      for (const [other, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(other);
    }
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    if (this.#live(key)) return false;
    this.#write(key, "1", ttlMs);
    return true;
  }

  async get(key: string): Promise<string | undefined> {
    return this.#live(key)?.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.#write(key, value, ttlMs);
  }

  async swap(key: string, expected: string, next: string, ttlMs: number): Promise<boolean> {
    if (this.#live(key)?.value !== expected) return false;
    this.#write(key, next, ttlMs);
    return true;
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async close(): Promise<void> {
    this.#entries.clear();
  }
}
