import {
  CLIENT_CAPABILITIES_META_KEY,
  MissingRequiredClientCapabilityError,
  ProtocolError,
  ProtocolErrorCode,
  Server,
  type CallToolResult,
  type ClientCapabilities,
  type JSONRPCRequest,
  type ProtocolEra,
  type Result,
  type ServerCapabilities,
  type ServerContext,
  type StandardSchemaV1,
  type Tool,
} from "@modelcontextprotocol/server";
import { mcpToolName, type AnyToolDefinition, type ToolOutcome } from "../../toolkit/index.js";
import type { McpToolCatalog } from "../tool-catalog.js";
import { TaskRefused, type JobTasks, type TaskView } from "./job-tasks.js";

/**
 * MCP tasks for the tools that wait for an Asana job, in the wire forms of both eras:
 * - 2025-11-25 (experimental tasks): the server declares `tasks.requests.tools.call`, the job tools
 *   list `execution.taskSupport: "optional"`, a client asks with `task` on tools/call, and reads the
 *   task with tasks/get and its answer with tasks/result. No tasks/list (there is no task store to
 *   list) and no tasks/cancel (Asana cannot stop a job): neither is declared.
 * - 2026-07-28 (the Tasks extension, io.modelcontextprotocol/tasks): a client that declares the
 *   extension on a request gets a task for a job tool at once (`resultType: "task"`), and tasks/get
 *   carries the answer inline once done. tasks/cancel is acknowledged, as the extension allows, with a
 *   note that the job runs on; tasks/update has no input to take (these tasks never ask for any).
 * The SDK (2.4) carries the wire vocabulary but no task feature, so this registers the methods itself.
 */

export const tasksExtension = "io.modelcontextprotocol/tasks";
const relatedTaskKey = "io.modelcontextprotocol/related-task";
const immediateResponseKey = "io.modelcontextprotocol/model-immediate-response";

/** What to declare: the 2025 capability, or the 2026 extension. */
export function taskCapabilities(era: ProtocolEra): Partial<ServerCapabilities> {
  return era === "legacy" ? { tasks: { requests: { tools: { call: {} } } } } : { extensions: { [tasksExtension]: {} } };
}

// ---------------------------------------------------------------------------------------------------
// The SDK checks every tools/call answer against CallToolResult; a task handle is another result
// family, so it is handed past that check (through the SDK's own hook for subclasses) untouched.

const taskHandles = new WeakSet<object>();

class TaskHandleAnswer extends Error {
  constructor(readonly result: Result) {
    super("a task handle");
  }
}

/** A Server whose tools/call may answer with a task handle (a CreateTaskResult), as tasks require. */
export class TaskAwareServer extends Server {
  protected override _wrapHandler(
    method: string,
    handler: (request: JSONRPCRequest, ctx: ServerContext) => Promise<Result>,
  ): (request: JSONRPCRequest, ctx: ServerContext) => Promise<Result> {
    if (method !== "tools/call") return super._wrapHandler(method, handler);
    const checked = super._wrapHandler(method, async (request, ctx) => {
      const result = await handler(request, ctx);
      if (taskHandles.has(result)) throw new TaskHandleAnswer(result);
      return result;
    });
    return async (request, ctx) => {
      try {
        return await checked(request, ctx);
      } catch (error) {
        if (error instanceof TaskHandleAnswer) return error.result;
        throw error;
      }
    };
  }
}

function taskHandle(result: Result): Result {
  taskHandles.add(result);
  return result;
}

// ---------------------------------------------------------------------------------------------------

const iso = (ms: number) => new Date(ms).toISOString();

/** The 2025-11-25 Task: ttl and pollInterval; failed for a tool answer with isError. */
function legacyTask(view: TaskView) {
  const status = view.state.status === "working" ? "working" : view.state.result.isError ? "failed" : "completed";
  const statusMessage = view.state.statusMessage;
  return {
    taskId: view.taskId,
    status,
    ...(statusMessage ? { statusMessage } : {}),
    createdAt: iso(view.createdAt),
    lastUpdatedAt: iso(view.lastUpdatedAt),
    ttl: view.ttlMs,
    pollInterval: view.pollIntervalMs,
  };
}

