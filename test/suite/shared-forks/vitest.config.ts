import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import suite from "../../../vitest.config.js";

/**
 * The suite's own settings (shared forks, the per-file setup), run on the two probe files alone in one fork,
 * so that one of them is certainly a second file in a fork that already loaded every shared module.
 * Used by test/suite/shared-forks.test.ts; the probes are not *.test.ts, so the suite never runs them itself.
 */
export default defineConfig({
  root: fileURLToPath(new URL("../../..", import.meta.url)),
  test: {
    ...suite.test,
    include: ["test/suite/shared-forks/*.probe.ts"],
    globalSetup: [],
    maxWorkers: 1,
    minWorkers: 1,
  },
});
