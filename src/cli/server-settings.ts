import { toolsets as knownToolsets } from "../../tools/toolsets.js";
// The constants alone (not the client's entry), so reading settings does not load undici.
import { defaultMaxFileBytes, loopbackOrigin } from "../asana/storage-hosts.js";
import { logLevels } from "../log/index.js";
import { answerByteLimits, confirmModes, parseToolsetList, toolkitName as defaultToolkitName, type ConfirmMode } from "../toolkit/index.js";
import { setting, type Setting } from "./setting.js";
import { CliUsageError } from "./usage-error.js";
import {
  absoluteUrl,
  commaList,
  exactSecret,
  oneOf,
  optionalText,
  optionalWholeNumber,
  proxyList,
  textWithDefault,
  trimmed,
  urlList,
  wholeNumber,
  yesNo,
} from "./value-kinds.js";

/**
 * Every setting of the server, in the order `--help` and the README show them. A new setting is one
 * entry here: its key becomes a ServeConfig field of the same name (src/cli/serve.ts spreads the values
 * it does not combine itself), and help and the README's table pick it up.
 */
export const settingGroups = [
  { id: "serving", title: "Serving" },
  { id: "tools", title: "Choosing tools" },
  { id: "credentials", title: "Credentials (set one)" },
  { id: "arcade", title: "Arcade" },
  { id: "worker", title: "Arcade Engine worker (HTTP only)" },
  { id: "identity", title: "Per-user identity over HTTP" },
  { id: "signIn", title: "Remote sign-in over HTTP (the server as its own authorization server; docs/host-for-your-team.md)" },
  { id: "asana", title: "Asana requests and logs" },
] as const;

/** --toolsets and its kin: the names tools/toolsets.ts knows, plus `default` and `all`. */
const toolsetList =
  () =>
  (raw: string | undefined, name: string): string[] | undefined => {
    const value = trimmed(raw);
    if (value === undefined) return undefined;
    try {
      return parseToolsetList(value, knownToolsets);
    } catch (error) {
      throw new CliUsageError(`${name}: ${(error as Error).message}`);
    }
  };

/** Toolkit names become `<Toolkit>.<Tool>` in Arcade and `<Toolkit>_<Tool>` in Arcade's MCP gateway. */
const toolkitNameKind =
  () =>
  (raw: string | undefined, name: string): string => {
    const value = trimmed(raw) ?? defaultToolkitName;
    if (!/^[A-Za-z][A-Za-z0-9]{0,63}$/.test(value)) {
      throw new CliUsageError(
        `${name} must be letters and digits, starting with a letter (e.g. AsanaMcp), since Arcade joins it to tool names with "." and "_" (got "${value}")`,
      );
    }
    return value;
  };

/** A byte budget for reads' answers, or `off` to send them whole. */
const answerBudget =
  () =>
  (raw: string | undefined, name: string): number | "off" => {
    const value = trimmed(raw);
    if (value === undefined) return answerByteLimits.default;
    if (value.toLowerCase() === "off") return "off";
    const bytes = Number(value);
    if (!Number.isInteger(bytes) || bytes < answerByteLimits.min || bytes > answerByteLimits.max) {
      throw new CliUsageError(`${name} must be a whole number from ${answerByteLimits.min} to ${answerByteLimits.max}, or off (got "${raw}")`);
    }
    return bytes;
  };

/** The emulator's storage, on loopback only: this cannot open a way to other hosts. */
const loopbackStorageOrigin =
  () =>
  (raw: string | undefined, name: string): string | undefined => {
    const value = trimmed(raw);
    if (value === undefined) return undefined;
    try {
      return loopbackOrigin(value);
    } catch (error) {
      throw new CliUsageError(`${name}: ${(error as Error).message}`);
    }
  };

