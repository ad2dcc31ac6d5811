#!/usr/bin/env node
// A transparent pipe between an MCP client and a stdio server, for the client matrix: it runs
// `<command> [args...]`, passes stdin and stdout through unchanged, and appends each line that
// crosses to `<record-file>` as {"from": "client" | "server", "line": "..."} (test/support/wire.ts
// reads it). The server's stderr goes to `<record-file>.stderr`, so a client library that prints a
// server's stderr, or has no way to hand it back, cannot hide the server's warnings from the test.
//
// usage: node stdio-wire-tap.mjs <record-file> <command> [args...]
import { spawn } from "node:child_process";
import { appendFileSync, createWriteStream } from "node:fs";

const [recordFile, command, ...args] = process.argv.slice(2);
if (!recordFile || !command) {
  process.stderr.write("usage: stdio-wire-tap.mjs <record-file> <command> [args...]\n");
  process.exit(2);
}

/** Records each complete line of a stream, while the bytes themselves pass through untouched. */
function recordLines(stream, from) {
  let pending = "";
  stream.on("data", (chunk) => {
    pending += chunk.toString("utf8");
    let newline = pending.indexOf("\n");
    while (newline !== -1) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line !== "") appendFileSync(recordFile, `${JSON.stringify({ from, line })}\n`);
      newline = pending.indexOf("\n");
    }
  });
}

const server = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
server.stderr.pipe(createWriteStream(`${recordFile}.stderr`, { flags: "a" }));
recordLines(process.stdin, "client");
recordLines(server.stdout, "server");
process.stdin.pipe(server.stdin);
server.stdout.pipe(process.stdout);
// A client that closed its end has gone; a write the server makes after that is nobody's.
server.stdin.on("error", () => undefined);
process.stdout.on("error", () => undefined);

for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.kill(signal));
// "close", not "exit": by then the server's last stdout bytes have passed through.
server.on("close", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
