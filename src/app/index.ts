import { readFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { AsanaClient } from "../asana/index.js";
import { PersonalAccessTokenResolver, createArcadeClient, createTokenResolver, createUserVerifierRoute, userVerifierPath, type TokenResolver } from "../auth/index.js";
import type { ServeConfig } from "../cli.js";
import type { Logger } from "../log/index.js";
import { checksHostHeaders, isLoopbackHost, startHttpServer, type HttpRoute } from "../http/index.js";
import { createFrontDoorAuthenticator, createMcpCatalogs, createMcpHttpRoute, createMcpServer, LineLimitedStdioTransport } from "../mcp/index.js";
import { createWorkerRoutes, workerSecretWarnings } from "../worker/index.js";
import {
  allToolsetsName,
  createCallTracker,
  maxToolCallBytes,
  selectTools,
  withAsanaAuthSettings,
  type AnyToolDefinition,
  type ToolRuntime,
  type ToolSelection,
} from "../toolkit/index.js";
import { asanaToolkit } from "../../tools/index.js";
import { toolsets } from "../../tools/toolsets.js";
import { sandboxInstructions, sandboxResultNotice, serverInstructions } from "./instructions.js";
import { AsanaStore, sandboxToken, seedDemoWorld, startAsanaEmulator, type RunningEmulator } from "../sandbox/index.js";

export const packageVersion: string = (
  JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

export interface RunningServer {
  /** The HTTP endpoint, when serving HTTP. */
  url?: string;
  /**
   * Stops taking new calls (over HTTP: 503) and waits for the calls in flight, up to the grace period,
   * then closes everything. Safe to call more than once.
   */
  shutdown(reason: string): Promise<void>;
  /** Resolves once the server has shut down, whatever started it (a signal, or the client closing stdin). */
  readonly closed: Promise<void>;
}

/** The Asana client and token source a configuration calls for, and the sandbox behind them if any. */
export interface AsanaRuntime extends ToolRuntime {
  sandbox?: RunningEmulator;
  close(): Promise<void>;
}

export async function buildAsanaRuntime(config: ServeConfig, logger: Logger): Promise<AsanaRuntime> {
  // Sandbox: the real server against an in-process emulator on loopback, seeded with demo data.
  let sandbox: RunningEmulator | undefined;
  if (config.sandbox) {
    const store = new AsanaStore();
    const { me } = seedDemoWorld(store);
    sandbox = await startAsanaEmulator({ store, tokens: { [sandboxToken]: me.gid }, host: "127.0.0.1", port: 0, recordLimit: 100 });
    if (config.asanaAccessToken || config.arcade) logger.warn("--sandbox ignores the configured Asana credentials and serves demo data only");
    logger.info(`sandbox mode: demo Asana data served from ${sandbox.baseUrl}; nothing reaches the real Asana`);
  }
  const baseUrl = sandbox?.baseUrl ?? config.asanaBaseUrl;
  const asana = new AsanaClient({
    ...(baseUrl ? { baseUrl } : {}),
    timeoutMs: config.asanaTimeoutMs,
    maxRetries: config.asanaMaxRetries,
    retryBaseDelayMs: config.asanaRetryBaseDelayMs,
    maxConnections: config.asanaMaxConnections,
    userAgent: `asana-mcp/${packageVersion}`,
    logger,
  });
  const tokens: TokenResolver = sandbox
    ? new PersonalAccessTokenResolver(sandboxToken)
    : createTokenResolver(
        { ...(config.asanaAccessToken ? { asanaAccessToken: config.asanaAccessToken } : {}), ...(config.arcade ? { arcade: config.arcade } : {}) },
        logger,
      );
  return {
    asana,
    tokens,
    ...(sandbox ? { sandbox } : {}),
    close: async () => {
      await asana.close();
      await sandbox?.close();
    },
  };
}

/**
 * The composition root: builds the Asana client, the token resolver and the tool catalog once, then
 * opens the chosen front door. Everything below it is handed what it needs; nothing reads globals.
 */
export async function startServer(config: ServeConfig, logger: Logger, toolkit: readonly AnyToolDefinition[] = asanaToolkit): Promise<RunningServer> {
  // The deployment's Asana provider id and scopes, applied once: MCP _meta, the worker's definitions and
  // the Arcade resolver all read a tool's requirement from here.
  const tools = withAsanaAuthSettings(toolkit, config.asanaAuth);
  const asanaRuntime = await buildAsanaRuntime(config, logger);
  const { asana, tokens, sandbox } = asanaRuntime;
  const catalogs = createMcpCatalogs(tools);
  const selection: ToolSelection = { readOnly: config.readOnly, toolsets: config.toolsets };
  const calls = createCallTracker();
  const runtime: ToolRuntime = { asana, tokens, calls, callDeadlineMs: config.callDeadlineMs };
  let closeFrontDoor: () => Promise<void> = async () => {};
  let closing: Promise<void> | undefined;
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const shutdown = (reason: string): Promise<void> => {
    closing ??= (async () => {
      logger.info(`shutting down (${reason})`, { calls_in_flight: calls.inFlight, grace_seconds: config.shutdownGraceMs / 1000 });
      const { unfinished } = await calls.drain(config.shutdownGraceMs);
      if (unfinished > 0) logger.warn(`the grace period ended with ${unfinished} call(s) still running; they are dropped`);
      // A call counts as finished when its tool returns; its answer is written a few promise turns later.
      await new Promise((resolve) => setImmediate(resolve));
      await closeFrontDoor();
      await asanaRuntime.close();
      markClosed();
    })();
    return closing;
  };
  logger.info(`serving ${catalogs.forSelection(selection).listing.length} of ${tools.length} Asana tools (${config.toolsets.join(",")}) over ${config.transport}`, {
    token_source: tokens.source,
    asana: asana.baseUrl,
  });

  const buildServer = (request: { userId?: string; selection: ToolSelection; discovery?: boolean }) =>
    createMcpServer({
      catalogs,
      selection: request.selection,
      runtime,
      name: "asana-mcp",
      version: packageVersion,
      instructions: sandbox ? `${sandboxInstructions}\n\n${serverInstructions}` : serverInstructions,
      ...(sandbox ? { resultNotice: sandboxResultNotice } : {}),
      // A verified front-door identity wins; otherwise the one configured user (a one-person deployment).
      ...((request.userId ?? config.arcade?.userId) ? { userId: request.userId ?? config.arcade?.userId } : {}),
      ...(request.discovery ? { toolsetDiscovery: { toolsets } } : {}),
    });

  if (config.transport === "stdio") {
    if (config.workerSecret) logger.warn("ARCADE_WORKER_SECRET is set, but the worker routes are served only with --transport http");
    // A stdio connection lasts, so the model can switch more toolsets on as it needs them.
    const server = buildServer({ selection, discovery: !selection.toolsets.includes(allToolsetsName) });
    // One message may carry the largest attachment as base64; past that it is answered with an error.
    const transport = new LineLimitedStdioTransport({ maxMessageBytes: maxToolCallBytes + 1024 * 1024 });
    // The client ends the session by closing stdin: calls in flight still finish and answer on stdout.
    transport.oninputended = () => void shutdown("the client closed stdin");
    transport.onerror = (error) => logger.warn("stdio message refused", { error: error.message });
    await server.connect(transport);
    closeFrontDoor = () => server.close();
    return { shutdown, closed };
  }

  // The Engine chooses the tools for each agent, so the worker offers the whole catalog unless told
  // otherwise; an operator's --read-only holds for it too.
  const workerTools = selectTools(tools, { readOnly: config.readOnly, toolsets: config.workerToolsets });
  const workerRoutes: HttpRoute[] = config.workerSecret
    ? [createWorkerRoutes({ tools: workerTools, asana, secret: config.workerSecret, version: packageVersion, toolkitName: config.arcadeToolkitName, logger })]
    : [];
  if (config.workerSecret) for (const warning of workerSecretWarnings(config.workerSecret)) logger.warn(warning);
  // The CLI admits the verifier only with ARCADE_API_KEY and ARCADE_USER_ID and no front-door identity.
  const verifierRoutes: HttpRoute[] =
    config.userVerifier && config.arcade?.userId
      ? [
          createUserVerifierRoute({
            arcade: createArcadeClient({ apiKey: config.arcade.apiKey, ...(config.arcade.baseUrl ? { baseUrl: config.arcade.baseUrl } : {}), maxRetries: 0 }),
            userId: config.arcade.userId,
            logger,
          }),
        ]
      : [];
  if (verifierRoutes.length > 0 && !isLoopbackHost(config.host)) {
    logger.warn(
      `the Arcade user verifier at ${userVerifierPath} confirms every authorization as ARCADE_USER_ID, and it listens on ${config.host}: ` +
        "anyone who reaches it can finish an authorization for that user. Keep it reachable only from that user's browser (a loopback address works: Arcade redirects the browser, not its own servers).",
    );
  }
  const auth = config.frontDoorAuth;
  if (auth && !auth.publicUrl && !checksHostHeaders(config.host, config.allowedHosts)) {
    // The 401 challenge names our metadata URL; built from an unchecked Host header, a caller could choose it.
    throw new Error("front-door authentication on a wildcard address needs ASANA_MCP_PUBLIC_URL (or --allowed-hosts), so 401 challenges name the real server");
  }
  if (auth && !config.arcade && !sandbox) {
    logger.warn("front-door authentication is on, but Asana tokens come from ASANA_ACCESS_TOKEN: every signed-in caller acts as that token's owner; use Arcade for per-person Asana access");
  }
  if (!auth && !isLoopbackHost(config.host)) {
    logger.warn(`serving /mcp on ${config.host} without front-door authentication: anyone who reaches this port acts with the configured Asana credentials`);
  }
  // Without a configured public URL, name ourselves as the caller reached us (Host is checked in this case).
  const publicBase = (req: IncomingMessage) => (auth?.publicUrl ?? `http://${req.headers.host ?? `${config.host}:${config.port}`}`).replace(/\/$/, "");
  const mcpRoute = createMcpHttpRoute({
    buildMcpServer: buildServer,
    selection,
    toolsets,
    ...(auth
      ? {
          authenticate: createFrontDoorAuthenticator({
            ...(auth.jwksUrl ? { jwksUrl: auth.jwksUrl } : {}),
            ...(auth.sharedSecret ? { sharedSecret: auth.sharedSecret } : {}),
            ...(auth.issuer ? { issuer: auth.issuer } : {}),
            ...(auth.audience ? { audience: auth.audience } : {}),
            resourceMetadataUrl: (req) => `${publicBase(req)}/.well-known/oauth-protected-resource/mcp`,
          }),
          protectedResourceMetadata: (req: IncomingMessage) => ({
            resource: `${publicBase(req)}/mcp`,
            authorization_servers: auth.authorizationServers,
            bearer_methods_supported: ["header"],
            resource_name: "asana-mcp",
          }),
        }
      : {}),
    logger,
  });
  const http = await startHttpServer({
    host: config.host,
    port: config.port,
    allowedHosts: config.allowedHosts,
    allowedOrigins: config.allowedOrigins,
    routes: [mcpRoute, ...workerRoutes, ...verifierRoutes],
    logger,
    isDraining: () => calls.draining,
    maxConnections: config.maxHttpConnections,
  });
  closeFrontDoor = () => http.close();
  const mcpUrl = `${http.baseUrl}/mcp`;
  if (config.workerSecret) {
    logger.info(`Arcade worker routes (${workerTools.length} tools, toolkit ${config.arcadeToolkitName}@${packageVersion}): ${http.baseUrl}/worker/{health,tools,tools/invoke}`);
  }
  if (verifierRoutes.length > 0) logger.info(`Arcade custom user verifier: ${http.baseUrl}${userVerifierPath} (Arcade dashboard: Auth > Settings)`);
  logger.info(`MCP endpoint: ${mcpUrl}`);
  return { url: mcpUrl, shutdown, closed };
}
