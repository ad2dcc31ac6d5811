import { isDeepStrictEqual } from "node:util";
import { afterAll, describe, expect, test, type TestContext } from "vitest";
import { AsanaStore, seededGids, startAsanaEmulator, type RunningEmulator } from "../../src/sandbox/index.js";
import { describeTool, type AnyToolDefinition, type ToolOutcome } from "../../src/toolkit/index.js";
import { asanaToolkit } from "../../tools/index.js";
import { updateTask } from "../../tools/tasks/update-task.js";
import type { AsanaFake } from "../support/asana-fake.js";
import { canonicalCalls } from "../support/canonical-calls.js";
import { startOwnedAsanaFake } from "../support/owned-asana-fake.js";
import { callToolWithRawArguments, closeClients } from "../support/tool-harness.js";
import { seedTestWorld, testToken, type TestWorld } from "../support/world.js";

/**
 * Every tool's canonical call, sent again the ways real clients send arguments (issue 17), must have
 * the same effect on the emulator: the same requests to Asana, and the same result.
 * - nulls: null for every optional parameter left out, as OpenAI's strict mode (and the Agents SDK,
 *   CrewAI, NeMo, gpt-5-class models) sends;
 * - JSON text for each list or object (Claude Code, mcp-remote);
 * - one bare value for each one-item list;
 * - numbers as text, ids as numbers (the Inspector CLI, mcpc), booleans as "true"/"false";
 * - no arguments at all, for a tool that needs none (compared with `{}`).
 * The quirks are derived from each tool's published JSON Schema, not written per tool.
 * The cases run side by side, each on emulators of its own: a job tool's case waits for its job's first poll.
 */
afterAll(closeClients);
type Case = Pick<TestContext, "onTestFinished">;

type Args = Record<string, unknown>;
interface PropertySchema {
  type?: string;
  enum?: unknown[];
  items?: PropertySchema;
}
interface InputSchema {
  properties: Record<string, PropertySchema>;
  required?: string[];
}

const digits = /^\d+$/;
const asNumber = (value: unknown) => (typeof value === "string" && digits.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : undefined);

/** Each quirk rewrites the parameters it applies to; a quirk that applies to none is no case. */
const quirks: Array<{ name: string; derive(args: Args, schema: InputSchema): Args | undefined }> = [
  {
    name: "null for every optional parameter left out",
    derive: (args, schema) => {
      const required = new Set(schema.required ?? []);
      const left = Object.keys(schema.properties).filter((key) => !required.has(key) && !(key in args));
      return left.length === 0 ? undefined : { ...args, ...Object.fromEntries(left.map((key) => [key, null])) };
    },
  },
  {
    name: "lists and objects as JSON text",
    derive: (args, schema) =>
      rewrite(args, schema, (value, property) => (property.type === "array" || property.type === "object" ? JSON.stringify(value) : undefined)),
  },
  {
    name: "a bare value for a one-item list",
    derive: (args, schema) =>
      rewrite(args, schema, (value, property) => (property.type === "array" && Array.isArray(value) && value.length === 1 ? value[0] : undefined)),
  },
  {
    name: "numbers as text",
    derive: (args, schema) =>
      rewrite(args, schema, (value, property) =>
        (property.type === "integer" || property.type === "number") && typeof value === "number" ? String(value) : undefined,
      ),
  },
  {
    name: "ids as numbers",
    derive: (args, schema) =>
      rewrite(args, schema, (value, property) => {
        if (property.type === "string" && !property.enum) return asNumber(value);
        if (property.type !== "array" || property.items?.type !== "string" || property.items.enum || !Array.isArray(value)) return undefined;
        const numbers = value.map(asNumber);
        return numbers.every((number) => number !== undefined) ? numbers : undefined;
      }),
  },
  {
    name: '"true"/"false" for booleans',
    derive: (args, schema) =>
      rewrite(args, schema, (value, property) => (property.type === "boolean" && typeof value === "boolean" ? String(value) : undefined)),
  },
];

/** The arguments with each parameter `change` applies to changed; undefined when it applies to none. */
function rewrite(args: Args, schema: InputSchema, change: (value: unknown, property: PropertySchema) => unknown): Args | undefined {
  let changed = false;
  const out: Args = {};
  for (const [key, value] of Object.entries(args)) {
    const property = schema.properties[key];
    const next = property ? change(value, property) : undefined;
    if (next !== undefined) changed = true;
    out[key] = next === undefined ? value : next;
  }
  return changed ? out : undefined;
}

/** A world with the same ids and the same clock on every start, so two runs can be compared. */
const clock = () => new Date("2026-11-02T12:00:00.000Z");
const repeatableStore = () => new AsanaStore({ gids: seededGids(17), clock });
/**
 * On a clock that stands still a job never comes due, and a tool that waits for one (the template tools)
 * would wait out its wait_seconds every time: jobs finish on their first look instead, as they would
 * on Asana's own clock, and the job tools answer with what they made.
 */
const jobPolls = 1;
/** The canonical calls run on the fake that checks every request against Asana's OpenAPI document. */
const repeatableFake = (testCase: Case) => startOwnedAsanaFake(testCase, { store: repeatableStore(), jobPolls });

/**
 * The calls derived from them run on the bare emulator: their requests are asserted equal to the
 * canonical call's, which were checked, and checking each again would triple this file's time.
 */
async function repeatableEmulator(
  testCase: Case,
): Promise<{ baseUrl: string; token: string; world: TestWorld; store: AsanaStore; exchanges: RunningEmulator["exchanges"] }> {
  const store = repeatableStore();
  const world = seedTestWorld(store);
  const emulator = await startAsanaEmulator({ store, jobPolls, tokens: { [testToken]: world.me.gid } });
  testCase.onTestFinished(() => emulator.close());
  return { baseUrl: emulator.baseUrl, token: testToken, world, store, exchanges: emulator.exchanges };
}

