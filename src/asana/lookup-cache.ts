import { createHash } from "node:crypto";

/**
 * Facts one call read to turn names into ids (the user's workspaces, a found task's projects and its
 * fields' options), kept briefly so that the user's next call (SearchByName, then UpdateTask) need not
 * read them again before it can start. A fact is only ever a hint for resolving a name: the tools that
 * use one fall back to a fresh read when it does not resolve, and never show it to the model as the
 * object's current state.
 *
 * Facts are kept per credential, under a hash of the token (the token itself is never a key), so one
 * user's facts never answer another's lookup. The cache is bounded in entries and in age.
 */
export interface LookupCacheOptions {
  /** How long a fact is used after it was read; default 60 s. 0 turns the cache off. */
  ttlMs?: number;
  /** Facts kept across all users; the oldest go first. */
  maxEntries?: number;
  /** The clock, for tests. */
  now?: () => number;
}

interface Entry {
  value: unknown;
  expires: number;
}

export class LookupCache {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: LookupCacheOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 60_000;
    this.#maxEntries = options.maxEntries ?? 2_000;
    this.#now = options.now ?? Date.now;
  }

  /** The facts of the user this token acts for. */
  forToken(token: string): LookupFacts {
    return new LookupFacts(this, createHash("sha256").update(token).digest("base64url"));
  }

  /** Forgets every fact of every user. */
  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  /** @internal through LookupFacts */
  read(key: string): unknown {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** @internal through LookupFacts */
  write(key: string, value: unknown): void {
    if (this.#ttlMs <= 0) return;
    this.#entries.delete(key);
    // A copy, frozen: no caller can change a fact another call will read.
    this.#entries.set(key, { value: deepFreeze(structuredClone(value)), expires: this.#now() + this.#ttlMs });
    while (this.#entries.size > this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
  }

  /** @internal through LookupFacts */
  drop(prefix: string, key?: string): void {
    if (key !== undefined) {
      this.#entries.delete(key);
      return;
    }
    for (const stored of [...this.#entries.keys()]) if (stored.startsWith(prefix)) this.#entries.delete(stored);
  }
}

/** One user's facts: each a kind ("workspaces", "task") and an id. */
export class LookupFacts {
  readonly #cache: LookupCache;
  readonly #prefix: string;

  constructor(cache: LookupCache, tokenHash: string) {
    this.#cache = cache;
    this.#prefix = `${tokenHash} `;
  }

  get<T>(kind: string, id: string): Readonly<T> | undefined {
    return this.#cache.read(this.#key(kind, id)) as Readonly<T> | undefined;
  }

  set(kind: string, id: string, value: unknown): void {
    this.#cache.write(this.#key(kind, id), value);
  }

  forget(kind: string, id: string): void {
    this.#cache.drop(this.#prefix, this.#key(kind, id));
  }

  /** Everything known for this user, e.g. once Asana refused the token. */
  forgetAll(): void {
    this.#cache.drop(this.#prefix);
  }

  #key(kind: string, id: string): string {
    return `${this.#prefix}${kind} ${id}`;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
