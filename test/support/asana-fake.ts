import { expect } from "vitest";
import { AsanaStore, startAsanaEmulator, type EmulatorOptions, type RecordedExchange, type RunningEmulator } from "../../src/sandbox/index.js";
import { formatViolations, loadContractChecker, type ContractViolation } from "../contract/index.js";
import { seedTestWorld, testToken, type TestWorld } from "./world.js";

export interface AsanaFake extends RunningEmulator {
  world: TestWorld;
  token: string;
  /** Requests the emulator answered, minus bookkeeping: what a test asserts on. */
  requestsTo(method: string, path: string | RegExp): RecordedExchange[];
  /** Contract violations seen so far (also asserted empty after each test). */
  violations: ContractViolation[];
  /** Requests the emulator answered 501 because it does not emulate the endpoint (also asserted empty after each test). */
  notEmulated: RecordedExchange[];
}

export interface AsanaFakeOptions extends EmulatorOptions {
  /** The test sends requests that break Asana's contract on purpose and asserts on `violations` itself. */
  expectViolations?: boolean;
  /** The test calls endpoints the emulator lacks on purpose and asserts on `notEmulated` itself. */
  expectNotEmulated?: boolean;
}

const contract = loadContractChecker();
const running = new Set<{ fake: AsanaFake; options: AsanaFakeOptions }>();

/**
 * For tests whose point is a contract check: `test.skipIf(!contractChecks.on)(\`...${contractChecks.needs}\`)`
 * skips them visibly when Asana's document is absent. Every other test still runs, checked whenever
 * the document is there.
 */
export const contractChecks = { on: contract.available, needs: contract.available ? "" : " (skipped: needs Asana's OpenAPI document, see npm run spec:fetch)" };

/**
 * The violations a test provoked on purpose, once its other assertions have run. Without Asana's
 * document there is no checker to provoke: the test stops here and is reported skipped, saying why.
 */
export function provokedViolations(fake: AsanaFake, skip: (condition: boolean, note?: string) => void): ContractViolation[] {
  skip(!contract.available, "the rest checks what Asana's OpenAPI document flags; it is absent (see npm run spec:fetch)");
  return fake.violations;
}

/**
 * Every request that reaches the fake, in every test, is checked against Asana's OpenAPI document;
 * a violation fails the test that caused it. So does a request the emulator answers 501 (an
 * endpoint it does not emulate): a test passing against a 501 would prove nothing about Asana.
 * Tests that do either on purpose say so with `expectViolations` / `expectNotEmulated`.
 */
export async function startAsanaFake(options: AsanaFakeOptions = {}): Promise<AsanaFake> {
  const store = options.store ?? new AsanaStore();
  const world = seedTestWorld(store);
  const violations: ContractViolation[] = [];
  const notEmulated: RecordedExchange[] = [];
  const emulator = await startAsanaEmulator({
    ...options,
    store,
    tokens: { [testToken]: world.me.gid, ...(options.tokens ?? {}) },
    onExchange: (exchange) => {
      if (contract.available) violations.push(...contract.check(exchange));
      if (exchange.response.status === 501) notEmulated.push(exchange);
      options.onExchange?.(exchange);
    },
  });
  const fake: AsanaFake = Object.assign(emulator, {
    world,
    token: testToken,
    violations,
    notEmulated,
    requestsTo: (method: string, path: string | RegExp) => requestsMatching(emulator.exchanges, method, path),
  });
  running.add({ fake, options });
  return fake;
}

/**
 * Closes every fake started since the last call, then fails the test that started one if any request broke
 * Asana's contract or reached an endpoint the emulator lacks. Registered after each test of every file by
 * test/support/per-file-setup.ts, not here: a file shares its fork with others (isolate: false), and a hook
 * registered at this module's top level would reach only the first file that imports it.
 */
export async function closeFakesAndCheckTheirRequests(): Promise<void> {
  const started = [...running];
  running.clear();
  await Promise.all(started.map(({ fake }) => fake.close()));
  for (const { fake, options } of started) expectRequestsWithinTheRules(fake.violations, fake.notEmulated, options);
}

/** The exchanges with this method whose path is `path`, or matches it. */
export function requestsMatching(exchanges: RecordedExchange[], method: string, path: string | RegExp): RecordedExchange[] {
  return exchanges.filter((e) => e.method === method && (typeof path === "string" ? e.path === path : path.test(e.path)));
}

/**
 * Fails the current test on a request that broke Asana's contract or reached an endpoint the emulator lacks,
 * unless the fake's options say the test provokes them on purpose. Every kind of fake ends with this.
 */
export function expectRequestsWithinTheRules(violations: ContractViolation[], notEmulated: RecordedExchange[], options: AsanaFakeOptions): void {
  // A path the emulator lacks is often missing from Asana's document too: saying it is not emulated says more.
  if (!options.expectNotEmulated) {
    const calls = notEmulated.map((e) => `${e.method} ${e.path}${e.batch ? ` (batch action ${e.batch.index})` : ""}`);
    expect(calls, "requests to endpoints the emulator does not emulate (answered 501)").toEqual([]);
  }
  if (!options.expectViolations) {
    expect(violations, `requests that break Asana's contract:\n${formatViolations(violations)}`).toEqual([]);
  }
}
