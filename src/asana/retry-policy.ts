import type { Dispatcher } from "undici";

/**
 * The retry rules for Asana, plugged into undici's own retry interceptor.
 *
 * Only idempotent methods are retried (GET, PUT, DELETE): a POST that may have reached Asana is never
 * sent twice, because a second task or comment is worse than an error the model can see.
 * Retry-After is honoured (Asana sends it on every 429, in seconds) when it is short; a longer one, or
 * one past the call's deadline, comes back to the caller at once with the 429. Waits end early when
 * the caller cancels.
 */
export interface AsanaRetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff for 5xx and connection errors; doubles each time. */
  baseDelayMs: number;
  /** Cap on any single wait, including one asked for by Retry-After. */
  maxDelayMs: number;
  onRetry?: (info: { method: string; path: string; attempt: number; delayMs: number; reason: string }) => void;
}

export const idempotentMethods = ["GET", "PUT", "DELETE"] as const;
export const retryableStatusCodes = [429, 500, 502, 503, 504] as const;
/** Connection failures that happen before a request is on the wire: Asana cannot have seen it. */
export const neverSentErrorCodes: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETDOWN",
  "ENETUNREACH",
  "EHOSTDOWN",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  // Our own: the call's deadline had passed before the request was sent.
  "CALL_DEADLINE_NOT_SENT",
]);

/** Connection-level failures where the request cannot have been half-processed by a healthy Asana. */
export const retryableErrorCodes = [
  "ECONNRESET",
  "ECONNREFUSED",
  "ENOTFOUND",
  "ENETDOWN",
  "ENETUNREACH",
  "EHOSTDOWN",
  "EHOSTUNREACH",
  "EPIPE",
  "UND_ERR_SOCKET",
  // A request that timed out may have been done; only repeatable requests are ever sent again.
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
];

type RetryCallback = (err?: Error | null) => void;

/**
 * Per-request facts the retry decision reads and writes. undici's retry handler copies the dispatch
 * options shallowly and hands them back to the decision, so this object travels with the request.
 */
export interface RetryContext {
  /** Epoch ms by which the whole call must be answered: no wait may run past it. */
  deadline?: number;
  /** A POST that does the same thing however often it is sent (setParent, addTag…), so it may be repeated. */
  idempotentPost?: boolean;
  /**
   * Set when the request was sent again after an attempt that may have done the work: its answer was
   * lost (a broken connection, a timeout) or was a 5xx, which Asana can give after committing. Not after
   * a 429: Asana refused that attempt without doing anything.
   */
  resentAfterPossibleWork?: boolean;
}

interface RetryState {
  state: { counter: number };
  opts: Dispatcher.DispatchOptions & { signal?: AbortSignal | null; retryContext?: RetryContext };
}

/**
 * The longest Retry-After passed on. Asana's rate-limit windows are a minute long; a header asking for
 * more than an hour (1e9 s, a date years ahead) is a fault of the answer, not a wait anyone means.
 */
export const maxRetryAfterMs = 3_600_000;

/** Parses Retry-After as seconds or as an HTTP date; returns milliseconds (at most maxRetryAfterMs), or undefined. */
export function parseRetryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === "") return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.min(maxRetryAfterMs, Math.max(0, seconds * 1000));
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.min(maxRetryAfterMs, Math.max(0, date - now));
}

export function createRetryDecision(options: AsanaRetryOptions) {
  return function decideRetry(err: Error, { state, opts }: RetryState, callback: RetryCallback): void {
    const { statusCode, code, headers } = err as Error & {
      statusCode?: number;
      code?: string;
      headers?: Record<string, string | string[] | undefined>;
    };
    const method = String(opts.method).toUpperCase();
    const signal = opts.signal ?? undefined;
    const refuse = () => callback(err);

    // A write that is not idempotent is sent again only after a 429: Asana refused it without doing
    // anything ("rejected requests still count" toward the limit, but do nothing). After a 5xx or a lost
    // answer it may have happened, so it is never repeated.
    const context = opts.retryContext;
    const repeatable = (idempotentMethods as readonly string[]).includes(method) || context?.idempotentPost === true;
    if (!repeatable && statusCode !== 429) return refuse();
    if (statusCode !== undefined && !(retryableStatusCodes as readonly number[]).includes(statusCode)) return refuse();
    if (statusCode === undefined && code !== undefined && code !== "UND_ERR_REQ_RETRY" && !retryableErrorCodes.includes(code)) {
      return refuse();
    }
    // undici counts the first answer as 1, so `counter` is the number of attempts made so far.
    if (state.counter > options.maxRetries) return refuse();
    if (signal?.aborted) return refuse();

    const retryAfterMs = statusCode !== undefined ? parseRetryAfterMs(headers?.["retry-after"]) : undefined;
    // Retrying before Asana's Retry-After only earns another 429: a wait longer than we are willing to
    // hold a call is not shortened, it is handed back to the caller with the 429 and its delay.
    if (retryAfterMs !== undefined && retryAfterMs > options.maxDelayMs) return refuse();
    const backoffMs = options.baseDelayMs * 2 ** Math.max(0, state.counter - 1);
    const delayMs = Math.min(retryAfterMs ?? backoffMs, options.maxDelayMs);
    // A wait that would outlast the call's deadline is not started: the caller gets Asana's answer (say,
    // the 429 and its Retry-After) now, rather than a client-side timeout later.
    if (context?.deadline !== undefined && Date.now() + delayMs >= context.deadline) return refuse();
    if (context && (statusCode === undefined ? !neverSentErrorCodes.has(code ?? "") : statusCode >= 500)) context.resentAfterPossibleWork = true;
    options.onRetry?.({
      method,
      path: String(opts.path).split("?")[0] ?? "",
      attempt: state.counter,
      delayMs,
      reason: statusCode !== undefined ? `HTTP ${statusCode}` : (code ?? err.message),
    });

    const onAbort = () => {
      clearTimeout(timer);
      refuse();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      callback(null);
    }, delayMs);
    signal?.addEventListener("abort", onAbort, { once: true });
  };
}
