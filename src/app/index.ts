import type { TokenResolver } from "../auth/index.js";
import type { ServeConfig } from "../cli.js";
import type { Logger } from "../log/index.js";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import type { Server } from "@modelcontextprotocol/server";
import {
  createMcpCatalogs,
  createMcpServer,
  createResourceWatcher,
  discoveryToolCount,
  LineLimitedStdioTransport,
  toolRunner,
  watchListenedResources,
  type LoadedToolkit,
  type McpServerRequest,
} from "../mcp/index.js";
import {
  allToolsetsName,
  confirmTokenKey,
  createCallTracker,
  describeTool,
  indexToolsByName,
  maxToolCallBytes,
  withAsanaAuthSettings,
  type AnyToolDefinition,
  type ToolDescriptor,
  type ToolSelection,
} from "../toolkit/index.js";
import { toolsets } from "../../tools/toolsets.js";
import type { AsanaRuntime } from "./asana-runtime.js";
import { sandboxInstructions, sandboxResultNotice, serverInstructions } from "./instructions.js";
import { prebuiltToolDescriptors } from "./prebuilt-descriptors.js";

import { packageVersion } from "./version.js";

export { packageVersion };

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

/** The tools' code and the Asana runtime, loaded on first use and then shared. */
export type ToolkitLoader = () => Promise<LoadedToolkit & { tools: readonly AnyToolDefinition[]; runtime: AsanaRuntime }>;

/** The loaded toolkit, with its Asana tokens taken from `tokens` instead of the configured source. */
function withTokens(loadToolkit: ToolkitLoader, tokens: TokenResolver): () => Promise<LoadedToolkit> {
  return async () => {
    const toolkit = await loadToolkit();
    return { ...toolkit, runtime: { ...toolkit.runtime, tokens } };
  };
}

/** Where tokens come from, in words for the start-up line, without building the source. */
function tokenSourceOf(config: ServeConfig): string {
  if (config.sandbox) return "the sandbox's demo token";
  if (config.asanaAccessToken) return "personal access token (ASANA_ACCESS_TOKEN)";
  if (config.arcade) return "Arcade (ARCADE_API_KEY)";
  return "none yet: every call will say which variables to set";
}

/**
 * The composition root. A client that starts this server waits for initialize and tools/list, so
 * those are answered from the tools' descriptors (computed at build time) and nothing else: the tools'
 * code, the Asana client (undici), Arcade's client, the sandbox emulator and the HTTP front doors are
 * loaded only when a call or the configuration needs them. Everything below is handed what it needs;
 * nothing reads globals.
 */
