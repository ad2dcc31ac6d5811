import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AsanaClient } from "../../src/asana/index.js";
import { PersonalAccessTokenResolver } from "../../src/auth/index.js";
import { AsanaStore, startAsanaEmulator, type RunningEmulator } from "../../src/sandbox/index.js";
import { answerByteLimits, invokeTool, mcpToolName, type AnyToolDefinition } from "../../src/toolkit/index.js";
import { asanaToolkit } from "../../tools/index.js";
import { followRest, missingFrom, restOf, type RestCall } from "../support/answer-follow-up.js";
import { seedTestWorld, testToken } from "../support/world.js";
import { recordWorstCaseChanges, seedWorstCase, type WorstCaseCalls } from "../support/worst-case-world.js";

/**
 * Every read answers within its byte budget, on each read's worst case (test/support/worst-case-world.ts):
 * - at the default budget, at the smallest max_bytes and at budgets fast-check picks, the JSON text of
 *   the answer is never larger than the budget;
 * - a cut answer says `truncated`, and following its `rest` calls (and theirs) brings back every id
 *   and every long text of the whole answer.
 * The read tools are the toolkit's read-only tools, so a new read is held to the budget without a line
 * here (its worst case goes in worst-case-world.ts, which the first test checks).
 */
const readTools = asanaToolkit.filter((tool) => tool.annotations.readOnlyHint);
const byMcpName = new Map(asanaToolkit.map((tool) => [mcpToolName(tool), tool]));

let emulator: RunningEmulator;
let asana: AsanaClient;
let calls: WorstCaseCalls;

beforeAll(async () => {
  const store = new AsanaStore();
  const world = seedTestWorld(store);
  calls = seedWorstCase(store, world);
  emulator = await startAsanaEmulator({ store, tokens: { [testToken]: world.me.gid } });
  calls.GetRecentChanges = { ...calls.GetRecentChanges, sync_token: await recordWorstCaseChanges(emulator.baseUrl, testToken, world, store) };
  asana = new AsanaClient({ baseUrl: emulator.baseUrl, maxRetries: 0 });
}, 120_000);

afterAll(async () => {
  await asana?.close();
  await emulator?.close();
});

const bytes = (answer: unknown) => Buffer.byteLength(JSON.stringify(answer));

async function read(tool: AnyToolDefinition, args: Record<string, unknown>, answerBytes: number | "off" = answerByteLimits.default) {
  const outcome = await invokeTool(
    { asana, tokens: new PersonalAccessTokenResolver(testToken), answerBytes },
    { tool, displayName: mcpToolName(tool), arguments: args, signal: new AbortController().signal },
  );
  if (!outcome.ok) throw new Error(`${tool.name} ${JSON.stringify(args).slice(0, 200)}: ${outcome.error.message}`);
  return outcome.output;
}

/** A rest call as a model makes it: by the MCP name the answer gives. */
async function readRest(call: RestCall) {
  const tool = byMcpName.get(call.tool);
  if (!tool) throw new Error(`a rest call names ${call.tool}, which is no tool`);
  expect(tool.annotations.readOnlyHint, `${call.tool} fetches the rest, so it must be a read`).toBe(true);
  const answer = await read(tool, call.arguments);
  const budget = typeof call.arguments.max_bytes === "number" ? call.arguments.max_bytes : answerByteLimits.default;
  expect(bytes(answer), `${call.tool} ${JSON.stringify(call.arguments).slice(0, 200)}`).toBeLessThanOrEqual(budget);
  return answer;
}

test("every read tool has a worst case to be measured on", () => {
  expect(readTools.length).toBeGreaterThan(30);
  expect(readTools.map((tool) => tool.name).filter((name) => !calls[name])).toEqual([]);
});

describe("every read's worst case, within its budget", () => {
  for (const tool of readTools) {
    test(`${tool.name}: fits the default and the smallest budget, and its rest calls bring back the whole answer`, async () => {
      const args = calls[tool.name]!;
      const whole = await read(tool, args, "off");
      expect(whole.truncated).toBeUndefined();

      const small = await read(tool, { ...args, max_bytes: answerByteLimits.min });
      expect(bytes(small)).toBeLessThanOrEqual(answerByteLimits.min);
      if (bytes(whole) > answerByteLimits.min) expect(small.truncated, "an answer that was cut says so").toBeDefined();

      const answer = await read(tool, args);
      expect(bytes(answer)).toBeLessThanOrEqual(answerByteLimits.default);
      if (bytes(whole) <= answerByteLimits.default) {
        expect(answer).toEqual(whole);
        return;
      }
      expect(answer.truncated).toMatchObject({ max_bytes: answerByteLimits.default });
      expect(restOf(answer).length, "a cut answer says how to fetch the rest").toBeGreaterThan(0);
      // The first answer is the call itself; the walk then makes each rest call once.
      const followed = await followRest({ tool: mcpToolName(tool), arguments: args }, readRest, 400);
      expect(followed.stoppedEarly).toBe(false);
      expect(missingFrom(whole, followed)).toEqual({ ids: [], texts: [] });
    }, 120_000);
  }
});

test("at any budget from the smallest to the largest, a read's worst case fits", async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...readTools), fc.integer({ min: answerByteLimits.min, max: answerByteLimits.max }), async (tool, budget) => {
      const answer = await read(tool, { ...calls[tool.name], max_bytes: budget });
      expect(bytes(answer)).toBeLessThanOrEqual(budget);
    }),
    { numRuns: 60 },
  );
}, 240_000);

test("max_bytes outside its range is refused before any request, naming the field and the range", async () => {
  const tool = readTools.find((candidate) => candidate.name === "GetTaskById")!;
  for (const max_bytes of [answerByteLimits.min - 1, answerByteLimits.max + 1, 4096.5, "lots"]) {
    const before = emulator.received;
    const outcome = await invokeTool(
      { asana, tokens: new PersonalAccessTokenResolver(testToken) },
      { tool, displayName: mcpToolName(tool), arguments: { ...calls.GetTaskById, max_bytes }, signal: new AbortController().signal },
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) continue;
    expect(outcome.error.message).toContain("`max_bytes`");
    expect(outcome.error.message).toContain(`from ${answerByteLimits.min} to ${answerByteLimits.max}`);
    expect(emulator.received).toBe(before);
  }
});

test("writes take no max_bytes and are never cut", () => {
  for (const tool of asanaToolkit.filter((candidate) => !candidate.annotations.readOnlyHint)) {
    expect(Object.keys(tool.input.shape), tool.name).not.toContain("max_bytes");
    expect(Object.keys(tool.output.shape), tool.name).not.toContain("truncated");
  }
});
