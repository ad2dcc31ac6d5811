import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, test } from "vitest";
import { contractChecks } from "../support/asana-fake.js";

/*
 * The suite's files share forks (vitest.config.ts, isolate: false). A check that a shared module once
 * registered at its top level reached only the first file of a fork; every later file lost it without a
 * sound. This runs the suite's own configuration on two probe files in one fork, each of which leaves a
 * contract violation and a request the emulator does not emulate for the per-file checks to catch, and
 * leaves state behind in the process for the other to find.
 */

const root = fileURLToPath(new URL("../..", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "asana-mcp-shared-forks-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface JsonReport {
  testResults: Array<{ name: string; assertionResults: Array<{ title: string; status: string; failureMessages: string[] }> }>;
}

async function runProbes(): Promise<{ report: JsonReport; log: string[] }> {
  const log = join(scratch, "files.log");
  const results = join(scratch, "results.json");
  writeFileSync(log, "");
  // The inner run sets its own VITEST_* variables (pool and worker ids); this fork's are not its own.
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !/^VITEST/.test(name)) env[name] = value;
  await new Promise<void>((resolve, reject) =>
    execFile(
      process.execPath,
      [
        join(root, "node_modules/vitest/vitest.mjs"),
        "run",
        "--config",
        "test/suite/shared-forks/vitest.config.ts",
        "--reporter=json",
        `--outputFile.json=${results}`,
      ],
      { cwd: root, env: { ...env, SHARED_FORKS_PROBE_LOG: log }, timeout: 80_000 },
      // The probes fail on purpose: the exit code says nothing here, the report says what failed and why.
      (error, _stdout, stderr) => (existsSync(results) ? resolve() : reject(new Error(`the probe run wrote no report (${error?.message}):\n${stderr}`))),
    ),
  );
  return { report: JSON.parse(readFileSync(results, "utf8")) as JsonReport, log: readFileSync(log, "utf8").trim().split("\n") };
}

// A whole vitest run of its own: start-up, one fork, two files (6 to 9 s on a busy 2-core machine).
test("a second test file in the same fork still has its requests checked after each test, and starts with a clean process", { timeout: 90_000 }, async () => {
  const { report, log } = await runProbes();
  const pids = log.map((line) => line.split(" ")[0]);
  expect(log, "both probe files ran, in one process").toHaveLength(2);
  expect(new Set(pids).size, "both probe files ran, in one process").toBe(1);

  expect(report.testResults).toHaveLength(2);
  for (const file of report.testResults) {
    const outcome = (start: string) => file.assertionResults.find((result) => result.title.startsWith(start))!;
    const violation = outcome("a request that breaks Asana's contract");
    if (contractChecks.on) {
      expect(violation.status, file.name).toBe("failed");
      expect(violation.failureMessages.join("\n"), file.name).toContain("requests that break Asana's contract");
      expect(violation.failureMessages.join("\n"), file.name).toContain("limit");
    }
    const notEmulated = outcome("a request to an endpoint the emulator lacks");
    expect(notEmulated.status, file.name).toBe("failed");
    expect(notEmulated.failureMessages.join("\n"), file.name).toContain("GET /shared_forks_probe");
    // The path breaks Asana's contract too; this is the emulator's own check, which runs without the document.
    expect(notEmulated.failureMessages.join("\n"), file.name).toContain("endpoints the emulator does not emulate");
    expect(outcome("nothing an earlier file left").status, `${file.name}: ${outcome("nothing an earlier file left").failureMessages.join("\n")}`).toBe(
      "passed",
    );
  }
});
