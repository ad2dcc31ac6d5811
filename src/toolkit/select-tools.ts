import { toolsetNames, type AnyToolDefinition, type ToolsetName } from "./define-tool.js";

export interface ToolSelection {
  /** Register only tools whose annotations say they change nothing. */
  readOnly: boolean;
  /** Register only these toolsets; undefined means all. */
  toolsets?: readonly ToolsetName[];
}

/**
 * Which tools a server registers. Read-only mode trusts the readOnlyHint that every tool must state,
 * so a new write tool is excluded without anyone remembering to list it.
 */
export function selectTools(tools: readonly AnyToolDefinition[], selection: ToolSelection): AnyToolDefinition[] {
  const wanted = selection.toolsets ? new Set(selection.toolsets) : undefined;
  return tools.filter((tool) => (!selection.readOnly || tool.annotations.readOnlyHint) && (!wanted || wanted.has(tool.toolset)));
}

/** Parses "tasks, projects" into toolset names, or explains which names exist. */
export function parseToolsets(raw: string): ToolsetName[] {
  const names = raw.split(",").map((name) => name.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((name) => !(toolsetNames as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(`unknown toolset${unknown.length > 1 ? "s" : ""} ${unknown.map((n) => `"${n}"`).join(", ")}; choose from: ${toolsetNames.join(", ")}`);
  }
  if (names.length === 0) throw new Error(`--toolsets needs at least one of: ${toolsetNames.join(", ")}`);
  return [...new Set(names)] as ToolsetName[];
}
