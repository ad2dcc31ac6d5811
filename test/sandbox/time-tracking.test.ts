import { describe, expect, test } from "vitest";
import { startAsanaFake, provokedViolations } from "../support/asana-fake.js";
import { insertTask } from "../support/world.js";
import { send } from "./raw-request.js";

describe("time tracking", () => {
  test("entries on a task in an Advanced workspace: create (201), list (paged), read, change, delete; actual_time_minutes follows", async () => {
    const fake = await startAsanaFake();
    const { task, launch, me } = fake.world;
    const created = await send(fake, "POST", `/tasks/${task.gid}/time_tracking_entries`, {
      data: { duration_minutes: 90, entered_on: "2026-11-03", description: "Pulled the numbers" },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      resource_type: "time_tracking_entry",
      duration_minutes: 90,
      entered_on: "2026-11-03",
      attributable_to: { gid: launch.gid, name: "Q4 Launch" },
      created_by: { gid: me.gid },
      task: { gid: task.gid },
      approval_status: "DRAFT",
      billable_status: "notApplicable",
      description: "Pulled the numbers",
    });
    const second = await send(fake, "POST", `/tasks/${task.gid}/time_tracking_entries?opt_fields=duration_minutes`, {
      data: { duration_minutes: 30, entered_on: "2026-11-04", attributable_to: launch.gid, billable_status: "billable" },
    });
    const first = await send(fake, "GET", `/tasks/${task.gid}/time_tracking_entries?limit=1`);
    expect(first.body.data).toEqual([
      {
        gid: created.body.data.gid,
        resource_type: "time_tracking_entry",
        attributable_to: { gid: launch.gid, resource_type: "project", name: "Q4 Launch" },
        created_by: { gid: me.gid, resource_type: "user", name: "Ada Lovelace" },
        duration_minutes: 90,
        entered_on: "2026-11-03",
      },
    ]);
    expect((await send(fake, "GET", first.body.next_page.path)).body.data.map((e: { gid: string }) => e.gid)).toEqual([second.body.data.gid]);
    expect((await send(fake, "GET", `/tasks/${task.gid}?opt_fields=actual_time_minutes`)).body.data.actual_time_minutes).toBe(120);

    const changed = await send(fake, "PUT", `/time_tracking_entries/${second.body.data.gid}?opt_fields=duration_minutes,billable_status`, {
      data: { duration_minutes: 45 },
    });
    expect(changed.body.data).toMatchObject({ duration_minutes: 45, billable_status: "billable" });
    expect((await send(fake, "GET", `/time_tracking_entries/${second.body.data.gid}?opt_fields=entered_on`)).body.data.entered_on).toBe("2026-11-04");
    expect((await send(fake, "DELETE", `/time_tracking_entries/${created.body.data.gid}`)).body).toEqual({ data: {} });
    expect((await send(fake, "GET", `/tasks/${task.gid}?opt_fields=actual_time_minutes`)).body.data.actual_time_minutes).toBe(45);
    expect((await send(fake, "GET", `/time_tracking_entries/${created.body.data.gid}`)).status).toBe(404);
  });

  test("without entered_on, the entry counts for today", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const before = new Date().toISOString().slice(0, 10);
    const created = await send(fake, "POST", `/tasks/${task.gid}/time_tracking_entries?opt_fields=entered_on,duration_minutes`, {
      data: { duration_minutes: 15 },
    });
    const after = new Date().toISOString().slice(0, 10);
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ resource_type: "time_tracking_entry", duration_minutes: 15 });
    expect([before, after]).toContain(created.body.data.entered_on);
  });

  test("bad minutes, dates and projects are 400s and store nothing", async ({ skip }) => {
    const fake = await startAsanaFake({ expectViolations: true });
    const { task, website } = fake.world;
    const path = `/tasks/${task.gid}/time_tracking_entries`;
    const attempt = async (data: Record<string, unknown>) => {
      const { status, body } = await send(fake, "POST", path, { data });
      expect(status, JSON.stringify(data)).toBe(400);
      return body.errors[0].message as string;
    };
    expect(await attempt({ entered_on: "2026-11-03" })).toBe("duration_minutes: Missing input");
    expect(await attempt({ duration_minutes: -5, entered_on: "2026-11-03" })).toContain("Must be a positive whole number of minutes");
    expect(await attempt({ duration_minutes: 5, entered_on: "yesterday" })).toBe("entered_on: Invalid date format, must be YYYY-MM-DD: yesterday");
    expect(await attempt({ duration_minutes: 5, entered_on: "2026-11-03", attributable_to: website.gid })).toContain("is not one of the task's projects");
    expect(fake.store.all("time_tracking_entry")).toHaveLength(0);
    expect(provokedViolations(fake, skip).map((v) => v.field)).toEqual(["body.data.entered_on"]);
  });

  test("a free workspace gets 402, and so does a premium workspace below Advanced", async () => {
    const fake = await startAsanaFake();
    const starter = fake.store.insert({ resource_type: "workspace", name: "Starter Co", is_organization: true, email_domains: [], _plan: "premium" });
    for (const [workspace, message] of [
      [fake.world.free.gid, "Time tracking is only available on Asana's Advanced and Enterprise plans."],
      [starter.gid, "Time tracking is only available on Asana's Advanced and Enterprise plans; this workspace's plan does not include it."],
    ] as const) {
      const task = insertTask(fake.store, fake.world, { name: "Elsewhere", workspace });
      const list = await send(fake, "GET", `/tasks/${task.gid}/time_tracking_entries`);
      expect(list.status).toBe(402);
      expect(list.body.errors[0].message).toBe(message);
      const create = await send(fake, "POST", `/tasks/${task.gid}/time_tracking_entries`, { data: { duration_minutes: 5, entered_on: "2026-11-03" } });
      expect(create.status).toBe(402);
    }
    // The starter plan still has the premium features.
    expect((await send(fake, "GET", `/workspaces/${starter.gid}/custom_fields`)).status).toBe(200);
  });
});
