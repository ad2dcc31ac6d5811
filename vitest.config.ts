import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Says once, before the run, whether Asana's OpenAPI document is there for the contract checks.
    globalSetup: ["test/support/global-setup.ts"],
    // Each file gets its own process: fakes bind loopback ports and the contract checker caches per process.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ["default"],
  },
});
