import { processMemoryLedger, type LedgerAnswer } from "../idempotency/index.js";
import { describeToolError, type ToolErrorReport } from "./describe-error.js";
import { argumentsFingerprint, idempotencyKeyName, makesNewObjects, takeIdempotencyKey } from "./idempotency-key.js";
import type { ToolCall, ToolOutcome, ToolRuntime } from "./invoke-tool.js";
import { parseToolInput } from "./parse-input.js";
import { ToolInputError, ToolInputErrors } from "./tool-errors.js";
import { takeWriteControls } from "./write-confirmation.js";

/**
 * A create called with an idempotency key runs once per key: the same identity calling the same tool
 * with the same key and arguments, within the ledger's window, gets the first call's answer; one that
 * comes while the first runs waits for it (and says so, as progress); the same key with other
 * arguments is refused. The ledger keeps only digests: of the identity (the verified user, else the
 * Asana token), the tool, the key and the arguments. Calls without a key, and other tools, just run.
 */
export async function runIdempotently(
  runtime: ToolRuntime,
  call: ToolCall,
  run: (call: ToolCall) => Promise<ToolOutcome>,
  limits: { deadlineMs: number; maxRunMs: number },
): Promise<ToolOutcome> {
  if (!makesNewObjects(call.tool)) return run(call);
  const taken = takeIdempotencyKey(call.arguments);
  const plain = { ...call, arguments: taken.args };
  if (taken.problem) return refusedInput(call, [taken.problem, ...otherInputProblems(call, taken.args)]);
  if (taken.key === undefined) return run(plain);

  // The arguments and the caller, as the call itself will take them; if either fails, the call says so
  // (nothing is sent to Asana, so there is nothing to remember).
  let fingerprint: string;
  let identity: string;
  try {
    const controlled = takeWriteControls(call.tool, taken.args);
    // A preview makes nothing, so it has nothing to answer twice: the key waits for the write itself.
    if (controlled.controls.dryRun) return run(plain);
    fingerprint = argumentsFingerprint(parseToolInput(call.tool, controlled.args));
    identity =
      call.userId !== undefined
        ? `user ${call.userId}`
        : `token ${await runtime.tokens.resolve({
            requirement: call.tool.auth,
            signal: call.signal,
            ...(call.injectedToken !== undefined ? { injectedToken: call.injectedToken } : {}),
          })}`;
  } catch {
    return run(plain);
  }

  const ledger = runtime.idempotency ?? processMemoryLedger();
  let answer: LedgerAnswer<ToolOutcome>;
  try {
    answer = await ledger.once(
      {
        identity,
        tool: call.tool.name,
        key: taken.key,
        fingerprint,
        // A call that waits for another gives up when its own deadline passes, like any call.
        signal: AbortSignal.any([call.signal, AbortSignal.timeout(limits.deadlineMs)]),
        maxRunMs: limits.maxRunMs,
        onWait: () => {
          call
            .reportProgress?.({ progress: 0, message: `Waiting for an earlier call with this ${idempotencyKeyName} to finish; its answer is this call's.` })
            .catch(() => {});
        },
      },
      async () => {
        const outcome = await run(plain);
        // A write that waits for a person's yes made nothing yet: its key stays free for the confirmed call.
        return { value: outcome, keep: outcome.ok ? outcome.ask === undefined : outcome.mayHaveWritten === true };
      },
    );
  } catch (error) {
    return failed({
      kind: "TOOL_RUNTIME_RETRY",
      canRetry: true,
      retryAfterMs: 5_000,
      message:
        `${call.displayName} did nothing: the store of ${idempotencyKeyName}s (${ledger.description}) could not be reached (${(error as Error).message}). ` +
        `Call it again with the same ${idempotencyKeyName} in a few seconds.`,
    });
  }
  switch (answer.kind) {
    case "ran":
      return answer.value;
    case "replayed":
      return answer.value.ok ? answer.value : replayedFailure(answer.value, answer.ageMs);
    case "conflict":
      return refusedInput(call, [
        new ToolInputError(
          idempotencyKeyName,
          `was used by an earlier ${call.displayName} call with different arguments`,
          `Use a new ${idempotencyKeyName} for a new create, or send the first call's arguments unchanged to get its answer.`,
        ),
      ]);
    case "busy":
      return failed({
        kind: "TOOL_RUNTIME_RETRY",
        canRetry: true,
        retryAfterMs: 5_000,
        message: `An earlier ${call.displayName} call with this ${idempotencyKeyName} is still running; this call did nothing. Call again with the same ${idempotencyKeyName} in a few seconds to get its answer.`,
      });
  }
}

function failed(error: ToolErrorReport): ToolOutcome {
  return { ok: false, error };
}

function refusedInput(call: ToolCall, problems: ToolInputError[]): ToolOutcome {
  return failed(
    describeToolError(new ToolInputErrors(problems), { toolName: call.displayName, ...(call.renameTools ? { renameTools: call.renameTools } : {}) }),
  );
}

/** The tool's own input problems, reported beside a bad key so one retry fixes all of them. */
function otherInputProblems(call: ToolCall, args: unknown): ToolInputError[] {
  try {
    parseToolInput(call.tool, takeWriteControls(call.tool, args).args);
    return [];
  } catch (error) {
    return error instanceof ToolInputErrors ? [...error.problems] : error instanceof ToolInputError ? [error] : [];
  }
}

/** The first call's failure, said to be that: a retry with the same key changes nothing. */
function replayedFailure(outcome: Extract<ToolOutcome, { ok: false }>, ageMs: number): ToolOutcome {
  const ago = ageMs < 90_000 ? `${Math.max(1, Math.round(ageMs / 1000))} s` : `${Math.round(ageMs / 60_000)} min`;
  return {
    ...outcome,
    error: {
      ...outcome.error,
      message: `This is the answer of the first call with this ${idempotencyKeyName}, ${ago} ago; nothing was sent to Asana again. ${outcome.error.message}`,
    },
  };
}
