import type { ToolAnnotations } from "./define-tool.js";

/**
 * Arcade's tool metadata block (`ToolMetadata` in arcade_core/schema.py): the classification and the
 * behaviour flags. The worker definition and MCP `_meta.arcade` carry the same value, so an agent
 * that reads either sees the same description of what a tool does.
 */
export interface ArcadeToolMetadata {
  classification: { service_domains: string[] };
  behavior: { operations: string[]; read_only: boolean; destructive: boolean; idempotent: boolean; open_world: boolean };
}

/** Arcade's behaviour operations, derived from the annotations every tool must state. */
function operationsOf(tool: { annotations: ToolAnnotations }): string[] {
  const { readOnlyHint, destructiveHint, idempotentHint } = tool.annotations;
  if (readOnlyHint) return ["read"];
  if (destructiveHint) return ["delete"];
  return idempotentHint ? ["update"] : ["create"];
}

export function arcadeMetadataOf(tool: { annotations: ToolAnnotations }): ArcadeToolMetadata {
  return {
    // Arcade's own Asana toolkit classifies every tool so (docs: toolkit-docs-generator/data/toolkits/asana.json).
    classification: { service_domains: ["project_management"] },
    behavior: {
      operations: operationsOf(tool),
      read_only: tool.annotations.readOnlyHint,
      destructive: tool.annotations.destructiveHint,
      idempotent: tool.annotations.idempotentHint,
      open_world: tool.annotations.openWorldHint,
    },
  };
}
