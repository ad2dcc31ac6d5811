import {
  CLIENT_CAPABILITIES_META_KEY,
  inputRequired,
  inputResponse,
  ProtocolError,
  ProtocolErrorCode,
  Server,
  UrlElicitationRequiredError,
  type CallToolResult,
  type ClientCapabilities,
  type LoggingLevel,
  type ProtocolEra,
  type ServerContext,
} from "@modelcontextprotocol/server";
import type { LogRecord } from "../log/index.js";
import {
  invokeTool,
  isWriteTool,
  mcpToolName,
  type ConfirmMode,
  type AnyToolDefinition,
  type ToolErrorReport,
  type ToolRuntime,
  type ToolSelection,
  type ToolsetInfo,
} from "../toolkit/index.js";
import { createCompletionSource, registerCompletions } from "./completions.js";
import { registerPrompts } from "./prompts.js";
import { registerResources, type ResourceSubscriptions, type RunTool } from "./resources.js";
import { createToolsetDiscovery } from "./toolset-discovery.js";
import type { McpCatalogs } from "./tool-catalog.js";
import { askToConfirm, declinedResult, readConfirmation } from "./write-confirmation.js";

export interface McpServerOptions {
  catalogs: McpCatalogs;
  /**
   * `legacy` for 2024-10-07 … 2025-11-25 (an initialize handshake, a session over stdio), `modern` for
   * 2026-07-28 (each request carries its version and capabilities; input_required results instead of
   * server-to-client requests). The SDK's serving entries decide it from what the client sends first.
   */
  era: ProtocolEra;
  /** The tools this connection or request starts with. */
  selection: ToolSelection;
  /**
   * The tools' code and the runtime they call Asana with. Listing needs neither (the catalogs are
   * descriptors), so a starting server answers tools/list before loading them.
   */
  toolkit: () => Promise<LoadedToolkit>;
  name: string;
  version: string;
  instructions: string;
  /** The Arcade user on whose behalf this connection or request acts, if known. */
  userId?: string;
  /** A line added to every successful result (sandbox mode says the data is not real). */
  resultNotice?: string;
  /**
   * Offer Asana_ListToolsets and Asana_EnableToolset, which switch toolsets on for the rest of the
   * connection. Only for connections that last (stdio): a stateless request forgets them at once.
   */
  toolsetDiscovery?: { toolsets: readonly ToolsetInfo[] };
  /**
   * What the model is told a tool it asked for is missing from, besides discovery: over HTTP, the
   * request's toolsets (the `toolsets` query parameter or X-MCP-Toolsets header choose others).
   */
  unknownToolHint?: string;
  /** Called after tools/list is answered (the server may load what a first call will need). */
  onListed?: () => void;
  /**
   * The server's own log records, for a connection that lasts (stdio): sent to a 2025-era client as MCP
   * log notifications once it asks for them with logging/setLevel, never before (an unasked-for
   * notification is an "unsupported message" to several clients), and never on 2026-07-28, where a
   * log notification may only answer a request that asked for it.
   */
  logs?: (listener: (record: LogRecord) => void) => () => void;
  /** Resource subscriptions, for a connection that lasts (stdio): what watches the subscribed resources. */
  subscriptions?: ResourceSubscriptions;
  /** When writes wait for a person's yes (ASANA_MCP_CONFIRM); `destructive` unless set. */
  confirmMode?: ConfirmMode;
}

/** What a front door says about one connection (stdio) or request (HTTP) when it asks for a server. */
export interface McpServerRequest {
  era: ProtocolEra;
  selection: ToolSelection;
  userId?: string;
  /** Offer the toolset-discovery tools (a connection that lasts). */
  discovery?: boolean;
  unknownToolHint?: string;
  logs?: McpServerOptions["logs"];
  subscriptions?: ResourceSubscriptions;
}

export interface LoadedToolkit {
  runtime: ToolRuntime;
  definitionOf(name: string): AnyToolDefinition | undefined;
}

/** The key under which a tool call's input_required result asks the client to open an authorization link. */
const authorizeInputKey = "authorize_asana";

/**
 * One MCP server per connection (stdio) or per request (HTTP): the SDK binds a server instance to one
 * transport and one era. The catalogs and runtime are shared, so building one is cheap.
 */
