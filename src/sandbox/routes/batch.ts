import { badRequest, bodyData, data, errorBody, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { apiBasePath } from "../paths.js";

/**
 * `POST /batch` (createBatchRequest): up to 10 actions, each answered by the emulator's own routes
 * as if it had been sent alone, by the same user. The batch is 200 whatever the actions answer;
 * results come back in request order as `{status_code, headers, body}`.
 *
 * An action's GET parameters come from its `data`; `options` carries `limit`, `offset` and
 * `fields` (opt_fields). Writes get `{data: action.data}` as their body. Nested batches and
 * attachment uploads are refused per action ("Not allowed: attachment uploads, …, nested batch").
 * Asana runs actions in parallel; the emulator runs them in order, which a client cannot tell apart
 * except that a later action sees an earlier one's writes.
 */
export const maxBatchActions = 10;

const methods = new Set(["get", "post", "put", "delete", "patch", "head"]);

interface BatchResult {
  status_code: number;
  headers: Record<string, string>;
  body: unknown;
}

function refused(status: number, message: string): BatchResult {
  return { status_code: status, headers: {}, body: errorBody(status, message) };
}

/** A query parameter's text: lists comma-separated (Asana's form, explode false), everything else as JSON text. */
function queryText(value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => queryText(item)).join(",");
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

async function runAction(request: EmulatorRequest, action: unknown, index: number): Promise<BatchResult> {
  if (typeof action !== "object" || action === null || Array.isArray(action))
    return refused(400, `actions[${index}]: Must be an object with relative_path and method.`);
  const { relative_path: relativePath, method: rawMethod, data: actionData, options } = action as Record<string, unknown>;
  if (typeof relativePath !== "string" || !relativePath.startsWith("/"))
    return refused(400, `actions[${index}].relative_path: Missing input; give a path such as /tasks/123.`);
  if (typeof rawMethod !== "string" || !methods.has(rawMethod.toLowerCase()))
    return refused(400, `actions[${index}].method: Must be one of ${[...methods].join(", ")}.`);
  const method = rawMethod.toUpperCase();
  const url = new URL(relativePath, "http://batch.invalid");
  const path = url.pathname.startsWith(`${apiBasePath}/`) ? url.pathname.slice(apiBasePath.length) : url.pathname;
  if (path === "/batch") return refused(400, `actions[${index}]: Nested batch requests are not allowed.`);
  if (path === "/attachments" && method === "POST") return refused(400, `actions[${index}]: Attachments cannot be uploaded through the batch API.`);
  if (actionData !== undefined && (typeof actionData !== "object" || actionData === null || Array.isArray(actionData))) {
    return refused(400, `actions[${index}].data: Must be an object.`);
  }
  const query: Record<string, string> = Object.fromEntries(url.searchParams.entries());
  const writes = method === "POST" || method === "PUT" || method === "PATCH";
  if (!writes && actionData) for (const [name, value] of Object.entries(actionData)) query[name] = queryText(value);
  if (options !== undefined && options !== null) {
    if (typeof options !== "object" || Array.isArray(options)) return refused(400, `actions[${index}].options: Must be an object.`);
    const { limit, offset, fields } = options as Record<string, unknown>;
    if (limit !== undefined) query.limit = String(limit);
    if (offset !== undefined) query.offset = String(offset);
    if (fields !== undefined) query.opt_fields = queryText(fields);
  }
  const response = await request.services.dispatch(
    { method, path, query, body: writes ? { data: actionData ?? {} } : undefined, batchIndex: index },
    request.me,
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) headers[name.toLowerCase()] = value;
  // Asana's batch results carry a Location header for what an action created.
  if (response.status === 201) {
    const created = (response.body as { data?: { gid?: unknown; resource_type?: unknown } }).data;
    if (typeof created?.gid === "string" && typeof created.resource_type === "string") headers.location = `/${created.resource_type}s/${created.gid}`;
  }
  return { status_code: response.status, headers, body: response.body };
}

export const batchRoutes: EmulatorRoute[] = [
  {
    method: "POST",
    path: "/batch",
    composite: true,
    handle: async (request) => {
      const fields = bodyData(request);
      const actions = fields.actions;
      if (actions === undefined || actions === null) throw badRequest("actions: Missing input");
      if (!Array.isArray(actions)) throw badRequest("actions: Must be an array of actions.");
      if (actions.length === 0) throw badRequest("actions: A batch request needs at least one action.");
      if (actions.length > maxBatchActions)
        throw badRequest(
          `actions: A batch request can contain at most ${maxBatchActions} actions; this one has ${actions.length}. Split it into several batches.`,
        );
      const results: BatchResult[] = [];
      for (const [index, action] of actions.entries()) results.push(await runAction(request, action, index));
      return data(results);
    },
  },
];
