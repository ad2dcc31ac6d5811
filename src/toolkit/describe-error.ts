// The error types alone (not the client's entry), so a starting server does not load undici.
import { AsanaApiError, AsanaNetworkError, AsanaRequestAbortedError, mayHaveTakenEffect } from "../asana/errors.js";
import type { CompletedWrite } from "../asana/index.js";
import { redactSecrets } from "../log/index.js";
import { AuthorizationFailedError, AuthorizationRequiredError, MissingCredentialsError, TokenServiceUnavailableError } from "../auth/errors.js";
import type { AsanaErrorHint, AsanaErrorHints } from "./define-tool.js";
import { errorNotesOf, ToolExecutionError, ToolInputError, ToolInputErrors, ToolRetryableError } from "./tool-errors.js";

/** Arcade's error kinds (UPPERCASE, as the Engine and arcadejs spell them). */
export type ToolErrorKind =
  | "TOOL_RUNTIME_BAD_INPUT_VALUE"
  | "TOOL_RUNTIME_RETRY"
  | "TOOL_RUNTIME_FATAL"
  | "TOOL_RUNTIME_CONTEXT_REQUIRED"
  | "UPSTREAM_RUNTIME_BAD_REQUEST"
  | "UPSTREAM_RUNTIME_AUTH_ERROR"
  | "UPSTREAM_RUNTIME_NOT_FOUND"
  | "UPSTREAM_RUNTIME_RATE_LIMIT"
  | "UPSTREAM_RUNTIME_SERVER_ERROR"
  | "UPSTREAM_RUNTIME_UNMAPPED"
  | "NETWORK_TRANSPORT_RUNTIME_TIMEOUT"
  | "NETWORK_TRANSPORT_RUNTIME_UNREACHABLE"
  | "UNKNOWN";

/** Everything a front door needs to tell the caller about a failure, in one transport-neutral value. */
export interface ToolErrorReport {
  /** For the model: what went wrong, which input, what to do next. Never a stack trace or a token. */
  message: string;
  kind: ToolErrorKind;
  canRetry: boolean;
  retryAfterMs?: number;
  /** Extra context for a retry, e.g. the list of workspaces to choose from. */
  additionalPromptContent?: string;
  /** Asana's HTTP status when Asana answered; 400 for input refused before anything was sent (as Arcade's ToolInputError). */
  statusCode?: number;
  /** Set when the user must open a link to authorize Asana. */
  authorizationUrl?: string;
  /** Arcade's id for that authorization (a URL elicitation's id). */
  authorizationId?: string;
  /** For developers and logs (Arcade's developer_message): the error's type and its own text. */
  developerMessage?: string;
}

/** Upstream text goes to a model, so it is cut short: a long body is noise and a prompt-injection surface. */
const maxUpstreamText = 300;

function upstreamText(text: string): string {
  // Redacted before line breaks are folded: a credential split over two lines is still found whole.
  const oneLine = redactSecrets(text).replace(/\s+/g, " ").trim();
  return oneLine.length > maxUpstreamText ? `${oneLine.slice(0, maxUpstreamText - 3)}...` : oneLine;
}

/**
 * No error report grows past this, whatever the input: a model pays for every character, and a
 * message that echoes a 1 MB argument helps nobody.
 */
export const maxErrorMessageLength = 2000;

function capped(text: string): string {
  return text.length > maxErrorMessageLength ? `${text.slice(0, maxErrorMessageLength - 30)}... (message shortened)` : text;
}

function withHelp(error: AsanaApiError): string {
  const message = upstreamText(error.asanaMessage);
  return error.help ? `${message} (${upstreamText(error.help)})` : message;
}

/**
 * The one error formatter: every failure of every tool, from any front door, goes through here.
 */
export interface ErrorContext {
  toolName: string;
  // biome-ignore lint/suspicious/noExplicitAny: hints of any tool, called with that tool's own input.
  hints?: AsanaErrorHints<any>;
  /** The validated input, for hints that tailor their advice to it. */
  input?: unknown;
  /** From the token source: what a rejected token means there. */
  rejectedTokenAdvice?: string;
  /** Writes of this call that Asana carried out and that a second call would repeat (see AsanaSession). */
  completedWrites?: readonly CompletedWrite[];
  /** The caller's naming of the other tools a message names (see ToolCall.renameTools). */
  renameTools?: (text: string) => string;
}

