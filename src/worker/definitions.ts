import { arcadeMetadataOf, qualifiedToolName, toJsonSchema, toolkitName, type AnyToolDefinition, type ArcadeToolMetadata } from "../toolkit/index.js";

/**
 * Arcade's ToolDefinition wire format (snake_case; `arcade_core/schema.py`), generated from the same
 * `defineTool` values the MCP front door serves, so no tool is defined twice.
 */
export interface WorkerValueSchema {
  val_type: "string" | "integer" | "number" | "boolean" | "json" | "array";
  inner_val_type?: WorkerValueSchema["val_type"];
  enum?: string[];
}

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

/** Who the worker says it is: the toolkit name (configurable) and version (the package's). */
export interface WorkerToolkitIdentity {
  name: string;
  version: string;
}
const toolkitDescription = "Asana tools: tasks, projects, sections, comments, tags, users, teams and workspaces.";

type JsonSchema = { type?: string | string[]; enum?: unknown[]; items?: JsonSchema; description?: string; anyOf?: JsonSchema[] };

function valTypeOf(schema: JsonSchema): WorkerValueSchema["val_type"] {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "string" || type === "integer" || type === "number" || type === "boolean" || type === "array") return type;
  if (!type && schema.anyOf) return valTypeOf(schema.anyOf.find((s) => s.type !== "null") ?? {});
  return "json";
}

export function toValueSchema(schema: JsonSchema): WorkerValueSchema {
  const valType = valTypeOf(schema);
  const result: WorkerValueSchema = { val_type: valType };
  if (valType === "array" && schema.items) result.inner_val_type = valTypeOf(schema.items);
  if (schema.enum?.every((v) => typeof v === "string")) result.enum = schema.enum as string[];
  return result;
}

export function toWorkerDefinition(tool: AnyToolDefinition, toolkit: WorkerToolkitIdentity): WorkerToolDefinition {
  const input = toJsonSchema(tool.input, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  const required = new Set(input.required ?? []);
  return {
    name: tool.name,
    fully_qualified_name: qualifiedToolName(tool, toolkit.name),
    description: tool.description,
    toolkit: { name: toolkit.name, description: toolkitDescription, version: toolkit.version },
    input: {
      parameters: Object.entries(input.properties ?? {}).map(([name, schema]) => ({
        name,
        required: required.has(name),
        // MCP leaves self-explanatory parameters undescribed to save every chat the tokens; Arcade's
        // definitions carry a description for each, so the name stands in.
        description: schema.description ?? name.replace(/_/g, " "),
        inferrable: true,
        value_schema: toValueSchema(schema),
      })),
    },
    output: { description: `${tool.title}: the result as JSON.`, available_modes: ["value", "error", "null"], value_schema: { val_type: "json" } },
    requirements: { authorization: tool.auth, secrets: null, metadata: null },
    metadata: arcadeMetadataOf(tool),
  };
}
