import { ConfigFileRefusal, type MergedConfig } from "./json-config.js";

/** A TOML basic string: JSON's string escapes are all valid in TOML basic strings. */
const tomlString = (value: string) => JSON.stringify(value);

function tomlValue(value: unknown): string {
  if (typeof value === "string") return tomlString(value);
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    return `{ ${Object.entries(value)
      .map(([key, item]) => `${tomlString(key)} = ${tomlValue(item)}`)
      .join(", ")} }`;
  }
  return String(value);
}

/** `[<tableKey>.<name>]` and its keys; the name is a bare key (letters, digits, - and _). */
export function renderTomlTable(tableKey: string, name: string, entry: Record<string, unknown>): string {
  const lines = Object.entries(entry).map(([key, value]) => `${key} = ${tomlValue(value)}`);
  return `[${tableKey}.${name}]\n${lines.join("\n")}\n`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Where the file may already define `<tableKey>.<name>`: its table or a subtable, dotted keys, a key in
 * a `[<tableKey>]` table, or an inline `<tableKey> = {…}` (which a new table could not extend).
 * Without a TOML parser this errs on the side of "maybe": a false alarm costs a --name, a miss a broken file.
 */
function mayDefine(text: string, tableKey: string, name: string): string | undefined {
  const table = escapeRegExp(tableKey);
  const key = `(?:${escapeRegExp(name)}|"${escapeRegExp(name)}"|'${escapeRegExp(name)}')`;
  const lines = text.split(/\r?\n/).map((line) => line.replace(/^\s+/, ""));
  let inTable = false;
  for (const line of lines) {
    if (line.startsWith("#")) continue;
    if (new RegExp(`^\\[\\[?\\s*${table}\\s*\\.\\s*${key}\\s*[\\].]`).test(line)) return line;
    if (new RegExp(`^${table}\\s*(=|\\.\\s*${key}\\s*[.=])`).test(line)) return line;
    if (line.startsWith("[")) inTable = new RegExp(`^\\[\\s*${table}\\s*\\]`).test(line);
    else if (inTable && new RegExp(`^${key}\\s*[.=]`).test(line)) return line;
  }
  return undefined;
}

/**
 * Adds `[<tableKey>.<name>]` at the end of a TOML file, leaving every byte before it as it was. A file
 * that may define that name already is refused, with or without --force: rewriting a TOML table is
 * beyond what can be done safely without a TOML parser.
 */
export function appendTomlTable(original: string | undefined, wanted: { tableKey: string; name: string; entry: Record<string, unknown> }): MergedConfig {
  const text = original ?? "";
  const block = renderTomlTable(wanted.tableKey, wanted.name, wanted.entry);
  if (text.includes(block)) return { outcome: "unchanged", text };
  const clash = mayDefine(text, wanted.tableKey, wanted.name);
  if (clash !== undefined) {
    throw new ConfigFileRefusal(
      `it may already define "${wanted.tableKey}.${wanted.name}" ("${clash.trim()}"). asana-mcp appends to TOML files but does not rewrite them: ` +
        `remove that entry by hand, or pass --name <another name>.`,
      "conflict",
    );
  }
  const separator = text === "" ? "" : text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
  return { outcome: "added", text: `${text}${separator}${block}` };
}
