import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { InjectedTokenResolver } from "../auth/index.js";
import { BodyTooLargeError, readJsonBody, sendJson, type HttpRoute } from "../http/index.js";
import type { Logger } from "../log/index.js";
import {
  allToolsetsName,
  invokeTool,
  maxToolCallBytes,
  qualifiedToolName,
  type AnyToolDefinition,
  type ToolErrorReport,
  type ConfirmMode,
  type ToolRuntime,
  type ToolSelection,
} from "../toolkit/index.js";
import { toWorkerDefinition, workerToolkitName, type WorkerToolDefinition } from "./definitions.js";
import { verifyEngineToken } from "./engine-jwt.js";
import { InvokeShapeError, readInvokeRequest, type InvokeRequest } from "./invoke-request.js";
import { createToolLookup } from "./tool-lookup.js";
import { workerToolNaming } from "./tool-naming.js";

export interface WorkerRoutesOptions {
  tools: readonly AnyToolDefinition[];
  /** The Asana client; tokens always come from the Engine here, never from Arcade or a PAT. */
  asana: ToolRuntime["asana"];
  /** The server's in-flight calls, so a shutdown lets the Engine's calls finish too. */
  calls?: ToolRuntime["calls"];
  callDeadlineMs?: number;
  /** A read's answer budget when the call sets no max_bytes (ToolRuntime.answerBytes). */
  answerBytes?: number | "off";
  /** Where creates' idempotency keys are kept (Redis when the replicas share it). */
  idempotency?: ToolRuntime["idempotency"];
  /** ARCADE_WORKER_SECRET exactly as given: arcade_serve verifies with the raw value, untrimmed. */
  secret: string;
  /** The toolkit version the worker reports and matches an invoke's `tool.version` against: ARCADE_TOOLKIT_VERSION, or the package's. */
  version: string;
  /** ARCADE_TOOLKIT_NAME; `Asana` unless the deployment renames it to sit beside Arcade's hosted toolkit. */
  toolkitName?: string;
  /** The whole toolkit, served or not (default `tools`), and the selection that chose `tools` from it, to explain a tool left out. */
  catalog?: readonly AnyToolDefinition[];
  selection?: ToolSelection;
  logger: Logger;
  /** Largest invoke body accepted (file attachments arrive as base64 inside it). */
  maxBodyBytes?: number;
  /**
   * When writes wait for a yes (ASANA_MCP_CONFIRM): `never` unless set, since the Engine has its own
   * flow and cannot ask. With `always`, a write first answers with its preview and a confirm_token,
   * and the definitions list dry_run and confirm_token.
   */
  confirmMode?: ConfirmMode;
  confirmKey?: Uint8Array;
}

export interface WorkerError {
  message: string;
  kind: string;
  developer_message?: string;
  can_retry: boolean;
  additional_prompt_content?: string;
  retry_after_ms?: number;
  status_code?: number;
}

function toWorkerError(report: ToolErrorReport): WorkerError {
  return {
    message: report.message,
    kind: report.kind,
    can_retry: report.canRetry,
    ...(report.additionalPromptContent ? { additional_prompt_content: report.additionalPromptContent } : {}),
    ...(report.retryAfterMs !== undefined ? { retry_after_ms: report.retryAfterMs } : {}),
    ...(report.statusCode !== undefined ? { status_code: report.statusCode } : {}),
    ...(report.developerMessage ? { developer_message: report.developerMessage } : {}),
  };
}

/**
 * The Arcade worker protocol beside /mcp: GET /worker/health (open), GET /worker/tools and
 * POST /worker/tools/invoke (Engine JWT required). Definitions and invocations come from the same
 * toolkit and the same `invokeTool` as MCP; only the token source differs (injected by the Engine).
 */
