import { PassThrough } from "node:stream";
import { describe, expect, test } from "vitest";
import { LineLimitedStdioTransport } from "../../src/mcp/index.js";

interface Wired {
  stdin: PassThrough;
  transport: LineLimitedStdioTransport;
  received: unknown[];
  /** Every line the transport wrote, parsed. */
  written: () => Array<{ id?: unknown; error?: { code: number; message: string } }>;
  /** What happened, in order: "message" for each message handed on, "ended" when input ended. */
  events: string[];
}

async function wired(maxMessageBytes: number): Promise<Wired> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let out = "";
  stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const transport = new LineLimitedStdioTransport({ stdin, stdout, maxMessageBytes });
  const received: unknown[] = [];
  const events: string[] = [];
  transport.onmessage = (message) => {
    received.push(message);
    events.push("message");
  };
  transport.oninputended = () => events.push("ended");
  await transport.start();
  const written = () =>
    out
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as { id?: unknown; error?: { code: number; message: string } });
  return { stdin, transport, received, written, events };
}

/** Writes `text` in pieces of `size` bytes, so a scan must carry its state across chunk boundaries. */
function writeInPieces(stdin: PassThrough, text: string, size: number): void {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += size) stdin.write(bytes.subarray(at, at + size));
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("LineLimitedStdioTransport: an oversized message", () => {
  // The SDK's client writes {method, params, jsonrpc, id}: the id comes after megabytes of params.
  const oversized = (id: string, inner = '"id":"inner-id",') =>
    `{"jsonrpc":"2.0","method":"tools/call","params":{"name":"Asana_AttachFileToTask","arguments":{${inner}"file_content_base64":"${"A".repeat(5_000)}"}},"id":${id}}`;

  test.each([
    ["a number id after the params", "42", 42],
    ["a string id with escapes after the params", '"req-\\"7\\"\\\\"', 'req-"7"\\'],
    ["a negative number", "-3", -3],
  ])("%s is answered with its own id, not null and not an id inside the params", async (_name, idText, id) => {
    for (const pieceSize of [1, 7, 4096, 100_000]) {
      const { stdin, written, received } = await wired(1_000);
      writeInPieces(stdin, `${oversized(idText)}\n`, pieceSize);
      stdin.write('{"jsonrpc":"2.0","id":2,"method":"ping"}\n');
      await flush();
      expect(written(), `pieces of ${pieceSize}`).toEqual([
        { jsonrpc: "2.0", id, error: { code: -32600, message: expect.stringContaining("Message too large") } },
      ]);
      // The next line is served as usual.
      expect(received).toEqual([{ jsonrpc: "2.0", id: 2, method: "ping" }]);
    }
  });

  test("without an id of its own it is answered with id null, even when the params hold an id", async () => {
    const { stdin, written } = await wired(1_000);
    stdin.write(`{"jsonrpc":"2.0","method":"tools/call","params":{"arguments":{"id":99,"x":"${"B".repeat(3_000)}"}}}\n`);
    await flush();
    expect(written()).toEqual([{ jsonrpc: "2.0", id: null, error: expect.objectContaining({ code: -32600 }) }]);
  });

  test("the error states the real limit, not a rounded one", async () => {
    const limit = 1_600_000; // about 1.53 MiB: rounded, "2 MiB"
    const { stdin, written } = await wired(limit);
    stdin.write(`{"jsonrpc":"2.0","method":"tools/call","params":{"x":"${"C".repeat(limit)}"},"id":1}\n`);
    await flush();
    const message = written()[0]?.error?.message ?? "";
    expect(message).toContain("1,600,000 bytes");
    expect(message).toContain("1.5 MiB");
    expect(message).not.toContain("2 MiB");
  });
});

describe("LineLimitedStdioTransport: the end of input", () => {
  test("a last line without a newline is parsed and handed on before input ends", async () => {
    const { stdin, received, events } = await wired(1_000);
    stdin.write('{"jsonrpc":"2.0","id":1,"method":"ping"}\n{"jsonrpc":"2.0","id":2,"method":"tools/list"}');
    stdin.end();
    await flush();
    expect(received).toEqual([
      { jsonrpc: "2.0", id: 1, method: "ping" },
      { jsonrpc: "2.0", id: 2, method: "tools/list" },
    ]);
    expect(events).toEqual(["message", "message", "ended"]);
  });

  test("an oversized last line without a newline is answered with its id at the end of input", async () => {
    const { stdin, written, events } = await wired(1_000);
    stdin.write(`{"jsonrpc":"2.0","method":"tools/call","params":{"x":"${"D".repeat(2_000)}"},"id":"tail"}`);
    stdin.end();
    await flush();
    expect(written()).toEqual([{ jsonrpc: "2.0", id: "tail", error: expect.objectContaining({ code: -32600 }) }]);
    expect(events).toEqual(["ended"]);
  });

  test("a last line that is not JSON gets a parse error at the end of input", async () => {
    const { stdin, written } = await wired(1_000);
    stdin.write("not json");
    stdin.end();
    await flush();
    expect(written()).toEqual([{ jsonrpc: "2.0", id: null, error: expect.objectContaining({ code: -32700 }) }]);
  });
});
