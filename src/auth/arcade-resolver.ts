import { APIConnectionError, APIError, APIUserAbortError, type Arcade } from "@arcadeai/arcadejs";
import type { AuthRequirement } from "../toolkit/auth-requirement.js";
import type { Logger } from "../log/index.js";
import { silentLogger } from "../log/index.js";
import { arcadeMessageOf, waitForAuthorization, type ArcadeAuthorization } from "./arcade-client.js";
import { AuthorizationFailedError, AuthorizationRequiredError, MissingCredentialsError, TokenServiceUnavailableError } from "./errors.js";
import type { TokenRequest, TokenResolver } from "./token-resolver.js";

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
 * per (user, provider, scopes). Pending: the user gets Arcade's link. Never waits without a deadline:
 * arcadejs's own waitForCompletion loops forever and ignores `failed`.
 */
export class ArcadeTokenResolver implements TokenResolver {
  readonly source = "Arcade (ARCADE_API_KEY)";
  /** Arcade runs Asana's OAuth: its tokens are those of its Asana app (or the project's own provider). */
  readonly tokenKind = "oauth-app";
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
    const requirement = request.requirement;
    let response: ArcadeAuthorization;
    try {
      response = await this.#arcade.auth.authorize({
        user_id: userId,
        auth_requirement: {
          provider_id: requirement.provider_id,
          provider_type: requirement.provider_type,
          // Names one Asana provider of several (the deployment's own OAuth app); Arcade matches it by id.
          ...(requirement.id ? { id: requirement.id } : {}),
          oauth2: { scopes },
        },
      });
      if (this.#pendingWaitMs > 0) {
        response = await waitForAuthorization(this.#arcade, response, { deadline: this.#now() + this.#pendingWaitMs, now: this.#now });
      }
    } catch (error) {
      throw translateArcadeError(error, this.#arcade.baseURL, requirement);
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
    throw new AuthorizationRequiredError(response.url, response.id, request.requirement.id ?? request.requirement.provider_id);
  }
}

/**
 * One cache entry per (user, provider, scopes), as Arcade grants them. The provider is the deployment's
 * own provider id when it has one: two Asana apps grant two different tokens to the same user.
 */
function cacheKeyOf(userId: string, request: TokenRequest): { key: string; scopes: string[] } {
  const scopes = [...request.requirement.oauth2.scopes].sort();
  const provider = request.requirement.id ?? request.requirement.provider_id;
  return { key: `${userId}\u0000${provider}\u0000${scopes.join(" ")}`, scopes };
}

function translateArcadeError(error: unknown, baseUrl: string, requirement: AuthRequirement): Error {
  if (error instanceof APIUserAbortError) return error;
  if (error instanceof APIConnectionError) {
    return new TokenServiceUnavailableError(`Could not reach Arcade at ${baseUrl} to get the Asana token. Check ARCADE_BASE_URL and the network, then retry.`);
  }
  if (error instanceof APIError && (error.status === 401 || error.status === 403)) {
    return new AuthorizationFailedError(
      `Arcade rejected the API key (HTTP ${error.status}). Check ARCADE_API_KEY: create a key in the Arcade dashboard, or run "arcade login".`,
    );
  }
  if (error instanceof APIError && error.status === 404) {
    // A base URL that is not an Engine's (one ending in /v1, another host) answers 404 to every path, so
    // the URL is the first thing to check; the provider ID only if the URL is right.
    const provider = requirement.id
      ? ` If it is right, check that an Asana auth provider with the ID "${requirement.id}" exists (ARCADE_ASANA_PROVIDER_ID).`
      : "";
    return new AuthorizationFailedError(
      `Arcade answered 404 Not Found for ${baseUrl.replace(/\/$/, "")}/v1/auth/authorize. Check ARCADE_BASE_URL (${baseUrl}): ` +
        `it is the Engine's base URL without /v1, e.g. https://api.arcade.dev, or unset for Arcade's cloud.${provider}`,
    );
  }
  if (error instanceof APIError && error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429) {
    // Arcade refuses the requirement itself: an unknown provider id, or several Asana providers and no id.
    const provider = requirement.id
      ? `ARCADE_ASANA_PROVIDER_ID is "${requirement.id}": check that an Asana auth provider with exactly this ID exists in the Arcade project (dashboard: Connected Apps).`
      : "If the Arcade project has more than one Asana auth provider, set ARCADE_ASANA_PROVIDER_ID to the ID of the one to use.";
    return new AuthorizationFailedError(`Arcade refused the Asana authorization request (HTTP ${error.status}: ${arcadeMessageOf(error)}). ${provider}`);
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
