import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { ClientCapabilities } from "@modelcontextprotocol/sdk/types.js";
import { v1OutputValidator } from "./compiled-once-validator.js";

/** The built CLI, exactly as the client configs that `asana-mcp config` writes run it. */
export const cliPath = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));

/** Only what the server should see: no developer ASANA_* or ARCADE_* variables leak into a test. */
export function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ["PATH", "HOME", "SYSTEMROOT", "TMPDIR"]) if (process.env[name]) env[name] = process.env[name]!;
  return { ...env, ASANA_MCP_LOG_LEVEL: "warn", ASANA_RETRY_BASE_MS: "10", ...extra };
}

export interface Connected {
  client: Client;
  stderr: () => string;
  close(): Promise<void>;
}

export async function connectStdio(env: Record<string, string>, options: { args?: string[]; capabilities?: ClientCapabilities } = {}): Promise<Connected> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [cliPath, ...(options.args ?? [])], env: cleanEnv(env), stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: "asana-mcp-e2e", version: "1.0.0" }, { capabilities: options.capabilities ?? {}, jsonSchemaValidator: v1OutputValidator });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

export interface SpawnedHttpServer {
  url: string;
  child: ChildProcess;
  stderr: () => string;
  connect(options?: { capabilities?: ClientCapabilities; headers?: Record<string, string> }): Promise<Connected>;
  close(): Promise<void>;
}

/** Starts `asana-mcp --transport http --port 0` and reads the endpoint it announces on stderr. */
export async function spawnHttpServer(env: Record<string, string>, args: string[] = []): Promise<SpawnedHttpServer> {
  const child = spawn(process.execPath, [cliPath, "--transport", "http", "--port", "0", ...args], {
    env: cleanEnv({ ...env, ASANA_MCP_LOG_LEVEL: "info" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not announce its endpoint:\n${stderr}`)), 15_000);
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /MCP endpoint: (http:\/\/\S+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${stderr}`));
    });
  });
  const clients: Client[] = [];
  return {
    url,
    child,
    stderr: () => stderr,
    async connect(options = {}) {
      const client = new Client(
        { name: "asana-mcp-e2e", version: "1.0.0" },
        { capabilities: options.capabilities ?? {}, jsonSchemaValidator: v1OutputValidator },
      );
      await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: options.headers ?? {} } }));
      clients.push(client);
      return { client, stderr: () => stderr, close: () => client.close() };
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      // A child a test killed has a signalCode and no exitCode; waiting for its exit again would hang.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}
