import { indexToolsByName, type AnyToolDefinition, type ToolSelection } from "../toolkit/index.js";
import type { WorkerToolkitIdentity } from "./definitions.js";

/** The `tool` of an invoke request: arcade_core's ToolReference. */
export interface ToolReference {
  name?: string;
  toolkit?: string;
  version?: string;
}

export interface ToolLookupOptions {
  /** The tools this worker serves. */
  served: readonly AnyToolDefinition[];
  /** Every tool of the toolkit, served or not, so a call for one left out is told why. */
  catalog: readonly AnyToolDefinition[];
  /** What the operator chose to serve (ASANA_READ_ONLY, ARCADE_WORKER_TOOLSETS), to explain a tool left out. */
  selection: ToolSelection;
  toolkit: WorkerToolkitIdentity;
}

/** A refusal says what is not here and what is; `reason` is for the operator's log. */
export type ToolLookupResult = { tool: AnyToolDefinition } | { refusal: string; reason: "other toolkit" | "other version" | "not served" | "unknown" };

/** A name from the request, as a message may repeat it: one line, and short. */
function echoed(text: string): string {
  const line = text.replace(/\p{Cc}/gu, " ");
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}

/**
 * Finds the tool an invoke request names, as Arcade's catalog does (arcade_core's
 * FullyQualifiedName): name and toolkit compared ignoring case, and the version too when the request
 * gives one. An empty or absent version matches any. Arcade's own worker answers a miss with a bare
 * "not found" (HTTP 500); this one says what it does serve, and why a tool it has is not served here.
 */
export function createToolLookup(options: ToolLookupOptions): (reference: { [K in keyof ToolReference]?: unknown }) => ToolLookupResult {
  const { toolkit } = options;
  const findServed = indexToolsByName(options.served, toolkit.name);
  const findInCatalog = indexToolsByName(options.catalog, toolkit.name);
  const listing = `GET /worker/tools lists the ${options.served.length} tools it serves.`;

  return (raw) => {
    // Shapes are the body check's business; a name that is not text simply names nothing here.
    const text = (value: unknown) => (typeof value === "string" ? value : undefined);
    const reference: ToolReference = { name: text(raw.name), toolkit: text(raw.toolkit), version: text(raw.version) };
    const name = reference.name ?? "";
    const known = findInCatalog(name);
    const shownName = known ? `${toolkit.name}.${known.name}` : echoed(name.includes(".") ? name : `${reference.toolkit || toolkit.name}.${name}`);
    if (reference.toolkit && reference.toolkit.toLowerCase() !== toolkit.name.toLowerCase()) {
      return {
        reason: "other toolkit",
        refusal: `This worker serves the toolkit ${toolkit.name}, not ${echoed(reference.toolkit)}: ${echoed(`${reference.toolkit}.${name}`)} is not here. ${listing}`,
      };
    }
    if (reference.version && reference.version.toLowerCase() !== toolkit.version.toLowerCase()) {
      return {
        reason: "other version",
        refusal:
          `This worker serves ${toolkit.name} version ${toolkit.version}, not ${echoed(reference.version)}: ${shownName}@${echoed(reference.version)} is not here. ` +
          `Call it at version ${toolkit.version}, or with no version. If the worker was upgraded, register it again (asana-mcp register) so the Engine reads its tools anew.`,
      };
    }
    const tool = findServed(name);
    if (tool) return { tool };
    if (known) return { reason: "not served", refusal: `${shownName} exists but is not served here: ${whyNotServed(known, options.selection)} ${listing}` };
    return { reason: "unknown", refusal: `This worker has no tool ${shownName}. ${listing}` };
  };
}

function whyNotServed(tool: AnyToolDefinition, selection: ToolSelection): string {
  if (selection.readOnly && !tool.annotations.readOnlyHint) return "it changes Asana, and this worker is read-only (ASANA_READ_ONLY or --read-only).";
  return (
    `it is in the toolset ${tool.toolset}, and this worker serves ${selection.toolsets.join(", ")} (ARCADE_WORKER_TOOLSETS or --worker-toolsets). ` +
    `Add ${tool.toolset} there to serve it.`
  );
}
