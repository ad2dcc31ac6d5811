import { afterEach, describe, expect, test } from "vitest";
import type { StoredObject } from "../../../src/sandbox/index.js";
import { updateTimeTrackingEntry } from "../../../tools/time/update-time-tracking-entry.js";
import { startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { insertFreeChore } from "../../support/world.js";

afterEach(closeClients);

function entry(fake: AsanaFake, task: StoredObject = fake.world.task): StoredObject {
  const logged = fake.store.insert({
    resource_type: "time_tracking_entry",
    task: task.gid,
    created_by: fake.world.me.gid,
    created_at: "2026-11-02T09:00:00.000Z",
    entered_on: "2026-11-02",
    duration_minutes: 30,
    approval_status: "DRAFT",
    billable_status: "notApplicable",
    description: "Numbers",
    categories: [],
  });
  task.actual_time_minutes = 30;
  return logged;
}

describe("UpdateTimeTrackingEntry", () => {
  test("corrects the minutes, day and billable status; the task's total follows", async () => {
    const fake = await startAsanaFake();
    const { task, me, launch } = fake.world;
    const logged = entry(fake);
    const output = outputOf(
      await callTool(fake, updateTimeTrackingEntry, { time_tracking_entry_id: logged.gid, minutes: 75, entered_on: "2026-11-03", billable_status: "billable" }),
    );
    expect(output).toEqual({
      status: { success: true, message: `time tracking entry ${logged.gid} updated` },
      entry: {
        id: logged.gid,
        minutes: 75,
        entered_on: "2026-11-03",
        user: { id: me.gid, name: "Ada Lovelace" },
        description: "Numbers",
        billable_status: "billable",
        approval_status: "DRAFT",
      },
    });
    expect(fake.requestsTo("PUT", `/time_tracking_entries/${logged.gid}`)[0]?.body).toEqual({
      data: { duration_minutes: 75, entered_on: "2026-11-03", billable_status: "billable" },
    });
    expect(fake.store.get(task.gid)?.actual_time_minutes).toBe(75);
    const moved = outputOf(
      await callTool(fake, updateTimeTrackingEntry, { time_tracking_entry_id: logged.gid, project_id: launch.gid, clear: ["description"] }),
    );
    expect(moved.entry).toMatchObject({ project: { id: launch.gid, name: "Q4 Launch" } });
    expect(moved.entry).not.toHaveProperty("description");
    expect(fake.requestsTo("PUT", `/time_tracking_entries/${logged.gid}`)[1]?.body).toEqual({ data: { description: "", attributable_to: launch.gid } });
  });

  test("nothing to change, or more than a week of minutes, is refused before any request", async () => {
    const fake = await startAsanaFake();
    const logged = entry(fake);
    expect(errorOf(await callTool(fake, updateTimeTrackingEntry, { time_tracking_entry_id: logged.gid })).message).toContain("must change something");
    expect(errorOf(await callTool(fake, updateTimeTrackingEntry, { time_tracking_entry_id: logged.gid, minutes: 20_000 })).message).toContain(
      "must be a whole number of minutes from 1 to 10080",
    );
    expect(fake.exchanges).toHaveLength(0);
  });

  test("outside the Advanced plans Asana answers 402, explained", async () => {
    const fake = await startAsanaFake();
    const logged = entry(fake, insertFreeChore(fake.store, fake.world));
    const error = errorOf(await callTool(fake, updateTimeTrackingEntry, { time_tracking_entry_id: logged.gid, minutes: 10 }));
    expect(error.message).toContain("Time tracking needs Asana's Advanced or Enterprise plan");
  });
});
