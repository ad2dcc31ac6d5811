import type { StateStore } from "../oauth/state-store.js";

/**
 * The idempotency keys of one process, in its memory: what a server without Redis keeps. Entries
 * expire with their time to live, and the oldest go first past `maxEntries`, so a busy server's memory
 * stays bounded (a key pushed out that early is answered as new: the window is then shorter, never wrong
 * the other way).
 */
export class BoundedMemoryStore implements StateStore {
  readonly description = "this process's memory";
  readonly #entries = new Map<string, { value: string; expiresAt: number }>();
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: { maxEntries: number; now?: () => number }) {
    this.#maxEntries = options.maxEntries;
    this.#now = options.now ?? Date.now;
  }

  #live(key: string): string | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry?.value;
  }

  #write(key: string, value: string, ttlMs: number): void {
    // Written again, the key moves to the end: the order is one of last writes.
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlMs });
    while (this.#entries.size > this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    if (this.#live(key) !== undefined) return false;
    this.#write(key, "1", ttlMs);
    return true;
  }

  async get(key: string): Promise<string | undefined> {
    return this.#live(key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.#write(key, value, ttlMs);
  }

  async swap(key: string, expected: string, next: string, ttlMs: number): Promise<boolean> {
    if (this.#live(key) !== expected) return false;
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