/**
 * The 2026-07-28 DetailedTask: ttlMs and pollIntervalMs, the answer inline once done. A tool answer
 * with isError is `completed` (the extension keeps `failed` for JSON-RPC errors, which these tasks
 * never end in), its statusMessage the tool's error.
 */
function modernTask(view: TaskView) {
  const statusMessage = view.state.statusMessage;
  return {
    taskId: view.taskId,
    status: view.state.status === "working" ? "working" : "completed",
    ...(statusMessage ? { statusMessage } : {}),
    createdAt: iso(view.createdAt),
    lastUpdatedAt: iso(view.lastUpdatedAt),
    ttlMs: view.ttlMs,
    pollIntervalMs: view.pollIntervalMs,
    ...(view.state.status === "done" ? { result: view.state.result } : {}),
  };
}

/**
 * The 2025-11-25 tools/list: the job tools say a client may ask for a task (`execution.taskSupport`);
 * the others leave it out, which means forbidden. 2026-07-28 has no such field: any call may become a task.
 */
export function withTaskSupport(catalog: McpToolCatalog): Tool[] {
  return catalog.listing.map((tool) => (catalog.find(tool.name)?.asanaJob ? { ...tool, execution: { taskSupport: "optional" } } : tool));
}

/** `{taskId}` params, checked without loading a schema library at start-up. */
const taskIdParams: StandardSchemaV1<{ taskId: string }> = {
  "~standard": {
    version: 1,
    vendor: "asana-mcp",
    validate: (value) =>
      typeof value === "object" && value !== null && typeof (value as { taskId?: unknown }).taskId === "string"
        ? { value: value as { taskId: string } }
        : { issues: [{ message: "taskId must be the task id a tools/call answered with", path: ["taskId"] }] },
  },
};

const anyParams: StandardSchemaV1<Record<string, unknown>> = {
  "~standard": { version: 1, vendor: "asana-mcp", validate: (value) => ({ value: (value ?? {}) as Record<string, unknown> }) },
};

function refused(error: unknown): never {
  if (error instanceof TaskRefused) throw new ProtocolError(ProtocolErrorCode.InvalidParams, error.message);
  throw error;
}

/** Waits `ms`, or less if the request is cancelled. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

const cannotCancel = (job: string) =>
  `Asana jobs cannot be cancelled: job ${job} runs to its end. Poll the task for what it made, and delete that afterwards if it is not wanted.`;

export interface TaskProtocolOptions {
  era: ProtocolEra;
  tasks: JobTasks;
  /** The answer the plain call gives for a failed start (it may ask the client to authorize, as calls do). */
  answer(outcome: Extract<ToolOutcome, { ok: false }>, ctx: ServerContext): Result;
}

export interface TaskProtocol {
  /**
   * For tools/call: a task handle, or the plain answer of a task call that failed before its job
   * existed, or undefined when this call is not one to run as a task (it then runs as always).
   */
  callAsTask(tool: AnyToolDefinition, request: { params: Record<string, unknown> }, ctx: ServerContext): Promise<Result | undefined>;
}

/** Registers the task methods of the server's era, and returns what tools/call asks before it runs a tool. */
export function offerJobTasks(server: Server, options: TaskProtocolOptions): TaskProtocol {
  const { tasks } = options;
  if (options.era === "legacy") registerLegacyMethods(server, tasks);
  else registerModernMethods(server, tasks);

  return {
    async callAsTask(tool, request, ctx) {
      const args = request.params.arguments ?? {};
      const signal = ctx.mcpReq.signal;
      if (options.era === "legacy") {
        const asked = request.params.task as { ttl?: number } | undefined;
        if (asked === undefined) return undefined;
        if (!tool.asanaJob) {
          // 2025-11-25: a tool whose taskSupport is forbidden (or absent) SHOULD answer -32601 to a task.
          throw new ProtocolError(
            ProtocolErrorCode.MethodNotFound,
            `${mcpToolName(tool)} does not run as a task (its execution.taskSupport is forbidden): call it without "task".`,
          );
        }
        const started = await tasks.start(tool, args, signal, asked.ttl);
        if ("refused" in started) {
          // The client asked for a task, so it gets one, which has already ended with the call's answer.
          const answer = options.answer(started.refused, ctx) as CallToolResult;
          return taskHandle({ task: legacyTask(tasks.answered(tool, answer, asked.ttl)) });
        }
        return taskHandle({
          task: legacyTask(started.view),
          _meta: {
            [immediateResponseKey]: `Asana started job ${started.jobId}${started.kind ? ` (${started.kind})` : ""} for ${mcpToolName(tool)}; it runs in the background, and the result follows when it is done.`,
          },
        });
      }
      if (!declaresExtension(ctx) || !tool.asanaJob) return undefined;
      const started = await tasks.start(tool, args, signal);
      // The extension lets the server answer any call plainly: one that failed before its job existed is.
      if ("refused" in started) return options.answer(started.refused, ctx);
      return taskHandle({ resultType: "task", ...modernTask(started.view) });
    },
  };
}

