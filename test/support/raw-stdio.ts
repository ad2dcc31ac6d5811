import { spawn } from "node:child_process";
import { cleanEnv, cliPath } from "./spawn-server.js";

export interface RawStdioRun {
  /** Every line the server wrote on stdout, parsed. */
  messages: Array<Record<string, unknown>>;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built server over stdio with no client library in between: writes `lines` (JSON-RPC messages,
 * or raw text) and collects everything it writes until every request id in `awaitIds` has its answer,
 * or `timeoutMs` passes. Then the process is stopped. For tests about the bytes on the wire.
 */
export async function rawStdioRun(
  env: Record<string, string>,
  lines: ReadonlyArray<Record<string, unknown> | string>,
  options: { awaitIds: ReadonlyArray<string | number>; timeoutMs?: number; args?: string[] },
): Promise<RawStdioRun> {
  const child = spawn(process.execPath, [cliPath, ...(options.args ?? [])], { env: cleanEnv(env), stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const messages: Array<Record<string, unknown>> = [];
  const waiting = new Set(options.awaitIds);
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, options.timeoutMs ?? 15_000);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const complete = stdout.split("\n");
      for (const line of complete.slice(messages.length, complete.length - 1)) {
        const message = JSON.parse(line) as Record<string, unknown>;
        messages.push(message);
        if ("id" in message && ("result" in message || "error" in message)) waiting.delete(message.id as string | number);
      }
      if (waiting.size === 0) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  for (const line of lines) child.stdin.write(`${typeof line === "string" ? line : JSON.stringify(line)}\n`);
  await done;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  if (child.exitCode === null && child.signalCode === null) {
    child.stdin.end();
    child.kill("SIGTERM");
    await exited;
  }
  return { messages, stdout, stderr };
}

/** The opening of a 2025-11-25 session, as a client library sends it. */
export const legacyOpening = (capabilities: Record<string, unknown> = {}): Array<Record<string, unknown>> => [
  { jsonrpc: "2.0", id: "init", method: "initialize", params: { protocolVersion: "2025-11-25", capabilities, clientInfo: { name: "raw-test", version: "1" } } },
  { jsonrpc: "2.0", method: "notifications/initialized" },
];

export const toolCall = (id: string | number, name: string, args: Record<string, unknown>): Record<string, unknown> => ({
  jsonrpc: "2.0",
  id,
  method: "tools/call",
  params: { name, arguments: args },
});
