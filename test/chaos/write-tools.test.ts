import { afterAll, describe, expect, test, type TestContext } from "vitest";
import { AsanaStore, seededGids, type FaultSpec } from "../../src/sandbox/index.js";
import type { AnyToolDefinition } from "../../src/toolkit/index.js";
import { asanaToolkit } from "../../tools/index.js";
import { PersonalAccessTokenResolver } from "../../src/auth/index.js";
import type { AsanaFake } from "../support/asana-fake.js";
import { startOwnedAsanaFake } from "../support/owned-asana-fake.js";
import { callToolWithRawArguments, closeClients } from "../support/tool-harness.js";
import { type CanonicalCall, writeCalls } from "../support/canonical-calls.js";

/**
 * Every write tool against every kind of fault the network and Asana can produce around a write:
 * a 5xx before Asana does anything, the connection reset after Asana did the work, the answer held
 * past the client's timeout after the work, and a storm of 429s. Whatever happens:
 * - no write request reaches Asana twice (no duplicates);
 * - a write that may have happened is never answered with "retry" (canRetry false, "may have taken
 *   effect", and how to check), unless the tool found what it made and answers with it;
 * - a create that puts a marker on what it makes (ToolSpec.marks) finds it again after every lost
 *   answer, even when someone else made a look-alike of the same name meanwhile;
 * - "created" is never said of an object this call did not make;
 * - the share of lost answers the tools reconciled is printed, for the creates with a marker and without.
 *
 * The cases run side by side (each has its own fake and clients): most of a case is waiting, on the
 * client's timeout where the fault holds the answer, or on a job's first poll.
 */
afterAll(closeClients);

interface FaultCase {
  name: string;
  spec: Omit<FaultSpec, "path" | "method">;
  /** The answer never arrived: the request may or may not have been done. */
  lostAnswer: boolean;
  /** Asana did the work before the fault. */
  workDone: boolean;
  /** While the create is held, another person makes the same object (same name, same place). */
  lookAlike?: boolean;
}

const faults: FaultCase[] = [
  // Two 503s, then the real answer: a repeatable write gets through on its third attempt.
  { name: "5xx before the work", spec: { status: 503, times: 2, retryAfterSeconds: 0 }, lostAnswer: false, workDone: false },
  { name: "5xx after the work", spec: { status: 500, afterWork: "error" }, lostAnswer: false, workDone: true },
  { name: "reset after the work", spec: { afterWork: "reset" }, lostAnswer: true, workDone: true },
  // Held until the client's timeout closes the connection (the emulator then lets go at once).
  { name: "timeout after the work", spec: { afterWork: "hang", latencyMs: 10_000 }, lostAnswer: true, workDone: true },
  { name: "a 429 storm", spec: { status: 429, times: 2, retryAfterSeconds: 0 }, lostAnswer: false, workDone: false },
  // What a search by name cannot tell apart: a colleague's object of that name, made during the call.
  { name: "reset after the work, a look-alike made meanwhile", spec: { afterWork: "reset" }, lostAnswer: true, workDone: true, lookAlike: true },
];

const writeTools = asanaToolkit.filter((tool) => !tool.annotations.readOnlyHint);
const writeMethods = /^(POST|PUT|DELETE)$/;
type Tally = { lost: number; found: number };
const tally = { marked: { lost: 0, found: 0 } as Tally, unmarked: { lost: 0, found: 0 } as Tally, falseCreated: 0, notFound: [] as string[] };
const colleagueToken = "pat-of-a-colleague";

type Case = Pick<TestContext, "onTestFinished">;

/** A fake of this case alone, whose new objects get the same ids on every start, so two runs can be compared. */
const repeatableFake = (testCase: Case) => startOwnedAsanaFake(testCase, { store: new AsanaStore({ gids: seededGids(16) }) });

/** The id of what a create made: the first object in its output that has one. */
function madeIdOf(output: Record<string, unknown>): string | undefined {
  for (const value of Object.values(output)) {
    if (value && typeof value === "object" && typeof (value as { id?: unknown }).id === "string") return (value as { id: string }).id;
  }
  return undefined;
}

/** An output without its timestamps, which differ between two runs of the same call. */
function withoutTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimes);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !key.endsWith("_at"))
      .map(([key, item]) => [key, withoutTimes(item)]),
  );
}

