import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, test } from "vitest";
import { exerciseClient, installedVersion, textOfContent, type MatrixClient } from "../../support/client-matrix.js";
import { cleanEnv, spawnHttpServer, type SpawnedHttpServer } from "../../support/spawn-server.js";
import { recordingProxy } from "../../support/wire.js";

/**
 * mcp-remote, the stdio bridge Claude Desktop users put in their config for a remote server
 * (`npx mcp-remote https://…/mcp`): an SDK client talks stdio to it, and it talks HTTP to our server.
 * As it comes it bridges with the 2025 handshake; `--protocol auto` probes server/discover first and
 * must land on 2026-07-28.
 */
let http: SpawnedHttpServer;
let configDir: string;
const cleanups: Array<() => Promise<void>> = [];
beforeAll(async () => {
  // mcp-remote keeps OAuth state and lock files in ~/.mcp-auth unless told otherwise.
  configDir = mkdtempSync(join(tmpdir(), "asana-mcp-mcp-remote-"));
  http = await spawnHttpServer({}, ["--sandbox"]);
});
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await http?.close();
  rmSync(configDir, { recursive: true, force: true });
});

/** What `npx mcp-remote` runs: the package's own bin. */
const mcpRemoteBin = fileURLToPath(
  new URL(
    (JSON.parse(readFileSync(new URL("../../../node_modules/mcp-remote/package.json", import.meta.url), "utf8")) as { bin: Record<string, string> }).bin[
      "mcp-remote"
    ]!,
    new URL("../../../node_modules/mcp-remote/", import.meta.url),
  ),
);

/** mcp-remote narrates on stderr ("Connecting to remote server…"); a line about a failure is a complaint. */
const complaint = /error|warn|fail|cannot|refus|invalid|denied|unexpected/i;

async function throughMcpRemote(url: string, flags: string[]): Promise<MatrixClient> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [mcpRemoteBin, url, ...flags],
    env: cleanEnv({ MCP_REMOTE_CONFIG_DIR: configDir }),
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: "asana-mcp-client-matrix", version: "1.0.0" });
  const reported: string[] = [];
  client.onerror = (error) => void reported.push(error.message);
  await client.connect(transport);
  return {
    listToolNames: async () => (await client.listTools()).tools.map((tool) => tool.name),
    async callTool(name, args) {
      const result = await client.callTool({ name, arguments: args });
      return { isError: result.isError === true, text: textOfContent(result.content) };
    },
    close: () => client.close(),
    reported: () => [...reported, ...stderr.split("\n").filter((line) => complaint.test(line))],
  };
}

const variants = [
  { flags: [], client: "mcp-remote", expectedProtocol: "2025-11-25" as const },
  { flags: ["--protocol", "auto"], client: "mcp-remote (--protocol auto)", expectedProtocol: "2026-07-28" as const },
];

describe.each(variants)("$client", ({ flags, client, expectedProtocol }) => {
  test(`bridges an SDK client on stdio to the server over HTTP: lists, reads, writes and gets bad input back as an error result, speaking ${expectedProtocol}, with nothing logged`, async () => {
    const proxy = await recordingProxy(http);
    cleanups.push(() => proxy.close());
    await exerciseClient({
      client,
      version: installedVersion("mcp-remote"),
      transport: "stdio → HTTP",
      expectedProtocol,
      wire: proxy.wire,
      connect: () => throughMcpRemote(proxy.url, flags),
    });
  });
});
