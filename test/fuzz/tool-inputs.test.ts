import fc from "fast-check";
import type * as z from "zod";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AsanaClient } from "../../src/asana/index.js";
import { PersonalAccessTokenResolver } from "../../src/auth/index.js";
import { startAsanaEmulator, AsanaStore, type RunningEmulator } from "../../src/sandbox/index.js";
import { invokeTool, parseToolInput, type AnyToolDefinition } from "../../src/toolkit/index.js";
import { asanaToolkit } from "../../tools/index.js";
import { seedTestWorld, testToken } from "../support/world.js";

/**
 * Property-based fuzzing of every tool's input: whatever a model (or an attacker) sends,
 * - the call never throws or crashes: it comes back as a result or an error report;
 * - input that the tool refuses (its own schema, after taking client quirks such as nulls for what was
 *   left out or numbers as text for what they mean) sends no request to Asana;
 * - the error names the field it is about;
 * - no error grows past 2 KB, however large the input.
 * One emulator serves the whole file; only valid inputs reach it, and its store changes do not matter here.
 */
let emulator: RunningEmulator;
let asana: AsanaClient;

beforeAll(async () => {
  const store = new AsanaStore();
  const world = seedTestWorld(store);
  emulator = await startAsanaEmulator({ store, tokens: { [testToken]: world.me.gid } });
  asana = new AsanaClient({ baseUrl: emulator.baseUrl, maxRetries: 0, timeoutMs: 2_000 });
});

afterAll(async () => {
  await asana.close();
  await emulator.close();
});

/**
 * Strings that break naive code: huge, empty, whitespace, unicode, look-alikes of ids and dates. "Huge" goes
 * to 300,000 characters: past every text bound a tool has (the longest, a tag's name, is 100,000) and far
 * past the 2 KB an error may take. No bound lies between that and the 2,000,000 it once went to (an
 * upload's 10 MB is out of reach of both), which cost three times this file's CPU.
 */
const nastyString = fc.oneof(
  fc.string(),
  fc.constantFrom("", " ", "me", "0", "123abc", "2026-02-30", "../../etc/passwd", "<body><script/></body>", "null", "\u0000", "🙂".repeat(3)),
  fc.nat({ max: 300_000 }).map((n) => "x".repeat(n)),
  fc.string({ unit: "grapheme", maxLength: 50 }),
);
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nastyString, { maxLength: 25 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(nastyString, fc.integer()), { maxKeys: 3 }),
);

/** Arguments shaped like the tool's parameters (each present or not, with any value), plus unknown keys sometimes. */
function argumentsFor(tool: AnyToolDefinition): fc.Arbitrary<unknown> {
  const keys = Object.keys((tool.input as z.ZodObject).shape);
  const known = fc.record(Object.fromEntries(keys.map((key) => [key, nastyValue])), { requiredKeys: [] });
  return fc.oneof(
    { weight: 8, arbitrary: known },
    {
      weight: 1,
      arbitrary: fc.tuple(known, fc.string({ minLength: 1, maxLength: 10 }), nastyValue).map(([args, key, value]) => ({ ...args, [`x_${key}`]: value })),
    },
    { weight: 1, arbitrary: fc.oneof(fc.constant(null), fc.constant([]), nastyString, fc.integer()) },
  );
}

/** Whether the one input check every front door runs takes these arguments. */
function accepts(tool: AnyToolDefinition, args: unknown): boolean {
  try {
    parseToolInput(tool, args);
    return true;
  } catch {
    return false;
  }
}

describe("every tool's input, fuzzed", () => {
  for (const tool of asanaToolkit) {
    test(`${tool.name}: no crash, no request for invalid input, errors name the field and stay under 2 KB`, async () => {
      await fc.assert(
        fc.asyncProperty(argumentsFor(tool), async (args) => {
          const valid = accepts(tool, args);
          const before = emulator.received;
          const outcome = await invokeTool(
            { asana, tokens: new PersonalAccessTokenResolver(testToken) },
            { tool, displayName: `Asana_${tool.name}`, arguments: args, signal: new AbortController().signal },
          );
          if (outcome.ok) {
            expect(valid).toBe(true);
            return;
          }
          expect(outcome.error.message.length).toBeLessThanOrEqual(2048);
          if (!valid) {
            expect(emulator.received, "a request was sent for input the schema refuses").toBe(before);
            expect(outcome.error.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
            // Every problem line names its field in backticks (or "(arguments)" when the whole value is wrong).
            const problems = outcome.error.message.split("\n").slice(1);
            expect(problems.length).toBeGreaterThan(0);
            for (const line of problems) expect(line).toMatch(/^- (`[^`]+`: |\(and \d+ more problems)/);
          }
        }),
        { numRuns: 30 },
      );
    });
  }
});
