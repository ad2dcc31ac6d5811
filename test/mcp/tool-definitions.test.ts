import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { buildToolCatalog } from "../../src/mcp/index.js";
import { describeTool } from "../../src/toolkit/index.js";
import { asanaToolkit } from "../../tools/index.js";

/**
 * Every tool's MCP definition (name, description, schemas, annotations, _meta) is checked in, one file
 * per tool, so an interface change shows up in review as a diff of the tool that changed. Refresh with
 * `npm run snapshots:update`.
 */
const snapshotDir = fileURLToPath(new URL("../snapshots/tools/", import.meta.url));
const updating = process.env.UPDATE_TOOL_SNAPSHOTS === "1";
const listing = buildToolCatalog(asanaToolkit.map(describeTool)).listing;

describe("tool definitions", () => {
  test("each matches its checked-in snapshot, and no snapshot is left over from a removed tool", () => {
    if (updating) {
      rmSync(snapshotDir, { recursive: true, force: true });
      mkdirSync(snapshotDir, { recursive: true });
      for (const tool of listing) writeFileSync(`${snapshotDir}${tool.name}.json`, `${JSON.stringify(tool, null, 2)}\n`);
    }
    for (const tool of listing) {
      const path = `${snapshotDir}${tool.name}.json`;
      expect(existsSync(path), `test/snapshots/tools/${tool.name}.json is missing: run npm run snapshots:update`).toBe(true);
      expect(`${JSON.stringify(tool, null, 2)}\n`, `${tool.name} changed: review the diff, then run npm run snapshots:update`).toBe(readFileSync(path, "utf8"));
    }
    const expected = new Set(listing.map((tool) => `${tool.name}.json`));
    expect(
      readdirSync(snapshotDir).filter((file) => !expected.has(file)),
      "snapshots of tools that no longer exist",
    ).toEqual([]);
  });

  test("have Claude-safe names, an output schema, every annotation and a description", () => {
    expect(listing).toHaveLength(asanaToolkit.length);
    for (const tool of listing) {
      expect(tool.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
      expect(tool.outputSchema?.type).toBe("object");
      expect(Object.keys(tool.annotations ?? {}).sort()).toEqual(["destructiveHint", "idempotentHint", "openWorldHint", "readOnlyHint", "title"]);
      expect(tool.description!.length, tool.name).toBeGreaterThan(30);
    }
  });

  test("a tool that deletes says so, and every Get or List tool only reads", () => {
    for (const tool of asanaToolkit) {
      if (tool.name.startsWith("Delete")) expect(tool.annotations.destructiveHint, tool.name).toBe(true);
      if (/^(Get|List)/.test(tool.name)) expect(tool.annotations.readOnlyHint, tool.name).toBe(true);
    }
  });
});
