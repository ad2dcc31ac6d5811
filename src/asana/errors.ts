import { neverSentErrorCodes } from "./retry-policy.js";

/**
 * Failures of the Asana client, typed so that the error formatter (and the worker's error kinds)
 * can say exactly what happened without parsing message strings.
 */

/** Asana answered with a non-2xx status. Carries Asana's own `errors[0].message`, `help` and `phrase`. */
export class AsanaApiError extends Error {
  override readonly name = "AsanaApiError";
  constructor(
    readonly status: number,
    readonly method: string,
    /** The request path relative to the API base, without the query string (never carries a token). */
    readonly path: string,
    readonly asanaMessage: string,
    readonly help?: string,
    /** Asana attaches a short random "phrase" to 500s so its support can find the request. */
    readonly phrase?: string,
    /** Seconds from the Retry-After header, when Asana sent one (429, sometimes 503). */
    readonly retryAfterSeconds?: number,
    /** Whether sending the request again is safe (see isRepeatable). */
    readonly repeatable: boolean = isRepeatable(method),
    /**
     * Asana's whole error body, parsed, for answers that carry more than `errors`: the 412 of
     * GET /events carries a fresh `sync` token beside them.
     */
    readonly body?: unknown,
  ) {
    super(`Asana ${method} ${path} failed with ${status}: ${asanaMessage}`);
  }
}

/** The request never produced an Asana answer: connection refused or reset, DNS, or our timeout. */
export class AsanaNetworkError extends Error {
  override readonly name = "AsanaNetworkError";
  constructor(
    readonly method: string,
    readonly path: string,
    /** undici's or Node's error code, e.g. ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT. */
    readonly code: string,
    readonly timedOut: boolean,
    options?: { cause?: unknown; repeatable?: boolean },
  ) {
    super(
      timedOut ? `Asana ${method} ${path} timed out (${code})` : `Asana ${method} ${path} could not be sent or answered (${code})`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.repeatable = options?.repeatable ?? isRepeatable(method);
  }

  /** Whether sending the request again is safe (see isRepeatable). */
  readonly repeatable: boolean;
}

/** The caller cancelled (MCP notifications/cancelled, or the HTTP client went away). */
export class AsanaRequestAbortedError extends Error {
  override readonly name = "AsanaRequestAbortedError";
  constructor(
    readonly method: string,
    readonly path: string,
  ) {
    super(`Asana ${method} ${path} was cancelled by the caller`);
  }
}

/**
 * True when a write that is not safe to repeat (a POST: a create, a comment, an upload) may have taken
 * effect although no success came back: the connection broke or timed out after the request went out,
 * or Asana answered 5xx, which it can do after the work is done. Retrying such a call can make a
 * duplicate, so the caller has to check first. A POST that only reads (a batch of GETs) changes nothing.
 */
export function mayHaveTakenEffect(error: unknown): boolean {
  if (error instanceof AsanaNetworkError) return !error.repeatable && !neverSentErrorCodes.has(error.code);
  if (error instanceof AsanaApiError) return !error.repeatable && error.status >= 500;
  return false;
}

/** GET, PUT and DELETE do the same thing however often they are sent; a POST only when marked so. */
export function isRepeatable(method: string, idempotentPost = false): boolean {
  return method !== "POST" || idempotentPost;
}
