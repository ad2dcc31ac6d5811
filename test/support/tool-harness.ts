import { AsanaClient } from "../../src/asana/index.js";
import { PersonalAccessTokenResolver, type TokenResolver } from "../../src/auth/index.js";
import { invokeTool, type AnyToolDefinition, type ToolOutcome } from "../../src/toolkit/index.js";
import type { AsanaFake } from "./asana-fake.js";

const clients: AsanaClient[] = [];

/** A client pointed at the fake, with short backoff so retry tests stay quick. */
export function clientFor(fake: { baseUrl: string }, options: { maxRetries?: number; timeoutMs?: number } = {}): AsanaClient {
  const client = new AsanaClient({ baseUrl: fake.baseUrl, retryBaseDelayMs: 5, maxRetryDelayMs: 2_000, ...options });
  clients.push(client);
  return client;
}

export async function closeClients(): Promise<void> {
  await Promise.all(clients.splice(0).map((client) => client.close()));
}

/** Calls a tool the way every front door does (input check, token, handler, output check). */
export async function callTool(
  fake: AsanaFake,
  tool: AnyToolDefinition,
  args: unknown,
  options: { tokens?: TokenResolver; signal?: AbortSignal } = {},
): Promise<ToolOutcome> {
  return invokeTool(
    { asana: clientFor(fake), tokens: options.tokens ?? new PersonalAccessTokenResolver(fake.token) },
    { tool, displayName: `Asana_${tool.name}`, arguments: args, signal: options.signal ?? new AbortController().signal },
  );
}

/** Unwraps a successful outcome, failing with the error text otherwise. */
export function outputOf(outcome: ToolOutcome): Record<string, unknown> {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.kind}: ${outcome.error.message}`);
  return outcome.output;
}

export function errorOf(outcome: ToolOutcome) {
  if (outcome.ok) throw new Error(`expected an error, got ${JSON.stringify(outcome.output)}`);
  return outcome.error;
}
