import type { JSONRPCMessage, Transport } from "@modelcontextprotocol/server";
import { RequestIdScanner } from "./request-id-scanner.js";

export interface StdioTransportOptions {
  stdin?: NodeJS.ReadableStream;
  stdout?: NodeJS.WritableStream;
  /** The longest message (one line of JSON) accepted; longer ones are answered with an error and skipped. */
  maxMessageBytes: number;
}

/**
 * MCP over stdio: newline-delimited JSON-RPC on stdin and stdout. Unlike the SDK's transport, whose
 * buffer limit closes the connection without a word (the process then lives on, answering nothing), a
 * message over the limit is skipped and answered with a JSON-RPC error naming the limit, and the
 * server keeps serving; its id is found by a scan that keeps none of it (see RequestIdScanner). A line
 * that is not JSON-RPC gets a parse error. A last line without a newline is read when input ends.
 */
export class LineLimitedStdioTransport implements Transport {
  /**
   * Called when the client closes stdin. The transport stays open for writing, so calls still in flight
   * can send their answers; without a handler it closes at once.
   */
  oninputended?: () => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  readonly #stdin: NodeJS.ReadableStream;
  readonly #stdout: NodeJS.WritableStream;
  readonly #max: number;
  #chunks: Buffer[] = [];
  #size = 0;
  /** Set while skipping the rest of an oversized line: the scan for its id, and its length so far. */
  #skipping: { ids: RequestIdScanner; size: number } | undefined;
  #closed = false;

  constructor(options: StdioTransportOptions) {
    this.#stdin = options.stdin ?? process.stdin;
    this.#stdout = options.stdout ?? process.stdout;
    this.#max = options.maxMessageBytes;
  }

  async start(): Promise<void> {
    this.#stdin.on("data", this.#onData);
    this.#stdin.on("error", this.#onStreamError);
    this.#stdin.on("end", this.#onEnd);
  }

  readonly #onData = (chunk: Buffer | string) => {
    let data = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    while (data.length > 0) {
      const newline = data.indexOf(0x0a);
      const segment = newline === -1 ? data : data.subarray(0, newline);
      this.#take(segment);
      if (newline === -1) return;
      this.#endLine();
      data = data.subarray(newline + 1);
    }
  };

  #take(segment: Buffer): void {
    if (this.#skipping) {
      this.#skipping.ids.feed(segment);
      this.#skipping.size += segment.length;
      return;
    }
    if (this.#size + segment.length > this.#max) {
      const ids = new RequestIdScanner();
      for (const chunk of this.#chunks) ids.feed(chunk);
      ids.feed(segment);
      this.#skipping = { ids, size: this.#size + segment.length };
      this.#chunks = [];
      this.#size = 0;
      return;
    }
    this.#chunks.push(segment);
    this.#size += segment.length;
  }

  #endLine(): void {
    if (this.#skipping) {
      const { ids, size } = this.#skipping;
      this.#skipping = undefined;
      this.#answerOversized(ids.id, size);
      return;
    }
    const line = Buffer.concat(this.#chunks, this.#size).toString("utf8").replace(/\r$/, "");
    this.#chunks = [];
    this.#size = 0;
    if (line.trim() === "") return;
    const message = parseJsonLine(line);
    if (!isJsonRpcMessage(message)) {
      this.onerror?.(new Error(message === undefined ? "a line on stdin is not JSON" : "a line on stdin is JSON but not a JSON-RPC 2.0 message"));
      void this.send({
        jsonrpc: "2.0",
        id: null,
        error: { code: -32700, message: "Parse error: each line on stdin must be one JSON-RPC message" },
      } as unknown as JSONRPCMessage);
      return;
    }
    this.onmessage?.(message);
  }

  #answerOversized(id: string | number | null | undefined, size: number): void {
    this.onerror?.(new Error(`skipped a stdio message of ${size} bytes, over the ${this.#max}-byte limit`));
    void this.send({
      jsonrpc: "2.0",
      id: id ?? null,
      error: {
        code: -32600,
        message:
          `Message too large: ${size} bytes, over this server's limit of ${describeBytes(this.#max)} for one message over stdio. ` +
          "Nothing was done. Send large files as a link (AttachFileToTask's file_content_url), or in smaller pieces.",
      },
    } as unknown as JSONRPCMessage);
  }

  readonly #onStreamError = (error: Error) => {
    this.onerror?.(error);
  };

  readonly #onEnd = () => {
    // A client may end its last message with the end of input instead of a newline.
    if (this.#skipping || this.#size > 0) this.#endLine();
    if (this.oninputended) this.oninputended();
    else void this.close();
  };

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.#closed) return;
    const json = `${JSON.stringify(message)}\n`;
    await new Promise<void>((resolve) => {
      if (this.#stdout.write(json)) resolve();
      else this.#stdout.once("drain", resolve);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#stdin.off("data", this.#onData);
    this.#stdin.off("error", this.#onStreamError);
    this.#stdin.off("end", this.#onEnd);
    this.#chunks = [];
    this.onclose?.();
  }
}

/** "17,126,742 bytes (about 16.3 MiB)": the exact figure, and a readable one that is not rounded up or down to a whole MiB. */
function describeBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  const readable = Number.isInteger(mib) ? `${mib} MiB` : `about ${mib.toFixed(1)} MiB`;
  return `${bytes.toLocaleString("en-US")} bytes (${readable})`;
}

/** The line's JSON value, or undefined when it is not JSON (no JSON text parses to undefined). */
function parseJsonLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/**
 * The shape of a JSON-RPC 2.0 message: a request or notification (a method), or a response (an id with
 * a result or an error). The SDK's Protocol checks each kind in full before acting on it; this only
 * sorts out lines it would drop without a word, so the client hears a parse error instead. A plain
 * check, not a schema parse: it runs on every message.
 */
function isJsonRpcMessage(value: unknown): value is JSONRPCMessage {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const message = value as Record<string, unknown>;
  if (message.jsonrpc !== "2.0") return false;
  if (typeof message.method === "string") return true;
  const id = message.id;
  return (typeof id === "string" || typeof id === "number") && ("result" in message || "error" in message);
}