export function createWorkerRoutes(options: WorkerRoutesOptions): HttpRoute {
  const secret = new TextEncoder().encode(options.secret);
  const toolkitName = options.toolkitName ?? workerToolkitName;
  const toolkit = { name: toolkitName, version: options.version };
  const naming = workerToolNaming(toolkitName, options.catalog ?? options.tools);
  const confirmMode = options.confirmMode ?? "never";
  const definitions: WorkerToolDefinition[] = options.tools.map((tool) =>
    toWorkerDefinition(tool, toolkit, naming.text, { writeControls: confirmMode === "always" }),
  );
  const findTool = createToolLookup({
    served: options.tools,
    catalog: options.catalog ?? options.tools,
    selection: options.selection ?? { readOnly: false, toolsets: [allToolsetsName] },
    toolkit,
  });
  const runtime: ToolRuntime = {
    asana: options.asana,
    tokens: new InjectedTokenResolver(),
    logger: options.logger,
    ...(options.calls ? { calls: options.calls } : {}),
    ...(options.callDeadlineMs !== undefined ? { callDeadlineMs: options.callDeadlineMs } : {}),
    ...(options.answerBytes !== undefined ? { answerBytes: options.answerBytes } : {}),
    ...(options.idempotency ? { idempotency: options.idempotency } : {}),
    ...(options.confirmKey ? { confirmKey: options.confirmKey } : {}),
  };
  const maxBodyBytes = options.maxBodyBytes ?? maxToolCallBytes;

  async function invoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    let parsed: unknown;
    try {
      parsed = await readJsonBody(req, maxBodyBytes);
    } catch (error) {
      const tooLarge = error instanceof BodyTooLargeError;
      sendJson(res, tooLarge ? 413 : 400, { error: tooLarge ? error.message : "request body must be JSON (a ToolCallRequest)" });
      return;
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      sendJson(res, 400, { error: "request body must be a JSON object (a ToolCallRequest with tool, inputs and context)" });
      return;
    }
    let body: InvokeRequest;
    try {
      body = readInvokeRequest(parsed as Record<string, unknown>);
    } catch (error) {
      if (!(error instanceof InvokeShapeError)) throw error;
      sendJson(res, 400, { error: error.message });
      return;
    }
    const executionId = body.executionId ?? randomUUID();
    const respond = (status: number, success: boolean, output: { value: unknown } | { error: WorkerError }) =>
      sendJson(res, status, { execution_id: executionId, finished_at: new Date().toISOString(), duration: Date.now() - started, success, output });

    const found = findTool(body.tool ?? {});
    if ("refusal" in found) {
      // The Engine may not show a worker's 404 to anyone: an out-of-date catalog is the operator's to fix.
      if (found.reason === "other version") options.logger.warn(found.refusal);
      respond(404, false, { error: { message: found.refusal, kind: "TOOL_RUNTIME_FATAL", can_retry: false } });
      return;
    }
    const { tool } = found;
    const abort = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) abort.abort(new Error("the Engine closed the connection"));
    });
    const outcome = await invokeTool(runtime, {
      tool,
      displayName: qualifiedToolName(tool, toolkitName),
      renameTools: naming.text,
      arguments: body.inputs,
      signal: abort.signal,
      ...(body.token ? { injectedToken: body.token } : {}),
      ...(body.userId ? { userId: body.userId } : {}),
      confirmation: { mode: confirmMode, canAsk: false },
    });
    if (outcome.ok) respond(200, true, { value: naming.output(outcome.output) });
    else respond(200, false, { error: toWorkerError(outcome.error) });
  }

  return async (req, res, url) => {
    if (!url.pathname.startsWith("/worker/")) return false;
    if (url.pathname === "/worker/health" && req.method === "GET") {
      // tool_count is a string in Arcade's own worker.
      sendJson(res, 200, { status: "ok", tool_count: String(definitions.length) });
      return true;
    }
    const rejection = await verifyEngineToken(req.headers.authorization, secret);
    if (rejection) {
      options.logger.warn("refused a worker request", { path: url.pathname, reason: rejection });
      sendJson(res, 401, { error: `Invalid token. Error: ${rejection}` }, { "www-authenticate": 'Bearer error="invalid_token"' });
      return true;
    }
    if (url.pathname === "/worker/tools" && req.method === "GET") {
      sendJson(res, 200, definitions);
      return true;
    }
    if (url.pathname === "/worker/tools/invoke" && req.method === "POST") {
      await invoke(req, res);
      return true;
    }
    sendJson(res, 404, { error: `No worker route ${req.method} ${url.pathname}` });
    return true;
  };
}
