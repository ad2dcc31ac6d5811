import { readFileSync } from "node:fs";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { AsanaClient } from "../asana/index.js";
import { createTokenResolver } from "../auth/index.js";
import type { ServeConfig } from "../cli.js";
import type { Logger } from "../log/index.js";
import { buildToolCatalog, createMcpServer, startHttpFrontDoor } from "../mcp/index.js";
import type { AnyToolDefinition } from "../toolkit/index.js";
import { asanaToolkit } from "../../tools/index.js";
import { serverInstructions } from "./instructions.js";

export const packageVersion: string = (
  JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

export interface RunningServer {
  /** The HTTP endpoint, when serving HTTP. */
  url?: string;
  close(): Promise<void>;
}

/**
 * The composition root: builds the Asana client, the token resolver and the tool catalog once, then
 * opens the chosen front door. Everything below it is handed what it needs; nothing reads globals.
 */
export async function startServer(config: ServeConfig, logger: Logger, tools: readonly AnyToolDefinition[] = asanaToolkit): Promise<RunningServer> {
  const asana = new AsanaClient({
    ...(config.asanaBaseUrl ? { baseUrl: config.asanaBaseUrl } : {}),
    timeoutMs: config.asanaTimeoutMs,
    maxRetries: config.asanaMaxRetries,
    retryBaseDelayMs: config.asanaRetryBaseDelayMs,
    maxConnections: config.asanaMaxConnections,
    userAgent: `asana-mcp/${packageVersion}`,
    logger,
  });
  const tokens = createTokenResolver(
    { ...(config.asanaAccessToken ? { asanaAccessToken: config.asanaAccessToken } : {}), ...(config.arcade ? { arcade: config.arcade } : {}) },
    logger,
  );
  const catalog = buildToolCatalog(tools);
  const runtime = { asana, tokens };
  logger.info(`serving ${tools.length} Asana tools over ${config.transport}`, { token_source: tokens.source, asana: asana.baseUrl });

  const buildServer = () =>
    createMcpServer({
      catalog,
      runtime,
      name: "asana-mcp",
      version: packageVersion,
      instructions: serverInstructions,
      ...(config.arcade?.userId ? { userId: config.arcade.userId } : {}),
    });

  if (config.transport === "stdio") {
    const server = buildServer();
    const transport = new StdioServerTransport();
    await server.connect(transport);
    return {
      close: async () => {
        await server.close();
        await asana.close();
      },
    };
  }

  const http = await startHttpFrontDoor({
    host: config.host,
    port: config.port,
    allowedHosts: config.allowedHosts,
    allowedOrigins: config.allowedOrigins,
    buildMcpServer: buildServer,
    logger,
  });
  logger.info(`MCP endpoint: ${http.url}`);
  return {
    url: http.url,
    close: async () => {
      await http.close();
      await asana.close();
    },
  };
}
