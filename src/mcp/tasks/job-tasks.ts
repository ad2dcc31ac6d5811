import type { CallToolResult } from "@modelcontextprotocol/server";
import {
  invokeTool,
  jobCheckTool,
  jobStartTool,
  mcpToolName,
  type AnyToolDefinition,
  type CheckedJob,
  type StartedJob,
  type ToolOutcome,
} from "../../toolkit/index.js";
import type { LoadedToolkit } from "../server.js";
import type { TaskClaims, TaskIdSealer } from "./task-ids.js";

/**
 * Tasks for the tools that wait for an Asana job, the same in both protocol eras: a task is its Asana
 * job, and every look at the task is a look at the job (one GET /jobs/{gid}), presented as the tool
 * presents it. Nothing is kept here between requests: what a look needs is sealed in the task id.
 */

/** How a task stands: still working, or done with the answer the tool's own call would have given. */
export type TaskState = { status: "working"; statusMessage: string } | { status: "done"; result: CallToolResult; statusMessage?: string };

export interface TaskView {
  taskId: string;
  createdAt: number;
  lastUpdatedAt: number;
  ttlMs: number;
  pollIntervalMs: number;
  state: TaskState;
}

/** A task id this request cannot use: unknown, another user's, expired, or beyond what the request may see. */
export class TaskRefused extends Error {
  override readonly name = "TaskRefused";
}

export interface JobTaskOptions {
  sealer: TaskIdSealer;
  /** The user this connection or request acts for: a task opens only for the user who made it. */
  userId?: string;
  toolkit: () => Promise<LoadedToolkit>;
  /** Whether this request may see the tasks of a tool (the operator's ceiling, and read-only requests). */
  allows(toolName: string): boolean;
  /** The answer a tool call gives for an outcome: a task's result is exactly that. */
  resultOf(outcome: ToolOutcome): CallToolResult;
  now?: () => number;
}

/** Asana keeps jobs for a while; a client that has not looked for an hour is told the task expired. */
export const defaultTaskTtlMs = 3_600_000;
const minTaskTtlMs = 60_000;
const maxTaskTtlMs = 86_400_000;

/**
 * Polls start quickly (a small copy takes a second) and slow down as the job ages, as the tools' own
 * waits do: a quarter of the task's age, from half a second up to five.
 */
export function pollIntervalFor(ageMs: number): number {
  return Math.min(5_000, Math.max(500, Math.round(ageMs / 4)));
}

/** A requested lifetime, within what this server keeps to. */
function ttlOf(requested: number | undefined): number {
  if (requested === undefined || !Number.isFinite(requested)) return defaultTaskTtlMs;
  return Math.min(maxTaskTtlMs, Math.max(minTaskTtlMs, Math.round(requested)));
}

export interface JobTasks {
  /** Starts the tool's job. A tool that fails before any job exists comes back as its outcome. */
  start(
    tool: AnyToolDefinition,
    args: unknown,
    signal: AbortSignal,
    requestedTtlMs?: number,
  ): Promise<{ view: TaskView; jobId: string; kind?: string } | { refused: Extract<ToolOutcome, { ok: false }> }>;
  /** A task for an answer given at once (a tool that failed before any job existed), for clients that asked for a task. */
  answered(tool: AnyToolDefinition, answer: CallToolResult, requestedTtlMs?: number): TaskView;
  /** How the task stands now: one look at its job. */
  look(taskId: string, signal: AbortSignal): Promise<TaskView>;
  /** The task's claims, for requests that need no look at the job (cancel, update). */
  open(taskId: string): TaskClaims;
}

