import type * as z from "zod";
import type { AsanaClient, AsanaSession, CompletedWrite } from "../asana/index.js";
// The error types alone (not the client's entry), so a starting server does not load undici.
import { AsanaApiError, AsanaNetworkError, AsanaRequestAbortedError, mayHaveTakenEffect } from "../asana/errors.js";
import type { TokenRequest, TokenResolver } from "../auth/index.js";
import type { AnyToolDefinition, ProgressUpdate, ToolContentBlock, ToolContext } from "./define-tool.js";
import { describeToolError, type ToolErrorReport } from "./describe-error.js";
import { holdSecret, type Logger } from "../log/index.js";
import type { CallTracker } from "./call-tracker.js";
import { parseToolInput } from "./parse-input.js";
import { answerByteLimits, startAnswer } from "./answer-budget.js";
import type { IdempotencyLedger } from "../idempotency/index.js";
import { CreateMarker, unknownOutcomeNote } from "./create-marker.js";
import { makesNewObjects } from "./idempotency-key.js";
import { runIdempotently } from "./idempotent-call.js";
import { addErrorNote } from "./tool-errors.js";
import { identityDigest } from "./confirm-token.js";
import { confirmationGate, takeWriteControls, type CallConfirmation, type GateDecision } from "./write-confirmation.js";

/** What a front door knows about one call; everything transport-specific is already translated. */
export interface ToolCall {
  tool: AnyToolDefinition;
  /** The tool's name as this caller knows it (Asana_X over MCP, Asana.X for the Engine), for messages. */
  displayName: string;
  /**
   * Renders the other tools an error names (written `Asana_<Tool>`) as this caller knows them; MCP
   * leaves them as written. Applied by the error formatter before it shortens anything.
   */
  renameTools?: (text: string) => string;
  /** The arguments exactly as the caller sent them; validated here. */
  arguments: unknown;
  userId?: string;
  injectedToken?: string;
  signal: AbortSignal;
  reportProgress?: (update: ProgressUpdate) => Promise<void>;
  /** The caller shows content blocks beside the output (MCP); the worker and the CLI do not. */
  showsContent?: boolean;
  /** How this front door confirms writes (see write-confirmation.ts); without it, nothing is asked. */
  confirmation?: CallConfirmation;
}

export interface ToolRuntime {
  asana: AsanaClient;
  tokens: TokenResolver;
  /**
   * How long one call may spend on Asana, retries and waits included. Below the 60 s that MCP clients
   * commonly give a call, so the caller hears Asana's answer (a 429 and its delay) and not its own timeout.
   */
  callDeadlineMs?: number;
  /** In-flight calls, for a graceful shutdown; a draining server refuses new calls. */
  calls?: CallTracker;
  /** At debug level, one line per call: the tool, how long it took, and how it ended (never its arguments). */
  logger?: Logger;
  /** A read's answer budget when the call sets no max_bytes (about 8 KB unless set); "off" answers whole. */
  answerBytes?: number | "off";
  /** Where creates' idempotency keys keep their first answers (Redis for replicas); this process's memory without it. */
  idempotency?: IdempotencyLedger;
  /** What confirmation tokens are signed with (confirmTokenKey); a random key of this process without it. */
  confirmKey?: Uint8Array;
}

export const defaultCallDeadlineMs = 45_000;
/** A lost answer is looked for with a short deadline of its own, after the call's has run out. */
const reconcileDeadlineMs = 10_000;

/** What a front door gets back: the checked output, or one transport-neutral error report. */
export type ToolOutcome =
  | {
      ok: true;
      output: Record<string, unknown>;
      /** Files the tool shows beside the output (an image, a file's bytes, its text): for front doors that carry them. */
      content?: ToolContentBlock[];
      /**
       * Set when the write waits for a person's yes: the front door asks them `message` and passes
       * `token` back as the call's consent. `output` is then the preview, a valid answer by itself.
       */
      ask?: { message: string; token: string };
    }
  | {
      ok: false;
      error: ToolErrorReport;
      /** Asana may have carried out a write of this call that is not safe to repeat: a retry with its idempotency key gets this answer. */
      mayHaveWritten?: boolean;
    };

/**
 * Runs one tool call the same way for every front door: validate the input (before any token or
 * request), resolve the caller's token, run the handler, check the output against the tool's schema.
 * Never throws: every failure comes back described by the one error formatter.
 */
