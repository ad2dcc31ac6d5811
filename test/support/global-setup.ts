import { existsSync } from "node:fs";
import { specPathCandidates } from "../contract/spec-document.js";

/**
 * Runs once per `vitest run`, before any test file: when Asana's OpenAPI document is absent, one line
 * says so and how to get it. The tests whose point is a contract check show up as skipped; the others
 * run without the per-request contract checks.
 */
export default function announceContractChecks(): void {
  const candidates = specPathCandidates();
  if (candidates.paths.some((path) => existsSync(path))) return;
  process.stderr.write(
    `\ncontract checks off: Asana's OpenAPI document was not found (looked in ${candidates.paths.join(", ")}). ` +
      "Tests that need it are skipped; run `npm run spec:fetch`, or set ASANA_OPENAPI_PATH.\n\n",
  );
}
