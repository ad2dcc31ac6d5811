import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Says once, before the run, whether Asana's OpenAPI document is there for the contract checks.
    globalSetup: ["test/support/global-setup.ts"],
    pool: "forks",
    // Files share their fork: a fresh process per file paid about a second of CPU each to load the toolkit,
    // the emulator, the contract checker and the client SDKs again (a sixth of the suite's CPU). What a
    // fresh process gave each file (hooks of shared modules, empty process-wide memories, the environment)
    // the setup file gives it instead.
    isolate: false,
    setupFiles: ["test/support/per-file-setup.ts"],
    // Vitest's default is one fork less than the cores, which on a 2-core machine is one fork for the whole
    // suite. Most end-to-end files wait on the servers, clients and installs they spawn, so two forks
    // overlap one file's waiting with another's work. Files share nothing that clashes: ports are
    // ephemeral, scratch folders are mkdtemp'd, the shared caches (the normalised OpenAPI document, the
    // Python clients' venv) are written under a temporary name and renamed into place, and the real clients'
    // cache is filled by one file only.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ["default"],
  },
});
