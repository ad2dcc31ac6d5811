import { describe, expect, test } from "vitest";
import { startAsanaFake, provokedViolations } from "../support/asana-fake.js";
import { send } from "./raw-request.js";

describe("batch", () => {
  test("runs up to 10 actions through the emulator's own routes and answers each in order, failures included", async () => {
    const fake = await startAsanaFake();
    const { task, premium, launch } = fake.world;
    const { status, body } = await send(fake, "POST", "/batch", {
      data: {
        actions: [
          { relative_path: `/tasks/${task.gid}`, method: "get", options: { fields: ["name", "assignee.name"] } },
          { relative_path: "/projects", method: "get", data: { workspace: premium.gid, archived: false }, options: { limit: 1 } },
          { relative_path: "/tasks", method: "post", data: { name: "From a batch", projects: [launch.gid] }, options: { fields: ["name"] } },
          { relative_path: `/tasks/${task.gid}`, method: "put", data: { name: "Renamed in a batch" } },
          { relative_path: "/tasks/1200000000000404", method: "get" },
        ],
      },
    });
    expect(status).toBe(200);
    expect(body.data.map((r: { status_code: number }) => r.status_code)).toEqual([200, 200, 201, 200, 404]);
    expect(body.data[0].body).toEqual({
      data: {
        gid: task.gid,
        resource_type: "task",
        name: "Prepare the quarterly report",
        assignee: { gid: fake.world.me.gid, resource_type: "user", name: "Ada Lovelace" },
      },
    });
    expect(body.data[1].body.data).toEqual([{ gid: launch.gid, resource_type: "project", name: "Q4 Launch" }]);
    expect(body.data[1].body.next_page.offset).toEqual(expect.any(String));
    expect(body.data[2].body.data).toEqual({ gid: expect.any(String), resource_type: "task", name: "From a batch" });
    expect(body.data[2].headers.location).toBe(`/tasks/${body.data[2].body.data.gid}`);
    expect(body.data[4].body.errors[0].message).toContain("Unknown object");
    expect(fake.store.get(task.gid)!.name).toBe("Renamed in a batch");

    // Each action is recorded as an exchange of its own, checked against the operation it names.
    const actions = fake.exchanges.filter((e) => e.batch);
    expect(actions.map((e) => `${e.batch!.index} ${e.method} ${e.path}`)).toEqual([
      `0 GET /tasks/${task.gid}`,
      "1 GET /projects",
      "2 POST /tasks",
      `3 PUT /tasks/${task.gid}`,
      "4 GET /tasks/1200000000000404",
    ]);
    expect(actions[1]!.query).toEqual({ workspace: premium.gid, archived: "false", limit: "1" });
    expect(actions[2]!.body).toEqual({ data: { name: "From a batch", projects: [launch.gid] } });
  });

  test("a later page of a batch action follows the offset it was given", async () => {
    const fake = await startAsanaFake();
    const first = await send(fake, "POST", "/batch", {
      data: { actions: [{ relative_path: "/projects", method: "get", data: { workspace: fake.world.premium.gid }, options: { limit: 1 } }] },
    });
    const offset = first.body.data[0].body.next_page.offset as string;
    const second = await send(fake, "POST", "/batch", {
      data: { actions: [{ relative_path: "/projects", method: "get", data: { workspace: fake.world.premium.gid }, options: { limit: 1, offset } }] },
    });
    expect(second.body.data[0].body.data.map((p: { name: string }) => p.name)).toEqual(["Website Redesign"]);
  });

  test("no actions or more than 10 is a 400 for the whole batch; nested batches and uploads are refused per action", async () => {
    const fake = await startAsanaFake();
    const empty = await send(fake, "POST", "/batch", { data: { actions: [] } });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].message).toBe("actions: A batch request needs at least one action.");
    const tooMany = await send(fake, "POST", "/batch", {
      data: { actions: Array.from({ length: 11 }, () => ({ relative_path: "/users/me", method: "get" })) },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].message).toContain("at most 10 actions; this one has 11");
    expect(fake.exchanges.filter((e) => e.batch)).toEqual([]);

    const mixed = await send(fake, "POST", "/batch", {
      data: {
        actions: [
          { relative_path: "/batch", method: "post", data: { actions: [] } },
          { relative_path: "/attachments", method: "post", data: { parent: fake.world.task.gid } },
          { relative_path: "/users/me", method: "get", options: { fields: ["email"] } },
        ],
      },
    });
    expect(mixed.status).toBe(200);
    expect(mixed.body.data.map((r: { status_code: number }) => r.status_code)).toEqual([400, 400, 200]);
    expect(mixed.body.data[0].body.errors[0].message).toBe("actions[0]: Nested batch requests are not allowed.");
    expect(mixed.body.data[1].body.errors[0].message).toBe("actions[1]: Attachments cannot be uploaded through the batch API.");
    expect(mixed.body.data[2].body.data.email).toBe("ada@acme.test");
  });

  test("an action that breaks Asana's contract is reported as the operation it names", async ({ skip }) => {
    const fake = await startAsanaFake({ expectViolations: true });
    await send(fake, "POST", "/batch", {
      data: { actions: [{ relative_path: `/tasks/${fake.world.task.gid}`, method: "get", options: { fields: ["bogus_field"] } }] },
    });
    expect(provokedViolations(fake, skip).map((v) => `${v.operation} ${v.where} ${v.field}`)).toEqual(["getTask request query.opt_fields"]);
  });

  test("an action to an endpoint the emulator lacks answers 501 inside the batch, and the fake reports it", async () => {
    const fake = await startAsanaFake({ expectNotEmulated: true });
    const { body } = await send(fake, "POST", "/batch", {
      data: { actions: [{ relative_path: `/webhooks?workspace=${fake.world.premium.gid}`, method: "get" }] },
    });
    expect(body.data[0].status_code).toBe(501);
    expect(fake.notEmulated.map((e) => `${e.method} ${e.path} ${e.batch?.index}`)).toEqual(["GET /webhooks 0"]);
  });
});

describe("batch and rate limits", () => {
  test("each action counts as one request; a batch that would pass the limit is a 429 as a whole", async () => {
    const fake = await startAsanaFake();
    fake.setRateLimit({ requests: 5, windowMs: 60_000, retryAfterSeconds: 30 });
    const actions = (count: number) => Array.from({ length: count }, () => ({ relative_path: "/users/me", method: "get" }));
    expect((await send(fake, "POST", "/batch", { data: { actions: actions(4) } })).status).toBe(200);
    const limited = await send(fake, "POST", "/batch", { data: { actions: actions(2) } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("30");
    expect(fake.exchanges.filter((e) => e.batch)).toHaveLength(4);
  });
});
