import type * as z from "zod";
import { AsanaClient } from "../../src/asana/index.js";
import { PersonalAccessTokenResolver, type TokenResolver } from "../../src/auth/index.js";
import { invokeTool, type AnyToolDefinition, type ToolDefinition, type ToolErrorReport, type ToolOutcome } from "../../src/toolkit/index.js";
import type { AsanaFake } from "./asana-fake.js";

const clients: AsanaClient[] = [];

/** A client pointed at the fake, with short backoff so retry tests stay quick. */
export function clientFor(
  fake: { baseUrl: string },
  options: { maxRetries?: number; timeoutMs?: number; storage?: { maxBytes?: number; devOrigins?: string[] } } = {},
): AsanaClient {
  const client = new AsanaClient({ baseUrl: fake.baseUrl, retryBaseDelayMs: 5, maxRetryDelayMs: 2_000, ...options });
  clients.push(client);
  return client;
}

export async function closeClients(): Promise<void> {
  await Promise.all(clients.splice(0).map((client) => client.close()));
}

/** A tool's outcome, typed by its own output schema. */
export type TypedOutcome<Output extends z.ZodObject> = { ok: true; output: z.output<Output> } | { ok: false; error: ToolErrorReport };

interface CallOptions {
  tokens?: TokenResolver;
  signal?: AbortSignal;
  /** For fault tests: a shorter per-attempt timeout, or fewer retries. */
  client?: { timeoutMs?: number; maxRetries?: number };
  callDeadlineMs?: number;
}

/** Calls a tool the way every front door does (input check, token, handler, output check). */
export async function callTool<Input extends z.ZodObject, Output extends z.ZodObject>(
  fake: AsanaFake,
  tool: ToolDefinition<Input, Output>,
  args: z.input<Input>,
  options: CallOptions = {},
): Promise<TypedOutcome<Output>> {
  return (await callToolWithRawArguments(fake, tool, args, options)) as TypedOutcome<Output>;
}

/** For tests of input checking: arguments a model might send, whatever their type. */
export async function callToolWithRawArguments(fake: AsanaFake, tool: AnyToolDefinition, args: unknown, options: CallOptions = {}): Promise<ToolOutcome> {
  return invokeTool(
    {
      asana: clientFor(fake, options.client),
      tokens: options.tokens ?? new PersonalAccessTokenResolver(fake.token),
      ...(options.callDeadlineMs !== undefined ? { callDeadlineMs: options.callDeadlineMs } : {}),
    },
    { tool, displayName: `Asana_${tool.name}`, arguments: args, signal: options.signal ?? new AbortController().signal },
  );
}

/** Unwraps a successful outcome, failing with the error text otherwise. */
export function outputOf<Output>(outcome: { ok: true; output: Output } | { ok: false; error: ToolErrorReport }): Output {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.kind}: ${outcome.error.message}`);
  return outcome.output;
}

export function errorOf(outcome: { ok: true; output: unknown } | { ok: false; error: ToolErrorReport }): ToolErrorReport {
  if (outcome.ok) throw new Error(`expected an error, got ${JSON.stringify(outcome.output)}`);
  return outcome.error;
}
