import type { Dispatcher } from "undici";

/**
 * The retry rules for Asana, plugged into undici's own retry interceptor.
 *
 * Only idempotent methods are retried (GET, PUT, DELETE): a POST that may have reached Asana is never
 * sent twice, because a second task or comment is worse than an error the model can see. The one
 * exception is a POST that only reads (a `POST /batch` of GETs, marked `readsOnly`), which is retried like a GET.
 * Retry-After is honoured (Asana sends it on every 429, in seconds) but capped, so that one call can
 * never hang for minutes. Waits end early when the caller cancels.
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
];

type RetryCallback = (err?: Error | null) => void;

/**
 * Per-request facts the retry decision reads and writes. undici's retry handler copies the dispatch
 * options shallowly and hands them back to the decision, so this object travels with the request.
 */
export interface RetryContext {
  /** Epoch ms by which the whole call must be answered: no wait may run past it. */
  deadline?: number;
  /** Set when an attempt's answer was lost (a broken connection or a timeout) and the request was sent again. */
  resentAfterLostAnswer?: boolean;
  /** The request only reads although its method is not idempotent (a POST /batch of GETs): safe to send again. */
  readsOnly?: boolean;
}

interface RetryState {
  state: { counter: number };
  opts: Dispatcher.DispatchOptions & { signal?: AbortSignal | null; retryContext?: RetryContext };
}

/** Parses Retry-After as seconds or as an HTTP date; returns milliseconds, or undefined. */
export function parseRetryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === "") return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
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
    const context = opts.retryContext;

    if (!(idempotentMethods as readonly string[]).includes(method) && context?.readsOnly !== true) return refuse();
    if (statusCode !== undefined && !(retryableStatusCodes as readonly number[]).includes(statusCode)) return refuse();
    if (statusCode === undefined && code !== undefined && code !== "UND_ERR_REQ_RETRY" && !retryableErrorCodes.includes(code)) {
      return refuse();
    }
    // undici counts the first answer as 1, so `counter` is the number of attempts made so far.
    if (state.counter > options.maxRetries) return refuse();
    if (signal?.aborted) return refuse();

    const retryAfterMs = statusCode !== undefined ? parseRetryAfterMs(headers?.["retry-after"]) : undefined;
    const backoffMs = options.baseDelayMs * 2 ** Math.max(0, state.counter - 1);
    const delayMs = Math.min(retryAfterMs ?? backoffMs, options.maxDelayMs);
    // A wait that would outlast the call's deadline is not started: the caller gets Asana's answer (say,
    // the 429 and its Retry-After) now, rather than a client-side timeout later.
    if (context?.deadline !== undefined && Date.now() + delayMs >= context.deadline) return refuse();
    if (statusCode === undefined && context && !neverSentErrorCodes.has(code ?? "")) context.resentAfterLostAnswer = true;
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
