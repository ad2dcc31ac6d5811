// Driving the built server (dist/bin.js) the way a client does: over stdio (a minimal newline-delimited
// JSON-RPC client, or the MCP SDK's Client) and over stateless Streamable HTTP.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { serverBin } from "./paths.mjs";

export const protocolVersion = "2025-06-18";
export const clientInfo = { name: "asana-mcp-bench", version: "1.0.0" };

/** The environment of a server that talks to the bench's emulator, as a user with a PAT would run it. */
export function serverEnv(emulator, extra = {}) {
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ASANA_BASE_URL: emulator.baseUrl, ASANA_ACCESS_TOKEN: emulator.token, ...extra };
}

/**
 * A minimal MCP client over a child's stdio: one JSON line per message, nothing validated. Its own
 * cost per call is one JSON.stringify and one JSON.parse, so what it measures is the server's.
 */
export class RawStdioSession {
  #pending = new Map();
  #nextId = 0;
  #buffer = "";

  constructor(child) {
    this.child = child;
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      this.#buffer += chunk;
      let newline = this.#buffer.indexOf("\n");
      while (newline >= 0) {
        const line = this.#buffer.slice(0, newline);
        this.#buffer = this.#buffer.slice(newline + 1);
        newline = this.#buffer.indexOf("\n");
        if (line.trim() === "") continue;
        const message = JSON.parse(line);
        const settle = message.id !== undefined && this.#pending.get(message.id);
        if (settle) {
          this.#pending.delete(message.id);
          settle(message);
        }
      }
    });
    child.on("exit", (code, signal) => {
      for (const settle of this.#pending.values()) settle({ error: { message: `the server exited (${code ?? signal})` } });
      this.#pending.clear();
    });
  }

  /** Spawns a command and returns the session at once; `initialize()` is the caller's first request. */
  static spawn(command, args, options = {}) {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", options.stderr ?? "ignore"], env: options.env, cwd: options.cwd });
    return new RawStdioSession(child);
  }

  request(method, params) {
    const id = ++this.#nextId;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, ...(params ? { params } : {}) })}\n`);
    });
  }

  notify(method, params) {
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method, ...(params ? { params } : {}) })}\n`);
  }

  async initialize() {
    const answer = await this.request("initialize", { protocolVersion, capabilities: {}, clientInfo });
    if (answer.error) throw new Error(`initialize failed: ${answer.error.message}`);
    this.notify("notifications/initialized");
    return answer.result;
  }

  /** tools/call; throws when the server answers with a JSON-RPC error or an isError result. */
  async callTool(name, args) {
    const answer = await this.request("tools/call", { name, arguments: args });
    if (answer.error) throw new Error(`${name}: ${answer.error.message}`);
    if (answer.result.isError) throw new Error(`${name}: ${answer.result.content?.[0]?.text}`);
    return answer.result;
  }

  /** Closes stdin (how an MCP client ends a stdio session) and waits for the process to exit. */
  async close() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }
}

/** The built server over stdio through the MCP SDK's Client and StdioClientTransport. */
export async function connectSdkClient({ args = [], env }) {
  const client = new Client(clientInfo);
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [serverBin, ...args], env, stderr: "ignore" }));
  return client;
}

/** The last `Mark-Compact a (b) -> c (d) MB` line of `node --trace-gc`: heap after a full collection, and committed. */
const markCompact = /Mark-Compact[^\n]*?[\d.]+ \([\d.]+\) -> ([\d.]+) \(([\d.]+)\) MB/g;

/**
 * Starts the built server over stateless Streamable HTTP on a free loopback port and waits for the
 * `MCP endpoint: …` line on stderr. Returns the endpoint URL, the process id and close(). With
 * `traceGc`, node's --trace-gc output (stdout is free over HTTP) is watched, and `lastFullGc()` tells the
 * heap left after the latest full collection: live data, read without disturbing the process.
 */
export async function startHttpServer({ args = [], env, traceGc = false }) {
  const child = spawn(process.execPath, [...(traceGc ? ["--trace-gc"] : []), serverBin, "--transport", "http", "--host", "127.0.0.1", "--port", "0", ...args], {
    stdio: ["ignore", traceGc ? "pipe" : "ignore", "pipe"],
    env,
  });
  // Over HTTP nothing else ends the server when the bench dies (its stdin is not ours): end it then.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let gcTail = "";
  let fullGc;
  if (traceGc) {
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      gcTail = (gcTail + chunk).slice(-8192);
      const last = [...gcTail.matchAll(markCompact)].pop();
      if (last) fullGc = { liveMb: Number(last[1]), committedMb: Number(last[2]) };
    });
  }
  child.stderr.setEncoding("utf8");
  const endpoint = await new Promise((resolve, reject) => {
    let seen = "";
    const onData = (chunk) => {
      seen += chunk;
      const match = /MCP endpoint: (http:\/\/\S+\/mcp)/.exec(seen);
      if (match) {
        child.stderr.off("data", onData);
        // Keep draining stderr so a chatty server never blocks on a full pipe.
        child.stderr.resume();
        resolve(match[1]);
      }
    };
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the HTTP server exited with code ${code} before announcing its endpoint:\n${seen}`)));
  });
  return {
    endpoint,
    pid: child.pid,
    lastFullGc: () => fullGc,
    close: async () => {
      process.off("exit", killOnExit);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resident set size of a process in bytes, from /proc/<pid>/status (VmRSS). */
export function residentBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}
