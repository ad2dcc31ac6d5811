import { renameToolMentions, type AnyToolDefinition } from "../toolkit/index.js";

/**
 * The worker's naming of tools, `<toolkit>.<Tool>`, for every text it sends the Engine that may name
 * another tool: definitions, errors, and a result's own advice. Tools write `Asana_<Tool>` (see
 * renameToolMentions); left as it is, that would be Arcade's hosted toolkit's namespace, where many of
 * the same names live.
 */
export interface WorkerToolNaming {
  text(text: string): string;
  /**
   * A result's own words: `note` and the mutation block's `status.message`, where tools put advice such
   * as "call Asana_GetJob". The rest of a result is Asana's data and is never rewritten.
   */
  output(value: Record<string, unknown>): Record<string, unknown>;
}

export function workerToolNaming(toolkitName: string, catalog: readonly Pick<AnyToolDefinition, "name">[]): WorkerToolNaming {
  const text = renameToolMentions(
    catalog.map((tool) => tool.name),
    (tool) => `${toolkitName}.${tool}`,
  );
  return {
    text,
    output(value) {
      const result = { ...value };
      if (typeof result.note === "string") result.note = text(result.note);
      const status = result.status as { message?: unknown } | undefined;
      if (status && typeof status === "object" && typeof status.message === "string") result.status = { ...status, message: text(status.message) };
      return result;
    },
  };
}
