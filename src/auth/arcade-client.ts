import { APIConnectionError, APIError, APIUserAbortError, Arcade } from "@arcadeai/arcadejs";
import { sanitizeOutsideText } from "../log/index.js";

/** Arcade's authorization answer (`AuthorizationResponse` in arcadejs: id, status, url, context.token). */
export type ArcadeAuthorization = Awaited<ReturnType<Arcade["auth"]["authorize"]>>;

export interface ArcadeClientSettings {
  apiKey: string;
  /** Unset: arcadejs reads ARCADE_BASE_URL, else Arcade's cloud (https://api.arcade.dev). */
  baseUrl?: string;
  maxRetries?: number;
  timeoutMs?: number;
}

/** One way to build the arcadejs client, for the resolver, the verifier route, `register` and `call`. */
export function createArcadeClient(settings: ArcadeClientSettings): Arcade {
  return new Arcade({
    apiKey: settings.apiKey,
    ...(settings.baseUrl ? { baseURL: settings.baseUrl } : {}),
    maxRetries: settings.maxRetries ?? 1,
    // Above Arcade's longest long-poll (59 s), so a status wait is never cut short by the client.
    timeout: settings.timeoutMs ?? 65_000,
  });
}

/** Arcade could not be reached, or refused the key: the message names the URL or the variable to fix. */
export class ArcadeRequestError extends Error {
  override readonly name = "ArcadeRequestError";
  constructor(
    message: string,
    /** Arcade's HTTP status, when Arcade answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * Arcade's own words from an error body (`{message}` or `{error: {message}}`), cut short, without
 * credentials or control characters: they go into tool results, a web page and a terminal.
 */
export function arcadeMessageOf(error: APIError): string {
  const body = error.error as { message?: unknown; error?: { message?: unknown } | string; detail?: unknown } | undefined;
  const raw = body?.message ?? (typeof body?.error === "object" ? body.error?.message : body?.error) ?? body?.detail;
  const text = typeof raw === "string" && raw.trim() ? sanitizeOutsideText(raw).replace(/\s+/g, " ").trim() : `HTTP ${error.status ?? "error"}`;
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

/**
 * Turns an arcadejs failure into one sentence a person can act on: "Could not reach Arcade at <url>"
 * rather than arcadejs's "Connection error.", and "Arcade rejected ARCADE_API_KEY" for a bad key.
 * `doing` says what we asked for ("registering worker asana-mcp").
 */
export function explainArcadeError(error: unknown, baseUrl: string, doing: string): Error {
  if (error instanceof APIUserAbortError) return error;
  if (error instanceof APIConnectionError) {
    return new ArcadeRequestError(`Could not reach Arcade at ${baseUrl} while ${doing}. Check ARCADE_BASE_URL and the network, then try again.`);
  }
  if (error instanceof APIError && (error.status === 401 || error.status === 403)) {
    return new ArcadeRequestError(
      `Arcade rejected ARCADE_API_KEY (HTTP ${error.status}) while ${doing}. Create a key in the Arcade dashboard (or run "arcade login") and set ARCADE_API_KEY to it.`,
      error.status,
    );
  }
  if (error instanceof APIError) {
    return new ArcadeRequestError(`Arcade answered HTTP ${error.status ?? "error"} while ${doing}: ${arcadeMessageOf(error)}`, error.status);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * The pause before the next status poll when Arcade answered a long-poll early ("pending" or 408 at
 * once: a proxy that cuts long requests, an Engine that ignores `wait`). It doubles after each early
 * answer up to the cap, so such an Arcade gets at most one poll every 5 s instead of thousands a second.
 */
const earlyAnswerPause = { firstMs: 250, maxMs: 5_000 } as const;

/**
 * Waits for a pending authorization until it completes, fails, or `deadline` (epoch ms) passes, and
 * returns Arcade's last answer. arcadejs's own `waitForCompletion` has no deadline and never stops on
 * `failed`, so this polls `GET /v1/auth/status` itself. Each long-poll asks for at most what is left
 * of the deadline (Arcade caps one wait at 59 s) and is sent with `maxRetries: 0`: Arcade answers 408
 * when its wait expires, and arcadejs would otherwise repeat a 408 on its own and overshoot the
 * deadline by a whole extra long-poll. A poll answered before `earlyAnswerPause` has passed is
 * followed by that pause (see there).
 */
export async function waitForAuthorization(
  arcade: Arcade,
  response: ArcadeAuthorization,
  options: { deadline: number; now?: () => number; signal?: AbortSignal },
): Promise<ArcadeAuthorization> {
  const now = options.now ?? Date.now;
  let current = response;
  let pauseMs: number = earlyAnswerPause.firstMs;
  while (current.status !== "completed" && current.status !== "failed" && current.id && now() < options.deadline) {
    const waitSeconds = Math.max(1, Math.min(59, Math.floor((options.deadline - now()) / 1000)));
    const sentAt = now();
    try {
      current = await arcade.auth.status({ id: current.id, wait: waitSeconds }, { maxRetries: 0, ...(options.signal ? { signal: options.signal } : {}) });
    } catch (error) {
      // 408: still pending when Arcade's long-poll ended; anything else is for the caller to explain.
      if (!(error instanceof APIError && error.status === 408)) throw error;
    }
    if (current.status === "completed" || current.status === "failed") break;
    const early = pauseMs - (now() - sentAt);
    if (early > 0) {
      await pause(Math.min(early, options.deadline - now()), options.signal);
      pauseMs = Math.min(pauseMs * 2, earlyAnswerPause.maxMs);
    }
  }
  return current;
}

/** Resolves after `ms` (nothing when `ms` ≤ 0), or rejects with arcadejs's abort error when `signal` fires. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(new APIUserAbortError());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new APIUserAbortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
