import type { IncomingMessage } from "node:http";
import type { Server } from "@modelcontextprotocol/server";
import { createArcadeClient, createUserVerifierRoute, userVerifierPath, type TokenResolver } from "../auth/index.js";
import type { ServeConfig } from "../cli.js";
import { checksHostHeaders, createClientAddresses, isLoopbackHost, startHttpServer, type HttpRoute } from "../http/index.js";
import type { Logger } from "../log/index.js";
import type { McpServerRequest } from "../mcp/index.js";
import { createFrontDoorAuthenticator, createMcpHttpRoute } from "../mcp-http/index.js";
import { selectTools, type CallTracker, type ToolSelection } from "../toolkit/index.js";
import { createWorkerRoutes, workerSecretWarnings } from "../worker/index.js";
import { toolsets } from "../../tools/toolsets.js";
import type { ToolkitLoader } from "./index.js";
import { packageVersion } from "./version.js";

export interface HttpFrontDoorOptions {
  config: ServeConfig;
  logger: Logger;
  selection: ToolSelection;
  /** How many tools a selection offers (a request that narrows the operator's ceiling to nothing is refused). */
  countTools(selection: ToolSelection): number;
  offersTool(selection: ToolSelection, name: string): boolean;
  buildMcpServer: (request: McpServerRequest & { tokens?: TokenResolver }) => Server;
  loadToolkit: ToolkitLoader;
  calls: CallTracker;
}

/**
 * The HTTP front doors: MCP at /mcp (stateless), and, when configured, the Arcade worker routes and
 * Arcade's custom user verifier, all on one HTTP server. Loaded only with --transport http, so a stdio
 * server never loads the HTTP server, jose or the worker.
 */
