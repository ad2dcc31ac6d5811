import { afterEach, describe, expect, test } from "vitest";
import { addTimeTrackingEntry } from "../../../tools/time/add-time-tracking-entry.js";
import { deleteTimeTrackingEntry } from "../../../tools/time/delete-time-tracking-entry.js";
import { listTimeTrackingEntries } from "../../../tools/time/list-time-tracking-entries.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { insertTask } from "../../support/world.js";
import { markedText } from "../../support/create-marker.js";

afterEach(closeClients);

const planAdvice = "Time tracking needs Asana's Advanced or Enterprise plan, and this workspace's plan does not include it.";

describe("time tracking", () => {
  test("logs time on a task, lists it with who logged it, and deletes it", async () => {
    const fake = await startAsanaFake();
    const { task, launch, me } = fake.world;
    const added = outputOf(
      await callTool(fake, addTimeTrackingEntry, { task_id: task.gid, minutes: 90, entered_on: "2026-11-03", description: "Pulled the numbers" }),
    );
    expect(fake.requestsTo("POST", `/tasks/${task.gid}/time_tracking_entries`)[0]?.body).toEqual({
      data: { duration_minutes: 90, entered_on: "2026-11-03", description: markedText("Pulled the numbers") },
    });
    expect(added).toEqual({
      status: { success: true, message: `90 minutes logged on task ${task.gid}` },
      entry: {
        id: expect.any(String),
        minutes: 90,
        entered_on: "2026-11-03",
        user: { id: me.gid, name: "Ada Lovelace" },
        description: "Pulled the numbers",
        project: { id: launch.gid, name: "Q4 Launch" },
        billable_status: "notApplicable",
        approval_status: "DRAFT",
      },
    });
    const listed = outputOf(await callTool(fake, listTimeTrackingEntries, { task_id: task.gid }));
    expect(listed.entries).toEqual([
      { id: added.entry.id, minutes: 90, entered_on: "2026-11-03", user: { id: me.gid, name: "Ada Lovelace" }, project: { id: launch.gid, name: "Q4 Launch" } },
    ]);
    outputOf(await callTool(fake, deleteTimeTrackingEntry, { time_tracking_entry_id: added.entry.id }));
    expect(outputOf(await callTool(fake, listTimeTrackingEntries, { task_id: task.gid })).count).toBe(0);
    expect(fake.store.get(task.gid)!.actual_time_minutes).toBe(0);
  });

  test("without entered_on the entry counts for today; minutes are checked before any request", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const before = new Date().toISOString().slice(0, 10);
    const added = outputOf(await callTool(fake, addTimeTrackingEntry, { task_id: task.gid, minutes: 15 }));
    expect([before, new Date().toISOString().slice(0, 10)]).toContain(added.entry.entered_on);
    const zero = errorOf(await callTool(fake, addTimeTrackingEntry, { task_id: task.gid, minutes: 0 }));
    expect(zero.message).toContain("`minutes`: must be a whole number of minutes from 1 to 10080");
    const hours = errorOf(await callTool(fake, addTimeTrackingEntry, { task_id: task.gid, minutes: 1.5 }));
    expect(hours.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(fake.requestsTo("POST", /time_tracking_entries/)).toHaveLength(1);
  });

  test("a project the task is not in is Asana's 400 with the rule", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, addTimeTrackingEntry, { task_id: fake.world.task.gid, minutes: 30, project_id: fake.world.website.gid }));
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain("project_id must be one of the task's own projects");
  });

  test("a free workspace, and a paid one below Advanced, get the explanation of the 402", async () => {
    const fake = await startAsanaFake();
    const starter = fake.store.insert({ resource_type: "workspace", name: "Starter Co", is_organization: true, email_domains: [], _plan: "premium" });
    for (const workspace of [fake.world.free.gid, starter.gid]) {
      const task = insertTask(fake.store, fake.world, { name: "Elsewhere", workspace });
      const list = errorOf(await callTool(fake, listTimeTrackingEntries, { task_id: task.gid }));
      expect(list).toMatchObject({ statusCode: 402, canRetry: false });
      expect(list.message).toContain(planAdvice);
      const add = errorOf(await callTool(fake, addTimeTrackingEntry, { task_id: task.gid, minutes: 30 }));
      expect(add.message).toContain(planAdvice);
    }
    expect(fake.store.all("time_tracking_entry")).toHaveLength(0);
  });

  test("an unknown entry is a 404 that says where entry ids come from", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, deleteTimeTrackingEntry, { time_tracking_entry_id: "404404" }));
    expect(error.statusCode).toBe(404);
    expect(error.message).toContain("Find time tracking entry ids with Asana_ListTimeTrackingEntries.");
  });

  test("when Asana's answer is lost, the entry made since the call started is found", async () => {
    const fake = await startAsanaFake();
    const { task, me, launch } = fake.world;
    // An entry made seconds before the call, just like the one asked for: never taken for this call's.
    fake.store.insert({
      resource_type: "time_tracking_entry",
      task: task.gid,
      created_by: me.gid,
      created_at: new Date(Date.now() - 5_000).toISOString(),
      attributable_to: launch.gid,
      duration_minutes: 45,
      entered_on: "2026-11-05",
      approval_status: "DRAFT",
      billable_status: "notApplicable",
      description: "",
      categories: [],
    });
    fake.faults.inject({ method: "POST", path: `/tasks/${task.gid}/time_tracking_entries`, afterWork: "reset" });
    const output = outputOf(await callTool(fake, addTimeTrackingEntry, { task_id: task.gid, minutes: 45, entered_on: "2026-11-05" }));
    const made = fake.store.all("time_tracking_entry", (e) => e.task === task.gid).at(-1)!;
    expect(output.entry.id).toBe(made.gid);
    expect(output.status.message).toContain("Asana's answer was lost on the way back; the entry was found");
  });
});