/** Task ids are sealed for an hour or more: a key that holds that long needs 32 random characters. */
const taskSecretKind =
  () =>
  (raw: string | undefined, name: string): string | undefined => {
    if (raw === undefined || raw === "") return undefined;
    if (raw.length < 32) throw new CliUsageError(`${name} must be at least 32 characters of random text (e.g. the output of: openssl rand -base64 48)`);
    return raw;
  };

/** An Engine sends the version back in every invoke (`tool.version`) and calls `<Toolkit>.<Tool>@<version>` by it. */
const toolkitVersionKind =
  () =>
  (raw: string | undefined, name: string): string | undefined => {
    const value = trimmed(raw);
    if (value !== undefined && !/^[A-Za-z0-9][A-Za-z0-9.+_-]{0,63}$/.test(value)) {
      throw new CliUsageError(`${name} must be a version such as 1.2.0: letters, digits, ".", "-", "+" and "_", no spaces (got "${value}")`);
    }
    return value;
  };

const providerIdKind =
  () =>
  (raw: string | undefined): string | undefined => {
    const value = trimmed(raw);
    if (value !== undefined && !/^\S{1,100}$/.test(value)) {
      throw new CliUsageError(
        `ARCADE_ASANA_PROVIDER_ID must be the ID you gave your Asana auth provider in Arcade's dashboard, without spaces (got "${value}")`,
      );
    }
    return value;
  };

/**
 * Asana's scopes: `default` (Full Permissions), the preview's granular `<resource>:<action>` such as
 * `tasks:read`, and the OpenID scopes (openid, email, profile).
 */
const asanaScopePattern = /^[a-z][a-z_]*(:[a-z_]+)?$/;
const asanaScopesKind =
  () =>
  (raw: string | undefined): string[] | undefined => {
    const scopes = (trimmed(raw) ?? "").split(/[\s,]+/).filter(Boolean);
    for (const scope of scopes) {
      if (!asanaScopePattern.test(scope)) {
        throw new CliUsageError(
          `ARCADE_ASANA_SCOPES: "${scope}" is not an Asana scope; use default (Full Permissions), or granular scopes such as tasks:read,projects:read`,
        );
      }
    }
    return scopes.length > 0 ? scopes : undefined;
  };

/** Unset stays unset: MCP then asks before destructive writes, and the worker asks for nothing. */
const confirmModeKind =
  () =>
  (raw: string | undefined, name: string): ConfirmMode | undefined =>
    trimmed(raw) === undefined ? undefined : oneOf(confirmModes, "destructive", { caseInsensitive: true })(raw, name);