export async function startHttpFrontDoor(options: HttpFrontDoorOptions): Promise<{ url: string; close(): Promise<void> }> {
  const { config, logger } = options;
  const routes: HttpRoute[] = [];

  const auth = config.frontDoorAuth;
  const signIn = config.remoteSignIn;
  if (signIn && !signIn.publicUrl && !checksHostHeaders(config.host, config.allowedHosts)) {
    // The issuer, the resource and every redirect name this server; from an unchecked Host, a caller could choose them.
    throw new Error("remote sign-in on a wildcard address needs ASANA_MCP_PUBLIC_URL (or --allowed-hosts), so tokens and redirects name the real server");
  }
  if (auth && !auth.publicUrl && !checksHostHeaders(config.host, config.allowedHosts)) {
    // The 401 challenge names our metadata URL; built from an unchecked Host header, a caller could choose it.
    throw new Error("front-door authentication on a wildcard address needs ASANA_MCP_PUBLIC_URL (or --allowed-hosts), so 401 challenges name the real server");
  }
  if (auth && config.asanaAccessToken && !config.sandbox) {
    logger.warn(
      "front-door authentication is on, but Asana tokens come from ASANA_ACCESS_TOKEN: every signed-in caller acts as that token's owner; use Arcade for per-person Asana access",
    );
  }
  if (!auth && !signIn && !isLoopbackHost(config.host)) {
    const credentials = config.sandbox
      ? "sees the sandbox's demo data"
      : config.asanaAccessToken
        ? "acts with the configured personal access token"
        : config.arcade?.userId
          ? `acts as the Arcade user ${config.arcade.userId}`
          : "gets this server's tools (no Asana credentials are configured yet)";
    logger.warn(`serving /mcp on ${config.host} without front-door authentication: anyone who reaches this port ${credentials}`);
  }
  // Without a configured public URL, name ourselves as the caller reached us (Host is checked in this case).
  const publicBase = (req: IncomingMessage) =>
    (auth?.publicUrl ?? signIn?.publicUrl ?? `http://${req.headers.host ?? `${config.host}:${config.port}`}`).replace(/\/$/, "");
  const clientAddresses = createClientAddresses(config.trustedProxies);
  // The built-in authorization server: its own chunk, loaded only when ASANA_MCP_OAUTH_SECRET is set.
  const remote = signIn
    ? await (await import("../oauth/index.js")).startRemoteSignIn({
        settings: signIn,
        baseUrl: publicBase,
        ...(config.arcade ? { arcade: { apiKey: config.arcade.apiKey, ...(config.arcade.baseUrl ? { baseUrl: config.arcade.baseUrl } : {}) } } : {}),
        asanaAuth: config.asanaAuth,
        asanaApiBaseUrl: config.asanaBaseUrl ?? "https://app.asana.com/api/1.0",
        readOnly: config.readOnly,
        clientOf: clientAddresses.of,
        logger,
      })
    : undefined;
  if (remote) routes.push(...remote.routes);
  routes.push(
    createMcpHttpRoute({
      buildMcpServer: options.buildMcpServer,
      selection: options.selection,
      countTools: options.countTools,
      toolsets,
      offersTool: options.offersTool,
      ...(remote ? { authenticate: remote.authenticate, protectedResourceMetadata: remote.protectedResourceMetadata } : {}),
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
    }),
  );

  // The Engine chooses the tools for each agent, so the worker offers the whole catalog unless told
  // otherwise; an operator's --read-only holds for it too.
  let workerToolCount = 0;
  const toolkitVersion = config.arcadeToolkitVersion ?? packageVersion;
  if (config.workerSecret) {
    const { tools, runtime } = await options.loadToolkit();
    const workerSelection = { readOnly: config.readOnly, toolsets: config.workerToolsets };
    const workerTools = selectTools(tools, workerSelection);
    workerToolCount = workerTools.length;
    routes.push(
      createWorkerRoutes({
        tools: workerTools,
        catalog: tools,
        selection: workerSelection,
        asana: runtime.asana,
        calls: options.calls,
        callDeadlineMs: config.callDeadlineMs,
        answerBytes: config.answerMaxBytes,
        ...(runtime.idempotency ? { idempotency: runtime.idempotency } : {}),
        secret: config.workerSecret,
        version: toolkitVersion,
        toolkitName: config.arcadeToolkitName,
        logger,
        // The Engine has its own confirmation flow: the worker asks for nothing unless the operator says so.
        confirmMode: config.confirm ?? "never",
        ...(runtime.confirmKey ? { confirmKey: runtime.confirmKey } : {}),
      }),
    );
    for (const warning of workerSecretWarnings(config.workerSecret)) logger.warn(warning);
  }
  // The CLI admits the verifier only with ARCADE_API_KEY and ARCADE_USER_ID and no front-door identity.
  const verifier = config.userVerifier && config.arcade?.userId;
  if (verifier && config.arcade?.userId) {
    routes.push(
      createUserVerifierRoute({
        arcade: createArcadeClient({ apiKey: config.arcade.apiKey, ...(config.arcade.baseUrl ? { baseUrl: config.arcade.baseUrl } : {}), maxRetries: 0 }),
        userId: config.arcade.userId,
        logger,
      }),
    );
    if (!isLoopbackHost(config.host)) {
      logger.warn(
        `the Arcade user verifier at ${userVerifierPath} confirms every authorization as ARCADE_USER_ID, and it listens on ${config.host}: ` +
          "anyone who reaches it can finish an authorization for that user. Keep it reachable only from that user's browser (a loopback address works: Arcade redirects the browser, not its own servers).",
      );
    }
  }

  const http = await startHttpServer({
    host: config.host,
    port: config.port,
    allowedHosts: config.allowedHosts,
    allowedOrigins: config.allowedOrigins,
    routes,
    logger,
    isDraining: () => options.calls.draining,
    maxConnections: config.maxHttpConnections,
    maxConnectionsPerClient: config.maxHttpConnectionsPerClient,
    isTrustedProxy: clientAddresses.isTrustedProxy,
  });
  if (config.workerSecret) {
    logger.info(
      `Arcade worker routes (${workerToolCount} tools, toolkit ${config.arcadeToolkitName}@${toolkitVersion}): ${http.baseUrl}/worker/{health,tools,tools/invoke}`,
    );
  }
  if (verifier) logger.info(`Arcade custom user verifier: ${http.baseUrl}${userVerifierPath} (Arcade dashboard: Auth > Settings)`);
  if (remote) logger.info(`remote sign-in: ${remote.description}; authorization server metadata at ${http.baseUrl}/.well-known/oauth-authorization-server`);
  const url = `${http.baseUrl}/mcp`;
  logger.info(`MCP endpoint: ${url}`);
  return {
    url,
    close: async () => {
      await http.close();
      await remote?.close();
    },
  };
}
