import type { RemoteSignInSettings } from "../oauth/settings.js";
import { CliUsageError } from "./usage-error.js";

/** The longest-lived keys derive from ASANA_MCP_OAUTH_SECRET: 32 random characters carry well over 128 bits. */
const minimumOAuthSecret = 32;

/** The remote sign-in settings as src/cli/server-settings.ts reads them. */
export interface RemoteSignInValues {
  oauthSecret: string | undefined;
  oauthPreviousSecret: string | undefined;
  signInMethod: string | undefined;
  asanaOAuthClientId: string | undefined;
  asanaOAuthClientSecret: string | undefined;
  asanaOAuthBaseUrl: string | undefined;
  oidcIssuer: string | undefined;
  oidcClientId: string | undefined;
  oidcClientSecret: string | undefined;
  oidcUserClaim: string;
  redisUrl: string | undefined;
  oauthAccessTokenSeconds: number;
  oauthRefreshTokenSeconds: number;
  oauthRateLimit: number;
  devAllowLoopbackClientMetadata: boolean;
}

/** What else the server is configured with that remote sign-in must agree with. */
export interface RemoteSignInContext {
  transport: string;
  sandbox: boolean;
  publicUrl: string | undefined;
  arcadeApiKey: string | undefined;
  arcadeUserId: string | undefined;
  asanaAccessToken: string | undefined;
  frontDoorAuth: boolean;
  userVerifier: boolean;
}

/**
 * ASANA_MCP_OAUTH_SECRET turns the built-in authorization server on; the rest says how people sign in.
 * Combinations that would act for the wrong person are refused: one ARCADE_USER_ID or one personal
 * access token for everyone, or a second front-door authentication.
 */
export function remoteSignInFrom(values: RemoteSignInValues, context: RemoteSignInContext): RemoteSignInSettings | undefined {
  const secret = values.oauthSecret;
  if (!secret) return undefined;
  if (secret.length < minimumOAuthSecret) {
    throw new CliUsageError(
      `ASANA_MCP_OAUTH_SECRET must be at least ${minimumOAuthSecret} characters of random text (e.g. the output of: openssl rand -base64 48)`,
    );
  }
  if (context.transport !== "http")
    throw new CliUsageError("ASANA_MCP_OAUTH_SECRET (remote sign-in) needs --transport http: sign-in happens in the browser, over HTTP");
  if (context.sandbox) throw new CliUsageError("ASANA_MCP_OAUTH_SECRET (remote sign-in) serves real Asana accounts and cannot be combined with --sandbox");
  if (context.frontDoorAuth) {
    throw new CliUsageError(
      "set ASANA_MCP_OAUTH_SECRET (this server signs people in) or ASANA_MCP_AUTH_JWKS_URL / ASANA_MCP_AUTH_SECRET (your identity provider does), not both",
    );
  }
  if (context.userVerifier) {
    throw new CliUsageError(
      "ARCADE_USER_VERIFIER (one user) cannot be combined with ASANA_MCP_OAUTH_SECRET: remote sign-in serves Arcade's verifier for everyone who signs in",
    );
  }
  const method = (values.signInMethod?.toLowerCase() ??
    (values.oidcIssuer ? "oidc" : values.asanaOAuthClientId ? "asana" : "arcade")) as RemoteSignInSettings["method"];
  if (method !== "arcade" && method !== "asana" && method !== "oidc")
    throw new CliUsageError(`ASANA_MCP_SIGN_IN must be arcade, asana or oidc (got "${method}")`);
  if (method === "asana" && (!values.asanaOAuthClientId || !values.asanaOAuthClientSecret)) {
    throw new CliUsageError(
      "ASANA_MCP_SIGN_IN=asana needs ASANA_OAUTH_CLIENT_ID and ASANA_OAUTH_CLIENT_SECRET: your Asana app's credentials (Asana developer console > your app > OAuth)",
    );
  }
  if (method === "oidc" && (!values.oidcIssuer || !values.oidcClientId)) {
    throw new CliUsageError(
      "ASANA_MCP_SIGN_IN=oidc needs ASANA_MCP_OIDC_ISSUER (your provider's issuer URL) and ASANA_MCP_OIDC_CLIENT_ID (and usually ASANA_MCP_OIDC_CLIENT_SECRET)",
    );
  }
  if (method !== "asana" && !context.arcadeApiKey) {
    throw new CliUsageError(
      `ASANA_MCP_SIGN_IN=${method} needs ARCADE_API_KEY: Arcade holds each person's Asana grant. Without Arcade, use your own Asana app (ASANA_OAUTH_CLIENT_ID and ASANA_OAUTH_CLIENT_SECRET)`,
    );
  }
  if (method !== "asana" && context.arcadeUserId) {
    throw new CliUsageError("ARCADE_USER_ID names one user for everyone; with remote sign-in each person signs in as themselves. Unset ARCADE_USER_ID");
  }
  if (context.asanaAccessToken) throw new CliUsageError("ASANA_ACCESS_TOKEN would make every signed-in person act as its owner; with remote sign-in, unset it");
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(values.oidcUserClaim)) {
    throw new CliUsageError(`ASANA_MCP_OIDC_USER_CLAIM must be a claim name such as email or sub (got "${values.oidcUserClaim}")`);
  }
  if (values.redisUrl && !/^rediss?:\/\/./.test(values.redisUrl)) {
    throw new CliUsageError(`ASANA_MCP_REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379 (got "${values.redisUrl}")`);
  }
  return {
    secrets: values.oauthPreviousSecret ? [secret, values.oauthPreviousSecret] : [secret],
    method,
    ...(context.publicUrl ? { publicUrl: context.publicUrl.replace(/\/$/, "") } : {}),
    ...(values.redisUrl ? { redisUrl: values.redisUrl } : {}),
    ...(method === "asana"
      ? {
          asanaApp: {
            clientId: values.asanaOAuthClientId!,
            clientSecret: values.asanaOAuthClientSecret!,
            oauthBaseUrl: (values.asanaOAuthBaseUrl ?? "https://app.asana.com").replace(/\/$/, ""),
          },
        }
      : {}),
    ...(method === "oidc"
      ? {
          oidc: {
            issuer: values.oidcIssuer!.replace(/\/$/, ""),
            clientId: values.oidcClientId!,
            ...(values.oidcClientSecret ? { clientSecret: values.oidcClientSecret } : {}),
            userClaim: values.oidcUserClaim,
          },
        }
      : {}),
    accessTokenSeconds: values.oauthAccessTokenSeconds,
    refreshTokenSeconds: values.oauthRefreshTokenSeconds,
    rateLimitPerMinute: values.oauthRateLimit,
    allowLoopbackClientMetadata: values.devAllowLoopbackClientMetadata,
  };
}