export function createMcpServer(options: McpServerOptions): Server {
  const logging = options.logs !== undefined && options.era === "legacy";
  const server = new Server(
    { name: options.name, version: options.version },
    {
      capabilities: {
        tools: options.toolsetDiscovery ? { listChanged: true } : {},
        resources: { subscribe: options.subscriptions !== undefined },
        prompts: {},
        completions: {},
        ...(logging ? { logging: {} } : {}),
      },
      instructions: options.instructions,
    },
  );
  if (logging && options.logs) forwardLogs(server, options.logs);
  registerReadSurfaces(server, options);
  let catalog = options.catalogs.forSelection(options.selection);
  const discovery = options.toolsetDiscovery
    ? createToolsetDiscovery({
        toolsets: options.toolsetDiscovery.toolsets,
        catalogs: options.catalogs,
        selection: options.selection,
        onChange: async (selection) => {
          catalog = options.catalogs.forSelection(selection);
          await server.sendToolListChanged();
        },
      })
    : undefined;

  server.setRequestHandler("tools/list", async () => {
    options.onListed?.();
    return { tools: discovery ? [...catalog.listing, ...discovery.listing] : catalog.listing };
  });

  // The SDK has already checked the request against the era's wire schema (a malformed one is -32602
  // naming the field); the tool's own input schema checks the arguments next, in invokeTool.
  server.setRequestHandler("tools/call", async (request, ctx) => {
    const { name } = request.params;
    const args = request.params.arguments ?? {};
    const discoveryResult = await discovery?.call(name, args);
    if (discoveryResult) return discoveryResult;
    const offered = catalog.find(name);
    const toolkit = offered ? await options.toolkit() : undefined;
    const tool = offered ? toolkit?.definitionOf(offered.name) : undefined;
    if (!tool || !toolkit) throw unknownTool(name, [...catalog.listing, ...(discovery?.listing ?? [])], discovery !== undefined, options.unknownToolHint);

    const displayName = mcpToolName(tool);
    const confirming = isWriteTool(tool)
      ? readConfirmation(options.confirmMode ?? "destructive", clientCapabilitiesOf(server, ctx, options.era), ctx)
      : undefined;
    if (confirming && "declined" in confirming) return declinedResult(displayName, confirming.declined);

    const progressToken = ctx.mcpReq._meta?.progressToken;
    const outcome = await invokeTool(toolkit.runtime, {
      tool,
      displayName,
      arguments: args,
      signal: ctx.mcpReq.signal,
      showsContent: true,
      ...(confirming ? { confirmation: confirming.confirmation } : {}),
      ...(options.userId !== undefined ? { userId: options.userId } : {}),
      reportProgress: async (update) => {
        if (progressToken === undefined) return;
        await ctx.mcpReq.notify({ method: "notifications/progress", params: { progressToken, ...update } });
      },
    });

    if (outcome.ok && outcome.ask && confirming?.confirmation.canAsk) return askToConfirm(outcome.ask);
    if (outcome.ok) {
      // The spec asks for a text copy of structured output, for clients that only read content.
      const content: CallToolResult["content"] = [{ type: "text", text: JSON.stringify(outcome.output) }];
      // A file the tool returned (an image, a file's bytes or text) follows the copy; it is never in structuredContent.
      if (outcome.content) content.push(...outcome.content);
      if (options.resultNotice) content.push({ type: "text", text: options.resultNotice });
      return { content, structuredContent: outcome.output, ...(options.resultNotice ? { _meta: { "asana-mcp/sandbox": true } } : {}) };
    }
    return askToAuthorize(outcome.error, server, ctx, options.era) ?? toErrorResult(outcome.error);
  });

  return server;
}

const severity: Record<LoggingLevel, number> = { debug: 0, info: 1, notice: 2, warning: 3, error: 4, critical: 5, alert: 6, emergency: 7 };
const mcpLevelOf = { debug: "debug", info: "info", warn: "warning", error: "error" } as const satisfies Record<LogRecord["level"], LoggingLevel>;

/** Log records to a 2025-era client, from its first logging/setLevel on, at the level it set. */
function forwardLogs(server: Server, logs: NonNullable<McpServerOptions["logs"]>): void {
  let threshold: LoggingLevel | undefined;
  let stop: (() => void) | undefined;
  server.setRequestHandler("logging/setLevel", async (request) => {
    threshold = request.params.level;
    stop ??= logs((record) => {
      const level = mcpLevelOf[record.level];
      if (threshold === undefined || severity[level] < severity[threshold]) return;
      const data = record.fields ? { message: record.message, ...record.fields } : record.message;
      void server.notification({ method: "notifications/message", params: { level, logger: "asana-mcp", data } }).catch(() => undefined);
    });
    return {};
  });
  const closed = server.onclose;
  server.onclose = () => {
    stop?.();
    closed?.();
  };
}

