/** Longer ids than this are not kept: no client makes them, and the scan must stay small. */
const maxIdBytes = 1024;

const quote = 0x22;
const backslash = 0x5c;
const colon = 0x3a;
const comma = 0x2c;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;

/**
 * Finds the top-level `"id"` of a JSON-RPC message fed to it in pieces, without keeping the message:
 * for a message too large to parse, whose id may come after megabytes of params (the SDK's client
 * writes `{method, params, jsonrpc, id}`). It tracks only nesting depth, string state and the key being
 * read, so its memory does not grow with the message; an `"id"` inside the params is not the message's.
 * Like JSON.parse, the last top-level `"id"` wins.
 */
export class RequestIdScanner {
  /** 0 before the message's `{`, 1 inside it, more inside nested values. */
  #depth = 0;
  #finished = false;
  #inString = false;
  #escaped = false;
  /** Where the top-level object is: reading a key, after a key, reading a value, after a value. */
  #expecting: "key" | "colon" | "value" | "after" = "key";
  /** Bytes of the top-level key or value being read (strings without their quotes), when kept. */
  #captured: number[] | undefined;
  #overflowed = false;
  /** Reading a top-level number (or true/false/null), which ends at `,`, `}` or whitespace. */
  #inScalar = false;
  #key: string | undefined;
  #id: string | number | null | undefined;

  /** The message's id as found so far: a string, a number, null, or undefined when it has none. */
  get id(): string | number | null | undefined {
    return this.#id;
  }

  feed(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length && !this.#finished; i++) this.#step(bytes[i]!);
  }

  #step(byte: number): void {
    if (this.#inString) {
      if (this.#escaped) this.#escaped = false;
      else if (byte === backslash) this.#escaped = true;
      else if (byte === quote) {
        this.#inString = false;
        if (this.#depth === 1) this.#endTopLevelString();
        return;
      }
      this.#keep(byte);
      return;
    }
    if (this.#inScalar) {
      if (byte !== comma && byte !== closeBrace && !isWhitespace(byte)) {
        this.#keep(byte);
        return;
      }
      this.#inScalar = false;
      if (this.#key === "id") this.#id = parsedId(this.#text(), "scalar");
      this.#expecting = "after";
    }
    if (isWhitespace(byte)) return;
    if (byte === quote) {
      this.#inString = true;
      this.#startCapture(this.#depth === 1 && (this.#expecting === "key" || (this.#expecting === "value" && this.#key === "id")));
      return;
    }
    if (byte === openBrace || byte === openBracket) {
      // A batch (a list of messages) has no id of its own.
      if (this.#depth === 0 && byte === openBracket) this.#finished = true;
      this.#depth += 1;
      return;
    }
    if (byte === closeBrace || byte === closeBracket) {
      this.#depth -= 1;
      if (this.#depth <= 0) this.#finished = true;
      else if (this.#depth === 1) this.#expecting = "after";
      return;
    }
    if (this.#depth !== 1) return;
    if (byte === colon && this.#expecting === "colon") this.#expecting = "value";
    else if (byte === comma) this.#expecting = "key";
    else if (this.#expecting === "value") {
      this.#inScalar = true;
      this.#startCapture(this.#key === "id");
      this.#keep(byte);
    }
  }

  #endTopLevelString(): void {
    if (this.#expecting === "key") {
      this.#key = this.#overflowed ? undefined : parsedString(this.#text());
      this.#expecting = "colon";
    } else if (this.#expecting === "value") {
      if (this.#key === "id") this.#id = parsedId(this.#text(), "string");
      this.#expecting = "after";
    }
  }

  #startCapture(keep: boolean): void {
    this.#captured = keep ? [] : undefined;
    this.#overflowed = false;
  }

  #keep(byte: number): void {
    if (!this.#captured) return;
    if (this.#captured.length >= maxIdBytes) this.#overflowed = true;
    else this.#captured.push(byte);
  }

  /** The captured bytes as text, or undefined when they were not kept or ran over. */
  #text(): string | undefined {
    return this.#captured && !this.#overflowed ? Buffer.from(this.#captured).toString("utf8") : undefined;
  }
}

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/** A JSON string's content (between its quotes) decoded, escapes included; undefined if malformed. */
function parsedString(content: string | undefined): string | undefined {
  if (content === undefined) return undefined;
  try {
    return JSON.parse(`"${content}"`) as string;
  } catch {
    return undefined;
  }
}

/** A JSON-RPC id: a string, a number or null. Anything else (true, a malformed number) is no id. */
function parsedId(text: string | undefined, kind: "string" | "scalar"): string | number | null | undefined {
  if (kind === "string") return parsedString(text);
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "number" || value === null ? value : undefined;
  } catch {
    return undefined;
  }
}