export const serverSettings = [
  // Serving
  setting({
    key: "transport",
    flag: "transport",
    placeholder: "<stdio|http>",
    env: "MCP_TRANSPORT",
    defaultText: "stdio",
    group: "serving",
    description: "stdio for a client that starts the server; http serves Streamable HTTP at /mcp",
    parse: oneOf(["stdio", "http"], "stdio"),
  }),
  setting({
    key: "host",
    flag: "host",
    placeholder: "<address>",
    env: "HOST",
    defaultText: "127.0.0.1",
    group: "serving",
    description: "HTTP bind address",
    parse: textWithDefault("127.0.0.1"),
  }),
  setting({
    key: "port",
    flag: "port",
    placeholder: "<n>",
    env: "PORT",
    defaultText: "3000",
    group: "serving",
    description: "HTTP port; 0 picks a free one",
    parse: wholeNumber({ fallback: 3000, min: 0, max: 65535 }),
  }),
  setting({
    key: "allowedHosts",
    flag: "allowed-hosts",
    placeholder: "<a,b>",
    env: "ASANA_MCP_ALLOWED_HOSTS",
    defaultText: "loopback and the bound host",
    group: "serving",
    description: "more Host names to accept over HTTP, e.g. your public name behind a proxy",
    parse: commaList(),
  }),
  setting({
    key: "allowedOrigins",
    flag: "allowed-origins",
    placeholder: "<a,b>",
    env: "ASANA_MCP_ALLOWED_ORIGINS",
    defaultText: "loopback",
    group: "serving",
    description: "browser origins to accept over HTTP",
    parse: commaList(),
  }),
  setting({
    key: "taskSecret",
    env: "ASANA_MCP_TASK_SECRET",
    defaultText: "a random one per process",
    group: "serving",
    description: "seals the ids of MCP tasks (duplications, templates): 32+ random characters, the same on every replica, so any replica answers for a task",
    parse: taskSecretKind(),
  }),
  setting({
    key: "taskPreviousSecret",
    env: "ASANA_MCP_TASK_PREVIOUS_SECRET",
    group: "serving",
    description: "during a rotation, the previous task secret: the ids it sealed still open",
    parse: taskSecretKind(),
  }),
  setting({
    key: "maxHttpConnections",
    env: "ASANA_MCP_MAX_CONNECTIONS",
    defaultText: "1024",
    group: "serving",
    description: "open HTTP connections in all; when full, the slowest connection still sending its request is closed to make room, else a newcomer gets a 503",
    parse: wholeNumber({ fallback: 1024, min: 1, max: 100_000 }),
  }),
  setting({
    key: "maxHttpConnectionsPerClient",
    env: "ASANA_MCP_MAX_CONNECTIONS_PER_CLIENT",
    defaultText: "a quarter of ASANA_MCP_MAX_CONNECTIONS",
    group: "serving",
    description:
      "of those, how many one client address (an IPv4 address, or an IPv6 /64) may hold; past it, its slowest is shed. A trusted proxy (ASANA_MCP_TRUSTED_PROXIES) may hold them all",
    parse: optionalWholeNumber({ min: 1, max: 100_000 }),
  }),
  setting({
    key: "trustedProxies",
    env: "ASANA_MCP_TRUSTED_PROXIES",
    group: "serving",
    description:
      "reverse proxies in front of this server (addresses, CIDR ranges, or loopback / private): per-client limits then count the client each names in X-Forwarded-For, not the proxy; a header from any other peer is ignored",
    parse: proxyList(),
  }),
  setting({
    key: "resourcePollMs",
    env: "ASANA_MCP_RESOURCE_POLL_SECONDS",
    defaultText: "30",
    group: "serving",
    description: "how often Asana is asked what changed in a resource a client subscribed to (stdio)",
    parse: wholeNumber({ fallback: 30, min: 1, max: 3600, scale: 1000 }),
  }),
  setting({
    key: "shutdownGraceMs",
    flag: "shutdown-grace-seconds",
    placeholder: "<n>",
    env: "ASANA_MCP_SHUTDOWN_GRACE_SECONDS",
    defaultText: "10",
    group: "serving",
    description: "on SIGTERM, or when the client closes stdin, calls in flight may finish for this long (HTTP answers 503 meanwhile); then the process exits",
    parse: wholeNumber({ fallback: 10, min: 0, max: 600, scale: 1000 }),
  }),

  // Choosing tools
  setting({
    key: "readOnly",
    flag: "read-only",
    flagIsSwitch: true,
    env: "ASANA_READ_ONLY",
    defaultText: "off",
    group: "tools",
    description: "offer only tools that change nothing (MCP and the worker)",
    parse: yesNo(),
  }),
  setting({
    key: "confirm",
    flag: "confirm",
    placeholder: "<destructive|always|never>",
    env: "ASANA_MCP_CONFIRM",
    defaultText: "destructive (never for the Arcade worker)",
    group: "tools",
    description:
      "when a person confirms a write, shown the exact change: destructive (deletes, bulk and clearing writes, where the client can ask), " +
      "always (every write; a client that cannot ask gets a preview and a token first) or never. dry_run works in every mode",
    parse: confirmModeKind(),
  }),
  setting({
    key: "confirmSecret",
    env: "ASANA_MCP_CONFIRM_SECRET",
    defaultText: "derived from ASANA_MCP_OAUTH_SECRET, else random per process",
    group: "tools",
    description: "signs confirmation tokens; give replicas the same one so a preview made on one is confirmed on another",
    parse: exactSecret(),
  }),
  setting({
    key: "toolsets",
    flag: "toolsets",
    placeholder: "<a,b>",
    env: "ASANA_TOOLSETS",
    defaultText: "default",
    group: "tools",
    description:
      `which tools MCP clients get: default (the everyday tools), all, or toolsets (${knownToolsets.map((t) => t.name).join(", ")}); ` +
      '"default,projects" adds one. Unset, clients start with the everyday tools and may switch others on; set, it is a ceiling no request widens',
    parse: toolsetList(),
  }),
  setting({
    key: "workerToolsets",
    flag: "worker-toolsets",
    placeholder: "<a,b>",
    env: "ARCADE_WORKER_TOOLSETS",
    defaultText: "all, or --toolsets when given",
    group: "tools",
    description: "which tools the Arcade worker offers the Engine",
    parse: toolsetList(),
  }),
  setting({
    key: "sandbox",
    flag: "sandbox",
    flagIsSwitch: true,
    env: "ASANA_SANDBOX",
    defaultText: "off",
    group: "tools",
    description: "no Asana account needed: serve a built-in Asana emulator with demo data",
    parse: yesNo(),
  }),

  // Credentials
  setting({
    key: "asanaAccessToken",
    env: "ASANA_ACCESS_TOKEN",
    group: "credentials",
    description: "an Asana personal access token (Asana: My settings → Apps → Developer apps); wins when Arcade is set too",
    parse: optionalText(),
  }),
  setting({
    key: "arcadeApiKey",
    env: "ARCADE_API_KEY",
    group: "credentials",
    description: "an Arcade API key: the server asks Arcade for the user's Asana token (provider asana, scope default)",
    parse: optionalText(),
  }),
  setting({
    key: "arcadeUserId",
    env: "ARCADE_USER_ID",
    group: "credentials",
    description: "the Arcade user to act for (usually the email you sign in to Arcade with)",
    parse: optionalText(),
  }),
  setting({
    key: "arcadeBaseUrl",
    env: "ARCADE_BASE_URL",
    defaultText: "https://api.arcade.dev",
    group: "credentials",
    description: "a self-hosted Arcade Engine, without /v1",
    parse: absoluteUrl("https://api.arcade.dev"),
  }),

  // Arcade
  setting({
    key: "arcadeProviderId",
    flag: "arcade-provider-id",
    placeholder: "<id>",
    env: "ARCADE_ASANA_PROVIDER_ID",
    group: "arcade",
    description: "the ID of your own Asana auth provider in Arcade (e.g. my-asana-provider); needed when the project has more than one",
    parse: providerIdKind(),
  }),
  setting({
    key: "arcadeScopes",
    flag: "arcade-scopes",
    placeholder: "<a,b>",
    env: "ARCADE_ASANA_SCOPES",
    defaultText: "default",
    group: "arcade",
    description: "Asana scopes to ask for: default is Full Permissions; granular scopes (tasks:read, …) are in preview",
    parse: asanaScopesKind(),
  }),
  setting({
    key: "arcadePendingWaitMs",
    env: "ARCADE_AUTH_WAIT_SECONDS",
    defaultText: "0",
    group: "arcade",
    description: "how long a call waits for a pending Arcade authorization before returning the link",
    parse: wholeNumber({ fallback: 0, min: 0, max: 600, scale: 1000 }),
  }),
  setting({
    key: "arcadeCacheTtlMs",
    env: "ARCADE_TOKEN_CACHE_SECONDS",
    defaultText: "300",
    group: "arcade",
    description: "how long a token from Arcade is reused",
    parse: wholeNumber({ fallback: 300, min: 0, max: 3600, scale: 1000 }),
  }),
  setting({
    key: "userVerifier",
    flag: "user-verifier",
    flagIsSwitch: true,
    env: "ARCADE_USER_VERIFIER",
    defaultText: "off",
    group: "arcade",
    description: "serve Arcade's custom user verifier at /arcade/verify-user (HTTP; a single-user server with ARCADE_USER_ID)",
    parse: yesNo(),
  }),

  // Worker
  setting({
    key: "workerSecret",
    env: "ARCADE_WORKER_SECRET",
    group: "worker",
    description: "serve /worker/health, /worker/tools and /worker/tools/invoke beside /mcp; the Engine signs its calls with it (used exactly as given)",
    parse: exactSecret(),
  }),
  setting({
    key: "arcadeToolkitName",
    flag: "arcade-toolkit",
    placeholder: "<name>",
    env: "ARCADE_TOOLKIT_NAME",
    defaultText: "Asana",
    group: "worker",
    description: "the toolkit the worker's tools are registered under (<name>.<Tool>); Arcade's hosted Asana toolkit is named Asana too",
    parse: toolkitNameKind(),
  }),
  setting({
    key: "arcadeToolkitVersion",
    env: "ARCADE_TOOLKIT_VERSION",
    defaultText: "the package's version",
    group: "worker",
    description: "the toolkit version /worker/tools reports; an invoke naming another version is refused (404), as after an upgrade the Engine has not seen",
    parse: toolkitVersionKind(),
  }),

  // Per-user identity over HTTP
  setting({
    key: "authJwksUrl",
    env: "ASANA_MCP_AUTH_JWKS_URL",
    group: "identity",
    description: "verify callers' bearer JWTs against this JWKS (needs the issuer and audience below)",
    parse: absoluteUrl("https://id.example.com/.well-known/jwks.json"),
  }),
  setting({
    key: "authSecret",
    env: "ASANA_MCP_AUTH_SECRET",
    group: "identity",
    description: "or verify them with this HS256 shared secret",
    parse: optionalText(),
  }),
  setting({
    key: "authIssuer",
    env: "ASANA_MCP_AUTH_ISSUER",
    group: "identity",
    description: "the iss tokens must carry",
    parse: optionalText(),
  }),
  setting({
    key: "authAudience",
    env: "ASANA_MCP_AUTH_AUDIENCE",
    group: "identity",
    description: "the aud tokens must carry",
    parse: optionalText(),
  }),
  setting({
    key: "publicUrl",
    env: "ASANA_MCP_PUBLIC_URL",
    group: "identity",
    description: "this server's public base URL, named in 401 challenges and the protected-resource metadata",
    parse: absoluteUrl("https://asana-mcp.example.com"),
  }),
  setting({
    key: "authServers",
    env: "ASANA_MCP_AUTH_SERVERS",
    defaultText: "the issuer",
    group: "identity",
    description: "authorization server URLs to advertise in that metadata",
    parse: urlList("https://id.example.com"),
  }),

  // Remote sign-in: src/cli/remote-sign-in.ts combines these into ServeConfig.remoteSignIn.
  setting({
    key: "oauthSecret",
    env: "ASANA_MCP_OAUTH_SECRET",
    group: "signIn",
    description:
      "turns remote sign-in on: 32+ random characters (openssl rand -base64 48), the same on every replica; tokens, codes and cookies are sealed with keys derived from it",
    parse: exactSecret(),
  }),
  setting({
    key: "oauthPreviousSecret",
    env: "ASANA_MCP_OAUTH_PREVIOUS_SECRET",
    group: "signIn",
    description: "during a rotation, the previous secret: what it sealed is still accepted",
    parse: exactSecret(),
  }),
  setting({
    key: "signInMethod",
    env: "ASANA_MCP_SIGN_IN",
    defaultText: "oidc with an issuer, asana with an Asana app, else arcade",
    group: "signIn",
    description: "how people sign in: arcade (Asana through Arcade), asana (your Asana app) or oidc (your identity provider, Asana through Arcade)",
    parse: optionalText(),
  }),
  setting({
    key: "asanaOAuthClientId",
    env: "ASANA_OAUTH_CLIENT_ID",
    group: "signIn",
    description: "your Asana app's client ID (sign-in asana); its redirect URL is ASANA_MCP_PUBLIC_URL/oauth/callback/asana",
    parse: optionalText(),
  }),
  setting({
    key: "asanaOAuthClientSecret",
    env: "ASANA_OAUTH_CLIENT_SECRET",
    group: "signIn",
    description: "your Asana app's client secret",
    parse: optionalText(),
  }),
  setting({
    key: "asanaOAuthBaseUrl",
    env: "ASANA_OAUTH_BASE_URL",
    defaultText: "https://app.asana.com",
    group: "signIn",
    description: "where Asana's /-/oauth_authorize, /-/oauth_token and /-/oauth_revoke live (outside ASANA_BASE_URL's /api/1.0)",
    parse: absoluteUrl("https://app.asana.com"),
  }),
  setting({
    key: "oidcIssuer",
    env: "ASANA_MCP_OIDC_ISSUER",
    group: "signIn",
    description:
      "your OpenID Connect provider's issuer (sign-in oidc), e.g. https://accounts.google.com; its redirect URI is ASANA_MCP_PUBLIC_URL/oauth/callback/oidc",
    parse: absoluteUrl("https://accounts.google.com"),
  }),
  setting({
    key: "oidcClientId",
    env: "ASANA_MCP_OIDC_CLIENT_ID",
    group: "signIn",
    description: "this server's client ID at your provider",
    parse: optionalText(),
  }),
  setting({
    key: "oidcClientSecret",
    env: "ASANA_MCP_OIDC_CLIENT_SECRET",
    group: "signIn",
    description: "this server's client secret at your provider",
    parse: optionalText(),
  }),
  setting({
    key: "oidcUserClaim",
    env: "ASANA_MCP_OIDC_USER_CLAIM",
    defaultText: "email",
    group: "signIn",
    description: "the claim that becomes the Arcade user id: email (must be verified by the provider) or sub",
    parse: textWithDefault("email"),
  }),
  setting({
    key: "redisUrl",
    env: "ASANA_MCP_REDIS_URL",
    defaultText: "this process's memory",
    group: "signIn",
    description:
      "redis:// or rediss:// URL of the state replicas share (single-use codes, refresh-token generations, revocations, the Asana app's grants, creates' idempotency keys)",
    parse: optionalText(),
  }),
  setting({
    key: "oauthAccessTokenSeconds",
    env: "ASANA_MCP_OAUTH_ACCESS_TOKEN_SECONDS",
    defaultText: "3600",
    group: "signIn",
    description: "how long an access token lives",
    parse: wholeNumber({ fallback: 3600, min: 60, max: 86_400 }),
  }),
  setting({
    key: "oauthRefreshTokenSeconds",
    env: "ASANA_MCP_OAUTH_REFRESH_TOKEN_DAYS",
    defaultText: "30",
    group: "signIn",
    description: "how many days a grant lives unused (each refresh starts the count again)",
    parse: wholeNumber({ fallback: 30, min: 1, max: 365, scale: 86_400 }),
  }),
  setting({
    key: "oauthRateLimit",
    env: "ASANA_MCP_OAUTH_RATE_LIMIT",
    defaultText: "60",
    group: "signIn",
    description: "requests per minute per address to each group of sign-in endpoints, per replica",
    parse: wholeNumber({ fallback: 60, min: 1, max: 100_000 }),
  }),
  setting({
    key: "devAllowLoopbackClientMetadata",
    env: "ASANA_MCP_DEV_ALLOW_LOOPBACK_CLIENT_METADATA",
    defaultText: "false",
    group: "signIn",
    description: "development only: fetch client metadata documents from loopback addresses",
    parse: yesNo(),
  }),

  // Asana requests and logs
  setting({
    key: "asanaBaseUrl",
    env: "ASANA_BASE_URL",
    defaultText: "https://app.asana.com/api/1.0",
    group: "asana",
    description: "Asana's API",
    parse: absoluteUrl("https://app.asana.com/api/1.0"),
  }),
  setting({
    key: "asanaTimeoutMs",
    env: "ASANA_TIMEOUT_MS",
    defaultText: "20000",
    group: "asana",
    description: "per-attempt timeout, in milliseconds",
    parse: wholeNumber({ fallback: 20_000, min: 100, max: 600_000 }),
  }),
  setting({
    key: "asanaMaxRetries",
    env: "ASANA_MAX_RETRIES",
    defaultText: "3",
    group: "asana",
    description: "retries of repeatable requests on 429, 5xx, resets and timeouts; a create is sent again only after a 429 (Asana did nothing)",
    parse: wholeNumber({ fallback: 3, min: 0, max: 10 }),
  }),
  setting({
    key: "asanaRetryBaseDelayMs",
    env: "ASANA_RETRY_BASE_MS",
    defaultText: "500",
    group: "asana",
    description: "the first retry's delay, in milliseconds, doubled for each further one (a Retry-After wins)",
    parse: wholeNumber({ fallback: 500, min: 0, max: 60_000 }),
  }),
  setting({
    key: "asanaMaxConnections",
    env: "ASANA_MAX_CONNECTIONS",
    defaultText: "10",
    group: "asana",
    description: "concurrent connections to Asana (Asana allows 50 reads and 15 writes in flight per token)",
    parse: wholeNumber({ fallback: 10, min: 1, max: 50 }),
  }),
  setting({
    key: "callDeadlineMs",
    env: "ASANA_CALL_DEADLINE_SECONDS",
    defaultText: "45",
    group: "asana",
    description: "how long one tool call may spend on Asana, retries and waits included; below the 60 s clients commonly allow",
    parse: wholeNumber({ fallback: 45, min: 5, max: 3600, scale: 1000 }),
  }),
  setting({
    key: "answerMaxBytes",
    env: "ASANA_ANSWER_MAX_BYTES",
    defaultText: String(answerByteLimits.default),
    group: "asana",
    description: `a read's answer budget in bytes when the call sets no max_bytes (${answerByteLimits.min} to ${answerByteLimits.max}, or off); past it an answer is cut and says how to fetch the rest`,
    parse: answerBudget(),
  }),
  setting({
    key: "attachmentMaxBytes",
    env: "ASANA_MCP_ATTACHMENT_MAX_BYTES",
    defaultText: "1048576",
    group: "asana",
    description:
      "the largest file GetAttachment's include_content returns, fetched from Asana's own file storage without the Asana token (text: its first 64 KB); 0 returns links only",
    parse: wholeNumber({ fallback: defaultMaxFileBytes, min: 0, max: 20 * 1024 * 1024 }),
  }),
  setting({
    key: "devStorageOrigin",
    env: "ASANA_MCP_DEV_STORAGE_ORIGIN",
    group: "asana",
    description: "development only: also fetch attachments from this loopback origin (an Asana emulator's file storage; --sandbox adds its own)",
    parse: loopbackStorageOrigin(),
  }),
  setting({
    key: "logLevel",
    env: "ASANA_MCP_LOG_LEVEL",
    defaultText: "info",
    group: "asana",
    description: `${logLevels.join(", ")}; logs go to stderr with credentials blanked (debug adds one line per call, never its arguments)`,
    parse: oneOf(logLevels, "info", { caseInsensitive: true }),
  }),
] as const;

export type ServerSettingKey = (typeof serverSettings)[number]["key"];

/** One server setting by key, for the commands that read the same variables (register, call, config). */
export function serverSetting<K extends ServerSettingKey>(key: K): Extract<(typeof serverSettings)[number], Setting<K, unknown>> {
  const found = serverSettings.find((s) => s.key === key);
  if (!found) throw new Error(`no server setting ${key}`);
  return found as Extract<(typeof serverSettings)[number], Setting<K, unknown>>;
}