export async function invokeTool(runtime: ToolRuntime, call: ToolCall): Promise<ToolOutcome> {
  const done = runtime.calls ? runtime.calls.begin() : () => {};
  if (!done) {
    return {
      ok: false,
      error: {
        kind: "TOOL_RUNTIME_RETRY",
        canRetry: true,
        retryAfterMs: 5_000,
        message: `The server is shutting down and took no new calls; ${call.displayName} did nothing. Call it again in a few seconds (a restarted or another instance will take it).`,
      },
    };
  }
  const started = performance.now();
  try {
    const deadlineMs = runtime.callDeadlineMs ?? defaultCallDeadlineMs;
    const outcome = await runIdempotently(runtime, call, (plain) => runCall(runtime, plain), {
      deadlineMs,
      maxRunMs: deadlineMs + reconcileDeadlineMs + 60_000,
    });
    runtime.logger?.debug(`call ${call.displayName}`, {
      ms: Math.round(performance.now() - started),
      outcome: outcome.ok ? "ok" : outcome.error.kind,
      ...(!outcome.ok && outcome.error.statusCode !== undefined ? { asana_status: outcome.error.statusCode } : {}),
    });
    return outcome;
  } finally {
    done();
  }
}

async function runCall(runtime: ToolRuntime, call: ToolCall): Promise<ToolOutcome> {
  const { tool } = call;
  let input: unknown;
  let completedWrites: readonly CompletedWrite[] = [];
  try {
    const taken = takeWriteControls(tool, call.arguments);
    input = parseToolInput(tool, taken.args);
    const answer = startAnswer(tool, taken.args, input, {
      defaultBytes: runtime.answerBytes ?? answerByteLimits.default,
      ...(call.renameTools ? { renameTools: call.renameTools } : {}),
    });
    const tokenRequest: TokenRequest = {
      requirement: tool.auth,
      signal: call.signal,
      ...(call.userId !== undefined ? { userId: call.userId } : {}),
      ...(call.injectedToken !== undefined ? { injectedToken: call.injectedToken } : {}),
    };
    const token = await runtime.tokens.resolve(tokenRequest);
    // Asana may echo the token in an error; wherever it would reach a result or a log, it is blanked.
    holdSecret(token);
    // A cached token can be revoked or expire; the session then asks for a fresh one, once.
    const refreshToken = async (rejected: string) => {
      runtime.tokens.invalidate(tokenRequest, rejected);
      const fresh = await runtime.tokens.resolve(tokenRequest);
      holdSecret(fresh);
      return fresh;
    };
    let session: AsanaSession | undefined;
    // What this create makes carries a marker, so a lost answer finds exactly it (see CreateMarker).
    const marker = makesNewObjects(tool) ? CreateMarker.fresh(runtime.tokens.tokenKind === "oauth-app") : undefined;
    const content: ToolContentBlock[] = [];
    const addContent = call.showsContent ? (block: ToolContentBlock) => void content.push(block) : undefined;
    const runWithDeadline = async <T>(deadlineMs: number, work: (ctx: ToolContext) => Promise<T>): Promise<T> => {
      const deadline = withDeadline(call.signal, deadlineMs);
      try {
        session = runtime.asana.session({ token, signal: deadline.signal, refreshToken, deadline: deadline.at });
        return await work({
          asana: session,
          signal: deadline.signal,
          reportProgress: call.reportProgress ?? (async () => {}),
          ...(marker ? { createMarker: marker } : {}),
          ...(addContent ? { addContent } : {}),
        });
      } finally {
        deadline.dispose();
      }
    };
    const startedAt = Date.now();
    let madeMark = 0;
    let result: unknown;
    let gate = { proceed: true } as GateDecision;
    try {
      result = await runWithDeadline(runtime.callDeadlineMs ?? defaultCallDeadlineMs, async (ctx) => {
        madeMark = ctx.asana.madeMark;
        gate = await confirmationGate(
          {
            tool,
            input,
            controls: taken.controls,
            confirmation: call.confirmation,
            identity: identityDigest({ userId: call.userId, asanaToken: token }),
            displayName: call.displayName,
            key: runtime.confirmKey,
          },
          ctx,
        );
        // A read's handler gets its input without max_bytes, and a resumed page's cursor as Asana's own.
        return gate.proceed ? tool.handler(answer.input, ctx) : undefined;
      });
    } catch (error) {
      completedWrites = session?.completedWrites ?? [];
      const made = completedWrites;
      const reconcile = tool.reconcile;
      // An answer that was lost is looked for. A 5xx is an answer: "found something by name" would be a
      // guess about what it did, so it is looked for only when the create carried its marker, which
      // finds exactly what this call made, if anything.
      const lostAnswer = error instanceof AsanaNetworkError && mayHaveTakenEffect(error);
      const markedFailure = marker?.placed !== undefined && error instanceof AsanaApiError && mayHaveTakenEffect(error);
      if (!(lostAnswer || markedFailure) || !reconcile || call.signal.aborted) throw withMarkerNote(error, marker);
      const found = await runWithDeadline(reconcileDeadlineMs, (ctx) =>
        reconcile(input, {
          ...ctx,
          completedWrites: made,
          // Only what was made since this call began counts: read on Asana's clock, which stamps
          // created_at, and never what an earlier call of this process made.
          madeDuringCall: (object) => {
            const at = object.created_at ? Date.parse(object.created_at) : Number.NaN;
            return Number.isFinite(at) && at >= ctx.asana.asanaTimeOf(startedAt) && !ctx.asana.madeEarlier(object.gid, madeMark);
          },
          asanaSince: () => new Date(ctx.asana.asanaTimeOf(startedAt)).toISOString(),
        }),
      ).catch(() => undefined);
      if (found === undefined) throw withMarkerNote(error, marker);
      result = found;
    }
    if (!gate.proceed) return { ok: true, output: gate.output, ...(gate.ask ? { ask: gate.ask } : {}) };
    const checked = checkOutput(tool, result);
    const output = answer.finish(checked);
    return { ok: true, output: output === checked ? checked : checkOutput(tool, output), ...(content.length > 0 ? { content } : {}) };
  } catch (error) {
    return {
      ok: false,
      ...(completedWrites.length > 0 || mayHaveTakenEffect(error) || (error instanceof AsanaRequestAbortedError && error.method !== "GET")
        ? { mayHaveWritten: true }
        : {}),
      error: describeToolError(error, {
        toolName: call.displayName,
        ...(call.renameTools ? { renameTools: call.renameTools } : {}),
        hints: tool.errorHints ?? {},
        input,
        rejectedTokenAdvice: runtime.tokens.rejectedTokenAdvice,
        completedWrites,
      }),
    };
  }
}

