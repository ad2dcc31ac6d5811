import { parseArgs } from "node:util";
import { toolsets as knownToolsets } from "../tools/toolsets.js";
import { workerSecretWarnings } from "./worker/secret.js";
import { logLevels } from "./log/index.js";
import { allToolsetsName, defaultProfileName, parseToolsetList, toolkitName as defaultToolkitName, yesOrNo, type AsanaAuthSettings } from "./toolkit/index.js";

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
  /** How long one tool call may spend on Asana, retries included. */
  callDeadlineMs: number;
  /** On SIGTERM or when stdin closes: how long calls in flight may still run. */
  shutdownGraceMs: number;
  /** Open HTTP connections beyond this get a 503. */
  maxHttpConnections: number;
  /** Open HTTP connections one client address may hold; unset: a quarter of maxHttpConnections. */
  maxHttpConnectionsPerClient?: number;
  /** ARCADE_WORKER_SECRET, exactly as given (never trimmed): serve the Arcade worker routes beside /mcp (HTTP only). */
  workerSecret?: string;
  /** ARCADE_ASANA_PROVIDER_ID and ARCADE_ASANA_SCOPES: which Asana auth provider and scopes to ask Arcade for. */
  asanaAuth: AsanaAuthSettings;
  /** ARCADE_TOOLKIT_NAME: the toolkit name the worker registers its tools under (`<name>.<Tool>`). */
  arcadeToolkitName: string;
  /** ARCADE_USER_VERIFIER: serve Arcade's custom user verifier route for the one ARCADE_USER_ID (HTTP only). */
  userVerifier: boolean;
  /** Front-door bearer authentication for /mcp over HTTP; the token's `sub` is the Arcade user id. */
  frontDoorAuth?: { jwksUrl?: string; sharedSecret?: string; issuer?: string; audience?: string; publicUrl?: string; authorizationServers: string[] };
}

export interface RegisterConfig {
  command: "register";
  workerId: string;
  /** The worker's public base URL (the Engine appends /worker/...). */
  url: string;
  /** Exactly as given: the Engine signs with the raw value. */
  secret: string;
  timeoutSeconds: number;
  retries: number;
  arcadeApiKey: string;
  arcadeBaseUrl?: string;
  /** Things to tell the operator before registering: a loopback URL, a short secret. */
  warnings: string[];
}

/** `asana-mcp call <Tool>`: what an agent does through the Engine, from a terminal. */
export interface CallConfig {
  command: "call";
  /** Fully qualified, e.g. `Asana.DeleteTask`. */
  toolName: string;
  input: Record<string, unknown>;
  userId: string;
  toolVersion?: string;
  /** How long to wait for the user to finish a pending authorization. */
  waitSeconds: number;
  arcadeApiKey: string;
  arcadeBaseUrl?: string;
}

export type CliCommand =
  | ServeConfig
  | RegisterConfig
  | CallConfig
  | { command: "check"; config: ServeConfig }
  | { command: "help"; text: string }
  | { command: "version" };

export class CliUsageError extends Error {
  override readonly name = "CliUsageError";
}