export function createJobTasks(options: JobTaskOptions): JobTasks {
  const now = options.now ?? Date.now;
  const owner = options.userId ?? "";
  const userId = options.userId !== undefined ? { userId: options.userId } : {};

  function open(taskId: string): TaskClaims {
    const claims = options.sealer.open(taskId, owner);
    if (!claims) throw new TaskRefused("Failed to retrieve task: Task not found");
    if (now() - claims.createdAt > claims.ttlMs) throw new TaskRefused("Failed to retrieve task: Task has expired");
    return claims;
  }

  function view(taskId: string, claims: TaskClaims, state: TaskState, updatedAt: number): TaskView {
    return {
      taskId,
      createdAt: claims.createdAt,
      lastUpdatedAt: updatedAt,
      ttlMs: claims.ttlMs,
      pollIntervalMs: pollIntervalFor(now() - claims.createdAt),
      state,
    };
  }

  function done(result: CallToolResult): TaskState {
    const text = result.content.find((block) => block.type === "text")?.text;
    const summary = result.isError ? text : ((result.structuredContent as { status?: { message?: unknown } } | undefined)?.status?.message ?? text);
    return { status: "done", result, ...(typeof summary === "string" ? { statusMessage: summary } : {}) };
  }

  return {
    async start(tool, args, signal, requestedTtlMs) {
      const toolkit = await options.toolkit();
      const outcome = await invokeTool(toolkit.runtime, { tool: jobStartTool(tool), displayName: mcpToolName(tool), arguments: args, signal, ...userId });
      if (!outcome.ok) return { refused: outcome };
      const started = outcome.output as StartedJob;
      const claims: TaskClaims = { tool: tool.name, createdAt: now(), ttlMs: ttlOf(requestedTtlMs), job: started.job_id, memo: started.memo };
      const taskId = options.sealer.seal(claims, owner);
      const statusMessage = `Asana started job ${started.job_id}${started.kind ? ` (${started.kind})` : ""}; ${mcpToolName(tool)} answers once it is done.`;
      return {
        view: view(taskId, claims, { status: "working", statusMessage }, claims.createdAt),
        jobId: started.job_id,
        ...(started.kind ? { kind: started.kind } : {}),
      };
    },

    answered(tool, answer, requestedTtlMs) {
      const claims: TaskClaims = { tool: tool.name, createdAt: now(), ttlMs: ttlOf(requestedTtlMs), answer: answer as Record<string, unknown> };
      // A task begins working (2025-11-25 says so); its first look finds it done.
      return view(options.sealer.seal(claims, owner), claims, { status: "working", statusMessage: `${mcpToolName(tool)} has answered.` }, claims.createdAt);
    },

    async look(taskId, signal) {
      const claims = open(taskId);
      if ("answer" in claims) return view(taskId, claims, done(claims.answer as CallToolResult), claims.createdAt);
      const toolkit = await options.toolkit();
      const tool = toolkit.definitionOf(claims.tool);
      if (!tool?.asanaJob) throw new TaskRefused("Failed to retrieve task: Task not found");
      const displayName = mcpToolName(tool);
      if (!options.allows(tool.name)) {
        throw new TaskRefused(
          `Failed to retrieve task: it belongs to ${displayName}, which this request does not offer (it is read-only, or outside its toolsets). Ask again as the request that started it did.`,
        );
      }
      const outcome = await invokeTool(toolkit.runtime, {
        tool: jobCheckTool(tool),
        displayName,
        arguments: { job_id: claims.job, memo: claims.memo },
        signal,
        ...userId,
      });
      if (outcome.ok) {
        const checked = outcome.output as CheckedJob;
        if (checked.finished) return view(taskId, claims, done(options.resultOf({ ok: true, output: checked.output ?? {} })), now());
        const statusMessage = `Asana job ${claims.job}${checked.kind ? ` (${checked.kind})` : ""} is ${checked.status ?? "pending"}; ${displayName} answers once it is done.`;
        return view(taskId, claims, { status: "working", statusMessage }, claims.createdAt);
      }
      // Asana could not be asked this time (busy, a token being renewed or authorized): the job runs on.
      if (outcome.error.canRetry || outcome.error.authorizationUrl) {
        return view(
          taskId,
          claims,
          { status: "working", statusMessage: `Could not look at Asana job ${claims.job} just now: ${outcome.error.message}` },
          claims.createdAt,
        );
      }
      // The job failed, or Asana no longer shows it: the tool's own error, as its call would have ended.
      return view(taskId, claims, done(options.resultOf(outcome)), now());
    },

    open,
  };
}
