import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { buildToolCatalog } from "../../src/mcp/index.js";
import { asanaToolkit } from "../../tools/index.js";

/**
 * Every tool's MCP definition (name, description, schemas, annotations, _meta) is checked in, so an
 * interface change shows up as a visible diff in review. Refresh with `npm run snapshots:update`.
 */
const snapshotPath = fileURLToPath(new URL("../snapshots/tool-definitions.json", import.meta.url));

describe("tool definitions", () => {
  const listing = buildToolCatalog(asanaToolkit).listing;
  const current = JSON.stringify(listing, null, 2) + "\n";

  test("match the checked-in snapshot", () => {
    if (process.env.UPDATE_TOOL_SNAPSHOTS === "1") writeFileSync(snapshotPath, current);
    expect(existsSync(snapshotPath), "test/snapshots/tool-definitions.json is missing: run npm run snapshots:update").toBe(true);
    const saved = readFileSync(snapshotPath, "utf8");
    expect(current, "a tool definition changed: review the diff, then run npm run snapshots:update").toBe(saved);
  });

  test("all 31 tools, with Claude-safe names, output schemas and every annotation", () => {
    expect(listing).toHaveLength(31);
    for (const tool of listing) {
      expect(tool.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
      expect(tool.outputSchema?.type).toBe("object");
      expect(Object.keys(tool.annotations ?? {}).sort()).toEqual(["destructiveHint", "idempotentHint", "openWorldHint", "readOnlyHint", "title"]);
      expect(tool.description!.length).toBeGreaterThan(60);
    }
    const destructive = listing.filter((t) => t.annotations?.destructiveHint).map((t) => t.name);
    expect(destructive).toEqual(["Asana_DeleteTask"]);
    const idempotentWrites = listing.filter((t) => !t.annotations?.readOnlyHint && t.annotations?.idempotentHint).map((t) => t.name).sort();
    expect(idempotentWrites).toEqual([
      "Asana_AddTagToTask",
      "Asana_AddTaskToProject",
      "Asana_DeleteTask",
      "Asana_MarkTaskAsCompleted",
      "Asana_MoveTaskToSection",
      "Asana_RemoveTagFromTask",
      "Asana_RemoveTaskFromProject",
      "Asana_SetTaskParent",
      "Asana_UpdateTask",
    ]);
  });
});
