import type { TestContext } from "vitest";
import { AsanaStore, startAsanaEmulator } from "../../src/sandbox/index.js";
import { loadContractChecker } from "../contract/index.js";
import { type AsanaFake, type AsanaFakeOptions, expectRequestsWithinTheRules, requestsMatching } from "./asana-fake.js";
import { seedTestWorld, testToken } from "./world.js";

const contract = loadContractChecker();

/**
 * A fake Asana that belongs to one test: closed when that test ends, and held to Asana's OpenAPI
 * document and to the emulated endpoints then, as startAsanaFake's fakes are. startAsanaFake's fakes are
 * all closed after each test, whichever test started them, so a test that runs beside others
 * (test.concurrent) would see its fake closed under it by a neighbour that finished first.
 */
export async function startOwnedAsanaFake(test: Pick<TestContext, "onTestFinished">, options: AsanaFakeOptions = {}): Promise<AsanaFake> {
  const store = options.store ?? new AsanaStore();
  const world = seedTestWorld(store);
  const fake = Object.assign(
    await startAsanaEmulator({
      ...options,
      store,
      tokens: { [testToken]: world.me.gid, ...(options.tokens ?? {}) },
      onExchange: (exchange) => {
        if (contract.available) fake.violations.push(...contract.check(exchange));
        if (exchange.response.status === 501) fake.notEmulated.push(exchange);
        options.onExchange?.(exchange);
      },
    }),
    { world, token: testToken, violations: [], notEmulated: [] } as Pick<AsanaFake, "world" | "token" | "violations" | "notEmulated">,
  );
  const owned: AsanaFake = Object.assign(fake, {
    requestsTo: (method: string, path: string | RegExp) => requestsMatching(fake.exchanges, method, path),
  });
  test.onTestFinished(async () => {
    await owned.close();
    expectRequestsWithinTheRules(owned.violations, owned.notEmulated, options);
  });
  return owned;
}
