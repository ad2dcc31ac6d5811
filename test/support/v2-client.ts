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

/**
 * Over stdio, the v2 client probes with server/discover on a throwaway copy of the server process
 * before it starts the real one: two server starts per connect. A client may keep the verdict and pass
 * it back as `prior` (the SDK's documented way to skip the probe), and these tests do so for a server
 * configured exactly as one already probed in this process: the same arguments, settings and client
 * options, where only the address and token of the test's Asana fake may differ (they do not reach
 * what server/discover answers). The first connect of each configuration still probes.
 */
const discoverVerdicts = new Map<string, NonNullable<ReturnType<Client["getDiscoverResult"]>>>();
const fakeAddressed = new Set(["ASANA_BASE_URL", "ASANA_ACCESS_TOKEN"]);

export async function connectV2Stdio(
  env: Record<string, string>,
  options: { args?: string[]; negotiation?: V2Negotiation; client?: ClientOptions } = {},
): Promise<{ client: Client; stderr: () => string; close(): Promise<void> }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [cliPath, ...(options.args ?? [])], env: cleanEnv(env), stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const negotiation = options.negotiation ?? "2026-07-28";
  const client = clientOf(negotiation, options.client);
  const settings = Object.entries(env).map(([name, value]) => [name, fakeAddressed.has(name) ? "(the test's fake)" : value]);
  const key = JSON.stringify([negotiation, options.args ?? [], settings.sort(), options.client ?? {}]);
  const known = negotiation === "legacy" ? undefined : discoverVerdicts.get(key);
  await client.connect(transport, known ? { prior: { kind: "modern", discover: known } } : undefined);
  const verdict = client.getDiscoverResult();
  if (!known && verdict) discoverVerdicts.set(key, verdict);
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
