import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { auth } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { v1OutputValidator } from "../support/compiled-once-validator.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { MemoryOAuthClientProvider } from "../support/oauth-client.js";

/**
 * Arcade's remote MCP servers (Arcade docs, "Add remote MCP servers"): a server registered by URL
 * (arcadejs `workers.create({type: "mcp", mcp: {uri, ...}})`), whose tools Arcade calls as
 * `<server id>.<tool>`. When the server needs auth, Arcade runs the MCP OAuth flow against it for each
 * of its users: here with the MCP SDK's client (DCR, PKCE, resource), Arcade's callback on this fake,
 * and the person's browser sent to the server's sign-in through Arcade's authorization link.
 */
export interface RemoteMcpServer {
  id: string;
  uri: string;
  oauth2?: { client_id?: string; client_secret?: string; authorization_url?: string };
}

interface Connection {
  server: RemoteMcpServer;
  provider: MemoryOAuthClientProvider;
  flowId: string;
  completed: boolean;
}

export const remoteMcpCallbackPath = "/v1/oauth/mcp/callback";

export class RemoteMcpServers {
  readonly servers = new Map<string, RemoteMcpServer>();
  readonly #connections = new Map<string, Connection>();
  readonly #selfUrl: () => string;

  constructor(selfUrl: () => string) {
    this.#selfUrl = selfUrl;
  }

  /** The remote server a fully qualified tool name belongs to, and the tool's own name. */
  toolOf(toolName: string): { server: RemoteMcpServer; tool: string } | undefined {
    const dot = toolName.indexOf(".");
    const server = dot > 0 ? this.servers.get(toolName.slice(0, dot)) : undefined;
    return server ? { server, tool: toolName.slice(dot + 1) } : undefined;
  }

  #connection(server: RemoteMcpServer, userId: string): Connection {
    const key = `${server.id}\u0000${userId}`;
    let connection = this.#connections.get(key);
    if (!connection) {
      const provider = new MemoryOAuthClientProvider({ redirectUrl: `${this.#selfUrl()}${remoteMcpCallbackPath}`, clientName: "Arcade" });
      if (server.oauth2?.client_id)
        provider.saveClientInformation({
          client_id: server.oauth2.client_id,
          ...(server.oauth2.client_secret ? { client_secret: server.oauth2.client_secret } : {}),
        });
      connection = { server, provider, flowId: `ar_${randomUUID()}`, completed: false };
      this.#connections.set(key, connection);
    }
    return connection;
  }

  /** tools.authorize for a remote server's tool: completed when the user's MCP tokens exist, else Arcade's link. */
  async authorize(server: RemoteMcpServer, userId: string): Promise<Record<string, unknown>> {
    const connection = this.#connection(server, userId);
    if (connection.completed) return { id: connection.flowId, status: "completed", user_id: userId };
    const outcome = await auth(connection.provider, { serverUrl: server.uri });
    if (outcome === "AUTHORIZED") {
      connection.completed = true;
      return { id: connection.flowId, status: "completed", user_id: userId };
    }
    return { id: connection.flowId, status: "pending", user_id: userId, url: connection.provider.authorizationUrl!.toString() };
  }

  /** Arcade's OAuth callback: the server's code, exchanged for the user's MCP tokens. */
  async callback(url: URL, res: ServerResponse): Promise<void> {
    const connection = [...this.#connections.values()].find((c) => c.provider.lastState === url.searchParams.get("state"));
    const code = url.searchParams.get("code");
    if (!connection || !code) {
      res.writeHead(400, { "content-type": "text/plain" }).end(`the MCP server's sign-in did not finish: ${url.searchParams.get("error") ?? "unknown flow"}`);
      return;
    }
    await auth(connection.provider, { serverUrl: connection.server.uri, authorizationCode: code });
    connection.completed = true;
    res.writeHead(200, { "content-type": "text/plain" }).end(`${connection.server.id} is connected to Arcade.`);
  }

  /** tools.execute: the tool called over MCP with the user's access token. */
  async execute(
    server: RemoteMcpServer,
    tool: string,
    input: Record<string, unknown>,
    userId: string,
  ): Promise<{ success: boolean; output: Record<string, unknown> }> {
    const connection = this.#connection(server, userId);
    if (!connection.completed) {
      return {
        success: false,
        output: { error: { message: `authorization required for ${server.id}`, kind: "TOOL_RUNTIME_CONTEXT_REQUIRED", can_retry: false } },
      };
    }
    const client = new Client({ name: "arcade-engine", version: "1.0.0" }, { jsonSchemaValidator: v1OutputValidator });
    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(server.uri), { authProvider: connection.provider }));
      const result = (await client.callTool({ name: tool, arguments: input })) as CallToolResult;
      if (result.isError)
        return { success: false, output: { error: { message: JSON.stringify(result.content), kind: "TOOL_RUNTIME_FATAL", can_retry: false } } };
      return { success: true, output: { value: result.structuredContent ?? result.content } };
    } finally {
      await client.close();
    }
  }
}