export const usage = `asana-mcp: Asana tools for AI agents, over the Model Context Protocol.

Usage:
  asana-mcp [--transport stdio|http] [--host 127.0.0.1] [--port 3000]
  asana-mcp register --id <worker-id> --url <public base url> [--secret <secret>] [--timeout 30] [--retry 3]
  asana-mcp call <Tool> [--input '{...}'] [--user <arcade user id>] [--wait 300]
  asana-mcp check [--sandbox]    try the configured credentials once: who am I in Asana?
  asana-mcp register --help, asana-mcp call --help

Options:
  --transport <stdio|http>   stdio (default) for desktop clients; http serves Streamable HTTP at /mcp
  --host <address>           HTTP bind address (default 127.0.0.1)
  --port <number>            HTTP port (default 3000; 0 picks a free one)
  --allowed-hosts <a,b>      extra Host names to accept over HTTP (e.g. your public name)
  --allowed-origins <a,b>    browser origins to accept over HTTP
  --read-only                offer only tools that change nothing (also ASANA_READ_ONLY=true)
  --toolsets <a,b>           which tools MCP clients get (also ASANA_TOOLSETS); default: "default",
                             the everyday tools. "all" is every tool; "default,projects" adds a toolset.
                             Toolsets: ${knownToolsets.map((t) => t.name).join(", ")}
                             Unset, clients start with the everyday tools and may choose others (over
                             HTTP ?toolsets= or X-MCP-Toolsets; over stdio Asana_EnableToolset). Set,
                             it is a ceiling: a request or the model can narrow it, never widen it.
  --worker-toolsets <a,b>    which tools the Arcade worker offers (also ARCADE_WORKER_TOOLSETS);
                             default: all, or --toolsets when that is given
  --sandbox                  no Asana account needed: serve a built-in emulator with demo data
  --shutdown-grace-seconds <n>  on SIGTERM or when stdin closes, let calls in flight finish for up
                             to n seconds (default 10; also ASANA_MCP_SHUTDOWN_GRACE_SECONDS)
  --help, --version

Credentials (environment; set one):
  ASANA_ACCESS_TOKEN         an Asana personal access token
  ARCADE_API_KEY             an Arcade API key, with ARCADE_USER_ID (the Arcade user to act for)
                             and optionally ARCADE_BASE_URL (self-hosted Arcade Engine)

Arcade's Asana auth provider:
  --arcade-provider-id <id>  ARCADE_ASANA_PROVIDER_ID: the ID of your own Asana auth provider in Arcade
                             (e.g. my-asana-provider); needed when the project has more than one
  --arcade-scopes <a,b>      ARCADE_ASANA_SCOPES: default "default" (Asana's Full Permissions); Asana's
                             granular scopes (tasks:read, ...) are in preview, for apps that use them
  --user-verifier            ARCADE_USER_VERIFIER=true: serve Arcade's custom user verifier at
                             /arcade/verify-user (HTTP; a single-user server with ARCADE_USER_ID)

Arcade Engine worker (HTTP only):
  ARCADE_WORKER_SECRET       serve /worker/health, /worker/tools and /worker/tools/invoke beside /mcp;
                             the Engine signs its calls with this secret (used exactly as given)
  --arcade-toolkit <name>    ARCADE_TOOLKIT_NAME: the worker's toolkit name (default Asana; Arcade's
                             hosted Asana toolkit has that name too)
  register                   registers this running worker with the Engine (needs ARCADE_API_KEY;
                             --secret defaults to ARCADE_WORKER_SECRET)
  call                       calls a tool through the Engine as an agent would (needs ARCADE_API_KEY)

Per-user identity over HTTP (optional):
  ASANA_MCP_AUTH_JWKS_URL    verify callers' bearer JWTs against this JWKS (or:)
  ASANA_MCP_AUTH_SECRET      verify them with this HS256 shared secret
  ASANA_MCP_AUTH_ISSUER, ASANA_MCP_AUTH_AUDIENCE   required iss / aud, if set
  ASANA_MCP_PUBLIC_URL       this server's public base URL (for protected-resource metadata)
  ASANA_MCP_AUTH_SERVERS     authorization server URLs to advertise in that metadata
  The token's sub is used as the Arcade user id.

Tuning (environment):
  ASANA_BASE_URL             default https://app.asana.com/api/1.0
  ASANA_TIMEOUT_MS           per-attempt timeout, default 20000
  ASANA_MAX_RETRIES          retries of idempotent requests on 429/5xx, default 3
  ASANA_MAX_CONNECTIONS      concurrent connections to Asana, default 10
  ASANA_CALL_DEADLINE_SECONDS  how long one tool call may take, retries and waits included, default 45
  ASANA_MCP_MAX_CONNECTIONS  open HTTP connections this server accepts before answering 503, default 1024
  ASANA_MCP_MAX_CONNECTIONS_PER_CLIENT  of those, how many one client address may hold, default a quarter
  ARCADE_AUTH_WAIT_SECONDS   how long a call waits for a pending Arcade authorization, default 0
  ASANA_MCP_LOG_LEVEL        debug|info|warn|error|silent (stderr), default info
`;

