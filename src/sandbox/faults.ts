/**
 * Fault injection for tests: each fault matches by method and path pattern and fires a bounded
 * number of times, so a test says exactly which request fails and how.
 */
export interface FaultSpec {
  method?: string;
  /** A RegExp, or a string that must equal the path (below the API base). */
  path: RegExp | string;
  /**
   * Answer with this status and Asana's error body (429 and 503 get Retry-After). Before the work, unless
   * `afterWork` is "error": then the request is carried out first, as when Asana fails after committing.
   */
  status?: number;
  /** Asana's `help` beside the message in the error body. */
  help?: string;
  /** Extra response headers, e.g. an Asana-Change notice. */
  headers?: Record<string, string>;
  /** Seconds for Retry-After on a 429 or 503; default 1. */
  retryAfterSeconds?: number;
  /** Delay before answering (or before the other effect). */
  latencyMs?: number;
  /**
   * Hold the request, before anything else happens to it, until this settles: the test lets it go when
   * it has done what must happen meanwhile (another caller's request, a second call that must wait),
   * rather than on a clock. The other effects (`afterWork`, `status`) then apply as usual.
   */
  until?: Promise<unknown>;
  /** Destroy the socket instead of answering: a connection reset. */
  reset?: boolean;
  /**
   * The answer is lost after Asana did the work: the request is carried out (the store changes), then
   * the connection is reset ("reset"), the answer is held for `latencyMs` so the client times out
   * first ("hang"), or Asana answers `status` (a 5xx) instead of its success ("error"). What a flaky
   * network or a failing Asana does to a create, and why a create must not be blindly retried.
   */
  afterWork?: "reset" | "hang" | "error";
  /**
   * Match an action of `POST /batch` (by the action's method and path) instead of an HTTP request: the
   * batch still answers 200, and this action's result carries the fault's status and message.
   */
  inBatch?: boolean;
  /**
   * Answer with this JSON body instead of Asana's (with `status`, default 200): an answer outside Asana's
   * contract, such as a batch action without `data` or a thousand events where Asana sends at most 100.
   */
  body?: unknown;
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

  /** The next fault for a request (or, with `inBatch`, a batch action) of this method and path, if any. */
  take(method: string, path: string, inBatch = false): ActiveFault | undefined {
    const fault = this.#faults.find(
      (f) =>
        f.remaining > 0 &&
        (f.inBatch ?? false) === inBatch &&
        (!f.method || f.method === method) &&
        (typeof f.path === "string" ? f.path === path : f.path.test(path)),
    );
    if (fault) {
      fault.remaining -= 1;
      fault.hits += 1;
    }
    return fault;
  }
}
