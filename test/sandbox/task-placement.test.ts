import { describe, expect, test } from "vitest";
import { startAsanaFake } from "../support/asana-fake.js";
import { insertTask } from "../support/world.js";

/** The emulator's membership routes, driven directly: the rules the tool tests do not reach. */
async function send(fake: { baseUrl: string; token: string }, method: string, path: string, body?: unknown) {
  const response = await fetch(fake.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${fake.token}`, "content-type": "application/json" },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe("completed_since", () => {
  test("keeps incomplete tasks and those completed since the time; anything but a date-time or now is a 400", async () => {
    const fake = await startAsanaFake();
    const { launch, doing } = fake.world;
    const inDoing = { projects: [launch.gid], memberships: [{ project: launch.gid, section: doing.gid }] };
    const early = insertTask(fake.store, fake.world, { ...inDoing, name: "Early", completed: true, completed_at: "2026-10-01T00:00:00.000Z" });
    insertTask(fake.store, fake.world, { ...inDoing, name: "Late", completed: true, completed_at: "2026-11-20T00:00:00.000Z" });
    const since = await send(fake, "GET", `/projects/${launch.gid}/tasks?completed_since=2026-11-01T00:00:00Z&opt_fields=name`);
    expect(since.body.data.map((t: { name: string }) => t.name)).toEqual(["Prepare the quarterly report", "Late"]);
    expect(since.body.data.map((t: { gid: string }) => t.gid)).not.toContain(early.gid);
    const section = await send(fake, "GET", `/sections/${doing.gid}/tasks?completed_since=now`);
    expect(section.body.data.map((t: { gid: string }) => t.gid)).toEqual([fake.world.task.gid]);
    const bad = await send(fake, "GET", `/projects/${launch.gid}/tasks?completed_since=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toBe('completed_since: Expected an ISO 8601 date-time or "now", got: yesterday');
  });
});

describe("membership edits", () => {
  test("a project or tag of another workspace is a 400, and nothing changes", async () => {
    const fake = await startAsanaFake();
    const { task, home, launch, urgent } = fake.world;
    const project = await send(fake, "POST", `/tasks/${task.gid}/addProject`, { data: { project: home.gid } });
    expect(project.status).toBe(400);
    expect(project.body.errors[0].message).toBe(`project: Task ${task.gid} and project ${home.gid} are not in the same workspace.`);
    expect(fake.store.get(task.gid)?.projects).toEqual([launch.gid]);

    const foreignTag = fake.store.insert({
      resource_type: "tag",
      name: "chores",
      workspace: home.workspace,
      color: null,
      notes: "",
      followers: [],
      created_at: "2026-11-01T00:00:00.000Z",
      permalink_url: "",
    });
    const tag = await send(fake, "POST", `/tasks/${task.gid}/addTag`, { data: { tag: foreignTag.gid } });
    expect(tag.status).toBe(400);
    expect(fake.store.get(task.gid)?.tags).toEqual([urgent.gid]);
  });

  test("sections are created where insert_before says; addProject without a section keeps the task's section", async () => {
    const fake = await startAsanaFake();
    const { launch, backlog, doing, task } = fake.world;
    const created = await send(fake, "POST", `/projects/${launch.gid}/sections?opt_fields=name`, { data: { name: "Triage", insert_before: backlog.gid } });
    expect(created.status).toBe(201);
    const listed = await send(fake, "GET", `/projects/${launch.gid}/sections`);
    expect(listed.body.data.map((s: { name: string }) => s.name)).toEqual(["Triage", "Backlog", "Doing"]);

    const again = await send(fake, "POST", `/tasks/${task.gid}/addProject`, { data: { project: launch.gid } });
    expect(again).toEqual({ status: 200, body: { data: {} } });
    expect(fake.store.get(task.gid)?.memberships).toEqual([{ project: launch.gid, section: doing.gid }]);
  });
});
