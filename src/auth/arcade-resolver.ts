import { APIConnectionError, APIError, APIUserAbortError, Arcade } from "@arcadeai/arcadejs";
import type { Logger } from "../log/index.js";
import { silentLogger } from "../log/index.js";
import { AuthorizationFailedError, AuthorizationRequiredError, MissingCredentialsError, TokenServiceUnavailableError } from "./errors.js";
import type { TokenRequest, TokenResolver } from "./token-resolver.js";

type AuthorizationResponse = Awaited<ReturnType<Arcade["auth"]["authorize"]>>;

export interface ArcadeResolverOptions {
  /** An arcadejs client; its API key and base URL (ARCADE_BASE_URL) are already set. */
  arcade: Arcade;
  /** ARCADE_USER_ID: used when the caller brings no identity of its own. */
  defaultUserId?: string;
  /** How long a token is reused before Arcade is asked again (Arcade refreshes Asana tokens itself). */
  cacheTtlMs?: number;
  /**
   * How long one call may wait for a pending authorization to complete before it returns the link.
   * 0 returns the link at once. Arcade's long-poll caps one wait at 59 s, so longer waits poll again.
   */
  pendingWaitMs?: number;
  logger?: Logger;
  now?: () => number;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * Gets the caller's Asana token from Arcade (`POST /v1/auth/authorize`). Completed: the token is cached
 * per (user, scopes). Pending: the user gets Arcade's link. Never waits without a deadline:
 * arcadejs's own waitForCompletion loops forever and ignores `failed`.
 */
export class ArcadeTokenResolver implements TokenResolver {
  readonly source = "Arcade (ARCADE_API_KEY)";
  readonly rejectedTokenAdvice =
    "The user's Asana authorization in Arcade may have been revoked; call the tool again, and if a new authorization link comes back, show it to the user.";
  readonly #arcade: Arcade;
  readonly #defaultUserId: string | undefined;
  readonly #cacheTtlMs: number;
  readonly #pendingWaitMs: number;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #cache = new Map<string, CachedToken>();
  /** One Arcade round trip per key at a time; concurrent calls of the same user share it. */
  readonly #inFlight = new Map<string, Promise<string>>();

  constructor(options: ArcadeResolverOptions) {
    this.#arcade = options.arcade;
    this.#defaultUserId = options.defaultUserId;
    this.#cacheTtlMs = options.cacheTtlMs ?? 5 * 60_000;
    this.#pendingWaitMs = options.pendingWaitMs ?? 0;
    this.#logger = options.logger ?? silentLogger;
    this.#now = options.now ?? Date.now;
  }

