import { afterEach, describe, expect, test } from "vitest";
import { isWriteTool } from "../../src/toolkit/index.js";
import { asanaToolkit } from "../../tools/index.js";
import { startAsanaFake } from "../support/asana-fake.js";
import { writeCalls } from "../support/canonical-calls.js";
import { callToolWithRawArguments, closeClients } from "../support/tool-harness.js";

afterEach(closeClients);

const writeTools = asanaToolkit.filter(isWriteTool);

/** What a destructive preview must say: what goes, by name, and what it takes with it. */
const expectedPreviews: Record<string, RegExp> = {
  DeleteTask: /^Delete task "Collect numbers" \(no subtasks, no comments; restorable from the trash for 30 days\)$/,
  DeleteProject: /^Delete project "Website Redesign" with its sections \(no tasks; those also in other projects stay there\)$/,
  DeleteSection: /^Delete section "Empty" of project "Q4 Launch"$/,
  DeleteAttachment: /^Delete attachment ".+" from "Prepare the quarterly report" for good$/,
  DeleteStatusUpdate: /^Delete status update ".+" \(.+\) of "Q4 Launch"$/,
  DeleteTimeTrackingEntry: /^Delete \d+ minutes logged by Ada Lovelace on \d{4}-\d\d-\d\d for task "Prepare the quarterly report"$/,
  DeleteComment: /^Delete comment ".+" by Ada Lovelace on "Prepare the quarterly report" for good$/,
  DeletePortfolio: /^Delete portfolio "Launches" \(it holds 2 items; they stay\)$/,
  DeleteTag: /^Delete tag "blocked" \(it comes off (no tasks|\d+ tasks?); the tasks stay\)$/,
  RemoveProjectMembers: /^Remove "Ada Lovelace" from project "Q4 Launch" \(2 members now\)$/,
};

describe("dry_run on every write tool", () => {
  test("every write tool has a canonical call to preview", () => {
    expect(writeTools.map((tool) => tool.name).filter((name) => !writeCalls[name])).toEqual([]);
  });

  test.each(writeTools.map((tool) => [tool.name, tool] as const))("%s: dry_run answers a preview and a token, and writes nothing", async (name, tool) => {
    const fake = await startAsanaFake();
    const args = writeCalls[name]!(fake.world, fake.store);
    const before = fake.exchanges.length;
    const outcome = await callToolWithRawArguments(fake, tool, { ...args, dry_run: true });
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.output).toEqual({
      status: { success: false, message: expect.stringContaining("Not written, only previewed") },
      preview: expect.any(String),
      confirm_token: expect.stringMatching(/^ct1\./),
    });
    // Reads only: GETs, and Asana's batch endpoint carrying GETs.
    const writes = fake.exchanges.slice(before).filter((e) => e.method !== "GET" && e.path !== "/batch");
    expect(writes.map((e) => `${e.method} ${e.path}`)).toEqual([]);
    const expected = expectedPreviews[name];
    if (expected) expect(outcome.output.preview).toMatch(expected);
  });
});
