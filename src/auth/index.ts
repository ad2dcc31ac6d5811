import type { Logger } from "../log/index.js";
import { silentLogger } from "../log/index.js";
import { MissingCredentialsResolver, PersonalAccessTokenResolver } from "./static-resolvers.js";
import type { TokenResolver } from "./token-resolver.js";

export type { AsanaTokenKind, TokenRequest, TokenResolver } from "./token-resolver.js";
export { ArcadeTokenResolver } from "./arcade-resolver.js";
export { ArcadeRequestError, arcadeMessageOf, createArcadeClient, explainArcadeError, waitForAuthorization } from "./arcade-client.js";
export type { ArcadeAuthorization, ArcadeClientSettings } from "./arcade-client.js";
export { createUserVerifierRoute, userVerifierPath } from "./user-verifier.js";
export type { UserVerifierOptions } from "./user-verifier.js";
export { InjectedTokenResolver, MissingCredentialsResolver, PersonalAccessTokenResolver, missingCredentialsMessage } from "./static-resolvers.js";
export { AuthorizationFailedError, AuthorizationRequiredError, MissingCredentialsError, TokenServiceUnavailableError } from "./errors.js";

export interface TokenSourceConfig {
  asanaAccessToken?: string;
  arcade?: {
    apiKey: string;
    userId?: string;
    /** Unset: arcadejs reads ARCADE_BASE_URL, else Arcade's cloud. */
    baseUrl?: string;
    pendingWaitMs?: number;
    cacheTtlMs?: number;
  };
}

/**
 * Picks the token source from configuration. A personal access token wins over Arcade because it is
 * the more explicit choice; with neither, calls explain what to set (the server still starts).
 * Arcade's client is loaded only when Arcade is the source.
 */
export async function createTokenResolver(config: TokenSourceConfig, logger: Logger = silentLogger): Promise<TokenResolver> {
  if (config.asanaAccessToken) {
    if (config.arcade) logger.warn("both ASANA_ACCESS_TOKEN and ARCADE_API_KEY are set; using the personal access token");
    return new PersonalAccessTokenResolver(config.asanaAccessToken);
  }
  if (config.arcade) {
    const [{ createArcadeClient }, { ArcadeTokenResolver }] = await Promise.all([import("./arcade-client.js"), import("./arcade-resolver.js")]);
    // One quick retry at most: a person is waiting on the tool call.
    const arcade = createArcadeClient({ apiKey: config.arcade.apiKey, ...(config.arcade.baseUrl ? { baseUrl: config.arcade.baseUrl } : {}), maxRetries: 1 });
    return new ArcadeTokenResolver({
      arcade,
      logger,
      ...(config.arcade.userId ? { defaultUserId: config.arcade.userId } : {}),
      ...(config.arcade.pendingWaitMs !== undefined ? { pendingWaitMs: config.arcade.pendingWaitMs } : {}),
      ...(config.arcade.cacheTtlMs !== undefined ? { cacheTtlMs: config.arcade.cacheTtlMs } : {}),
    });
  }
  return new MissingCredentialsResolver();
}
