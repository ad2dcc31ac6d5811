/**
 * The Engine's ToolCallRequest, as arcade-serve reads it: `{execution_id?, run_id?, tool: {name,
 * toolkit, version}, inputs, context: {authorization?: {token, user_info}, user_id, secrets, metadata}}`.
 * Only the fields the worker uses are kept. null stands for "not given", as everywhere else.
 */
export interface InvokeRequest {
  executionId?: string;
  tool: { name: string; toolkit?: string; version?: string };
  inputs: Record<string, unknown>;
  token?: string;
  userId?: string;
}

/** Longer than any id the Engine makes (UUIDs): what is echoed back stays small. */
const maxIdLength = 200;

/** The body's shape is wrong: `message` starts with the field's path and says the rule. */
export class InvokeShapeError extends Error {
  override readonly name = "InvokeShapeError";
}

/**
 * Checks an invoke body's shape and returns what the worker needs, or throws an InvokeShapeError that
 * names the field. Values are never quoted back: a field may be megabytes long.
 */
export function readInvokeRequest(body: Record<string, unknown>): InvokeRequest {
  const executionId = optionalString(body, "execution_id", "execution_id");
  optionalString(body, "run_id", "run_id");
  if (executionId !== undefined && executionId.length > maxIdLength) {
    throw new InvokeShapeError(`execution_id must be at most ${maxIdLength} characters (the Engine sends a UUID).`);
  }

  const tool = objectAt(body, "tool", "tool");
  if (!tool) throw new InvokeShapeError('tool is required: an object {name, toolkit, version}, e.g. {"name": "ListWorkspaces", "toolkit": "Asana"}.');
  const name = optionalString(tool, "name", "tool.name");
  if (!name) throw new InvokeShapeError('tool.name must be a non-empty string, the tool\'s name as GET /worker/tools lists it (e.g. "ListWorkspaces").');
  const toolkit = optionalString(tool, "toolkit", "tool.toolkit");
  const version = optionalString(tool, "version", "tool.version");

  const inputs = objectAt(body, "inputs", "inputs") ?? {};
  const context = objectAt(body, "context", "context");
  const authorization = context ? objectAt(context, "authorization", "context.authorization") : undefined;
  const token = authorization ? optionalString(authorization, "token", "context.authorization.token") : undefined;
  const userId = context ? optionalString(context, "user_id", "context.user_id") : undefined;
  for (const list of ["secrets", "metadata"]) {
    const value = context?.[list];
    if (value !== undefined && value !== null && !Array.isArray(value)) {
      throw new InvokeShapeError(`context.${list} must be a list of {key, value} when given; got ${kindOf(value)}.`);
    }
  }
  return {
    ...(executionId !== undefined ? { executionId } : {}),
    tool: { name, ...(toolkit ? { toolkit } : {}), ...(version ? { version } : {}) },
    inputs,
    ...(token ? { token } : {}),
    ...(userId ? { userId } : {}),
  };
}

function optionalString(holder: Record<string, unknown>, key: string, path: string): string | undefined {
  const value = holder[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new InvokeShapeError(`${path} must be a string when given; got ${kindOf(value)}.`);
  return value;
}

function objectAt(holder: Record<string, unknown>, key: string, path: string): Record<string, unknown> | undefined {
  const value = holder[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw new InvokeShapeError(`${path} must be a JSON object when given; got ${kindOf(value)}.`);
  return value as Record<string, unknown>;
}

function kindOf(value: unknown): string {
  return Array.isArray(value) ? "a list" : typeof value === "object" ? "an object" : `a ${typeof value}`;
}