/** Runs one of the toolkit's tools as `userId`, whatever the connection's toolsets (resources are not tools). */
export function toolRunner(toolkit: () => Promise<LoadedToolkit>, userId: string | undefined): RunTool {
  return async (name, args, signal) => {
    const loaded = await toolkit();
    const tool = loaded.definitionOf(name);
    if (!tool) throw new ProtocolError(ProtocolErrorCode.InternalError, `the toolkit has no ${name}`);
    return invokeTool(loaded.runtime, { tool, displayName: mcpToolName(tool), arguments: args, signal, ...(userId !== undefined ? { userId } : {}) });
  };
}

/**
 * Resources, prompts and completions: read through the toolkit's own tools, as this connection's user.
 * They are not tools, so a request's toolsets do not narrow them; an operator's ceiling and read-only
 * mode do.
 */
function registerReadSurfaces(server: Server, options: McpServerOptions): void {
  const ceiling = options.catalogs.forSelection({ readOnly: options.selection.readOnly, toolsets: options.selection.ceiling ?? ["all"] });
  const allows = (tool: string) => ceiling.find(tool) !== undefined;
  const run = toolRunner(options.toolkit, options.userId);
  registerResources(server, { run, allows, ...(options.subscriptions ? { subscriptions: options.subscriptions } : {}) });
  const promptArgument = registerPrompts(server, { run, allows });
  registerCompletions(server, allows("SearchByName") ? createCompletionSource(run) : { complete: async () => [] }, {
    promptArgument,
    resourceVariable: (uriTemplate, variable) =>
      variable !== "id" ? undefined : uriTemplate.startsWith("asana://task/") ? "task" : uriTemplate.startsWith("asana://project/") ? "project" : undefined,
  });
}

/** Unknown tools are a protocol error (the spec's own example), with the names that do exist. */
function unknownTool(name: string, listed: ReadonlyArray<{ name: string }>, discovery: boolean, hint: string | undefined): ProtocolError {
  const shown = name.length > 100 ? `${name.slice(0, 97)}...` : name;
  const more = discovery ? " More tools: call Asana_ListToolsets, then Asana_EnableToolset." : hint ? ` ${hint}` : "";
  return new ProtocolError(
    ProtocolErrorCode.InvalidParams,
    `Unknown tool "${shown}". This server's tools are: ${listed.map((t) => t.name).join(", ")}.${more}`,
  );
}

/** What the client said it can do: declared once at initialize (2025 era), or on each request (2026-07-28). */
function clientCapabilitiesOf(server: Server, ctx: ServerContext, era: ProtocolEra): ClientCapabilities | undefined {
  if (era === "modern") return (ctx.mcpReq.envelope as Record<string, unknown> | undefined)?.[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined;
  return server.getClientCapabilities();
}

/**
 * A pending Arcade authorization, for a client that can open a link itself (URL elicitation): on
 * 2026-07-28 an input_required result, which the client answers by retrying the call once the user is
 * done; on 2025-11-25 the standard -32042 error, after which the client retries. A retry that finds the
 * authorization still pending gets the plain result with the link, so no client loops.
 */
function askToAuthorize(
  error: ToolErrorReport,
  server: Server,
  ctx: ServerContext,
  era: ProtocolEra,
): CallToolResult | ReturnType<typeof inputRequired> | undefined {
  if (!error.authorizationUrl || !error.authorizationId || !clientCapabilitiesOf(server, ctx, era)?.elicitation?.url) return undefined;
  const message = "Authorize asana-mcp to use your Asana account, then continue.";
  if (era === "legacy") {
    throw new UrlElicitationRequiredError([{ mode: "url", message, url: error.authorizationUrl, elicitationId: error.authorizationId }]);
  }
  if (inputResponse(ctx.mcpReq.inputResponses, authorizeInputKey).kind !== "missing") return undefined;
  return inputRequired({ inputRequests: { [authorizeInputKey]: inputRequired.elicitUrl({ message, url: error.authorizationUrl }) } });
}

function toErrorResult(error: ToolErrorReport): CallToolResult {
  const content: CallToolResult["content"] = [{ type: "text", text: error.message }];
  if (error.authorizationUrl) {
    content.push({
      type: "text",
      text: JSON.stringify({ authorization_url: error.authorizationUrl, llm_instructions: error.additionalPromptContent }),
    });
  } else if (error.additionalPromptContent) {
    content.push({ type: "text", text: error.additionalPromptContent });
  }
  return {
    isError: true,
    content,
    _meta: {
      arcade: {
        errorKind: error.kind,
        canRetry: error.canRetry,
        ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
        ...(error.statusCode !== undefined ? { statusCode: error.statusCode } : {}),
        ...(error.additionalPromptContent ? { additionalPromptContent: error.additionalPromptContent } : {}),
      },
    },
  };
}
