/**
 * Fault injection for tests: each fault matches by method and path pattern and fires a bounded
 * number of times, so a test says exactly which request fails and how.
 */
export interface FaultSpec {
  method?: string;
  /** A RegExp, or a string that must equal the path (below the API base). */
  path: RegExp | string;
  /** Answer with this status and Asana's error body (429 gets Retry-After). */
  status?: number;
  /** Seconds for Retry-After on a 429 or 503; default 1. */
  retryAfterSeconds?: number;
  /** Delay before answering (or before the other effect). */
  latencyMs?: number;
  /** Destroy the socket instead of answering: a connection reset. */
  reset?: boolean;
  /**
   * The answer is lost after Asana did the work: the request is carried out (the store changes), then
   * the connection is reset ("reset"), or the answer is held for `latencyMs` so the client times out
   * first ("hang"). What a flaky network does to a create, and why a create must not be blindly retried.
   */
  afterWork?: "reset" | "hang";
  /** How many matching requests this fault applies to; default 1. */
  times?: number;
  message?: string;
}

export interface ActiveFault extends FaultSpec {
  remaining: number;
  hits: number;
}

export class FaultPlan {
  readonly #faults: ActiveFault[] = [];

  inject(spec: FaultSpec): ActiveFault {
    const fault = { ...spec, remaining: spec.times ?? 1, hits: 0 };
    this.#faults.push(fault);
    return fault;
  }

  /** A storm: `count` 429s in a row on matching paths. */
  rateLimitStorm(path: RegExp | string, count: number, retryAfterSeconds = 1): ActiveFault {
    return this.inject({ path, status: 429, times: count, retryAfterSeconds });
  }

  clear(): void {
    this.#faults.length = 0;
  }

  take(method: string, path: string): ActiveFault | undefined {
    const fault = this.#faults.find(
      (f) => f.remaining > 0 && (!f.method || f.method === method) && (typeof f.path === "string" ? f.path === path : f.path.test(path)),
    );
    if (fault) {
      fault.remaining -= 1;
      fault.hits += 1;
    }
    return fault;
  }
}