export function describeToolError(error: unknown, context: ErrorContext): ToolErrorReport {
  const firstWrite = context.completedWrites?.[0];
  const report =
    firstWrite && !isToolOwnError(error) && !((error instanceof AsanaApiError || error instanceof AsanaNetworkError) && mayHaveTakenEffect(error))
      ? describeAfterWrite(error, context, firstWrite)
      : describeFailure(error, context);
  // Once a write is done, calling the tool again may repeat it: no failure after that says "retry".
  if (firstWrite) {
    report.canRetry = false;
    delete report.retryAfterMs;
  }
  const notes = errorNotesOf(error);
  if (notes.length > 0) report.message = `${report.message} ${notes.join(" ")}`;
  // Tool names first, while every name is whole; then, over the whole text, redaction (a tool's own
  // message can quote outside text too: a note, a hint, an id) and the size cap.
  const rename = context.renameTools ?? ((text: string) => text);
  report.message = capped(redactSecrets(rename(report.message)));
  if (report.additionalPromptContent) report.additionalPromptContent = capped(redactSecrets(rename(report.additionalPromptContent)));
  if (error instanceof Error && error.name !== "Error" && !report.developerMessage) {
    report.developerMessage = `${error.name}: ${upstreamText(rename(error.message))}`;
  }
  return report;
}

/** Errors a tool throws on purpose: their message already says what happened and what to do. */
function isToolOwnError(error: unknown): boolean {
  return error instanceof ToolInputErrors || error instanceof ToolInputError || error instanceof ToolRetryableError || error instanceof ToolExecutionError;
}

function describeFailure(error: unknown, context: ErrorContext): ToolErrorReport {
  return (error instanceof AsanaApiError || error instanceof AsanaNetworkError) && mayHaveTakenEffect(error)
    ? describeUnknownOutcome(error, context)
    : describe(error, context);
}

/**
 * A failure after the call's write was done: a job's poll, a read of what was made, a later step. The
 * model must hear what exists now, and never "retry": calling the tool again may make a second one.
 */
function describeAfterWrite(error: unknown, context: ErrorContext, write: CompletedWrite): ToolErrorReport {
  // The tool's status hints speak of its input ("no project has this id"); here a later request failed.
  const later = describeFailure(error, { ...context, hints: {} });
  const made = (write.data ?? {}) as { gid?: unknown; resource_type?: unknown; resource_subtype?: unknown; name?: unknown };
  const madeId = typeof made.gid === "string" ? made.gid : undefined;
  const kind = typeof made.resource_type === "string" ? made.resource_type.replace(/_/g, " ") : "object";
  const what = madeId
    ? `${kind} ${madeId}${typeof made.resource_subtype === "string" && kind === "job" ? ` (${made.resource_subtype})` : ""}${typeof made.name === "string" ? ` named "${upstreamText(made.name)}"` : ""}`
    : `what ${write.method} ${write.path} asked for`;
  const afterWrite = madeId ? context.hints?.afterWrite?.({ input: context.input as never, madeId }) : undefined;
  return {
    ...later,
    message:
      `${context.toolName} did its work, or part of it, before something else failed: Asana made ${what}, and it stays. ` +
      `${afterWrite ?? `Check what exists before calling ${context.toolName} again, or it may be made a second time.`} What failed afterwards: ${failureSummary(error)}.`,
  };
}

/** What went wrong, without advice: after a write, the usual advice ("retry later") would be wrong. */
function failureSummary(error: unknown): string {
  if (error instanceof AsanaApiError) return `Asana answered ${error.status} to ${error.method} ${error.path} (${withHelp(error)})`;
  if (error instanceof AsanaNetworkError) return `${error.method} ${error.path} got no answer from Asana (${error.code})`;
  if (error instanceof AsanaRequestAbortedError) return "the call was cancelled";
  return upstreamText(error instanceof Error ? error.message : String(error));
}

