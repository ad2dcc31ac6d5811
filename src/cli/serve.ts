import { parseArgs } from "node:util";
import type { RemoteSignInSettings } from "../oauth/settings.js";
import { allToolsetsName, defaultProfileName, type AsanaAuthSettings, type ConfirmMode } from "../toolkit/index.js";
import { remoteSignInFrom } from "./remote-sign-in.js";
import { serverSettings } from "./server-settings.js";
import { flagOptions, readSettings, withoutUnset } from "./setting.js";
import { CliUsageError } from "./usage-error.js";

/**
 * Command line and environment, turned into one typed configuration. Nothing else in the server
 * reads process.env or argv.
 */
export interface ServeConfig {
  command: "serve";
  transport: "stdio" | "http";
  host: string;
  port: number;
  allowedHosts: string[];
  allowedOrigins: string[];
  asanaBaseUrl?: string;
  asanaTimeoutMs: number;
  asanaMaxRetries: number;
  asanaRetryBaseDelayMs: number;
  asanaMaxConnections: number;
  asanaAccessToken?: string;
  arcade?: { apiKey: string; userId?: string; baseUrl?: string; pendingWaitMs: number; cacheTtlMs: number };
  logLevel: string;
  readOnly: boolean;
  /** What MCP clients get: the default profile unless --toolsets says otherwise. */
  toolsets: string[];
  /**
   * True when the operator chose the toolsets (--toolsets or ASANA_TOOLSETS): then they are a ceiling
   * that no request and no model can widen. Otherwise the default profile is only where clients start.
   */
  toolsetsAreCeiling: boolean;
  /**
   * What the Arcade worker offers the Engine: every tool (the Engine picks the tools for each agent),
   * unless --worker-toolsets, or else an explicit --toolsets, narrows it.
   */
  workerToolsets: string[];
  /** Serve the built-in Asana emulator with demo data instead of the real Asana. */
  sandbox: boolean;
  /** The largest attachment GetAttachment returns as content; 0: links only. */
  attachmentMaxBytes: number;
  /** A loopback origin whose files are fetched too (an emulator's storage), for development and tests. */
  devStorageOrigin?: string;
  /** How long one tool call may spend on Asana, retries included. */
  callDeadlineMs: number;
  /** A read's answer budget in bytes when the call sets no max_bytes, or "off". */
  answerMaxBytes: number | "off";
  /** On SIGTERM or when stdin closes: how long calls in flight may still run. */
  shutdownGraceMs: number;
  /** Open HTTP connections beyond this get a 503. */
  maxHttpConnections: number;
  /** Open HTTP connections one client address may hold; unset: a quarter of maxHttpConnections. */
  maxHttpConnectionsPerClient?: number;
  /** Reverse proxies whose X-Forwarded-For names the client, for per-client limits. */
  trustedProxies: string[];
  /** How often a subscribed resource's changes are asked of Asana (stdio), in ms. */
  resourcePollMs: number;
  /** Seals MCP task ids; unset: a random secret per process. The previous one still opens ids during a rotation. */
  taskSecret?: string;
  taskPreviousSecret?: string;
  /** ARCADE_WORKER_SECRET, exactly as given (never trimmed): serve the Arcade worker routes beside /mcp (HTTP only). */
  workerSecret?: string;
  /** ARCADE_ASANA_PROVIDER_ID and ARCADE_ASANA_SCOPES: which Asana auth provider and scopes to ask Arcade for. */
  asanaAuth: AsanaAuthSettings;
  /** ARCADE_TOOLKIT_NAME: the toolkit name the worker registers its tools under (`<name>.<Tool>`). */
  arcadeToolkitName: string;
  /** ARCADE_TOOLKIT_VERSION: the toolkit version the worker reports and requires of invokes; unset, the package's. */
  arcadeToolkitVersion?: string;
  /** ARCADE_USER_VERIFIER: serve Arcade's custom user verifier route for the one ARCADE_USER_ID (HTTP only). */
  userVerifier: boolean;
  /** Front-door bearer authentication for /mcp over HTTP; the token's `sub` is the Arcade user id. */
  frontDoorAuth?: { jwksUrl?: string; sharedSecret?: string; issuer?: string; audience?: string; publicUrl?: string; authorizationServers: string[] };
  /** ASANA_MCP_OAUTH_SECRET: the server is its own MCP authorization server, and people sign in remotely. */
  remoteSignIn?: RemoteSignInSettings;
  /** ASANA_MCP_REDIS_URL: the state replicas share; creates' idempotency keys are kept there too. */
  redisUrl?: string;
  /** ASANA_MCP_CONFIRM, when set: when writes wait for a person's yes (MCP: destructive unless set; the worker: never). */
  confirm?: ConfirmMode;
  /** What confirmation tokens are signed with: ASANA_MCP_CONFIRM_SECRET, else ASANA_MCP_OAUTH_SECRET (a key is derived from it). */
  confirmSecret?: string;
}

/** `--help` and `--version` are answers, not configurations. */
export type ServeCommand = ServeConfig | { command: "help"; text: string } | { command: "version" };