type Env = Record<string, string | undefined>;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function integerSetting(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CliUsageError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function booleanSetting(name: string, raw: string | undefined): boolean {
  if (raw === undefined || raw.trim() === "") return false;
  const value = yesOrNo(raw);
  if (value === undefined) throw new CliUsageError(`${name} must be true or false (got "${raw}")`);
  return value;
}

function logLevelFrom(raw: string | undefined): string {
  const level = nonEmpty(raw)?.toLowerCase() ?? "info";
  if (!(logLevels as readonly string[]).includes(level)) {
    throw new CliUsageError(`ASANA_MCP_LOG_LEVEL must be one of ${logLevels.join(", ")} (got "${raw}")`);
  }
  return level;
}

/**
 * A client config that writes "${ASANA_ACCESS_TOKEN}" where it meant the variable's value, and a host
 * that does not expand it, hands the placeholder itself to the server: say so at start, not as a 401.
 */
export function unexpandedPlaceholders(env: Env): string[] {
  return ["ASANA_ACCESS_TOKEN", "ARCADE_API_KEY", "ARCADE_USER_ID", "ARCADE_WORKER_SECRET"].filter((name) => /^\s*\$\{[^}]*\}\s*$/.test(env[name] ?? ""));
}

function list(raw: string | undefined): string[] {
  return (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Asana's scopes: `default` (Full Permissions), the preview's granular `<resource>:<action>` such as
 * `tasks:read`, and the OpenID scopes (openid, email, profile).
 */
const asanaScopePattern = /^[a-z][a-z_]*(:[a-z_]+)?$/;

function asanaAuthFrom(values: { "arcade-provider-id"?: string; "arcade-scopes"?: string }, env: Env): AsanaAuthSettings {
  const providerId = nonEmpty(values["arcade-provider-id"]) ?? nonEmpty(env.ARCADE_ASANA_PROVIDER_ID);
  if (providerId !== undefined && !/^\S{1,100}$/.test(providerId)) {
    throw new CliUsageError(
      `ARCADE_ASANA_PROVIDER_ID must be the ID you gave your Asana auth provider in Arcade's dashboard, without spaces (got "${providerId}")`,
    );
  }
  const scopesRaw = values["arcade-scopes"] ?? nonEmpty(env.ARCADE_ASANA_SCOPES);
  const scopes = (scopesRaw ?? "").split(/[\s,]+/).filter(Boolean);
  for (const scope of scopes) {
    if (!asanaScopePattern.test(scope)) {
      throw new CliUsageError(
        `ARCADE_ASANA_SCOPES: "${scope}" is not an Asana scope; use default (Full Permissions), or granular scopes such as tasks:read,projects:read`,
      );
    }
  }
  return { ...(providerId ? { providerId } : {}), ...(scopes.length > 0 ? { scopes } : {}) };
}

/** Toolkit names become `<Toolkit>.<Tool>` in Arcade and `<Toolkit>_<Tool>` in Arcade's MCP gateway. */
function toolkitNameFrom(raw: string | undefined, setting: string): string {
  const name = nonEmpty(raw) ?? defaultToolkitName;
  if (!/^[A-Za-z][A-Za-z0-9]{0,63}$/.test(name)) {
    throw new CliUsageError(
      `${setting} must be letters and digits, starting with a letter (e.g. AsanaMcp), since Arcade joins it to tool names with "." and "_" (got "${name}")`,
    );
  }
  return name;
}

/** The worker secret exactly as given: arcade_serve verifies with the raw value, so trimming would break a secret with spaces. */
function rawSecret(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

export function parseCli(argv: readonly string[], env: Env): CliCommand {
  if (argv[0] === "register") return parseRegister(argv.slice(1), env);
  if (argv[0] === "call") return parseCall(argv.slice(1), env);
  if (argv[0] === "check") {
    const config = parseCli(argv.slice(1), env);
    if (config.command !== "serve") return config;
    return { command: "check", config };
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: false,
      strict: true,
      options: {
        transport: { type: "string" },
        host: { type: "string" },
        port: { type: "string" },
        "allowed-hosts": { type: "string" },
        "allowed-origins": { type: "string" },
        "read-only": { type: "boolean" },
        toolsets: { type: "string" },
        "worker-toolsets": { type: "string" },
        sandbox: { type: "boolean" },
        "shutdown-grace-seconds": { type: "string" },
        "arcade-provider-id": { type: "string" },
        "arcade-scopes": { type: "string" },
        "arcade-toolkit": { type: "string" },
        "user-verifier": { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\n${usage}`);
  }
  const { values } = parsed;
  if (values.help) return { command: "help", text: usage };
  if (values.version) return { command: "version" };

  const transport = values.transport ?? nonEmpty(env.MCP_TRANSPORT) ?? "stdio";
  if (transport !== "stdio" && transport !== "http") {
    throw new CliUsageError(`--transport must be "stdio" or "http" (got "${transport}")`);
  }

  const arcadeApiKey = nonEmpty(env.ARCADE_API_KEY);
  const arcadeUserId = nonEmpty(env.ARCADE_USER_ID);
  const arcadeBaseUrl = nonEmpty(env.ARCADE_BASE_URL);
  const asanaAccessToken = nonEmpty(env.ASANA_ACCESS_TOKEN);
  const asanaBaseUrl = nonEmpty(env.ASANA_BASE_URL);
  if (asanaBaseUrl) {
    try {
      new URL(asanaBaseUrl);
    } catch {
      throw new CliUsageError(`ASANA_BASE_URL must be an absolute URL such as https://app.asana.com/api/1.0 (got "${asanaBaseUrl}")`);
    }
  }

  const toolsetsRaw = values.toolsets ?? nonEmpty(env.ASANA_TOOLSETS);
  const workerToolsetsRaw = values["worker-toolsets"] ?? nonEmpty(env.ARCADE_WORKER_TOOLSETS);
  const toolsetsFrom = (name: string, raw: string) => {
    try {
      return parseToolsetList(raw, knownToolsets);
    } catch (error) {
      throw new CliUsageError(`${name}: ${(error as Error).message}`);
    }
  };
  const toolsets = toolsetsRaw !== undefined ? toolsetsFrom("--toolsets", toolsetsRaw) : [defaultProfileName];
  const workerToolsets =
    workerToolsetsRaw !== undefined ? toolsetsFrom("--worker-toolsets", workerToolsetsRaw) : toolsetsRaw !== undefined ? toolsets : [allToolsetsName];

  const userVerifier = values["user-verifier"] === true || booleanSetting("ARCADE_USER_VERIFIER", env.ARCADE_USER_VERIFIER);
  if (userVerifier) {
    // Arcade sends the browser with nothing but a flow id; the server must already know who that is.
    if (!arcadeApiKey) throw new CliUsageError("ARCADE_USER_VERIFIER needs ARCADE_API_KEY: the verifier confirms users through Arcade's API");
    if (!arcadeUserId) {
      throw new CliUsageError(
        "ARCADE_USER_VERIFIER needs ARCADE_USER_ID: this server can only vouch for the one user it acts for. " +
          "A server shared by several people cannot tell which of them a browser belongs to; build the verifier into your app's own sign-in instead.",
      );
    }
    if (frontDoorAuthFrom(env).frontDoorAuth) {
      throw new CliUsageError(
        "ARCADE_USER_VERIFIER cannot be combined with front-door authentication (ASANA_MCP_AUTH_*): several people share this server, " +
          "and the browser Arcade redirects carries none of their tokens, so the verifier could not know who it confirms. Build the verifier into your app's own sign-in instead.",
      );
    }
    if (transport !== "http") throw new CliUsageError("ARCADE_USER_VERIFIER needs --transport http: the verifier is a web page Arcade sends the browser to");
  }

  return {
    command: "serve",
    asanaAuth: asanaAuthFrom(values, env),
    arcadeToolkitName: toolkitNameFrom(values["arcade-toolkit"] ?? env.ARCADE_TOOLKIT_NAME, "ARCADE_TOOLKIT_NAME"),
    userVerifier,
    readOnly: values["read-only"] === true || booleanSetting("ASANA_READ_ONLY", env.ASANA_READ_ONLY),
    toolsets,
    toolsetsAreCeiling: toolsetsRaw !== undefined,
    workerToolsets,
    sandbox: values.sandbox === true || booleanSetting("ASANA_SANDBOX", env.ASANA_SANDBOX),
    callDeadlineMs: integerSetting("ASANA_CALL_DEADLINE_SECONDS", env.ASANA_CALL_DEADLINE_SECONDS, 45, 5, 3600) * 1000,
    shutdownGraceMs: integerSetting("--shutdown-grace-seconds", values["shutdown-grace-seconds"] ?? env.ASANA_MCP_SHUTDOWN_GRACE_SECONDS, 10, 0, 600) * 1000,
    maxHttpConnections: integerSetting("ASANA_MCP_MAX_CONNECTIONS", env.ASANA_MCP_MAX_CONNECTIONS, 1024, 1, 100_000),
    maxHttpConnectionsPerClient: env.ASANA_MCP_MAX_CONNECTIONS_PER_CLIENT?.trim()
      ? integerSetting("ASANA_MCP_MAX_CONNECTIONS_PER_CLIENT", env.ASANA_MCP_MAX_CONNECTIONS_PER_CLIENT, 0, 1, 100_000)
      : undefined,
    ...(rawSecret(env.ARCADE_WORKER_SECRET) ? { workerSecret: rawSecret(env.ARCADE_WORKER_SECRET)! } : {}),
    ...frontDoorAuthFrom(env),
    transport,
    host: values.host ?? nonEmpty(env.HOST) ?? "127.0.0.1",
    port: integerSetting("--port", values.port ?? env.PORT, 3000, 0, 65535),
    allowedHosts: list(values["allowed-hosts"] ?? env.ASANA_MCP_ALLOWED_HOSTS),
    allowedOrigins: list(values["allowed-origins"] ?? env.ASANA_MCP_ALLOWED_ORIGINS),
    ...(asanaBaseUrl ? { asanaBaseUrl } : {}),
    asanaTimeoutMs: integerSetting("ASANA_TIMEOUT_MS", env.ASANA_TIMEOUT_MS, 20_000, 100, 600_000),
    asanaMaxRetries: integerSetting("ASANA_MAX_RETRIES", env.ASANA_MAX_RETRIES, 3, 0, 10),
    asanaRetryBaseDelayMs: integerSetting("ASANA_RETRY_BASE_MS", env.ASANA_RETRY_BASE_MS, 500, 0, 60_000),
    asanaMaxConnections: integerSetting("ASANA_MAX_CONNECTIONS", env.ASANA_MAX_CONNECTIONS, 10, 1, 50),
    ...(asanaAccessToken ? { asanaAccessToken } : {}),
    ...(arcadeApiKey
      ? {
          arcade: {
            apiKey: arcadeApiKey,
            ...(arcadeUserId ? { userId: arcadeUserId } : {}),
            ...(arcadeBaseUrl ? { baseUrl: arcadeBaseUrl } : {}),
            pendingWaitMs: integerSetting("ARCADE_AUTH_WAIT_SECONDS", env.ARCADE_AUTH_WAIT_SECONDS, 0, 0, 600) * 1000,
            cacheTtlMs: integerSetting("ARCADE_TOKEN_CACHE_SECONDS", env.ARCADE_TOKEN_CACHE_SECONDS, 300, 0, 3600) * 1000,
          },
        }
      : {}),
    logLevel: logLevelFrom(env.ASANA_MCP_LOG_LEVEL),
  };
}

function frontDoorAuthFrom(env: Env): Pick<ServeConfig, "frontDoorAuth"> {
  const jwksUrl = nonEmpty(env.ASANA_MCP_AUTH_JWKS_URL);
  const sharedSecret = nonEmpty(env.ASANA_MCP_AUTH_SECRET);
  if (!jwksUrl && !sharedSecret) return {};
  if (jwksUrl && sharedSecret) throw new CliUsageError("set ASANA_MCP_AUTH_JWKS_URL or ASANA_MCP_AUTH_SECRET, not both");
  const issuer = nonEmpty(env.ASANA_MCP_AUTH_ISSUER);
  const audience = nonEmpty(env.ASANA_MCP_AUTH_AUDIENCE);
  // An identity provider signs tokens for many applications; without an audience (and issuer) check, a
  // token issued to any of them would be accepted here (the MCP auth spec requires the audience check).
  if (jwksUrl && (!audience || !issuer)) {
    throw new CliUsageError(
      "ASANA_MCP_AUTH_JWKS_URL needs ASANA_MCP_AUTH_ISSUER (your identity provider's issuer) and ASANA_MCP_AUTH_AUDIENCE " +
        "(the audience your provider puts in tokens meant for this server), so tokens issued to other applications are refused",
    );
  }
  const publicUrl = nonEmpty(env.ASANA_MCP_PUBLIC_URL);
  return {
    frontDoorAuth: {
      ...(jwksUrl ? { jwksUrl } : {}),
      ...(sharedSecret ? { sharedSecret } : {}),
      ...(issuer ? { issuer } : {}),
      ...(audience ? { audience } : {}),
      ...(publicUrl ? { publicUrl } : {}),
      authorizationServers: list(env.ASANA_MCP_AUTH_SERVERS ?? issuer),
    },
  };
}

export const registerUsage = `asana-mcp register: registers a running asana-mcp worker with the Arcade Engine.

Usage:
  asana-mcp register --id <worker-id> --url <public base url> [--secret <secret>] [--timeout 30] [--retry 3]

It looks the worker id up in the Engine (workers.get), updates it if it exists and creates it if not
(type "http", the "Arcade" server type that gets Asana tokens injected), then asks the Engine to
health-check it. It exits 0 when the Engine reports the worker healthy, 1 otherwise.

Options:
  --id <worker-id>     the worker's ID in Arcade: letters, digits, - and _ (e.g. asana-mcp)
  --url <url>          the worker's public base URL; the Engine calls <url>/worker/... on it. A loopback
                       URL (localhost, 127.0.0.1) is reachable only by an Engine on this same machine
  --secret <secret>    the secret the Engine signs its calls with; default ARCADE_WORKER_SECRET. Must be
                       the very same value the worker runs with, used exactly as given
  --timeout <seconds>  how long the Engine waits for one tool call, 1-300 (default 30)
  --retry <n>          how often the Engine retries a call that failed to reach the worker, 0-10 (default 3)
  --help

Environment:
  ARCADE_API_KEY       an Arcade API key allowed to manage workers (required)
  ARCADE_BASE_URL      a self-hosted Engine (default Arcade's cloud, https://api.arcade.dev)
`;

export const callUsage = `asana-mcp call: calls a tool through the Arcade Engine, as an agent would.

Usage:
  asana-mcp call <Tool> [--input '{"task_id":"1234567890"}'] [--user <arcade user id>] [--wait 300]

It asks the Engine to authorize the tool for the user (tools.authorize); if the user has not approved
Asana yet, it prints Arcade's link on stderr and waits, up to --wait seconds, for them to finish. Then
it runs the tool (tools.execute) and prints its output as JSON on stdout, or Arcade's error on stderr.

Arguments:
  <Tool>                 e.g. DeleteTask (taken as <ARCADE_TOOLKIT_NAME>.DeleteTask) or Asana.DeleteTask
  --input <json>         the tool's input, a JSON object (default {})
  --user <id>            the Arcade user to act for; default ARCADE_USER_ID
  --tool-version <v>     run this version of the toolkit, e.g. when Arcade's hosted Asana toolkit and
                         this worker share the name Asana
  --wait <seconds>       how long to wait for a pending authorization, 0-3600 (default 300)
  --help

Exit status: 0 the tool succeeded; 1 the tool or Arcade failed; 2 a usage error; 3 the user did not
finish authorizing in time (run the command again once they have).

Environment:
  ARCADE_API_KEY         an Arcade API key (required)
  ARCADE_BASE_URL        a self-hosted Engine (default Arcade's cloud)
  ARCADE_USER_ID         the default for --user
  ARCADE_TOOLKIT_NAME    the toolkit a bare tool name belongs to (default Asana)
`;

/** Names that reach only this machine: an Engine elsewhere (Arcade's cloud) cannot call them. */
function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127\./.test(host) || host === "0.0.0.0";
}

function parseRegister(argv: readonly string[], env: Env): RegisterConfig | { command: "help"; text: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        id: { type: "string" },
        url: { type: "string" },
        secret: { type: "string" },
        timeout: { type: "string" },
        retry: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\n${registerUsage}`);
  }
  if (values.help) return { command: "help", text: registerUsage };
  if (!values.id || !/^[A-Za-z0-9_-]{1,64}$/.test(values.id))
    throw new CliUsageError("register needs --id <worker-id>: letters, digits, - and _ (e.g. asana-mcp)");
  let url: URL;
  try {
    url = new URL(values.url ?? "");
  } catch {
    throw new CliUsageError("register needs --url <the worker's public base URL>, e.g. https://asana-mcp.example.com");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new CliUsageError(`register --url must be an http(s) URL (got "${values.url}")`);
  const fromFlag = values.secret !== undefined;
  const secret = fromFlag ? rawSecret(values.secret) : rawSecret(env.ARCADE_WORKER_SECRET);
  if (!secret) throw new CliUsageError("register needs --secret, or ARCADE_WORKER_SECRET in the environment (the same secret the worker runs with)");
  const arcadeApiKey = nonEmpty(env.ARCADE_API_KEY);
  if (!arcadeApiKey) throw new CliUsageError("register needs ARCADE_API_KEY in the environment (an Arcade API key allowed to manage workers)");
  const arcadeBaseUrl = nonEmpty(env.ARCADE_BASE_URL);
  const warnings = workerSecretWarnings(secret, fromFlag ? "--secret" : "ARCADE_WORKER_SECRET");
  if (isLoopbackUrl(url)) {
    warnings.push(
      `--url ${url.origin} is a loopback address: only an Engine running on this same machine can reach it, and Arcade's cloud Engine cannot. ` +
        "Expose the worker (a public host, or a tunnel such as cloudflared or ngrok) and register that URL.",
    );
  }
  return {
    command: "register",
    workerId: values.id,
    url: url.toString().replace(/\/$/, ""),
    secret,
    timeoutSeconds: integerSetting("--timeout", values.timeout, 30, 1, 300),
    retries: integerSetting("--retry", values.retry, 3, 0, 10),
    arcadeApiKey,
    ...(arcadeBaseUrl ? { arcadeBaseUrl } : {}),
    warnings,
  };
}

function parseCall(argv: readonly string[], env: Env): CallConfig | { command: "help"; text: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        input: { type: "string" },
        user: { type: "string" },
        "tool-version": { type: "string" },
        wait: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\n${callUsage}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: "help", text: callUsage };
  if (positionals.length !== 1)
    throw new CliUsageError(`call needs exactly one tool name, e.g. asana-mcp call DeleteTask --input '{"task_id":"1234567890"}'\n\n${callUsage}`);
  const toolkit = toolkitNameFrom(env.ARCADE_TOOLKIT_NAME, "ARCADE_TOOLKIT_NAME");
  const toolName = qualifiedCallName(positionals[0]!, toolkit);
  let input: unknown = {};
  if (values.input !== undefined) {
    try {
      input = JSON.parse(values.input);
    } catch (error) {
      throw new CliUsageError(`call --input must be a JSON object such as '{"task_id":"1234567890"}' (${(error as Error).message})`);
    }
  }
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    throw new CliUsageError(`call --input must be a JSON object such as '{"task_id":"1234567890"}' (got ${JSON.stringify(input)})`);
  }
  const userId = nonEmpty(values.user) ?? nonEmpty(env.ARCADE_USER_ID);
  if (!userId)
    throw new CliUsageError("call needs --user <arcade user id>, or ARCADE_USER_ID in the environment: the user whose Asana account the tool acts on");
  const arcadeApiKey = nonEmpty(env.ARCADE_API_KEY);
  if (!arcadeApiKey) throw new CliUsageError("call needs ARCADE_API_KEY in the environment (an Arcade API key of the project the worker is registered in)");
  const arcadeBaseUrl = nonEmpty(env.ARCADE_BASE_URL);
  const toolVersion = nonEmpty(values["tool-version"]);
  return {
    command: "call",
    toolName,
    input: input as Record<string, unknown>,
    userId,
    ...(toolVersion ? { toolVersion } : {}),
    waitSeconds: integerSetting("--wait", values.wait, 300, 0, 3600),
    arcadeApiKey,
    ...(arcadeBaseUrl ? { arcadeBaseUrl } : {}),
  };
}

/** `DeleteTask` → `Asana.DeleteTask`; `Asana_DeleteTask` (the MCP name) → `Asana.DeleteTask`; `X.Y` as given. */
function qualifiedCallName(name: string, toolkit: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_.]*$/.test(name)) throw new CliUsageError(`call: "${name}" is not a tool name; pass e.g. DeleteTask or ${toolkit}.DeleteTask`);
  if (name.includes(".")) return name;
  const mcpPrefix = `${toolkit.toLowerCase()}_`;
  if (name.toLowerCase().startsWith(mcpPrefix)) return `${toolkit}.${name.slice(mcpPrefix.length)}`;
  return `${toolkit}.${name}`;
}
