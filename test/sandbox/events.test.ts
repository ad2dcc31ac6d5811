import { describe, expect, test } from "vitest";
import { EventLog } from "../../src/sandbox/events.js";
import { AsanaStore } from "../../src/sandbox/index.js";
import { seedTestWorld } from "../support/world.js";
import { startAsanaFake, type AsanaFake, provokedViolations } from "../support/asana-fake.js";
import { send } from "./raw-request.js";

/** The first call without a token: Asana's 412 with a fresh sync token beside the errors. */
async function syncToken(fake: AsanaFake, resource: string): Promise<string> {
  const { status, body } = await send(fake, "GET", `/events?resource=${resource}`);
  expect(status).toBe(412);
  expect(body.errors[0].message).toContain("Sync token invalid or too old");
  expect(body.sync).toMatch(/^[0-9a-f]{32}$/);
  return body.sync as string;
}

describe("events", () => {
  test("without a sync token: 412 and a fresh token; with it, what changed since, then nothing more", async () => {
    const fake = await startAsanaFake();
    const { task, me, colleague } = fake.world;
    const sync = await syncToken(fake, task.gid);
    await send(fake, "PUT", `/tasks/${task.gid}`, { data: { name: "Quarterly report v2", assignee: colleague.gid } });
    await send(fake, "POST", `/tasks/${task.gid}/stories`, { data: { text: "Handing over" } });
    await send(fake, "POST", `/tasks/${task.gid}/addFollowers`, { data: { followers: [colleague.gid] } });

    const { status, body } = await send(fake, "GET", `/events?resource=${task.gid}&sync=${sync}`);
    expect(status).toBe(200);
    expect(body.has_more).toBe(false);
    const user = { gid: me.gid, resource_type: "user", name: "Ada Lovelace" };
    const resource = { gid: task.gid, resource_type: "task", name: "Quarterly report v2" };
    expect(body.data).toEqual([
      { user, created_at: expect.any(String), action: "changed", resource, type: "task", parent: null, change: { field: "name", action: "changed" } },
      {
        user,
        created_at: expect.any(String),
        action: "changed",
        resource,
        type: "task",
        parent: null,
        change: { field: "assignee", action: "changed", new_value: { gid: colleague.gid, resource_type: "user", name: "Grace Hopper" } },
      },
      {
        user,
        created_at: expect.any(String),
        action: "added",
        resource: { gid: expect.any(String), resource_type: "story" },
        type: "story",
        parent: { gid: task.gid, resource_type: "task", name: "Quarterly report v2" },
      },
      {
        user,
        created_at: expect.any(String),
        action: "changed",
        resource,
        type: "task",
        parent: null,
        change: { field: "followers", action: "added", added_value: { gid: colleague.gid, resource_type: "user", name: "Grace Hopper" } },
      },
    ]);
    const again = await send(fake, "GET", `/events?resource=${task.gid}&sync=${body.sync}&opt_fields=action,resource.name`);
    expect(again.body).toEqual({ data: [], sync: expect.any(String), has_more: false });
  });

  test("a project's stream has its tasks being added, moved, changed and deleted, and its sections", async () => {
    const fake = await startAsanaFake();
    const { launch, doing, backlog, task } = fake.world;
    const sync = await syncToken(fake, launch.gid);
    const created = await send(fake, "POST", "/tasks", { data: { name: "New work", projects: [launch.gid] } });
    await send(fake, "POST", `/sections/${doing.gid}/addTask`, { data: { task: created.body.data.gid } });
    await send(fake, "POST", `/projects/${launch.gid}/sections`, { data: { name: "Done" } });
    await send(fake, "PUT", `/tasks/${task.gid}`, { data: { completed: true } });
    await send(fake, "DELETE", `/tasks/${created.body.data.gid}`);
    // Changes elsewhere stay out of this stream.
    await send(fake, "PUT", `/projects/${fake.world.website.gid}`, { data: { name: "Website 2" } });

    const { body } = await send(fake, "GET", `/events?resource=${launch.gid}&sync=${sync}&opt_fields=action,resource,parent.name,change.field`);
    const summary = body.data.map((e: any) =>
      `${e.action} ${e.resource.resource_type} ${e.resource.name ?? ""}${e.parent ? ` → ${e.parent.name}` : ""}${e.change ? ` (${e.change.field})` : ""}`.trim(),
    );
    expect(summary).toEqual([
      "added task New work → Q4 Launch",
      "added task New work → Doing",
      "removed task New work → Backlog",
      "added section Done → Q4 Launch",
      "changed task Prepare the quarterly report (completed)",
      "deleted task New work",
    ]);
    expect(backlog.name).toBe("Backlog");
  });

  test("a token older than the expiry (24 h of the store's clock by default) or expired by a test is a 412 with a fresh token", async () => {
    let now = Date.parse("2026-11-02T09:00:00.000Z");
    const fake = await startAsanaFake({ store: new AsanaStore({ clock: () => new Date(now) }) });
    const { task } = fake.world;
    const sync = await syncToken(fake, task.gid);
    now += 23 * 60 * 60 * 1000;
    const fresh = await send(fake, "GET", `/events?resource=${task.gid}&sync=${sync}`);
    expect(fresh.status).toBe(200);
    now += 24 * 60 * 60 * 1000 + 1;
    const stale = await send(fake, "GET", `/events?resource=${task.gid}&sync=${fresh.body.sync}`);
    expect(stale.status).toBe(412);
    expect(stale.body.sync).not.toBe(fresh.body.sync);

    // A shorter expiry applies to the tokens already handed out.
    fake.events.setSyncTokenTtlMs(60_000);
    const short = stale.body.sync as string;
    now += 60_001;
    const expiredEarly = await send(fake, "GET", `/events?resource=${task.gid}&sync=${short}`);
    expect(expiredEarly.status).toBe(412);
    fake.events.setSyncTokenTtlMs(24 * 60 * 60 * 1000);

    const next = expiredEarly.body.sync as string;
    expect(fake.events.count).toBe(0);
    fake.events.expireSyncTokens();
    expect((await send(fake, "GET", `/events?resource=${task.gid}&sync=${next}`)).status).toBe(412);
    // A token is good for its own resource only.
    const other = await syncToken(fake, fake.world.launch.gid);
    expect((await send(fake, "GET", `/events?resource=${task.gid}&sync=${other}`)).status).toBe(412);
  });

  test("at most 100 events per call, with has_more; batch actions and finished jobs are recorded too", async () => {
    const fake = await startAsanaFake({ jobDurationMs: 10_000 });
    const { task, launch } = fake.world;
    let sync = await syncToken(fake, task.gid);
    for (let i = 0; i < 11; i++) {
      const actions = Array.from({ length: 10 }, (_, j) => ({ relative_path: `/tasks/${task.gid}`, method: "put", data: { name: `Rename ${i * 10 + j}` } }));
      await send(fake, "POST", "/batch", { data: { actions } });
    }
    const first = await send(fake, "GET", `/events?resource=${task.gid}&sync=${sync}`);
    expect(first.body.data).toHaveLength(100);
    expect(first.body.has_more).toBe(true);
    const second = await send(fake, "GET", `/events?resource=${task.gid}&sync=${first.body.sync}`);
    expect(second.body.data).toHaveLength(10);
    expect(second.body.has_more).toBe(false);

    sync = await syncToken(fake, launch.gid);
    await send(fake, "POST", `/tasks/${task.gid}/duplicate`, { data: { name: "Copy", include: "projects" } });
    fake.jobs.finishAll();
    const copied = await send(fake, "GET", `/events?resource=${launch.gid}&sync=${sync}&opt_fields=action,resource.name,user`);
    expect(copied.body.data).toEqual([
      {
        action: "added",
        resource: { gid: expect.any(String), resource_type: "task", name: "Copy" },
        user: expect.objectContaining({ gid: fake.world.me.gid }),
      },
    ]);
  });

  test("a resource is required and must be a task, project or goal", async ({ skip }) => {
    const fake = await startAsanaFake({ expectViolations: true });
    expect((await send(fake, "GET", "/events")).status).toBe(400);
    const section = await send(fake, "GET", `/events?resource=${fake.world.doing.gid}`);
    expect(section.status).toBe(400);
    expect(section.body.errors[0].message).toBe("resource: Events are available for tasks, projects and goals, not for a section.");
    expect((await send(fake, "GET", "/events?resource=1200000000000404")).status).toBe(404);
    expect(provokedViolations(fake, skip).map((v) => v.field)).toEqual(["query.resource"]);
  });
  test("a change made in place, deep inside a field, is recorded however often the objects were written out before", () => {
    // The log writes out again only the objects whose fields changed since it last wrote them out: a
    // change to an array or a record inside a field must count as a change.
    const store = new AsanaStore();
    const { task, colleague, launch } = seedTestWorld(store);
    const log = new EventLog(store);
    log.recording(null, () => undefined);
    expect(log.recorded).toEqual([]);
    const later = store.insert({ resource_type: "section", name: "Later", project: launch.gid, created_at: "2026-11-01T09:00:00.000Z" });
    log.recording(null, () => {
      (task.followers as string[]).push(colleague.gid);
      (task.memberships as Array<{ project: string; section: string }>)[0]!.section = later.gid;
      (task.custom_fields as Array<Record<string, unknown>>)[0]!.display_value = "Low";
    });
    const changes = log.recorded.map((event) => ({ action: event.action, parent: event.parent?.gid, change: event.change?.field }));
    expect(changes).toEqual(
      expect.arrayContaining([
        { action: "changed", parent: undefined, change: "followers" },
        { action: "added", parent: later.gid, change: undefined },
        { action: "changed", parent: undefined, change: "custom_fields" },
      ]),
    );
    const recorded = log.recorded.length;
    log.recording(null, () => undefined);
    expect(log.recorded).toHaveLength(recorded);
  });
});