async function callUnderFault(testCase: Case, tool: AnyToolDefinition, fault: FaultCase) {
  const fake: AsanaFake = await repeatableFake(testCase);
  const args = writeCalls[tool.name]!(fake.world, fake.store);
  // A create is made once beforehand, just as it will be asked for: an object of the same name, made in
  // the minutes before the call, that the call must never take for its own.
  const earlier = tool.annotations.idempotentHint ? undefined : await callToolWithRawArguments(fake, tool, args);
  const objectsBefore = fake.store.size;
  const arrivalsBefore = fake.arrivals.length;
  // The client's timeout is precise (its own timer): short where the fault holds the answer, so that case
  // waits no longer than it must, and generous elsewhere, so a busy machine never adds a timeout of its own.
  const timeoutMs = fault.spec.afterWork === "hang" ? 500 : 10_000;
  if (fault.lookAlike) {
    // The create is held on its way in; a colleague makes the same object meanwhile; then Asana does
    // the work and the answer is lost.
    fake.addToken(colleagueToken, fake.world.colleague.gid);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    fake.faults.inject({ method: "POST", path: /.*/, ...fault.spec, until: held, times: 1 });
    const call = callToolWithRawArguments(fake, tool, args, { client: { timeoutMs, maxRetries: 2 } });
    for (let turn = 0; turn < 1_000 && !fake.arrivals.slice(arrivalsBefore).some((a) => a.method === "POST"); turn++)
      await new Promise((r) => setTimeout(r, 10));
    // This call is held meanwhile, so what arrives until the look-alike is made is the colleague's.
    const from = fake.arrivals.length;
    const lookAlike = await callToolWithRawArguments(fake, tool, args, { tokens: new PersonalAccessTokenResolver(colleagueToken) }).finally(release);
    const colleagues = fake.arrivals.length - from;
    const outcome = await call;
    const arrived = fake.arrivals.slice(arrivalsBefore);
    const writes = arrived.filter((a, i) => writeMethods.test(a.method) && (i < from - arrivalsBefore || i >= from - arrivalsBefore + colleagues));
    return { fake, args, earlier, objectsBefore, outcome, writes, lookAlike };
  }
  // The fault hits the tool's first write, whatever path it takes; reads before it go through.
  for (const method of ["POST", "PUT", "DELETE"]) fake.faults.inject({ method, path: /.*/, ...fault.spec, times: fault.spec.times ?? 1 });
  const outcome = await callToolWithRawArguments(fake, tool, args, { client: { timeoutMs, maxRetries: 2 } });
  const writes = fake.arrivals.slice(arrivalsBefore).filter((a) => writeMethods.test(a.method));
  return { fake, args, earlier, objectsBefore, outcome, writes, lookAlike: undefined };
}

describe.concurrent("write tools under faults", () => {
  test("every write tool has a valid call for this test", () => {
    expect(writeTools.map((tool) => tool.name).filter((name) => !writeCalls[name])).toEqual([]);
  });

  for (const tool of writeTools) {
    for (const fault of faults) {
      const idempotent = tool.annotations.idempotentHint;
      if (fault.lookAlike && idempotent) continue;
      test.skipIf(!writeCalls[tool.name])(`${tool.name}: ${fault.name}`, async (testCase) => {
        const { fake, args, earlier, objectsBefore, outcome, writes, lookAlike } = await callUnderFault(testCase, tool, fault);
        const tallied = tool.marks ? tally.marked : tally.unmarked;
        // Ids this call must never claim as its own: what was made before it, and the colleague's look-alike.
        const notMine = [earlier, lookAlike].flatMap((other) => {
          if (!other?.ok) return [];
          const items = (other.output as { succeeded?: Array<{ task?: { id?: string } }> }).succeeded;
          return items ? items.map((item) => item.task?.id ?? "") : [madeIdOf(other.output) ?? ""];
        });
        const claims = (id: string | undefined) => {
          if (id !== undefined && (notMine.includes(id) || !fake.store.get(id))) tally.falseCreated += 1;
          expect(notMine, "an object this call did not make reported as created").not.toContain(id);
        };
        if (!outcome.ok) expect(outcome.error.message.length).toBeLessThanOrEqual(2000);

        if (!idempotent) {
          // No duplicates: a create reaches Asana once per distinct path, except after a 429, which
          // Asana refused without doing anything (it is waited out and sent again).
          const posts = writes.filter((w) => w.method === "POST");
          const repeated = posts.filter((w, i) => posts.findIndex((o) => o.path === w.path) !== i);
          if (fault.spec.status !== 429) expect(repeated, "a create sent twice").toEqual([]);
          if (fault.lostAnswer) tallied.lost += 1;
          // A tool that creates item by item answers for each item: a failed create is never reported made,
          // says it may exist, and what is reported made is this call's, never the earlier object.
          type ItemOutcomes = { succeeded?: Array<{ task?: { id?: string } }>; failed?: Array<{ error: string; may_exist?: boolean }> };
          const items = outcome.ok ? (outcome.output as ItemOutcomes) : undefined;
          if (items?.succeeded && items.failed) {
            // An item whose create failed is never reported made (one that did the work and carried its marker may be found).
            if (!fault.workDone && fault.spec.status !== 429) expect(items.failed.length, "an item whose create failed was reported made").toBeGreaterThan(0);
            if (fault.lostAnswer && items.failed.length === 0) tallied.found += 1;
            else if (fault.lostAnswer) tally.notFound.push(`${tool.name} (${fault.name})`);
            for (const item of items.succeeded) claims(item.task?.id);
            for (const failure of items.failed) {
              expect(failure.may_exist, failure.error).toBe(true);
              expect(failure.error).toMatch(/may have taken effect|was done before/);
            }
            if (fault.name === "5xx before the work") expect(fake.store.size).toBe(objectsBefore);
            return;
          }
          if (fault.lostAnswer && tool.marks) expect(outcome.ok, `a create that carried its marker (${tool.marks}) was not found`).toBe(true);
          if (outcome.ok) {
            // "Created" only with what this call made: never the object made before it began, nor the look-alike.
            expect(fault.workDone || fault.spec.status === 429, "a create that failed reported success").toBe(true);
            if (fault.lostAnswer) tallied.found += 1;
            claims(madeIdOf(outcome.output));
          } else {
            if (fault.lostAnswer) tally.notFound.push(`${tool.name} (${fault.name})`);
            // Whatever Asana did or did not do, the model hears that it may have happened and how to check.
            expect(outcome.error.canRetry, outcome.error.message).toBe(false);
            expect(outcome.error.message).toMatch(/may have taken effect|was done before/);
          }
          // A 5xx before the work: Asana made nothing, and the tool did not claim it did.
          if (fault.name === "5xx before the work") expect(fake.store.size).toBe(objectsBefore);
          return;
        }

        // Repeatable writes are sent again after a 5xx or a lost answer, and end as a clean call ends.
        expect(outcome.ok, outcome.ok ? "" : outcome.error.message).toBe(true);
        if (fault.name === "5xx before the work") expect(writes.length, "the write was not retried after a 5xx").toBeGreaterThan(1);
        const clean = await repeatableFake(testCase);
        const cleanOutcome = await callToolWithRawArguments(clean, tool, writeCalls[tool.name]!(clean.world, clean.store));
        expect(outcome.ok && cleanOutcome.ok && withoutTimes(outcome.output)).toEqual(cleanOutcome.ok && withoutTimes(cleanOutcome.output));
        expect(args).toBeDefined();
      });
    }
  }

  afterAll(() => {
    const rate = ({ lost, found }: Tally) => `${found} of ${lost} (${lost === 0 ? 0 : Math.round((100 * found) / lost)}%)`;
    const all = { lost: tally.marked.lost + tally.unmarked.lost, found: tally.marked.found + tally.unmarked.found };
    console.log(
      `lost answers to creates, answered "created" after finding what was made: ${rate(all)}; ` +
        `creates with a marker: ${rate(tally.marked)}; without one: ${rate(tally.unmarked)}; false "created": ${tally.falseCreated}`,
    );
    if (tally.notFound.length > 0) console.log(`not found: ${tally.notFound.join(", ")}`);
  });
});

