import { Client, StreamableHTTPClientTransport, type ClientOptions } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { v2OutputValidator } from "./compiled-once-validator.js";
import { cleanEnv, cliPath } from "./spawn-server.js";

/**
 * The v2 TypeScript SDK's client (`@modelcontextprotocol/client`), as the newest clients use it: it
 * probes with server/discover and speaks 2026-07-28 when the server does (`mode: "auto"`), or is pinned
 * to 2026-07-28 so a fallback to 2025-11-25 fails the test instead of passing quietly.
 */
export type V2Negotiation = "auto" | "2026-07-28" | "legacy";

function clientOf(negotiation: V2Negotiation, options: ClientOptions = {}): Client {
  const versionNegotiation = negotiation === "legacy" ? undefined : { mode: negotiation === "auto" ? ("auto" as const) : { pin: negotiation } };
  return new Client(
    { name: "asana-mcp-e2e-v2", version: "1.0.0" },
    { jsonSchemaValidator: v2OutputValidator, ...options, ...(versionNegotiation ? { versionNegotiation } : {}) },
  );
}

export async function connectV2Stdio(
  env: Record<string, string>,
  options: { args?: string[]; negotiation?: V2Negotiation; client?: ClientOptions } = {},
): Promise<{ client: Client; stderr: () => string; close(): Promise<void> }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [cliPath, ...(options.args ?? [])], env: cleanEnv(env), stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const client = clientOf(options.negotiation ?? "2026-07-28", options.client);
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

export async function connectV2Http(
  url: string,
  options: { negotiation?: V2Negotiation; client?: ClientOptions; headers?: Record<string, string> } = {},
): Promise<{ client: Client; close(): Promise<void> }> {
  const client = clientOf(options.negotiation ?? "2026-07-28", options.client);
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: options.headers ?? {} } }));
  return { client, close: () => client.close() };
}
