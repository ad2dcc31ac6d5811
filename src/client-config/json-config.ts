import { isDeepStrictEqual } from "node:util";

/** Why a config file was left alone: the person reads it, then edits by hand or passes --force. */
export class ConfigFileRefusal extends Error {
  override readonly name = "ConfigFileRefusal";
  constructor(
    message: string,
    readonly reason: "conflict" | "unreadable",
  ) {
    super(message);
  }
}

export interface MergedConfig {
  outcome: "added" | "replaced" | "unchanged";
  text: string;
}

export interface JsonEntry {
  serversKey: string;
  name: string;
  entry: Record<string, unknown>;
  /** VS Code's prompts for the entry's ${input:…} references. */
  inputs?: Array<Record<string, unknown>>;
  force: boolean;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** JSON.parse turns integers past 2^53 into different ones; rewriting such a file would change them. */
function findUnsafeInteger(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) && !Number.isSafeInteger(value) ? value : undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findUnsafeInteger(item);
      if (found !== undefined) return found;
    }
  } else if (isPlainObject(value)) {
    for (const item of Object.values(value)) {
      const found = findUnsafeInteger(item);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The file's own indentation, so a rewrite changes only what was added. */
function indentationOf(text: string): string | number {
  const match = /\n([ \t]+)\S/.exec(text);
  return match ? match[1]! : 2;
}

/**
 * Adds one server entry to a JSON client config, keeping every other key and entry as it was. The file
 * is rewritten only when it parses as plain JSON: a file with comments (JSONC) or trailing commas would
 * lose them, so it is refused, and the entry is shown for adding by hand.
 */
export function mergeJsonEntry(original: string | undefined, wanted: JsonEntry): MergedConfig {
  const text = original ?? "";
  let root: unknown = {};
  if (text.trim() !== "") {
    try {
      root = JSON.parse(text);
    } catch (error) {
      const jsonc = /^\s*\/\/|\/\*/m.test(text) ? " It has comments (JSONC), which a rewrite would lose." : "";
      throw new ConfigFileRefusal(`it is not plain JSON (${(error as Error).message}).${jsonc}`, "unreadable");
    }
  }
  if (!isPlainObject(root)) throw new ConfigFileRefusal("its top level is not a JSON object.", "unreadable");
  const unsafe = findUnsafeInteger(root);
  if (unsafe !== undefined) throw new ConfigFileRefusal(`it holds the number ${unsafe}, too large to rewrite without changing it.`, "unreadable");

  const servers = root[wanted.serversKey] ?? {};
  if (!isPlainObject(servers)) throw new ConfigFileRefusal(`its "${wanted.serversKey}" is not a JSON object.`, "unreadable");
  const inputs = root.inputs ?? [];
  if (wanted.inputs && !Array.isArray(inputs)) throw new ConfigFileRefusal('its "inputs" is not a JSON array.', "unreadable");
  const knownInputs = new Set((inputs as unknown[]).filter(isPlainObject).map((input) => input.id));
  const newInputs = (wanted.inputs ?? []).filter((input) => !knownInputs.has(input.id));

  const existing = servers[wanted.name];
  if (existing !== undefined && isDeepStrictEqual(existing, wanted.entry) && newInputs.length === 0) return { outcome: "unchanged", text };
  if (existing !== undefined && !isDeepStrictEqual(existing, wanted.entry) && !wanted.force) {
    throw new ConfigFileRefusal(
      `it already has a server named "${wanted.name}" under "${wanted.serversKey}", different from this one:\n${JSON.stringify(existing, null, 2)}\n` +
        `Pass --force to replace it, or --name <another name> to add this one beside it.`,
      "conflict",
    );
  }
  root[wanted.serversKey] = { ...servers, [wanted.name]: wanted.entry };
  if (newInputs.length > 0) root.inputs = [...(inputs as unknown[]), ...newInputs];
  const ending = original === undefined || text.endsWith("\n") || text.trim() === "" ? "\n" : "";
  return { outcome: existing === undefined ? "added" : "replaced", text: JSON.stringify(root, null, indentationOf(text)) + ending };
}