  async resolve(request: TokenRequest): Promise<string> {
    const userId = request.userId ?? this.#defaultUserId;
    if (!userId) {
      throw new MissingCredentialsError(
        "Arcade is configured (ARCADE_API_KEY) but no user is known: set ARCADE_USER_ID to the Arcade user id " +
          "(usually the email you sign in to Arcade with), or put the server behind front-door authentication.",
      );
    }
    const { key, scopes } = cacheKeyOf(userId, request);
    const cached = this.#cache.get(key);
    if (cached && cached.expiresAt > this.#now()) return cached.token;

    let pending = this.#inFlight.get(key);
    if (!pending) {
      // The cache is filled by the shared round trip itself, so a token survives even if every
      // caller that waited for it has cancelled meanwhile.
      pending = this.#authorize(userId, request, scopes)
        .then((token) => {
          this.#remember(key, token);
          return token;
        })
        .finally(() => this.#inFlight.delete(key));
      // Callers attach to the shared round trip through raceWithSignal, which skips a signal that is
      // already aborted; without a handler of its own, a failure nobody awaits any more would be an
      // unhandled rejection, and Node ends the process on one.
      pending.catch(() => undefined);
      this.#inFlight.set(key, pending);
    }
    return raceWithSignal(pending, request.signal);
  }

  invalidate(request: TokenRequest, token: string): void {
    const userId = request.userId ?? this.#defaultUserId;
    if (!userId) return;
    const { key } = cacheKeyOf(userId, request);
    // Only drop the entry if it still holds the rejected token; a concurrent call may have refreshed it.
    if (this.#cache.get(key)?.token !== token) return;
    this.#cache.delete(key);
    this.#logger.info("dropped a cached Asana token that Asana rejected");
  }

  /** Stores a token, and sweeps expired ones so tokens of users long gone do not linger in memory. */
  #remember(key: string, token: string): void {
    const now = this.#now();
    for (const [other, entry] of this.#cache) if (entry.expiresAt <= now) this.#cache.delete(other);
    this.#cache.set(key, { token, expiresAt: now + this.#cacheTtlMs });
  }

  async #authorize(userId: string, request: TokenRequest, scopes: string[]): Promise<string> {
    let response: AuthorizationResponse;
    try {
      response = await this.#arcade.auth.authorize({
        user_id: userId,
        auth_requirement: {
          provider_id: request.requirement.provider_id,
          provider_type: request.requirement.provider_type,
          oauth2: { scopes },
        },
      });
    } catch (error) {
      throw translateArcadeError(error, this.#arcade.baseURL);
    }

    const deadline = this.#now() + this.#pendingWaitMs;
    while (response.status !== "completed" && response.status !== "failed" && response.id && this.#now() < deadline) {
      const waitSeconds = Math.max(1, Math.min(59, Math.floor((deadline - this.#now()) / 1000)));
      try {
        response = await this.#arcade.auth.status({ id: response.id, wait: waitSeconds });
      } catch (error) {
        // A 408 is Arcade's "still pending after the long-poll"; anything else is a real failure.
        if (error instanceof APIError && error.status === 408) continue;
        throw translateArcadeError(error, this.#arcade.baseURL);
      }
    }

    if (response.status === "completed") {
      const token = response.context?.token;
      if (!token) throw new AuthorizationFailedError("Arcade reported the Asana authorization as completed but returned no token.");
      return token;
    }
    if (response.status === "failed") {
      throw new AuthorizationFailedError(
        "Arcade reports that the Asana authorization failed. Ask the user to try again; if it keeps failing, " +
          "check the Asana auth provider in the Arcade dashboard (Connected Apps).",
      );
    }
    if (!response.url || !response.id) {
      throw new AuthorizationFailedError(`Arcade answered status "${response.status ?? "unknown"}" without an authorization link.`);
    }
    this.#logger.info("Asana authorization is pending; returning Arcade's link", { authorization_id: response.id });
    throw new AuthorizationRequiredError(response.url, response.id, request.requirement.provider_id);
  }
}

/** One cache entry per (user, provider, scopes), as Arcade grants them. */
function cacheKeyOf(userId: string, request: TokenRequest): { key: string; scopes: string[] } {
  const scopes = [...request.requirement.oauth2.scopes].sort();
  return { key: `${userId}\u0000${request.requirement.provider_id}\u0000${scopes.join(" ")}`, scopes };
}

function translateArcadeError(error: unknown, baseUrl: string): Error {
  if (error instanceof APIUserAbortError) return error;
  if (error instanceof APIConnectionError) {
    return new TokenServiceUnavailableError(`Could not reach Arcade at ${baseUrl} to get the Asana token. Check ARCADE_BASE_URL and the network, then retry.`);
  }
  if (error instanceof APIError && (error.status === 401 || error.status === 403)) {
    return new AuthorizationFailedError(
      `Arcade rejected the API key (HTTP ${error.status}). Check ARCADE_API_KEY: create a key in the Arcade dashboard, or run "arcade login".`,
    );
  }
  if (error instanceof APIError) {
    return new TokenServiceUnavailableError(`Arcade answered HTTP ${error.status ?? "error"} while authorizing Asana. Retry shortly.`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

function raceWithSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
