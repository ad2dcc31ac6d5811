import { afterAll, beforeAll, describe, expect, type TestContext, test } from "vitest";
import { answerByteLimits } from "../../src/toolkit/index.js";
import { followRest, missingFrom, restOf, type RestCall } from "../support/answer-follow-up.js";
import type { AsanaFake } from "../support/asana-fake.js";
import { startOwnedAsanaFake } from "../support/owned-asana-fake.js";
import { connectStdio } from "../support/spawn-server.js";
import { connectV2Stdio } from "../support/v2-client.js";
import { recordWorstCaseChanges, seedWorstCase, type WorstCaseCalls } from "../support/worst-case-world.js";

/**
 * Bounded answers through the built server, as real clients see them, in both protocol eras: the v1
 * SDK's client (2025-11-25) and the v2 SDK's client pinned to 2026-07-28. On the worst cases the issue
 * names (a task with long notes and 100 subtasks, a page of 100 tasks with custom fields, 100 events
 * from GetRecentChanges), each answer's text stays within its budget, says `truncated`, and the calls
 * in its `rest`, made as a model would make them, bring back everything the whole answer held.
 */
interface CallResult {
  isError?: boolean;
  content?: unknown;
  structuredContent?: unknown;
}
type CallTool = (name: string, args: Record<string, unknown>) => Promise<CallResult>;

type Finished = TestContext["onTestFinished"];

const eras: Array<[string, (env: Record<string, string>, finished: Finished) => Promise<CallTool>]> = [
  [
    "2025-11-25 (v1 SDK client)",
    async (env, finished) => {
      const connection = await connectStdio(env, { args: ["--toolsets", "all"] });
      finished(() => connection.close());
      return (name, args) => connection.client.callTool({ name, arguments: args }) as Promise<CallResult>;
    },
  ],
  [
    "2026-07-28 (v2 SDK client)",
    async (env, finished) => {
      const connection = await connectV2Stdio(env, { args: ["--toolsets", "all"], negotiation: "2026-07-28" });
      finished(() => connection.close());
      expect(connection.client.getProtocolEra()).toBe("modern");
      return (name, args) => connection.client.callTool({ name, arguments: args }) as Promise<CallResult>;
    },
  ],
];

/**
 * The worst-case world, built once for both eras: they only read it, and growing it (and recording its
 * 120 changes) is the costly part. The fake belongs to the file: closed, and held to Asana's contract,
 * after both eras are done.
 */
let worstCase: { fake: AsanaFake; worst: WorstCaseCalls; syncToken: string };
const closeWorstCase: Array<() => unknown> = [];
beforeAll(async () => {
  const fake = await startOwnedAsanaFake({ onTestFinished: (close) => closeWorstCase.push(close as () => unknown) });
  const worst = seedWorstCase(fake.store, fake.world);
  worstCase = { fake, worst, syncToken: await recordWorstCaseChanges(fake.baseUrl, fake.token, fake.world, fake.store) };
}, 120_000);
afterAll(async () => {
  for (const close of closeWorstCase) await close();
});

const textOf = (result: CallResult) => ((result.content as Array<{ type: string; text?: string }>)[0]?.text ?? "") as string;

// Each era's calls wait on its own two servers, so the eras run side by side.
describe.concurrent.each(eras)("answers within a budget over %s", (_era, connect) => {
  test("worst-case reads are cut to their budget, and their rest calls fetch the rest", async ({ onTestFinished }) => {
    const { fake, worst, syncToken } = worstCase;
    const env = { ASANA_BASE_URL: fake.baseUrl, ASANA_ACCESS_TOKEN: fake.token };
    // The whole answers, for comparison, from a server whose operator turned the budget off.
    const [callTool, callWhole] = await Promise.all([connect(env, onTestFinished), connect({ ...env, ASANA_ANSWER_MAX_BYTES: "off" }, onTestFinished)]);

    /** One call as a model makes it: the text is the answer it reads, within the call's budget. */
    const read = async (call: RestCall) => {
      const result = await callTool(call.tool, call.arguments);
      expect(result.isError, textOf(result)).toBeFalsy();
      const text = textOf(result);
      const budget = typeof call.arguments.max_bytes === "number" ? call.arguments.max_bytes : answerByteLimits.default;
      expect(Buffer.byteLength(text), `${call.tool} ${JSON.stringify(call.arguments).slice(0, 200)}`).toBeLessThanOrEqual(budget);
      expect(JSON.parse(text)).toEqual(result.structuredContent);
      return result.structuredContent as Record<string, unknown>;
    };

    const cases: RestCall[] = [
      { tool: "Asana_GetTaskById", arguments: worst.GetTaskById! },
      { tool: "Asana_ListTasksInProject", arguments: worst.ListTasksInProject! },
      { tool: "Asana_GetRecentChanges", arguments: { ...worst.GetRecentChanges, sync_token: syncToken } },
    ];
    for (const first of cases) {
      const answer = await read(first);
      expect(answer.truncated, first.tool).toMatchObject({ max_bytes: answerByteLimits.default });
      expect(restOf(answer).length, first.tool).toBeGreaterThan(0);
      const wholeResult = await callWhole(first.tool, first.arguments);
      const whole = wholeResult.structuredContent as Record<string, unknown>;
      expect(whole.truncated, first.tool).toBeUndefined();
      expect(Buffer.byteLength(textOf(wholeResult)), first.tool).toBeGreaterThan(2 * answerByteLimits.default);
      const followed = await followRest(first, read, 200);
      expect(followed.stoppedEarly, first.tool).toBe(false);
      expect(missingFrom(whole, followed), first.tool).toEqual({ ids: [], texts: [] });
    }

    const refused = await callTool("Asana_GetTaskById", { ...worst.GetTaskById, max_bytes: 100 });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain("`max_bytes`");
    expect(textOf(refused)).toContain(`from ${answerByteLimits.min} to ${answerByteLimits.max}`);
  }, 180_000);
});
