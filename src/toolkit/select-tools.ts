import type { ToolAnnotations } from "./define-tool.js";

/** What selection looks at: a tool definition or its descriptor. */
export interface SelectableTool {
  name: string;
  toolset: string;
  defaultProfile: boolean;
  annotations: ToolAnnotations;
}

/** One group of tools that can be switched on and off. */
export interface ToolsetInfo {
  name: string;
  /** One line for people (README, --help) and for the discovery tool. */
  description: string;
  /**
   * A tool of this toolset that Asana_EnableToolset's description cites to show that one tool can be
   * switched on alone (and how tools are named): the ones everyday requests most often need.
   */
  example?: string;
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
  /** Single tools switched on by name (Asana_EnableToolset's `tool`), beside whole toolsets. */
  tools?: readonly string[];
  /**
   * The operator's toolsets, when the operator chose them (--toolsets): a ceiling that a request or the
   * model may narrow, never widen. Unset, the default profile is only a default.
   */
  ceiling?: readonly string[];
}

export const defaultProfileName = "default";
export const allToolsetsName = "all";

/**
 * The tools a selection offers, in the registry's order. Read-only mode trusts the readOnlyHint that
 * every tool must state, so a new write tool is excluded without anyone remembering to list it.
 */
export function selectTools<Tool extends SelectableTool>(tools: readonly Tool[], selection: ToolSelection): Tool[] {
  const inToolsets = memberOf(selection.toolsets);
  const named = new Set(selection.tools);
  const wanted = (tool: Tool) => inToolsets(tool) || named.has(tool.name);
  const allowed = selection.ceiling ? memberOf(selection.ceiling) : () => true;
  return tools.filter((tool) => (!selection.readOnly || tool.annotations.readOnlyHint) && wanted(tool) && allowed(tool));
}

/** Whether a tool belongs to any of these toolsets (or words: `default`, `all`). */
function memberOf(toolsets: readonly string[]): (tool: SelectableTool) => boolean {
  const names = new Set(toolsets);
  const all = names.has(allToolsetsName);
  const everyday = names.has(defaultProfileName);
  return (tool) => all || names.has(tool.toolset) || (everyday && tool.defaultProfile);
}

/** A stable key for a selection, for caches of what it offers. */
export function selectionKey(selection: ToolSelection): string {
  const list = (names: readonly string[]) => [...names].sort().join(",");
  return `${selection.readOnly ? "ro" : "rw"}:${list(selection.toolsets)}${selection.tools?.length ? `+${list(selection.tools)}` : ""}${selection.ceiling ? `<=${list(selection.ceiling)}` : ""}`;
}

/**
 * "yes" or "no" as operators and clients write it (flags, environment variables, HTTP headers). Anything
 * else is undefined, for the caller to refuse: a value that could mean either must never quietly mean "no".
 */
export function yesOrNo(raw: string | undefined): boolean | undefined {
  const value = raw?.trim().toLowerCase();
  if (value === "true" || value === "1" || value === "yes" || value === "on") return true;
  if (value === "false" || value === "0" || value === "no" || value === "off") return false;
  return undefined;
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
