import { afterAll, afterEach, type TestContext } from "vitest";
import { type AsanaFake, type AsanaFakeOptions, expectRequestsWithinTheRules, requestsMatching } from "./asana-fake.js";
import { startOwnedAsanaFake } from "./owned-asana-fake.js";

/** A shared fake, and what the current test has sent it. */
export interface SharedAsanaFake {
  asana: AsanaFake;
  /** The requests that reached the fake since this test asked for it. */
  exchanges(): AsanaFake["exchanges"];
  requestsTo(method: string, path: string | RegExp): AsanaFake["exchanges"];
}

/**
 * Fakes shared by the tests of one file, one per key, for tests that share what they talk to it through
 * (a server process: a few tenths of a second of CPU to start, each). Call at the top of the file. After
 * each test the faults it left are cleared and the requests it caused are held to Asana's contract and to
 * the emulated endpoints, as startAsanaFake's are; the fakes are closed when the file ends.
 */
export function sharedAsanaFakes() {
  const beforeFakesClose: Array<() => Promise<void>> = [];
  const fakes = new Map<string, Promise<AsanaFake>>();
  const fakeCloses: Array<() => unknown> = [];
  const kept = new Map<string, Promise<unknown>>();
  // startOwnedAsanaFake's end (close the fake, then check its contract) uses no test context: run it when the file ends.
  const fileScope: Pick<TestContext, "onTestFinished"> = { onTestFinished: (end) => void fakeCloses.push(end as () => unknown) };
  afterEach(async () => {
    for (const started of fakes.values()) {
      const asana = await started;
      asana.faults.clear();
      expectRequestsWithinTheRules(asana.violations.splice(0), asana.notEmulated.splice(0), {});
    }
  });
  afterAll(async () => {
    // What talks to the fakes (servers) goes first.
    for (const end of beforeFakesClose.splice(0).reverse()) await end();
    kept.clear();
    for (const end of fakeCloses.splice(0).reverse()) await end();
  });
  return {
    /** The file's fake for `key`, started by the first test that asks (with that test's options). */
    async fake(key: string, options: AsanaFakeOptions = {}): Promise<SharedAsanaFake> {
      let started = fakes.get(key);
      if (!started) {
        started = startOwnedAsanaFake(fileScope, options);
        fakes.set(key, started);
      }
      const asana = await started;
      const seen = asana.exchanges.length;
      const exchanges = () => asana.exchanges.slice(seen);
      return {
        asana,
        exchanges,
        requestsTo: (method, path) => requestsMatching(exchanges(), method, path),
      };
    },
    /** Runs `end` when the file ends, before the fakes are closed. */
    atFileEnd(end: () => Promise<void>): void {
      beforeFakesClose.push(end);
    },
    /**
     * The file's one `start()` for `key` (a server, a stdio client and its process), started by the first
     * test that asks and ended by `end` when the file ends, before the fakes. Key it by everything that
     * configures it (env, args, client options): tests whose configurations differ don't share.
     */
    kept<T>(key: string, start: () => Promise<T>, end: (started: T) => Promise<void>): Promise<T> {
      let started = kept.get(key) as Promise<T> | undefined;
      if (!started) {
        const starting = start();
        started = starting;
        kept.set(key, starting);
        // One that failed to start has nothing to end; the test that asked for it failed already.
        beforeFakesClose.push(() => starting.then(end, () => undefined));
      }
      return started;
    },
  };
}