function describe(error: unknown, context: ErrorContext): ToolErrorReport {
  if (error instanceof ToolInputErrors || error instanceof ToolInputError) {
    const problems = error instanceof ToolInputErrors ? error.problems : [error];
    // Whole lines only, within the size cap: a model reads the first problems and fixes them first.
    const lines = [`Invalid input for ${context.toolName}; nothing was sent to Asana.`];
    let length = lines[0]!.length;
    for (const [index, problem] of problems.entries()) {
      const line = `- ${problem.message}`;
      if (length + line.length > maxErrorMessageLength - 80) {
        lines.push(`- (and ${problems.length - index} more problems with the input; fix these first)`);
        break;
      }
      lines.push(line);
      length += line.length + 1;
    }
    // arcade_core's ToolInputError: not retryable as sent (the same input fails again), status 400.
    return { kind: "TOOL_RUNTIME_BAD_INPUT_VALUE", canRetry: false, statusCode: 400, message: lines.join("\n") };
  }
  if (error instanceof ToolRetryableError) {
    return {
      kind: "TOOL_RUNTIME_RETRY",
      canRetry: true,
      message: error.message,
      ...(error.additionalPromptContent ? { additionalPromptContent: error.additionalPromptContent } : {}),
    };
  }
  if (error instanceof ToolExecutionError) {
    return { kind: "TOOL_RUNTIME_FATAL", canRetry: false, message: error.message };
  }
  if (error instanceof AuthorizationRequiredError) {
    return {
      kind: "TOOL_RUNTIME_CONTEXT_REQUIRED",
      canRetry: true,
      authorizationUrl: error.url,
      authorizationId: error.authorizationId,
      message:
        `Asana access has not been authorized yet. Show the user this link and ask them to open it and approve access: ${error.url}\n` +
        `After they approve, call ${context.toolName} again with the same arguments.`,
      additionalPromptContent: `Please show the following link to the end user formatted as markdown: [Authorize Asana](${error.url}). Retry the tool call after they confirm.`,
    };
  }
  if (error instanceof MissingCredentialsError || error instanceof AuthorizationFailedError) {
    return { kind: "TOOL_RUNTIME_CONTEXT_REQUIRED", canRetry: false, message: error.message };
  }
  if (error instanceof TokenServiceUnavailableError) {
    return { kind: "TOOL_RUNTIME_CONTEXT_REQUIRED", canRetry: true, message: error.message };
  }
  if (error instanceof AsanaApiError) return describeAsanaError(error, context);
  if (error instanceof AsanaNetworkError && error.code.startsWith("CALL_DEADLINE")) {
    return {
      kind: "NETWORK_TRANSPORT_RUNTIME_TIMEOUT",
      canRetry: true,
      message:
        "Asana did not finish this call in time (retries and waits included), so it was stopped before the client gave up on it. Retry once; if it happens again, ask for less (a smaller limit, fewer ids).",
    };
  }
  if (error instanceof AsanaNetworkError) {
    return error.timedOut
      ? {
          kind: "NETWORK_TRANSPORT_RUNTIME_TIMEOUT",
          canRetry: true,
          message: `Asana did not answer in time (${error.code}). Retry once; if it keeps timing out, ask for less (a smaller limit).`,
        }
      : {
          kind: "NETWORK_TRANSPORT_RUNTIME_UNREACHABLE",
          canRetry: true,
          message: `Could not reach Asana (${error.code}). Check the network or ASANA_BASE_URL, then retry.`,
        };
  }
  if (error instanceof AsanaRequestAbortedError) {
    // The caller gave up on this call; repeating it is their decision, not a retry the Engine should make.
    return { kind: "TOOL_RUNTIME_FATAL", canRetry: false, message: "The call was cancelled before Asana answered." };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: "UNKNOWN", canRetry: false, message: `${context.toolName} failed unexpectedly: ${upstreamText(detail)}` };
}

/**
 * A write that may have happened although no success came back (see mayHaveTakenEffect). Saying
 * "retry" here made duplicates, so the model is told to check first, and how.
 */
function describeUnknownOutcome(error: AsanaApiError | AsanaNetworkError, context: ErrorContext): ToolErrorReport {
  const what =
    error instanceof AsanaApiError
      ? `Asana answered with a server error (${error.status}${error.phrase ? `, reference "${upstreamText(error.phrase)}"` : ""})`
      : error.timedOut
        ? "Asana's answer did not arrive in time"
        : `the connection to Asana broke before its answer arrived (${error.code})`;
  const check = resolveHint(context.hints?.unknownOutcome, context, error instanceof AsanaApiError ? error.asanaMessage : "");
  return {
    kind: error instanceof AsanaApiError ? "UPSTREAM_RUNTIME_SERVER_ERROR" : "NETWORK_TRANSPORT_RUNTIME_TIMEOUT",
    canRetry: false,
    ...(error instanceof AsanaApiError ? { statusCode: error.status } : {}),
    message:
      `${context.toolName} may have taken effect: ${what}, after the request had reached Asana. It was not sent again. ` +
      `Check whether it happened before calling ${context.toolName} again, or a duplicate may be made.${check ? ` ${check}` : ""}`,
  };
}

