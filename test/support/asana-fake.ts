import { afterEach, expect } from "vitest";
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
}

const contract = loadContractChecker();
const running = new Set<AsanaFake>();

/**
 * For tests whose point is a contract check: `test.skipIf(!contractChecks.on)(\`...${contractChecks.needs}\`)`
 * skips them visibly when Asana's document is absent. Every other test still runs, checked whenever
 * the document is there.
 */
export const contractChecks = { on: contract.available, needs: contract.available ? "" : " (skipped: needs Asana's OpenAPI document, see npm run spec:fetch)" };

/**
 * Every request that reaches the fake, in every test, is checked against Asana's OpenAPI document;
 * a violation fails the test that caused it. Tests that send malformed requests on purpose pass
 * `expectViolations: true` and assert on `violations` themselves.
 */
export async function startAsanaFake(options: EmulatorOptions & { expectViolations?: boolean } = {}): Promise<AsanaFake> {
  const store = options.store ?? new AsanaStore();
  const world = seedTestWorld(store);
  const violations: ContractViolation[] = [];
  const emulator = await startAsanaEmulator({
    ...options,
    store,
    tokens: { [testToken]: world.me.gid, ...(options.tokens ?? {}) },
    onExchange: (exchange) => {
      if (contract.available) violations.push(...contract.check(exchange));
      options.onExchange?.(exchange);
    },
  });
  const fake: AsanaFake = Object.assign(emulator, {
    world,
    token: testToken,
    violations,
    requestsTo: (method: string, path: string | RegExp) =>
      emulator.exchanges.filter((e) => e.method === method && (typeof path === "string" ? e.path === path : path.test(e.path))),
  });
  if (!options.expectViolations) running.add(fake);
  return fake;
}

afterEach(async () => {
  const fakes = [...running];
  running.clear();
  await Promise.all(fakes.map((fake) => fake.close()));
  for (const fake of fakes) {
    expect(fake.violations, `requests that break Asana's contract:\n${formatViolations(fake.violations)}`).toEqual([]);
  }
});
