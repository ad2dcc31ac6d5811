import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { connectStdio, type Connected } from "../support/spawn-server.js";

/**
 * The build computes every tool's descriptor once and compiles it into dist/ (scripts/build.mjs), and
 * the built server lists those, never converting a schema at start-up. The snapshots are computed from
 * the tools at test time (test/mcp/tool-definitions.test.ts). If the two drift (an SDK or zod update
 * that changes the build's conversion, a stale dist/), a client would see other schemas than the ones
 * reviewed: this compares what the built server lists with the checked-in snapshots, one for one.
 */
const snapshotDir = fileURLToPath(new URL("../snapshots/tools/", import.meta.url));
let connection: Connected | undefined;
afterAll(async () => {
  await connection?.close();
});

describe("dist/ against the tool snapshots", () => {
  test("the built server lists exactly the snapshotted tools, each as its snapshot says", async () => {
    connection = await connectStdio({}, { args: ["--sandbox", "--toolsets", "all"] });
    const { tools } = await connection.client.listTools();
    const snapshots = readdirSync(snapshotDir).filter((file) => file.endsWith(".json"));
    expect(tools.map((tool) => `${tool.name}.json`).sort()).toEqual(snapshots.sort());
    // On 2025-11-25 the job tools also say they may run as a task (execution.taskSupport, a protocol
    // field, not the tool's descriptor: test/e2e/mcp-tasks.test.ts checks it); the rest is the descriptor.
    for (const { execution: _, ...tool } of tools) {
      expect(`${JSON.stringify(tool, null, 2)}\n`, `dist/ lists ${tool.name} otherwise than its snapshot: rebuild (npm run build), or review the drift`).toBe(
        readFileSync(`${snapshotDir}${tool.name}.json`, "utf8"),
      );
    }
  });
});
