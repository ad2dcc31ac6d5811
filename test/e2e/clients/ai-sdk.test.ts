import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMCPClient, type MCPClient } from "@ai-sdk/mcp";
import { StdioMCPTransport } from "@ai-sdk/mcp/mcp-stdio";
import { afterAll, beforeAll, describe, test } from "vitest";
import { exerciseClient, installedVersion, textOfContent, type MatrixClient } from "../../support/client-matrix.js";
import { spawnHttpServer, type SpawnedHttpServer } from "../../support/spawn-server.js";
import { recordingProxy, tappedSandboxCommand } from "../../support/wire.js";

/**
 * The Vercel AI SDK's MCP client (`@ai-sdk/mcp`), as an AI SDK app uses it: `tools()` turns the
 * server's tools into AI SDK tools, and the SDK runs a model's tool call through the tool's `execute`.
 * Version 2 probes server/discover and must land on 2026-07-28. Its errors reach the app through
 * `onUncaughtError` (where it once reported an unrequested log notification as "Unsupported message type").
 * Its package says Node 22 or later; it runs on the Node 20 these machines have.
 */
let http: SpawnedHttpServer;
let scratch: string;
const cleanups: Array<() => Promise<void>> = [];
beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "asana-mcp-ai-sdk-"));
  http = await spawnHttpServer({}, ["--sandbox"]);
});
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await http?.close();
  rmSync(scratch, { recursive: true, force: true });
});

type ToolSet = Awaited<ReturnType<MCPClient["tools"]>>;

async function aiSdkClient(transport: Parameters<typeof createMCPClient>[0]["transport"]): Promise<MatrixClient> {
  const reported: string[] = [];
  const client = await createMCPClient({ transport, onUncaughtError: (error) => void reported.push(String(error)) });
  let tools: ToolSet | undefined;
  let calls = 0;
  return {
    async listToolNames() {
      tools = await client.tools();
      return Object.keys(tools);
    },
    async callTool(name, args) {
      const tool = tools?.[name];
      if (!tool?.execute) throw new Error(`the AI SDK made no executable tool ${name}`);
      const result = (await tool.execute(args, { toolCallId: `call-${++calls}`, messages: [], context: {} })) as { isError?: boolean; content?: unknown };
      return { isError: result.isError === true, text: textOfContent(result.content) };
    },
    close: () => client.close(),
    reported: () => reported,
  };
}

/**
 * The AI SDK's stdio transport as it comes, but waiting for the answer to server/discover as its HTTP
 * transport does. As it comes it gives a server 1 s from spawn to answer, then falls back to
 * 2025-11-25 and reports the late answer through onUncaughtError ("Received a response for an unknown
 * message ID"). A server started through `npx`, which resolves the package first, can take longer;
 * on these shared 2-core machines our own cold start (through the wire tap) sometimes does, which
 * would make this test time the machine rather than check the client.
 */
function patientStdioTransport(server: { command: string; args: string[]; env: Record<string, string> }): StdioMCPTransport {
  return Object.assign(new StdioMCPTransport({ command: server.command, args: server.args, env: server.env }), { waitsForProtocolVersionDiscovery: true });
}

const version = installedVersion("@ai-sdk/mcp");

describe("@ai-sdk/mcp", () => {
  test("over stdio: lists, reads, writes and gets bad input back as an error result, speaking 2026-07-28, with nothing logged", async () => {
    const server = tappedSandboxCommand(join(scratch, "stdio.wire"));
    await exerciseClient({
      client: "@ai-sdk/mcp",
      version,
      transport: "stdio",
      expectedProtocol: "2026-07-28",
      wire: server.wire,
      connect: () => aiSdkClient(patientStdioTransport(server)),
    });
  });

  test("over HTTP: lists, reads, writes and gets bad input back as an error result, speaking 2026-07-28, with nothing logged", async () => {
    const proxy = await recordingProxy(http);
    cleanups.push(() => proxy.close());
    await exerciseClient({
      client: "@ai-sdk/mcp",
      version,
      transport: "HTTP",
      expectedProtocol: "2026-07-28",
      wire: proxy.wire,
      connect: () => aiSdkClient({ type: "http", url: proxy.url }),
    });
  });
});
