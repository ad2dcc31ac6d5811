import type { AuthRequirement } from "./auth-requirement.js";
import type { AnyToolDefinition, ToolAnnotations } from "./define-tool.js";
import { makesNewObjects, withIdempotencyKey } from "./idempotency-key.js";
import { toJsonSchema, type JsonSchema } from "./json-schema.js";
import { isWriteTool, withPreviewAnswers, withWriteControls } from "./write-confirmation.js";

/**
 * Everything about a tool that is not its code: what tools/list, the worker's definitions and tool
 * selection need. It is plain JSON, so the build computes it once and a starting server reads it
 * without loading a single tool (see src/mcp/prebuilt-catalog.ts).
 */
export interface ToolDescriptor {
  name: string;
  title: string;
  description: string;
  toolset: string;
  defaultProfile: boolean;
  annotations: ToolAnnotations;
  auth: AuthRequirement;
  inputSchema: JsonSchema;
  outputSchema: JsonSchema;
  /** Set when the tool waits for an Asana job and can run in halves (an MCP task). */
  asanaJob?: true;
}

/** A write's schemas also carry dry_run and confirm_token, and the preview answer (write-confirmation.ts). */
export function describeTool(tool: AnyToolDefinition): ToolDescriptor {
  const inputSchema = toJsonSchema(tool.input, "input");
  const outputSchema = toJsonSchema(tool.output, "output");
  const write = isWriteTool(tool);
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    toolset: tool.toolset,
    defaultProfile: tool.defaultProfile,
    annotations: tool.annotations,
    auth: tool.auth,
    inputSchema: makesNewObjects(tool)
      ? withIdempotencyKey(write ? withWriteControls(inputSchema) : inputSchema)
      : write
        ? withWriteControls(inputSchema)
        : inputSchema,
    outputSchema: write ? withPreviewAnswers(outputSchema) : outputSchema,
    ...(tool.asanaJob ? { asanaJob: true as const } : {}),
  };
}
