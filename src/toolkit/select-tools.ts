import type { ToolAnnotations } from "./define-tool.js";

/** What selection looks at: a tool definition or its descriptor. */
export interface SelectableTool {
  toolset: string;
  defaultProfile: boolean;
  annotations: ToolAnnotations;
}

/** One group of tools that can be switched on and off. */
export interface ToolsetInfo {
  name: string;
  /** One line for people (README, --help) and for the discovery tool. */
  description: string;
}

/**
 * Which tools a server offers. `toolsets` names toolsets, plus two words: `default` (the everyday
 * tools that chat clients get) and `all`. `default,projects` is the default profile plus every
 * project tool.
 */
export interface ToolSelection {
  /** Offer only tools whose annotations say they change nothing. */
  readOnly: boolean;
  toolsets: readonly string[];
}

export const defaultProfileName = "default";
export const allToolsetsName = "all";

/**
 * The tools a selection offers, in the registry's order. Read-only mode trusts the readOnlyHint that
 * every tool must state, so a new write tool is excluded without anyone remembering to list it.
 */
export function selectTools<Tool extends SelectableTool>(tools: readonly Tool[], selection: ToolSelection): Tool[] {
  const wanted = new Set(selection.toolsets);
  const all = wanted.has(allToolsetsName);
  const everyday = wanted.has(defaultProfileName);
  return tools.filter(
    (tool) => (!selection.readOnly || tool.annotations.readOnlyHint) && (all || wanted.has(tool.toolset) || (everyday && tool.defaultProfile)),
  );
}

/**
 * Parses "tasks, projects" (a flag, an environment variable, an HTTP header or query parameter) into
 * toolset names, or explains which names exist.
 */
export function parseToolsetList(raw: string, known: readonly ToolsetInfo[]): string[] {
  const names = raw
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const choices = [defaultProfileName, allToolsetsName, ...known.map((t) => t.name)];
  const unknown = names.filter((name) => !choices.includes(name));
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 5).map((n) => `"${n.length > 40 ? `${n.slice(0, 37)}...` : n}"`);
    throw new Error(`unknown toolset${unknown.length > 1 ? "s" : ""} ${shown.join(", ")}; choose from: ${choices.join(", ")}`);
  }
  if (names.length === 0) throw new Error(`name at least one toolset: ${choices.join(", ")}`);
  return [...new Set(names)];
}
