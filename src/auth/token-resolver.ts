import type { AuthRequirement } from "../toolkit/auth-requirement.js";

/** Who is calling and what they need; the front door fills it in, the resolver decides the token. */
export interface TokenRequest {
  requirement: AuthRequirement;
  /** The Arcade user id of the caller (front-door identity, else the configured ARCADE_USER_ID). */
  userId?: string;
  /** A token the Arcade Engine already resolved and injected (worker invocations). */
  injectedToken?: string;
  signal?: AbortSignal;
}

/**
 * One interface for every token source. `resolve` returns a token or throws one of the errors in
 * ./errors.ts (authorization required, missing credentials, failed).
 */
export interface TokenResolver {
  /** For logs and diagnostics: "personal access token", "Arcade", ... */
  readonly source: string;
  resolve(request: TokenRequest): Promise<string>;
  /** Forget a cached token after Asana rejected it with 401, so the next resolve fetches a fresh one. */
  invalidate(request: TokenRequest, token: string): void;
  /** What to tell the model when Asana rejects this source's token (401), in terms of this source. */
  readonly rejectedTokenAdvice: string;
  /**
   * An OAuth app's token (Arcade's, the Engine's, the deployment's own app) or a personal access token.
   * Asana keeps some data for OAuth apps only (a task's `external` data); unset counts as personal.
   */
  readonly tokenKind?: AsanaTokenKind;
}

export type AsanaTokenKind = "oauth-app" | "personal";
