import { appendFileSync } from "node:fs";
import { basename } from "node:path";
import { expect, test } from "vitest";
import { holdSecret, redactSecrets } from "../../../src/log/index.js";
import { contractChecks, startAsanaFake } from "../../support/asana-fake.js";

/**
 * The tests of each probe file. Both probe files register the same ones; whichever runs second in the fork is
 * the one the probe is about. This module is loaded once per fork (isolate: false), so it registers nothing by
 * itself: each file calls it.
 */
export function probeTests(fileUrl: string): void {
  appendFileSync(process.env.SHARED_FORKS_PROBE_LOG!, `${process.pid} ${basename(fileUrl)}\n`);

  test.skipIf(!contractChecks.on)(`a request that breaks Asana's contract, left for the per-file check to catch${contractChecks.needs}`, async () => {
    const fake = await startAsanaFake();
    expect((await fetch(`${fake.baseUrl}/workspaces?limit=0`, { headers: { authorization: `Bearer ${fake.token}` } })).status).toBe(400);
  });

  test("a request to an endpoint the emulator lacks, left for the per-file check to catch", async () => {
    const fake = await startAsanaFake();
    expect((await fetch(`${fake.baseUrl}/shared_forks_probe`, { headers: { authorization: `Bearer ${fake.token}` } })).status).toBe(501);
  });

  test("nothing an earlier file left in the process's memory or environment is there", () => {
    expect(process.env.SHARED_FORKS_PROBE_LEFT).toBeUndefined();
    expect(redactSecrets("left by an earlier file: probe-held-secret")).toBe("left by an earlier file: probe-held-secret");
    process.env.SHARED_FORKS_PROBE_LEFT = "1";
    holdSecret("probe-held-secret");
    expect(redactSecrets("probe-held-secret")).not.toContain("probe-held-secret");
  });
}