describe.concurrent("a failure after the write was done never advises a retry", () => {
  const jobTools: Array<{ tool: string; args: CanonicalCall }> = [
    { tool: "DuplicateProject", args: (w) => ({ project_id: w.launch.gid, name: "Launch, again", wait_seconds: 5 }) },
    { tool: "DuplicateTask", args: (w) => ({ task_id: w.task.gid, name: "A copy", wait_seconds: 5 }) },
  ];
  for (const { tool: name, args } of jobTools) {
    for (const status of [500, 404]) {
      test(`${name}: the job poll answers ${status}`, async (testCase) => {
        const tool = asanaToolkit.find((t) => t.name === name)!;
        const fake = await repeatableFake(testCase);
        fake.faults.inject({ method: "GET", path: /^\/jobs\//, status, times: 20 });
        const outcome = await callToolWithRawArguments(fake, tool, args(fake.world, fake.store), { client: { maxRetries: 1 } });
        const jobId = fake.requestsTo("POST", /\/duplicate$/)[0]?.response.body as { data?: { gid?: string } };
        expect(outcome.ok).toBe(false);
        const error = outcome.ok ? undefined : outcome.error;
        expect(error?.canRetry, error?.message).toBe(false);
        expect(error?.message).not.toMatch(/retry later|No (project|task) has this id/i);
        expect(error?.message).toContain(`job ${jobId.data?.gid}`);
        expect(error?.message).toMatch(/Asana_GetJob/);
        expect(error?.message).toMatch(/again.*(second|another) copy|copy.*again/i);
      });
    }
  }

  test("CreateProject with sections: reading the new project's sections fails", async (testCase) => {
    const tool = asanaToolkit.find((t) => t.name === "CreateProject")!;
    const fake = await repeatableFake(testCase);
    fake.faults.inject({ method: "GET", path: /^\/projects\/\d+\/sections$/, status: 503, retryAfterSeconds: 0, times: 20 });
    const outcome = await callToolWithRawArguments(fake, tool, { name: "Chaos project", team_id: fake.world.team.gid, sections: ["To do", "Done"] });
    const made = fake.store.all("project", (p) => p.name === "Chaos project");
    expect(made).toHaveLength(1);
    expect(outcome.ok).toBe(false);
    const error = outcome.ok ? undefined : outcome.error;
    expect(error?.canRetry, error?.message).toBe(false);
    expect(error?.message).not.toMatch(/retry later/i);
    expect(error?.message).toContain(made[0]!.gid);
  });
});