function registerLegacyMethods(server: Server, tasks: JobTasks): void {
  server.setRequestHandler("tasks/get", { params: taskIdParams }, async ({ taskId }, ctx) =>
    legacyTask(await tasks.look(taskId, ctx.mcpReq.signal).catch(refused)),
  );
  // tasks/result blocks until the task ends (2025-11-25), looking at the job at the pace a poller would.
  server.setRequestHandler("tasks/result", { params: taskIdParams }, async ({ taskId }, ctx) => {
    const signal = ctx.mcpReq.signal;
    for (;;) {
      const view = await tasks.look(taskId, signal).catch(refused);
      if (view.state.status === "done") {
        const { result } = view.state;
        return { ...result, _meta: { ...(result._meta ?? {}), [relatedTaskKey]: { taskId } } };
      }
      await pause(view.pollIntervalMs, signal);
      if (signal.aborted) throw new ProtocolError(ProtocolErrorCode.InternalError, "The request was cancelled before the task ended.");
    }
  });
  server.setRequestHandler("tasks/cancel", { params: taskIdParams }, async ({ taskId }) => {
    const claims = (() => {
      try {
        return tasks.open(taskId);
      } catch (error) {
        return refused(error);
      }
    })();
    const job = "job" in claims ? claims.job : "of this task";
    throw new ProtocolError(ProtocolErrorCode.MethodNotFound, `tasks/cancel is not offered here. ${cannotCancel(job)}`);
  });
  server.setRequestHandler("tasks/list", { params: anyParams }, async () => {
    throw new ProtocolError(
      ProtocolErrorCode.MethodNotFound,
      "tasks/list is not offered here: this server keeps no list of tasks (each task id carries its task). Keep the ids tools/call answered with.",
    );
  });
}

/** The extension is declared per request, in the request's own capabilities. */
function declaresExtension(ctx: ServerContext): boolean {
  const capabilities = (ctx.mcpReq.envelope as Record<string, unknown> | undefined)?.[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined;
  const extensions = (capabilities as { extensions?: Record<string, unknown> } | undefined)?.extensions;
  return typeof extensions?.[tasksExtension] === "object" && extensions[tasksExtension] !== null;
}

function requireExtension(ctx: ServerContext): void {
  if (!declaresExtension(ctx)) {
    throw new MissingRequiredClientCapabilityError(
      { requiredCapabilities: { extensions: { [tasksExtension]: {} } } } as never,
      "Missing required client capability",
    );
  }
}

function registerModernMethods(server: Server, tasks: JobTasks): void {
  const open = (taskId: string) => {
    try {
      return tasks.open(taskId);
    } catch (error) {
      return refused(error);
    }
  };
  server.setRequestHandler("tasks/get", { params: taskIdParams }, async ({ taskId }, ctx) => {
    requireExtension(ctx);
    return modernTask(await tasks.look(taskId, ctx.mcpReq.signal).catch(refused));
  });
  // Cancellation is cooperative: acknowledged, and the job runs on; the note says so.
  server.setRequestHandler("tasks/cancel", { params: taskIdParams }, async ({ taskId }, ctx) => {
    requireExtension(ctx);
    const claims = open(taskId);
    return { _meta: { "asana-mcp/cancel": cannotCancel("job" in claims ? claims.job : "of this task") } };
  });
  // These tasks never ask for input; responses to requests that were never made are ignored, as the extension says.
  server.setRequestHandler("tasks/update", { params: taskIdParams }, async ({ taskId }, ctx) => {
    requireExtension(ctx);
    open(taskId);
    return {};
  });
}
