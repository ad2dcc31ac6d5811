/**
 * The one logger. It writes to stderr because over stdio, stdout belongs to the MCP protocol:
 * a stray line there corrupts the client's JSON-RPC stream.
 */
import { sanitizeOutsideText } from "./redact.js";

export { forgetHeldSecrets, holdSecret, redactedMark, redactSecrets, sanitizeOutsideText, withoutControlCharacters } from "./redact.js";

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

const levelRank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /**
   * Also hands every record that passes the level to `listener`, already redacted (the MCP front door
   * sends them to a stdio client as log notifications). Returns a function that stops it.
   */
  forward?(listener: (record: LogRecord) => void): () => void;
}

export interface LogRecord {
  level: Exclude<LogLevel, "silent">;
  message: string;
  fields?: Record<string, unknown>;
}

export const logLevels: readonly LogLevel[] = ["debug", "info", "warn", "error", "silent"];

function parseLevel(value: string | undefined): LogLevel {
  const normalized = value?.trim().toLowerCase();
  return normalized && normalized in levelRank ? (normalized as LogLevel) : "info";
}

export function createLogger(options: { level?: string; write?: (line: string) => void } = {}): Logger {
  const threshold = levelRank[parseLevel(options.level)];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const listeners = new Set<(record: LogRecord) => void>();
  const emit = (level: Exclude<LogLevel, "silent">, message: string, fields?: Record<string, unknown>) => {
    if (levelRank[level] < threshold) return;
    // Messages and fields can quote outside text (an exception, Asana's or Arcade's answer): no
    // credential gets through, and no escape sequence reaches the terminal that shows stderr. Field
    // values are cleaned before they are encoded, so JSON's escapes cannot hide one.
    const safeMessage = sanitizeOutsideText(message);
    const safeFields = fields && Object.keys(fields).length > 0 ? (redactValues(fields) as Record<string, unknown>) : undefined;
    write(`[asana-mcp] ${level}: ${safeMessage}${safeFields ? ` ${JSON.stringify(safeFields)}` : ""}`);
    if (listeners.size === 0) return;
    const record: LogRecord = { level, message: safeMessage, ...(safeFields ? { fields: safeFields } : {}) };
    for (const listener of listeners) listener(record);
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    forward(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Every string inside a log record's fields, redacted and without control characters; other values as they are. */
function redactValues(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return sanitizeOutsideText(value);
  if (depth > 5 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => redactValues(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactValues(item, depth + 1)]));
}

/** A logger that drops everything: the default inside libraries and unit tests. */
export const silentLogger: Logger = createLogger({ level: "silent" });
