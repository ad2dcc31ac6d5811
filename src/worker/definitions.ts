import type * as z from "zod";
import {
  arcadeMetadataOf,
  idempotencyKeyName,
  makesNewObjects,
  parameterRuleOf,
  qualifiedToolName,
  toJsonSchema,
  toolkitName,
  isWriteTool,
  withWriteControls,
  type AnyToolDefinition,
  type ArcadeToolMetadata,
} from "../toolkit/index.js";
import { describeParameter } from "./parameter-description.js";
import { toValueSchema, type ParameterJsonSchema, type WorkerValueSchema } from "./value-schema.js";

export type { WorkerValueSchema } from "./value-schema.js";

/**
 * Arcade's ToolDefinition wire format (snake_case; `arcade_core/schema.py`), generated from the same
 * `defineTool` values the MCP front door serves, so no tool is defined twice.
 */
export interface WorkerToolDefinition {
  name: string;
  fully_qualified_name: string;
  description: string;
  toolkit: { name: string; description: string; version: string };
  input: {
    parameters: Array<{ name: string; required: boolean; description: string; inferrable: boolean; value_schema: WorkerValueSchema }>;
  };
  output: { description: string; available_modes: string[]; value_schema: WorkerValueSchema };
  requirements: { authorization: AnyToolDefinition["auth"]; secrets: null; metadata: null };
  metadata: ArcadeToolMetadata;
}

/**
 * The toolkit name the worker registers under unless ARCADE_TOOLKIT_NAME says otherwise. Arcade's
 * hosted Asana toolkit is also `Asana` (at 1.2.2), so a deployment that runs both may rename ours.
 */
export const workerToolkitName = toolkitName;

/** Who the worker says it is: the toolkit name and version (ARCADE_TOOLKIT_NAME, ARCADE_TOOLKIT_VERSION). */
export interface WorkerToolkitIdentity {
  name: string;
  version: string;
}
/** Every create's idempotency key (see src/toolkit/idempotency-key.ts), as the Engine's model reads it. */
const idempotencyKeyParameter = {
  name: idempotencyKeyName,
  required: false,
  description: "Any id you choose, such as a UUID. Sending the create again with the same id returns the first result instead of making a second one.",
  inferrable: true,
  value_schema: toValueSchema({ type: "string" }),
};

const toolkitDescription = "Asana tools: tasks, projects, sections, comments, tags, users, teams and workspaces.";

/**
 * `renameTools` renders each mention of another tool (written `Asana_<Tool>`) in the worker's naming;
 * without it, mentions stay as written.
 */
export function toWorkerDefinition(
  tool: AnyToolDefinition,
  toolkit: WorkerToolkitIdentity,
  renameTools: (text: string) => string = (text) => text,
  options: { writeControls?: boolean } = {},
): WorkerToolDefinition {
  // dry_run and confirm_token are listed only where the worker makes writes wait for a token (ASANA_MCP_CONFIRM=always):
  // otherwise Arcade's definitions stay exactly as its own toolkit has them.
  const schema = toJsonSchema(tool.input, "input");
  const input = (options.writeControls && isWriteTool(tool) ? withWriteControls(schema) : schema) as {
    properties?: Record<string, ParameterJsonSchema>;
    required?: string[];
  };
  const shape = (tool.input as z.ZodObject).shape as Record<string, z.ZodType | undefined>;
  const required = new Set(input.required ?? []);
  return {
    name: tool.name,
    fully_qualified_name: qualifiedToolName(tool, toolkit.name),
    description: renameTools(tool.description),
    toolkit: { name: toolkit.name, description: toolkitDescription, version: toolkit.version },
    input: {
      parameters: [
        ...Object.entries(input.properties ?? {}).map(([name, schema]) => {
          const valueSchema = toValueSchema(schema);
          const field = shape[name];
          return {
            name,
            required: required.has(name),
            description: renameTools(describeParameter({ schema, rules: field ? parameterRuleOf(field) : {}, valueSchema })),
            inferrable: true,
            value_schema: valueSchema,
          };
        }),
        // The Engine's model sees no server instructions, so the key explains itself here.
        ...(makesNewObjects(tool) ? [idempotencyKeyParameter] : []),
      ],
    },
    output: { description: `${tool.title}: the result as JSON.`, available_modes: ["value", "error", "null"], value_schema: { val_type: "json" } },
    requirements: { authorization: tool.auth, secrets: null, metadata: null },
    metadata: arcadeMetadataOf(tool),
  };
}
