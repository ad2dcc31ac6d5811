import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client as V2Client, StreamableHTTPClientTransport as V2HttpTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport as V2StdioTransport } from "@modelcontextprotocol/client/stdio";
import { Client as V1Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport as V1StdioTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport as V1HttpTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, test } from "vitest";
import { exerciseClient, installedVersion, textOfContent, type MatrixClient } from "../../support/client-matrix.js";
import { spawnHttpServer, type SpawnedHttpServer } from "../../support/spawn-server.js";
import { recordingProxy, tappedSandboxCommand, type Wire } from "../../support/wire.js";

/**
 * The official TypeScript SDK's clients: v1 (`@modelcontextprotocol/sdk`, which most hosts embed today)
 * and v2 (`@modelcontextprotocol/client`), the v2 one both as it comes (the 2025 handshake) and with
 * `versionNegotiation: { mode: "auto" }`, which must land on 2026-07-28 with no refused first request.
 */
// One HTTP server for the file's HTTP rows, as clients of one deployment share it (each row connects its own
// client through its own recording proxy), started by the first row that needs it: stdio rows alone start none.
let http: Promise<SpawnedHttpServer> | undefined;
const sharedHttpServer = () => (http ??= spawnHttpServer({}, ["--sandbox"]));
let scratch: string;
const cleanups: Array<() => Promise<void>> = [];
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "asana-mcp-ts-clients-"));
});
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await http?.then(
    (server) => server.close(),
    () => undefined,
  );
  rmSync(scratch, { recursive: true, force: true });
});

interface SdkClient {
  onerror?: ((error: Error) => void) | undefined;
  listTools(): Promise<{ tools: Array<{ name: string }> }>;
  callTool(request: { name: string; arguments: Record<string, unknown> }): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

function asMatrixClient(client: SdkClient): MatrixClient {
  const reported: string[] = [];
  client.onerror = (error) => void reported.push(error.message);
  return {
    listToolNames: async () => (await client.listTools()).tools.map((tool) => tool.name),
    async callTool(name, args) {
      const result = await client.callTool({ name, arguments: args });
      return { isError: result.isError === true, text: textOfContent(result.content) };
    },
    close: () => client.close(),
    reported: () => reported,
  };
}

const clientInfo = { name: "asana-mcp-client-matrix", version: "1.0.0" };

interface Variant {
  client: string;
  version: string;
  expectedProtocol: "2026-07-28" | "2025-11-25";
  overStdio(server: ReturnType<typeof tappedSandboxCommand>): Promise<MatrixClient>;
  overHttp(url: string): Promise<MatrixClient>;
}

const v1 = installedVersion("@modelcontextprotocol/sdk");
const v2 = installedVersion("@modelcontextprotocol/client");
const variants: Variant[] = [
  {
    client: "@modelcontextprotocol/sdk (v1)",
    version: v1,
    expectedProtocol: "2025-11-25",
    async overStdio({ command, args, env }) {
      const client = new V1Client(clientInfo);
      const matrixClient = asMatrixClient(client);
      await client.connect(new V1StdioTransport({ command, args, env }));
      return matrixClient;
    },
    async overHttp(url) {
      const client = new V1Client(clientInfo);
      const matrixClient = asMatrixClient(client);
      await client.connect(new V1HttpTransport(new URL(url)));
      return matrixClient;
    },
  },
  ...(["auto", "none"] as const).map(
    (negotiation): Variant => ({
      client: `@modelcontextprotocol/client (v2${negotiation === "auto" ? ", versionNegotiation auto" : ""})`,
      version: v2,
      expectedProtocol: negotiation === "auto" ? "2026-07-28" : "2025-11-25",
      async overStdio({ command, args, env }) {
        const client = new V2Client(clientInfo, negotiation === "auto" ? { versionNegotiation: { mode: "auto" } } : {});
        const matrixClient = asMatrixClient(client);
        await client.connect(new V2StdioTransport({ command, args, env }));
        return matrixClient;
      },
      async overHttp(url) {
        const client = new V2Client(clientInfo, negotiation === "auto" ? { versionNegotiation: { mode: "auto" } } : {});
        const matrixClient = asMatrixClient(client);
        await client.connect(new V2HttpTransport(new URL(url)));
        return matrixClient;
      },
    }),
  ),
];

describe.each(variants)("$client", (variant) => {
  test(`over stdio: lists, reads, writes and gets bad input back as an error result, speaking ${variant.expectedProtocol}, with nothing logged`, async () => {
    const server = tappedSandboxCommand(join(scratch, `${variant.client.replace(/\W+/g, "-")}.wire`));
    await exerciseClient({ ...variant, transport: "stdio", wire: server.wire, connect: () => variant.overStdio(server) });
  });

  test(`over HTTP: lists, reads, writes and gets bad input back as an error result, speaking ${variant.expectedProtocol}, with nothing logged`, async () => {
    const proxy = await recordingProxy(await sharedHttpServer());
    cleanups.push(() => proxy.close());
    const wire: Wire = proxy.wire;
    await exerciseClient({ ...variant, transport: "HTTP", wire, connect: () => variant.overHttp(proxy.url) });
  });
});