export async function startServer(config: ServeConfig, logger: Logger): Promise<RunningServer> {
  const calls = createCallTracker();
  // One key for the process (or the operator's secret, shared by replicas): every front door checks tokens with it.
  const confirmKey = confirmTokenKey(config.confirmSecret);
  let loaded: ReturnType<ToolkitLoader> | undefined;
  const loadToolkit: ToolkitLoader = () =>
    (loaded ??= (async () => {
      const [{ asanaToolkit }, { buildAsanaRuntime }] = await Promise.all([import("../../tools/index.js"), import("./asana-runtime.js")]);
      // The deployment's Asana provider id and scopes, applied once: the Arcade resolver and the worker
      // read a tool's requirement from here, as MCP _meta does from the descriptors below.
      const tools = withAsanaAuthSettings(asanaToolkit, config.asanaAuth);
      const runtime = await buildAsanaRuntime(config, logger);
      const toolRuntime = { ...runtime, calls, callDeadlineMs: config.callDeadlineMs, logger, confirmKey };
      return { tools, runtime: toolRuntime, definitionOf: indexToolsByName(tools) };
    })());
  const descriptors: readonly ToolDescriptor[] = withAsanaAuthSettings(
    prebuiltToolDescriptors ?? (await import("../../tools/index.js")).asanaToolkit.map(describeTool),
    config.asanaAuth,
  );
  const catalogs = createMcpCatalogs(descriptors);
  const selection: ToolSelection = {
    readOnly: config.readOnly,
    toolsets: config.toolsets,
    ...(config.toolsetsAreCeiling ? { ceiling: config.toolsets } : {}),
  };

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
      if (loaded) await (await loaded).runtime.close();
      markClosed();
    })();
    return closing;
  };
  // A stdio connection lasts, so the model can switch more toolsets on as it needs them, unless the
  // operator chose the toolsets: that choice is the ceiling, and the connection starts at it.
  const stdioDiscovery = config.transport === "stdio" && !selection.ceiling && !selection.toolsets.includes(allToolsetsName);
  const offered = catalogs.forSelection(selection).listing.length;
  logger.info(
    `serving ${offered + (stdioDiscovery ? discoveryToolCount : 0)} tools over ${config.transport}: ${offered} of ${descriptors.length} Asana tools (toolsets ${config.toolsets.join(",")})` +
      (stdioDiscovery ? `, and ${discoveryToolCount} that switch more toolsets on` : ""),
    {
      token_source: tokenSourceOf(config),
      asana: config.sandbox ? "the built-in emulator (sandbox)" : (config.asanaBaseUrl ?? "https://app.asana.com/api/1.0"),
    },
  );

  const buildServer = (request: McpServerRequest & { tokens?: TokenResolver }) =>
    createMcpServer({
      catalogs,
      era: request.era,
      selection: request.selection,
      // A grant of the built-in sign-in with the deployment's own Asana app brings its own token source.
      toolkit: request.tokens ? withTokens(loadToolkit, request.tokens) : loadToolkit,
      name: "asana-mcp",
      version: packageVersion,
      instructions: config.sandbox ? `${sandboxInstructions}\n\n${serverInstructions}` : serverInstructions,
      ...(config.sandbox ? { resultNotice: sandboxResultNotice } : {}),
      // A verified front-door identity wins; otherwise the one configured user (a one-person deployment).
      ...((request.userId ?? config.arcade?.userId) ? { userId: request.userId ?? config.arcade?.userId } : {}),
      ...(request.discovery ? { toolsetDiscovery: { toolsets } } : {}),
      ...(request.unknownToolHint ? { unknownToolHint: request.unknownToolHint } : {}),
      ...(request.logs ? { logs: request.logs } : {}),
      ...(request.subscriptions ? { subscriptions: request.subscriptions } : {}),
      confirmMode: config.confirm ?? "destructive",
      // Once the tools are listed, the first call is near: load the tools meanwhile.
      onListed: () => setImmediate(() => void loadToolkit().catch(() => undefined)),
    });

  if (config.transport === "stdio") {
    if (config.workerSecret) logger.warn("ARCADE_WORKER_SECRET is set, but the worker routes are served only with --transport http");
    // One message may carry the largest attachment as base64; past that it is answered with an error.
    const transport = new LineLimitedStdioTransport({ maxMessageBytes: maxToolCallBytes + 1024 * 1024 });
    // The client ends the session by closing stdin: calls in flight still finish and answer on stdout.
    transport.oninputended = () => void shutdown("the client closed stdin");
    // The connection lasts, so a client can subscribe to resources: Asana is asked what changed in each,
    // and the connection's server tells the client.
    let pinned: Server | undefined;
    const watcher = createResourceWatcher({
      run: toolRunner(loadToolkit, config.arcade?.userId),
      notify: async (uri) => pinned?.sendResourceUpdated({ uri }),
      pollMs: config.resourcePollMs,
      logger,
    });
    watchListenedResources(transport, watcher);
    // The SDK's stdio entry reads the client's first message to choose the era (2025-11-25 opens with
    // initialize, 2026-07-28 with any request carrying its version), and pins one server to the connection.
    const connection = serveStdio(
      ({ era }) => {
        pinned = buildServer({
          era,
          selection,
          discovery: stdioDiscovery,
          subscriptions: watcher,
          // The one client of this process also hears the server's log records (retries, Asana's API
          // change notices, shutdown) once it asks for them.
          ...(logger.forward ? { logs: logger.forward } : {}),
        });
        return pinned;
      },
      { transport, onerror: (error) => logger.warn("stdio message refused", { error: error.message }) },
    );
    closeFrontDoor = async () => {
      watcher.close();
      await connection.close();
    };
    return { shutdown, closed };
  }

  const { startHttpFrontDoor } = await import("./http-front-door.js");
  const http = await startHttpFrontDoor({
    config,
    logger,
    selection,
    countTools: (wanted) => catalogs.forSelection(wanted).listing.length,
    offersTool: (wanted, name) => catalogs.forSelection(wanted).find(name) !== undefined,
    buildMcpServer: buildServer,
    loadToolkit,
    calls,
  });
  closeFrontDoor = () => http.close();
  return { url: http.url, shutdown, closed };
}
