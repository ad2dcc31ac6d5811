import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, inject, vi } from "vitest";
import { demoIds } from "../../src/sandbox/demo-world.js";
import { negotiatedProtocol, rpcErrors, serverComplaints, unexpectedHttpAnswers, type Wire } from "./wire.js";

/**
 * The client matrix: real MCP client libraries, as their users call them, against `asana-mcp --sandbox`.
 * Each one lists the tools, reads, writes, reads its write back and sends bad input, and nothing on
 * the way may complain: not the library (console, error callbacks, its stderr), not the server's log,
 * not the wire (a JSON-RPC error or an HTTP 4xx the library quietly recovered from). Each run adds a
 * row to the table global-setup.ts prints at the end.
 */
export interface ToolOutcome {
  isError: boolean;
  /** The result's text, or the message of the error the library raised for an error result. */
  text: string;
}

/** One connected client library, seen through the calls a model's host makes. */
export interface MatrixClient {
  listToolNames(): Promise<string[]>;
  callTool(name: string, args: Record<string, unknown>): Promise<ToolOutcome>;
  close(): Promise<void>;
  /** What the library reported through its own channels: error callbacks, its stderr. */
  reported(): string[];
}

export interface MatrixRow {
  client: string;
  version: string;
  transport: string;
  protocol: string;
  result: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Where each test file leaves its matrix rows for the table at the end of the run. */
    clientMatrixDir: string;
  }
}

export function recordMatrixRow(row: MatrixRow): void {
  writeFileSync(join(inject("clientMatrixDir"), `${randomUUID()}.json`), JSON.stringify(row));
}

/** The version a package's own package.json states (the one npm installed for this run). */
export function installedVersion(packageName: string): string {
  const manifest = new URL(`../../node_modules/${packageName}/package.json`, import.meta.url);
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

/** The text of an MCP tool result, as the libraries that hand back the raw result give it. */
export function textOfContent(content: unknown): string {
  if (!Array.isArray(content)) return typeof content === "string" ? content : JSON.stringify(content);
  return content.map((item: { type?: string; text?: string }) => (item.type === "text" ? (item.text ?? "") : "")).join("\n");
}

/** Everything the test process itself would show a user while a library runs: console and stderr. */
function captureConsole(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const spies = (["log", "info", "warn", "error", "debug", "trace"] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(`console.${level}: ${args.map(String).join(" ")}`)),
  );
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk: unknown) => {
    lines.push(`stderr: ${String(chunk)}`);
    return true;
  });
  const onWarning = (warning: Error) => void lines.push(`process warning: ${warning.name}: ${warning.message}`);
  process.on("warning", onWarning);
  return {
    lines,
    restore() {
      for (const spy of [...spies, stderr]) spy.mockRestore();
      process.off("warning", onWarning);
    },
  };
}

export interface MatrixCase {
  client: string;
  version: string;
  transport: string;
  /** The protocol version this client must end up speaking with the server. */
  expectedProtocol: "2026-07-28" | "2025-11-25";
  connect(): Promise<MatrixClient>;
  wire: Wire;
}

/**
 * Lists, reads a demo task, creates a task in the demo project and reads it back, then sends a task id
 * that is not one: the server must answer it with an error result naming the field, which the library
 * hands over as its users expect (a result flagged isError, or the library's own tool error), not a crash.
 */
export async function exerciseClient(matrixCase: MatrixCase): Promise<void> {
  const { client: name, version, transport, wire } = matrixCase;
  let result = "fail";
  const captured = captureConsole();
  let open: MatrixClient | undefined;
  try {
    const client = await matrixCase.connect();
    open = client;
    const tools = await client.listToolNames();
    expect(tools).toEqual(expect.arrayContaining(["Asana_ListWorkspaces", "Asana_GetTaskById", "Asana_CreateTask"]));

    const read = await client.callTool("Asana_GetTaskById", { task_id: demoIds.launchTask });
    expect(read.isError, read.text).toBe(false);
    expect(read.text).toContain("Launch v2.0 of the mobile app");

    const taskName = `Client matrix: ${name} over ${transport}`;
    const written = await client.callTool("Asana_CreateTask", { name: taskName, project: demoIds.mobileProject });
    expect(written.isError, written.text).toBe(false);
    const createdId = /"task":\{"id":"(\d+)"/.exec(written.text)?.[1];
    expect(createdId, written.text).toBeDefined();
    const readBack = await client.callTool("Asana_GetTaskById", { task_id: createdId! });
    expect(readBack.isError, readBack.text).toBe(false);
    expect(readBack.text).toContain(taskName);

    const bad = await client.callTool("Asana_GetTaskById", { task_id: "not-an-id" });
    expect(bad.isError, bad.text).toBe(true);
    expect(bad.text).toContain("`task_id`");
    expect(bad.text).toContain("not-an-id");

    open = undefined;
    await client.close();
    captured.restore();
    expect(captured.lines, "what the client library logged").toEqual([]);
    expect(client.reported(), "what the client library reported").toEqual([]);
    expect(rpcErrors(wire), "JSON-RPC errors on the wire").toEqual([]);
    expect(unexpectedHttpAnswers(wire), "HTTP errors on the wire").toEqual([]);
    expect(serverComplaints(wire.serverStderr()), "the server's warnings").toEqual([]);
    expect(negotiatedProtocol(wire), "protocol version of the tool calls").toBe(matrixCase.expectedProtocol);
    result = "pass";
  } finally {
    captured.restore();
    await open?.close().catch(() => undefined);
    recordMatrixRow({ client: name, version, transport, protocol: negotiatedProtocol(wire), result });
  }
}
