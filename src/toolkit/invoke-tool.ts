import type * as z from "zod";
import { AsanaApiError, type AsanaClient } from "../asana/index.js";
import type { TokenRequest, TokenResolver } from "../auth/index.js";
import type { AnyToolDefinition, ProgressUpdate } from "./define-tool.js";
import { describeToolError, type ToolErrorReport } from "./describe-error.js";
import { parseToolInput } from "./parse-input.js";

/** What a front door knows about one call; everything transport-specific is already translated. */
export interface ToolCall {
  tool: AnyToolDefinition;
  /** The arguments exactly as the caller sent them; validated here. */
  arguments: unknown;
  userId?: string;
  injectedToken?: string;
  signal: AbortSignal;
  reportProgress?: (update: ProgressUpdate) => Promise<void>;
}

export interface ToolRuntime {
  asana: AsanaClient;
  tokens: TokenResolver;
}

export type ToolOutcome =
  | { ok: true; output: Record<string, unknown> }
  | { ok: false; error: ToolErrorReport; cause: unknown };

/**
 * Runs one tool call the same way for every front door: validate the input (before any token or
 * request), resolve the caller's token, run the handler, check the output against the tool's schema.
 * Never throws: every failure comes back described by the one error formatter.
 */
export async function invokeTool(runtime: ToolRuntime, call: ToolCall): Promise<ToolOutcome> {
  const { tool } = call;
  try {
    const input = parseToolInput(tool, call.arguments);
    const tokenRequest: TokenRequest = {
      requirement: tool.auth,
      signal: call.signal,
      ...(call.userId !== undefined ? { userId: call.userId } : {}),
      ...(call.injectedToken !== undefined ? { injectedToken: call.injectedToken } : {}),
    };
    const output = await runWithToken(runtime, call, input, tokenRequest);
    return { ok: true, output };
  } catch (error) {
    return { ok: false, error: describeToolError(error, { toolName: `Asana_${tool.name}`, hints: tool.errorHints ?? {} }), cause: error };
  }
}

async function runWithToken(runtime: ToolRuntime, call: ToolCall, input: unknown, tokenRequest: TokenRequest): Promise<Record<string, unknown>> {
  const token = await runtime.tokens.resolve(tokenRequest);
  try {
    return await runHandler(runtime, call, input, token);
  } catch (error) {
    // A cached token can be revoked or expire; Asana then answers 401. Drop it and try once more
    // with a fresh one. A 401 means Asana did nothing with the request, so repeating it is safe.
    if (error instanceof AsanaApiError && error.status === 401 && runtime.tokens.invalidate(tokenRequest, token)) {
      const fresh = await runtime.tokens.resolve(tokenRequest);
      return await runHandler(runtime, call, input, fresh);
    }
    throw error;
  }
}

async function runHandler(runtime: ToolRuntime, call: ToolCall, input: unknown, token: string): Promise<Record<string, unknown>> {
  const { tool } = call;
  const result = await tool.handler(input, {
    asana: runtime.asana.session({ token, signal: call.signal }),
    signal: call.signal,
    reportProgress: call.reportProgress ?? (async () => {}),
  });
  const checked = (tool.output as z.ZodObject).safeParse(result);
  if (!checked.success) {
    // Our bug, not the caller's: say so plainly rather than hand the model a half-valid object.
    const first = checked.error.issues[0];
    throw new Error(`the tool produced output that does not match its own schema (at ${first?.path.join(".") || "top level"}: ${first?.message ?? "invalid"})`);
  }
  return checked.data as Record<string, unknown>;
}
