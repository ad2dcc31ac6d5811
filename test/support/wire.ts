import { existsSync, readFileSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { cleanEnv, cliPath, type SpawnedHttpServer } from "./spawn-server.js";

/**
 * What passed between an MCP client and the server, seen from outside both: the protocol version the
 * client really speaks (not what it says about itself), the JSON-RPC errors it was sent and any HTTP
 * answer it got besides 2xx. For the client matrix, which must see a client that quietly falls back
 * after a refused request, or swallows an error, as a failure.
 */
export interface WireMessage {
  from: "client" | "server";
  message: Record<string, unknown>;
  /** HTTP only: the request's MCP-Protocol-Version header. */
  protocolVersionHeader?: string;
}

export interface HttpExchange {
  method: string;
  path: string;
  status: number;
}

export interface Wire {
  messages(): WireMessage[];
  /** HTTP only: every request the client made, with the status it got. */
  exchanges(): HttpExchange[];
  /** What the server wrote on stderr while this client was connected. */
  serverStderr(): string;
}

/** 2026-07-28 carries the version on every request; the 2025 era agrees on one at initialize. */
const protocolVersionKey = "io.modelcontextprotocol/protocolVersion";

/**
 * The protocol version of the client's tool calls: the version each request carries (2026-07-28), else
 * the MCP-Protocol-Version header (HTTP after initialize), else what initialize agreed (stdio, 2025).
 */
export function negotiatedProtocol(wire: Wire): string {
  const messages = wire.messages();
  const initialize = messages.find((m) => m.from === "client" && m.message.method === "initialize");
  const agreed = messages.find((m) => m.from === "server" && initialize && m.message.id === initialize.message.id && "result" in m.message);
  const agreedVersion = (agreed?.message.result as { protocolVersion?: string } | undefined)?.protocolVersion;
  const versions = new Set(
    messages
      .filter((m) => m.from === "client" && m.message.method === "tools/call")
      .map((m) => {
        const meta = (m.message.params as { _meta?: Record<string, unknown> } | undefined)?._meta;
        return (meta?.[protocolVersionKey] as string | undefined) ?? m.protocolVersionHeader ?? agreedVersion ?? "none";
      }),
  );
  if (versions.size === 0) return "no tool call";
  return [...versions].join(" and ");
}

/** JSON-RPC errors the server sent: a client that shrugs one off (and falls back) still fails the matrix. */
export function rpcErrors(wire: Wire): string[] {
  return wire
    .messages()
    .filter((m) => m.from === "server" && "error" in m.message)
    .map((m) => JSON.stringify(m.message.error).slice(0, 300));
}

/**
 * HTTP answers outside 2xx that a client should not meet. Two are part of a stateless server without
 * sign-in: 405 for the GET that opens a server-to-client stream (the spec's answer when there is none),
 * and 404 for OAuth and OpenID discovery (a /.well-known/ document, before or after the endpoint's path).
 */
export function unexpectedHttpAnswers(wire: Wire): string[] {
  return wire
    .exchanges()
    .filter((e) => e.status >= 400)
    .filter((e) => !(e.status === 405 && e.method === "GET" && e.path === "/mcp"))
    .filter((e) => !(e.status === 404 && e.method === "GET" && e.path.includes("/.well-known/")))
    .map((e) => `${e.method} ${e.path} → ${e.status}`);
}

/** Warning and error lines of our server's log ("[asana-mcp] warn: …"), and anything that is not a log line. */
export function serverComplaints(stderr: string): string[] {
  return stderr
    .split("\n")
    .filter((line) => line.trim() !== "")
    .filter((line) => !/^\[asana-mcp\] (info|debug): /.test(line));
}

const tapPath = fileURLToPath(new URL("./stdio-wire-tap.mjs", import.meta.url));

function linesOf(path: string): string[] {
  return existsSync(path)
    ? readFileSync(path, "utf8")
        .split("\n")
        .filter((line) => line !== "")
    : [];
}

function parsed(line: string): Record<string, unknown> {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { unparsable: line.slice(0, 200) };
  }
}

/**
 * `asana-mcp --sandbox` for a client that spawns its server over stdio: the command line to give the
 * client, and the wire, read through a transparent pipe (stdio-wire-tap.mjs) that also keeps the
 * server's stderr for the test.
 */
export function tappedSandboxCommand(recordFile: string): { command: string; args: string[]; env: Record<string, string>; wire: Wire } {
  return {
    command: process.execPath,
    args: [tapPath, recordFile, process.execPath, cliPath, "--sandbox"],
    env: cleanEnv({}),
    wire: {
      messages: () =>
        linesOf(recordFile).map((line) => {
          const { from, line: raw } = JSON.parse(line) as { from: "client" | "server"; line: string };
          return { from, message: parsed(raw) };
        }),
      exchanges: () => [],
      serverStderr: () => (existsSync(`${recordFile}.stderr`) ? readFileSync(`${recordFile}.stderr`, "utf8") : ""),
    },
  };
}

/** JSON-RPC messages in a POST body or its answer: one JSON value (maybe a batch) or an event stream's data lines. */
function messagesIn(body: string, contentType: string | undefined): Array<Record<string, unknown>> {
  const values = contentType?.startsWith("text/event-stream")
    ? body
        .split("\n")
        .filter((line) => line.startsWith("data:"))
        .map((line) => parsed(line.slice(5).trim()))
    : body.trim() === ""
      ? []
      : [parsed(body)];
  return values.flatMap((value) => (Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [value]));
}

function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

export interface RecordingProxy {
  /** The MCP endpoint to give the client. */
  url: string;
  wire: Wire;
  close(): Promise<void>;
}

/**
 * A loopback pass-through in front of a spawned HTTP server, one per client: it forwards every request
 * unchanged (streams stay streams) and notes what crossed. The server's stderr is counted from its start.
 */
export async function recordingProxy(upstream: SpawnedHttpServer): Promise<RecordingProxy> {
  const target = new URL(upstream.url);
  const stderrBefore = upstream.stderr().length;
  const messages: WireMessage[] = [];
  const exchanges: HttpExchange[] = [];
  const proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const protocolVersionHeader = headerOf(req.headers, "mcp-protocol-version");
      for (const message of messagesIn(body.toString("utf8"), headerOf(req.headers, "content-type") ?? "application/json")) {
        messages.push({ from: "client", message, ...(protocolVersionHeader ? { protocolVersionHeader } : {}) });
      }
      const forwarded = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (answer) => {
          exchanges.push({ method: req.method ?? "?", path: new URL(req.url ?? "/", target).pathname, status: answer.statusCode ?? 0 });
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          const answered: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => {
            answered.push(chunk);
            res.write(chunk);
          });
          answer.on("end", () => {
            res.end();
            // A refused GET or a missing /.well-known document is an HTTP answer, judged by its status.
            if (req.method !== "POST" && (answer.statusCode ?? 0) >= 400) return;
            for (const message of messagesIn(Buffer.concat(answered).toString("utf8"), headerOf(answer.headers, "content-type"))) {
              messages.push({ from: "server", message });
            }
          });
        },
      );
      forwarded.on("error", () => res.destroy());
      // A client that gives up on an answer (a GET stream it closes) ends the forwarded request too.
      res.on("close", () => forwarded.destroy());
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    wire: { messages: () => messages, exchanges: () => exchanges, serverStderr: () => upstream.stderr().slice(stderrBefore) },
    async close() {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
