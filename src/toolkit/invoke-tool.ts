import type * as z from "zod";
import type { AsanaClient } from "../asana/index.js";
import type { TokenRequest, TokenResolver } from "../auth/index.js";
import type { AnyToolDefinition, ProgressUpdate } from "./define-tool.js";
import { describeToolError, type ToolErrorReport } from "./describe-error.js";
import { parseToolInput } from "./parse-input.js";

/** What a front door knows about one call; everything transport-specific is already translated. */
export interface ToolCall {
  tool: AnyToolDefinition;
  /** The tool's name as this caller knows it (Asana_X over MCP, Asana.X for the Engine), for messages. */
  displayName: string;
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

/** What a front door gets back: the checked output, or one transport-neutral error report. */
export type ToolOutcome = { ok: true; output: Record<string, unknown> } | { ok: false; error: ToolErrorReport };

/**
 * Runs one tool call the same way for every front door: validate the input (before any token or
 * request), resolve the caller's token, run the handler, check the output against the tool's schema.
 * Never throws: every failure comes back described by the one error formatter.
 */
export async function invokeTool(runtime: ToolRuntime, call: ToolCall): Promise<ToolOutcome> {
  const { tool } = call;
  let input: unknown;
  try {
    input = parseToolInput(tool, call.arguments);
    const tokenRequest: TokenRequest = {
      requirement: tool.auth,
      signal: call.signal,
      ...(call.userId !== undefined ? { userId: call.userId } : {}),
      ...(call.injectedToken !== undefined ? { injectedToken: call.injectedToken } : {}),
    };
    const token = await runtime.tokens.resolve(tokenRequest);
    // A cached token can be revoked or expire; the session then asks for a fresh one, once.
    const refreshToken = async (rejected: string) => {
      runtime.tokens.invalidate(tokenRequest, rejected);
      return runtime.tokens.resolve(tokenRequest);
    };
    const result = await tool.handler(input, {
      asana: runtime.asana.session({ token, signal: call.signal, refreshToken }),
      signal: call.signal,
      reportProgress: call.reportProgress ?? (async () => {}),
    });
    return { ok: true, output: checkOutput(tool, result) };
  } catch (error) {
    return {
      ok: false,
      error: describeToolError(error, { toolName: call.displayName, hints: tool.errorHints ?? {}, input, rejectedTokenAdvice: runtime.tokens.rejectedTokenAdvice }),
    };
  }
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