interface Effect {
  outcome: ToolOutcome;
  /** What reached Asana, in order. */
  requests: Array<{ method: string; path: string; query: Record<string, string>; body: unknown }>;
}

type World = Pick<AsanaFake, "world" | "store">;

/** A create's marker differs on every call (see CreateMarker): two calls with the same effect differ only in it. */
function withoutMarkers(body: unknown): unknown {
  return JSON.parse(JSON.stringify(body ?? null).replace(/asana-mcp-[a-z2-7]{20}/g, "asana-mcp-marker")) as unknown;
}

async function effectOf(testCase: Case, tool: AnyToolDefinition, args: (fake: World) => unknown, checked = false): Promise<Effect> {
  const fake = checked ? await repeatableFake(testCase) : await repeatableEmulator(testCase);
  const outcome = await callToolWithRawArguments(fake as AsanaFake, tool, args(fake));
  return { outcome, requests: fake.exchanges.map(({ method, path, query, body }) => ({ method, path, query, body: withoutMarkers(body) })) };
}

const canonicalEffects = new Map<string, Promise<Effect>>();
/** Made by the first of the tool's cases to ask, on a fake that case owns; it has ended before that case does. */
function canonicalEffect(testCase: Case, tool: AnyToolDefinition): Promise<Effect> {
  let effect = canonicalEffects.get(tool.name);
  if (!effect) {
    effect = effectOf(testCase, tool, (fake) => canonicalCalls[tool.name]!(fake.world, fake.store), true);
    canonicalEffects.set(tool.name, effect);
  }
  return effect;
}

/** An outcome less what the emulator makes up at random on each start, as Asana does: sync tokens. */
function comparable(outcome: ToolOutcome): unknown {
  // A sync token and a signed download link are minted afresh for every answer.
  const minted: Record<string, string> = { sync_token: "(a sync token)", download_url: "(a signed link)" };
  return JSON.parse(JSON.stringify(outcome), (key, value) => (typeof value === "string" && minted[key] !== undefined ? minted[key] : value));
}

function expectSameEffect(actual: Effect, expected: Effect): void {
  expect(actual.requests).toEqual(expected.requests);
  expect(comparable(actual.outcome)).toEqual(comparable(expected.outcome));
}

// Which quirks apply is read off a world seeded the same way as each test's, before any test runs.
const planningStore = repeatableStore();
const planningWorld = seedTestWorld(planningStore);
const cases = asanaToolkit.flatMap((tool) => {
  const schema = describeTool(tool).inputSchema as unknown as InputSchema;
  const canonical = canonicalCalls[tool.name];
  if (!canonical) return [];
  const args = canonical(planningWorld, planningStore);
  const applicable = quirks.filter((quirk) => quirk.derive(args, schema) !== undefined);
  const noArguments = (schema.required ?? []).length === 0 ? ["no arguments"] : [];
  return [...applicable.map((quirk) => ({ tool, schema, quirk: quirk.name })), ...noArguments.map((quirk) => ({ tool, schema, quirk }))];
});

describe.concurrent("arguments as clients send them have the effect of the canonical call", () => {
  test("every tool has a canonical call", () => {
    expect(asanaToolkit.map((tool) => tool.name).filter((name) => !canonicalCalls[name])).toEqual([]);
  });

  for (const { tool, schema, quirk } of cases) {
    test(`${tool.name}: ${quirk}`, async (testCase) => {
      if (quirk === "no arguments") {
        // The test world has two workspaces, so most of these answer "pass workspace_id": the same answer.
        expectSameEffect(await effectOf(testCase, tool, () => undefined), await effectOf(testCase, tool, () => ({}), true));
        return;
      }
      const canonical = await canonicalEffect(testCase, tool);
      expect(canonical.outcome.ok, canonical.outcome.ok ? "" : `the canonical call failed: ${canonical.outcome.error.message}`).toBe(true);
      const derive = quirks.find((q) => q.name === quirk)!.derive;
      expectSameEffect(await effectOf(testCase, tool, (fake) => derive(canonicalCalls[tool.name]!(fake.world, fake.store), schema)), canonical);
    });
  }

  test("a strict-mode UpdateTask (a new name, every other parameter null) changes the name and nothing else", async (testCase) => {
    const fake = await repeatableFake(testCase);
    const { task } = fake.world;
    const before = structuredClone(fake.store.get(task.gid));
    const everyParameterNull = Object.fromEntries(Object.keys(updateTask.input.shape).map((key) => [key, null]));
    const outcome = await callToolWithRawArguments(fake, updateTask, { ...everyParameterNull, task_id: task.gid, name: "Renamed by a strict client" });
    expect(outcome.ok, outcome.ok ? "" : outcome.error.message).toBe(true);
    const after = fake.store.get(task.gid)!;
    const changed = Object.keys({ ...before, ...after }).filter((key) => !isDeepStrictEqual(before?.[key], after[key]));
    expect(changed.filter((key) => key !== "modified_at")).toEqual(["name"]);
    expect(fake.requestsTo("PUT", `/tasks/${task.gid}`).map((exchange) => exchange.body)).toEqual([{ data: { name: "Renamed by a strict client" } }]);
  });

  afterAll(() => {
    const tools = new Set(cases.map((c) => c.tool.name)).size;
    const perKind = [...quirks.map((q) => q.name), "no arguments"].map((name) => `${name} ${cases.filter((c) => c.quirk === name).length}`);
    console.log(`argument quirks: ${cases.length} tool × quirk cases over ${tools} tools (${perKind.join(", ")})`);
  });
});