function resolveHint(hint: AsanaErrorHint<unknown> | undefined, context: ErrorContext, asanaMessage: string): string | undefined {
  return typeof hint === "function" ? hint({ input: context.input, asanaMessage }) : hint;
}

/** A tool's advice for this status, if it has any for this input. */
function hintFor(error: AsanaApiError, context: ErrorContext): string | undefined {
  const hint: AsanaErrorHint<unknown> | undefined = context.hints?.[error.status as 400 | 402 | 403 | 404];
  return resolveHint(hint, context, error.asanaMessage);
}

function describeAsanaError(error: AsanaApiError, context: ErrorContext): ToolErrorReport {
  const status = error.status;
  const base = { statusCode: status };
  const asana = withHelp(error);
  const hint = hintFor(error, context);
  const rejectedTokenAdvice = context.rejectedTokenAdvice ?? "";
  // arcade_core's UpstreamError: can_retry only for 5xx and 429; any other 4xx fails the same way again.
  if (status === 400) {
    return {
      ...base,
      kind: "UPSTREAM_RUNTIME_BAD_REQUEST",
      canRetry: false,
      message: `Asana refused the request (400 Bad Request): ${asana}. ${hint ?? "Correct the input Asana names and retry."}`,
    };
  }
  if (status === 401) {
    return {
      ...base,
      kind: "UPSTREAM_RUNTIME_AUTH_ERROR",
      canRetry: false,
      message: `Asana did not accept the token (401 ${asana}).${rejectedTokenAdvice ? ` ${rejectedTokenAdvice}` : ""}`,
    };
  }
  if (status === 402) {
    return {
      ...base,
      kind: "UPSTREAM_RUNTIME_BAD_REQUEST",
      canRetry: false,
      message: `This needs a paid Asana plan (402 Payment Required): ${asana}. ${hint ?? "The workspace's plan does not include this feature."}`,
    };
  }
  if (status === 403) {
    return {
      ...base,
      kind: "UPSTREAM_RUNTIME_AUTH_ERROR",
      canRetry: false,
      message: `The Asana user has no access to this (403 Forbidden): ${asana}. ${hint ?? "Ask someone with access to share it, or use an object this user can see."}`,
    };
  }
  if (status === 404) {
    return {
      ...base,
      kind: "UPSTREAM_RUNTIME_NOT_FOUND",
      canRetry: false,
      message: `Not found in Asana (404): ${asana}. ${hint ?? "Check the id; it may be wrong, deleted, or in a workspace this user cannot see."}`,
    };
  }
  if (status === 429) {
    // Retry-After: 0 (or none) after our own retries ran out still means "not yet".
    const wait = Math.max(1, error.retryAfterSeconds ?? 30);
    return {
      ...base,
      kind: "UPSTREAM_RUNTIME_RATE_LIMIT",
      canRetry: true,
      retryAfterMs: wait * 1000,
      message: `Asana's rate limit was reached (429 Too Many Requests). Wait ${wait} s before calling Asana again.`,
    };
  }
  if (status >= 500) {
    const reference = error.phrase ? ` Asana's reference phrase: "${upstreamText(error.phrase)}".` : "";
    return {
      ...base,
      kind: "UPSTREAM_RUNTIME_SERVER_ERROR",
      canRetry: true,
      ...(error.retryAfterSeconds !== undefined ? { retryAfterMs: error.retryAfterSeconds * 1000 } : {}),
      message: `Asana had a server error (${status}): ${asana}.${reference} Retry later; if it keeps failing, Asana may be having an incident.`,
    };
  }
  return {
    ...base,
    kind: "UPSTREAM_RUNTIME_UNMAPPED",
    canRetry: false,
    message: `Asana answered ${status}: ${asana}.`,
  };
}
