import { parseArgs } from "node:util";
import { toolsets as knownToolsets } from "../tools/toolsets.js";
import { allToolsetsName, defaultProfileName, parseToolsetList } from "./toolkit/index.js";

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
  /** ARCADE_WORKER_SECRET: serve the Arcade worker routes beside /mcp (HTTP only). */
  workerSecret?: string;
  /** Front-door bearer authentication for /mcp over HTTP; the token's `sub` is the Arcade user id. */
  frontDoorAuth?: { jwksUrl?: string; sharedSecret?: string; issuer?: string; audience?: string; publicUrl?: string; authorizationServers: string[] };
}

export interface RegisterConfig {
  command: "register";
  workerId: string;
  /** The worker's public base URL (the Engine appends /worker/...). */
  url: string;
  secret: string;
  timeoutSeconds: number;
  retries: number;
  arcadeApiKey: string;
  arcadeBaseUrl?: string;
}

export type CliCommand =
  | ServeConfig
  | RegisterConfig
  | { command: "check"; config: ServeConfig }
  | { command: "help"; text: string }
  | { command: "version" };

export class CliUsageError extends Error {
  override readonly name = "CliUsageError";
}

export const usage = `asana-mcp: Asana tools for AI agents, over the Model Context Protocol.

Usage:
  asana-mcp [--transport stdio|http] [--host 127.0.0.1] [--port 3000]
  asana-mcp register --id <worker-id> --url <public base url> [--secret <secret>]
  asana-mcp check [--sandbox]    try the configured credentials once: who am I in Asana?

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
                             Over HTTP a request can choose with ?toolsets= or X-MCP-Toolsets; over
                             stdio the model can switch toolsets on with Asana_EnableToolset.
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

Arcade Engine worker (HTTP only):
  ARCADE_WORKER_SECRET       serve /worker/health, /worker/tools and /worker/tools/invoke beside /mcp;
                             the Engine signs its calls with this secret
  register                   registers this running worker with the Engine (needs ARCADE_API_KEY;
                             --secret defaults to ARCADE_WORKER_SECRET)

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
  const value = raw?.trim().toLowerCase();
  if (value === undefined || value === "" || value === "false" || value === "0" || value === "no") return false;
  if (value === "true" || value === "1" || value === "yes") return true;
  throw new CliUsageError(`${name} must be true or false (got "${raw}")`);
}

function list(raw: string | undefined): string[] {
  return (raw ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

export function parseCli(argv: readonly string[], env: Env): CliCommand {
  if (argv[0] === "register") return parseRegister(argv.slice(1), env);
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

  return {
    command: "serve",
    readOnly: values["read-only"] === true || booleanSetting("ASANA_READ_ONLY", env.ASANA_READ_ONLY),
    toolsets,
    workerToolsets,
    sandbox: values.sandbox === true || booleanSetting("ASANA_SANDBOX", env.ASANA_SANDBOX),
    callDeadlineMs: integerSetting("ASANA_CALL_DEADLINE_SECONDS", env.ASANA_CALL_DEADLINE_SECONDS, 45, 5, 3600) * 1000,
    shutdownGraceMs:
      integerSetting("--shutdown-grace-seconds", values["shutdown-grace-seconds"] ?? env.ASANA_MCP_SHUTDOWN_GRACE_SECONDS, 10, 0, 600) * 1000,
    maxHttpConnections: integerSetting("ASANA_MCP_MAX_CONNECTIONS", env.ASANA_MCP_MAX_CONNECTIONS, 1024, 1, 100_000),
    ...(nonEmpty(env.ARCADE_WORKER_SECRET) ? { workerSecret: nonEmpty(env.ARCADE_WORKER_SECRET)! } : {}),
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
    logLevel: nonEmpty(env.ASANA_MCP_LOG_LEVEL) ?? "info",
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

function parseRegister(argv: readonly string[], env: Env): RegisterConfig {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: { id: { type: "string" }, url: { type: "string" }, secret: { type: "string" }, timeout: { type: "string" }, retry: { type: "string" } },
    }));
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\n${usage}`);
  }
  if (!values.id || !/^[A-Za-z0-9_-]{1,64}$/.test(values.id)) throw new CliUsageError("register needs --id <worker-id>: letters, digits, - and _ (e.g. asana-mcp)");
  let url: URL;
  try {
    url = new URL(values.url ?? "");
  } catch {
    throw new CliUsageError("register needs --url <the worker's public base URL>, e.g. https://asana-mcp.example.com");
  }
  const secret = values.secret ?? nonEmpty(env.ARCADE_WORKER_SECRET);
  if (!secret) throw new CliUsageError("register needs --secret, or ARCADE_WORKER_SECRET in the environment (the same secret the worker runs with)");
  const arcadeApiKey = nonEmpty(env.ARCADE_API_KEY);
  if (!arcadeApiKey) throw new CliUsageError("register needs ARCADE_API_KEY in the environment (an Arcade API key allowed to manage workers)");
  const arcadeBaseUrl = nonEmpty(env.ARCADE_BASE_URL);
  return {
    command: "register",
    workerId: values.id,
    url: url.toString().replace(/\/$/, ""),
    secret,
    timeoutSeconds: integerSetting("--timeout", values.timeout, 30, 1, 300),
    retries: integerSetting("--retry", values.retry, 3, 0, 10),
    arcadeApiKey,
    ...(arcadeBaseUrl ? { arcadeBaseUrl } : {}),
  };
}