/** An unknown outcome of a create that put its marker in the notes: the marker tells the object apart. */
function withMarkerNote(error: unknown, marker: CreateMarker | undefined): unknown {
  const note = mayHaveTakenEffect(error) ? unknownOutcomeNote(marker) : undefined;
  return note ? addErrorNote(error, note) : error;
}

function checkOutput(tool: AnyToolDefinition, result: unknown): Record<string, unknown> {
  const checked = (tool.output as z.ZodObject).safeParse(result);
  if (!checked.success) {
    // Our bug, not the caller's: say so plainly rather than hand the model a half-valid object.
    const first = checked.error.issues[0];
    throw new Error(`the tool produced output that does not match its own schema (at ${first?.path.join(".") || "top level"}: ${first?.message ?? "invalid"})`);
  }
  return checked.data as Record<string, unknown>;
}

/**
 * The caller's signal, plus an abort when the deadline passes (a TimeoutError, which the Asana client
 * reports as a timeout rather than a cancellation). One timer per call, cleared when the call ends, so
 * a busy server does not keep thousands of pending timers alive.
 */
function withDeadline(callerSignal: AbortSignal, ms: number): { signal: AbortSignal; at: number; dispose(): void } {
  const controller = new AbortController();
  const onCallerAbort = () => controller.abort(callerSignal.reason);
  if (callerSignal.aborted) onCallerAbort();
  else callerSignal.addEventListener("abort", onCallerAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new DOMException(`the call's deadline of ${ms} ms passed`, "TimeoutError")), ms);
  return {
    signal: controller.signal,
    at: Date.now() + ms,
    dispose() {
      clearTimeout(timer);
      callerSignal.removeEventListener("abort", onCallerAbort);
    },
  };
}
