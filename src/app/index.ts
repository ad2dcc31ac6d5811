import type { TokenResolver } from "../auth/index.js";
import type { ServeConfig } from "../cli.js";
import type { Logger } from "../log/index.js";
import { createMcpCatalogs, createMcpServer, LineLimitedStdioTransport, type LoadedToolkit } from "../mcp/index.js";
import {
  allToolsetsName,
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
  let loaded: ReturnType<ToolkitLoader> | undefined;
  const loadToolkit: ToolkitLoader = () =>
    (loaded ??= (async () => {
      const [{ asanaToolkit }, { buildAsanaRuntime }] = await Promise.all([import("../../tools/index.js"), import("./asana-runtime.js")]);
      // The deployment's Asana provider id and scopes, applied once: the Arcade resolver and the worker
      // read a tool's requirement from here, as MCP _meta does from the descriptors below.
      const tools = withAsanaAuthSettings(asanaToolkit, config.asanaAuth);
      const runtime = await buildAsanaRuntime(config, logger);
      const toolRuntime = { ...runtime, calls, callDeadlineMs: config.callDeadlineMs, logger };
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
  logger.info(
    `serving ${catalogs.forSelection(selection).listing.length} of ${descriptors.length} Asana tools (${config.toolsets.join(",")}) over ${config.transport}`,
    {
      token_source: tokenSourceOf(config),
      asana: config.sandbox ? "the built-in emulator (sandbox)" : (config.asanaBaseUrl ?? "https://app.asana.com/api/1.0"),
    },
  );

  const buildServer = (request: { userId?: string; selection: ToolSelection; tokens?: TokenResolver; discovery?: boolean; logging?: boolean }) =>
    createMcpServer({
      catalogs,
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
      ...(request.logging ? { logging: true } : {}),
      // Once the tools are listed, the first call is near: load the tools meanwhile.
      onListed: () => setImmediate(() => void loadToolkit().catch(() => undefined)),
    });

  if (config.transport === "stdio") {
    if (config.workerSecret) logger.warn("ARCADE_WORKER_SECRET is set, but the worker routes are served only with --transport http");
    // A stdio connection lasts, so the model can switch more toolsets on as it needs them, unless the
    // operator chose the toolsets: that choice is the ceiling, and the connection starts at it.
    const server = buildServer({ selection, discovery: !selection.ceiling && !selection.toolsets.includes(allToolsetsName), logging: true });
    // The one client of this process also hears the server's log records (retries, Asana's API change
    // notices, shutdown), as MCP log notifications at the level it asks for.
    const mcpLevels = { debug: "debug", info: "info", warn: "warning", error: "error" } as const;
    logger.forward?.((record) => {
      void server
        .sendLoggingMessage({
          level: mcpLevels[record.level],
          logger: "asana-mcp",
          data: record.fields ? { message: record.message, ...record.fields } : record.message,
        })
        .catch(() => undefined);
    });
    // One message may carry the largest attachment as base64; past that it is answered with an error.
    const transport = new LineLimitedStdioTransport({ maxMessageBytes: maxToolCallBytes + 1024 * 1024 });
    // The client ends the session by closing stdin: calls in flight still finish and answer on stdout.
    transport.oninputended = () => void shutdown("the client closed stdin");
    transport.onerror = (error) => logger.warn("stdio message refused", { error: error.message });
    await server.connect(transport);
    closeFrontDoor = () => server.close();
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
