import { describe, expect, test } from "vitest";
import { startAsanaFake } from "../support/asana-fake.js";
import { send } from "./raw-request.js";

describe("task times", () => {
  test("a due or start time also sets the day; start_at needs due_at in the same request", async () => {
    const fake = await startAsanaFake();
    const path = `/tasks/${fake.world.task.gid}?opt_fields=due_on,due_at,start_on,start_at`;
    const alone = await send(fake, "PUT", path, { data: { start_at: "2026-12-01T09:00:00Z" } });
    expect(alone.status).toBe(400);
    expect(alone.body.errors[0].message).toBe("start_at: due_at must be present in the request when setting or unsetting start_at.");
    const both = await send(fake, "PUT", path, { data: { start_at: "2026-12-01T09:00:00Z", due_at: "2026-12-03T15:00:00.000Z" } });
    expect(both.status).toBe(200);
    expect(both.body.data).toMatchObject({
      start_on: "2026-12-01",
      start_at: "2026-12-01T09:00:00.000Z",
      due_on: "2026-12-03",
      due_at: "2026-12-03T15:00:00.000Z",
    });
    const reversed = await send(fake, "PUT", path, { data: { start_at: "2026-12-05T09:00:00Z", due_at: "2026-12-03T15:00:00Z" } });
    expect(reversed.status).toBe(400);
  });
});

describe("approval tasks", () => {
  test("an approval task starts pending; its status and completion follow each other; other tasks have none", async () => {
    const fake = await startAsanaFake();
    const created = await send(fake, "POST", "/tasks?opt_fields=resource_subtype,approval_status,completed", {
      data: { name: "Sign off the budget", workspace: fake.world.premium.gid, resource_subtype: "approval" },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ resource_subtype: "approval", approval_status: "pending", completed: false });
    const path = `/tasks/${created.body.data.gid}?opt_fields=approval_status,completed`;
    const changes = await send(fake, "PUT", path, { data: { approval_status: "changes_requested" } });
    expect(changes.body.data).toMatchObject({ approval_status: "changes_requested", completed: true });
    const reopened = await send(fake, "PUT", path, { data: { completed: false } });
    expect(reopened.body.data).toMatchObject({ approval_status: "pending", completed: false });
    const approved = await send(fake, "PUT", path, { data: { completed: true } });
    expect(approved.body.data).toMatchObject({ approval_status: "approved", completed: true });

    const plain = await send(fake, "PUT", `/tasks/${fake.world.task.gid}?opt_fields=approval_status`, { data: { approval_status: "approved" } });
    expect(plain.status).toBe(400);
    expect(plain.body.errors[0].message).toBe("approval_status: Only approval tasks (resource_subtype approval) have an approval status.");
    const back = await send(fake, "PUT", path, { data: { resource_subtype: "default_task" } });
    expect(back.body.data).not.toHaveProperty("approval_status");
  });
});