export function parseServe(argv: readonly string[], env: Record<string, string | undefined>, usage: () => string): ServeCommand {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      allowPositionals: false,
      strict: true,
      options: { ...flagOptions(serverSettings), help: { type: "boolean", short: "h" }, version: { type: "boolean", short: "v" } },
    }));
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\n${usage()}`);
  }
  if (values.help) return { command: "help", text: usage() };
  if (values.version) return { command: "version" };

  const {
    toolsets: chosenToolsets,
    workerToolsets: chosenWorkerToolsets,
    asanaAccessToken,
    arcadeApiKey,
    arcadeUserId,
    arcadeBaseUrl,
    arcadePendingWaitMs,
    arcadeCacheTtlMs,
    arcadeProviderId,
    arcadeScopes,
    authJwksUrl,
    authSecret,
    authIssuer,
    authAudience,
    publicUrl,
    authServers,
    oauthSecret,
    oauthPreviousSecret,
    signInMethod,
    asanaOAuthClientId,
    asanaOAuthClientSecret,
    asanaOAuthBaseUrl,
    oidcIssuer,
    oidcClientId,
    oidcClientSecret,
    oidcUserClaim,
    redisUrl,
    oauthAccessTokenSeconds,
    oauthRefreshTokenSeconds,
    oauthRateLimit,
    devAllowLoopbackClientMetadata,
    confirmSecret,
    ...direct
  } = readSettings(serverSettings, values, env);

  const frontDoorAuth = frontDoorAuthFrom({ authJwksUrl, authSecret, authIssuer, authAudience, publicUrl, authServers });
  if (direct.userVerifier) {
    // Arcade sends the browser with nothing but a flow id; the server must already know who that is.
    if (!arcadeApiKey) throw new CliUsageError("ARCADE_USER_VERIFIER needs ARCADE_API_KEY: the verifier confirms users through Arcade's API");
    if (!arcadeUserId) {
      throw new CliUsageError(
        "ARCADE_USER_VERIFIER needs ARCADE_USER_ID: this server can only vouch for the one user it acts for. " +
          "A server shared by several people cannot tell which of them a browser belongs to; build the verifier into your app's own sign-in instead.",
      );
    }
    if (frontDoorAuth) {
      throw new CliUsageError(
        "ARCADE_USER_VERIFIER cannot be combined with front-door authentication (ASANA_MCP_AUTH_*): several people share this server, " +
          "and the browser Arcade redirects carries none of their tokens, so the verifier could not know who it confirms. Build the verifier into your app's own sign-in instead.",
      );
    }
    if (direct.transport !== "http")
      throw new CliUsageError("ARCADE_USER_VERIFIER needs --transport http: the verifier is a web page Arcade sends the browser to");
  }

  const remoteSignIn = remoteSignInFrom(
    {
      oauthSecret,
      oauthPreviousSecret,
      signInMethod,
      asanaOAuthClientId,
      asanaOAuthClientSecret,
      asanaOAuthBaseUrl,
      oidcIssuer,
      oidcClientId,
      oidcClientSecret,
      oidcUserClaim,
      redisUrl,
      oauthAccessTokenSeconds,
      oauthRefreshTokenSeconds,
      oauthRateLimit,
      devAllowLoopbackClientMetadata,
    },
    {
      transport: direct.transport,
      sandbox: direct.sandbox,
      publicUrl,
      arcadeApiKey,
      arcadeUserId,
      asanaAccessToken,
      frontDoorAuth: frontDoorAuth !== undefined,
      userVerifier: direct.userVerifier,
    },
  );

  const toolsets = chosenToolsets ?? [defaultProfileName];
  return withoutUnset({
    command: "serve",
    ...direct,
    toolsets,
    toolsetsAreCeiling: chosenToolsets !== undefined,
    workerToolsets: chosenWorkerToolsets ?? chosenToolsets ?? [allToolsetsName],
    asanaAuth: withoutUnset({ providerId: arcadeProviderId, scopes: arcadeScopes }),
    asanaAccessToken,
    arcade: arcadeApiKey
      ? withoutUnset({ apiKey: arcadeApiKey, userId: arcadeUserId, baseUrl: arcadeBaseUrl, pendingWaitMs: arcadePendingWaitMs, cacheTtlMs: arcadeCacheTtlMs })
      : undefined,
    frontDoorAuth,
    remoteSignIn,
    redisUrl: redisUrlOf(redisUrl),
    // Replicas of a sign-in deployment already share the OAuth secret, so their tokens agree unasked.
    confirmSecret: confirmSecret ?? oauthSecret,
  } satisfies ServeConfig);
}

function redisUrlOf(url: string | undefined): string | undefined {
  if (url && !/^rediss?:\/\/./.test(url)) {
    throw new CliUsageError(`ASANA_MCP_REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379 (got "${url}")`);
  }
  return url;
}

function frontDoorAuthFrom(settings: {
  authJwksUrl: string | undefined;
  authSecret: string | undefined;
  authIssuer: string | undefined;
  authAudience: string | undefined;
  publicUrl: string | undefined;
  authServers: string[];
}): ServeConfig["frontDoorAuth"] {
  const { authJwksUrl: jwksUrl, authSecret: sharedSecret, authIssuer: issuer, authAudience: audience, publicUrl } = settings;
  if (!jwksUrl && !sharedSecret) return undefined;
  if (jwksUrl && sharedSecret) throw new CliUsageError("set ASANA_MCP_AUTH_JWKS_URL or ASANA_MCP_AUTH_SECRET, not both");
  // An identity provider signs tokens for many applications; without an audience (and issuer) check, a
  // token issued to any of them would be accepted here (the MCP auth spec requires the audience check).
  if (jwksUrl && (!audience || !issuer)) {
    throw new CliUsageError(
      "ASANA_MCP_AUTH_JWKS_URL needs ASANA_MCP_AUTH_ISSUER (your identity provider's issuer) and ASANA_MCP_AUTH_AUDIENCE " +
        "(the audience your provider puts in tokens meant for this server), so tokens issued to other applications are refused",
    );
  }
  return withoutUnset({
    jwksUrl,
    sharedSecret,
    issuer,
    audience,
    publicUrl,
    authorizationServers: settings.authServers.length > 0 ? settings.authServers : issuer ? [issuer] : [],
  });
}
