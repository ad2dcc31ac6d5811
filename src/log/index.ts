/**
 * The one logger. It writes to stderr because over stdio, stdout belongs to the MCP protocol:
 * a stray line there corrupts the client's JSON-RPC stream.
 */
import { redactSecrets } from "./redact.js";

export { redactSecrets } from "./redact.js";

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
    const hasFields = fields && Object.keys(fields).length > 0;
    const suffix = hasFields ? ` ${JSON.stringify(fields)}` : "";
    // Messages and fields can quote outside text (an exception, Asana's answer): no credential gets through.
    write(redactSecrets(`[asana-mcp] ${level}: ${message}${suffix}`));
    if (listeners.size === 0) return;
    const record: LogRecord = {
      level,
      message: redactSecrets(message),
      ...(hasFields ? { fields: JSON.parse(redactSecrets(JSON.stringify(fields))) as Record<string, unknown> } : {}),
    };
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

/** A logger that drops everything: the default inside libraries and unit tests. */
export const silentLogger: Logger = createLogger({ level: "silent" });
