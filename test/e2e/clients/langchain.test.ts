import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { MultiServerMCPClient, type ClientConfig } from "@langchain/mcp-adapters";
import { afterAll, beforeAll, describe, test } from "vitest";
import { exerciseClient, installedVersion, textOfContent, type MatrixClient } from "../../support/client-matrix.js";
import { spawnHttpServer, type SpawnedHttpServer } from "../../support/spawn-server.js";
import { recordingProxy, tappedSandboxCommand } from "../../support/wire.js";

/**
 * LangChain's MCP adapters (`@langchain/mcp-adapters` on `@langchain/core`), as a LangChain or
 * LangGraph agent uses them: `getTools()` turns the server's tools into LangChain tools, and the agent
 * invokes one per tool call. An error result comes back as a ToolException, which agents hand to the
 * model; the adapters sit on the v1 TypeScript SDK, so they speak 2025-11-25.
 */
let http: SpawnedHttpServer;
let scratch: string;
const cleanups: Array<() => Promise<void>> = [];
beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "asana-mcp-langchain-"));
  http = await spawnHttpServer({}, ["--sandbox"]);
});
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await http?.close();
  rmSync(scratch, { recursive: true, force: true });
});

type Connection = ClientConfig["mcpServers"][string];

async function langchainClient(connection: Connection): Promise<MatrixClient> {
  const client = new MultiServerMCPClient({ mcpServers: { asana: connection } });
  let tools = new Map<string, StructuredToolInterface>();
  return {
    async listToolNames() {
      tools = new Map((await client.getTools()).map((tool) => [tool.name, tool]));
      return [...tools.keys()];
    },
    async callTool(name, args) {
      const tool = tools.get(name);
      if (!tool) throw new Error(`LangChain made no tool ${name}`);
      try {
        return { isError: false, text: textOfContent(await tool.invoke(args)) };
      } catch (error) {
        // LangChain's way to hand a tool's error result to the agent; anything else is a crash.
        if ((error as Error).name !== "ToolException") throw error;
        return { isError: true, text: (error as Error).message };
      }
    },
    close: () => client.close(),
    reported: () => [],
  };
}

const version = `${installedVersion("@langchain/mcp-adapters")} (core ${installedVersion("@langchain/core")})`;

describe("@langchain/mcp-adapters", () => {
  test("over stdio: lists, reads, writes and gets bad input back as a ToolException, speaking 2025-11-25, with nothing logged", async () => {
    const server = tappedSandboxCommand(join(scratch, "stdio.wire"));
    await exerciseClient({
      client: "@langchain/mcp-adapters",
      version,
      transport: "stdio",
      expectedProtocol: "2025-11-25",
      wire: server.wire,
      connect: () => langchainClient({ transport: "stdio", command: server.command, args: server.args, env: server.env }),
    });
  });

  test("over HTTP: lists, reads, writes and gets bad input back as a ToolException, speaking 2025-11-25, with nothing logged", async () => {
    const proxy = await recordingProxy(http);
    cleanups.push(() => proxy.close());
    await exerciseClient({
      client: "@langchain/mcp-adapters",
      version,
      transport: "HTTP",
      expectedProtocol: "2025-11-25",
      wire: proxy.wire,
      connect: () => langchainClient({ transport: "http", url: proxy.url }),
    });
  });
});
