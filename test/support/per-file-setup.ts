import { afterAll, afterEach, vi } from "vitest";
import { forgetProcessMemoryLedger } from "../../src/idempotency/index.js";
import { forgetHeldSecrets } from "../../src/log/index.js";
import { closeFakesAndCheckTheirRequests } from "./asana-fake.js";

/*
 * Runs in the fork before each test file is loaded (vitest.config.ts, setupFiles). Test files share forks
 * (isolate: false): modules stay loaded from one file to the next, so a hook a shared module registers at
 * its top level reaches only the first file that imports it, and what one file leaves in the process's
 * memory the next would read. This file gives every file what its own fresh process used to give it.
 */

// The process-wide memories of src/ that a test can fill: the credentials held for redaction and the
// idempotency keys of runtimes built without a ledger. A fresh process starts with both empty.
forgetHeldSecrets();
forgetProcessMemoryLedger();
// A file that switched to fake timers and failed before switching back would hand them to the next file.
vi.useRealTimers();

// Every fake startAsanaFake started is closed after each test, and the test fails if one of its requests
// broke Asana's contract or reached an endpoint the emulator lacks (test/support/asana-fake.ts).
afterEach(closeFakesAndCheckTheirRequests);

// Environment variables a file sets are put back as they were before it, for the files after it.
const environment = { ...process.env };
afterAll(() => {
  for (const name of Object.keys(process.env)) if (!(name in environment)) delete process.env[name];
  Object.assign(process.env, environment);
});
