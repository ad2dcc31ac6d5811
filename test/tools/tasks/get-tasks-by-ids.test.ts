import { afterEach, describe, expect, test } from "vitest";
import { getTasksByIds } from "../../../tools/tasks/get-tasks-by-ids.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { insertTask } from "../../support/world.js";

afterEach(closeClients);

describe("GetTasksByIds", () => {
  test("25 ids cost 3 batch requests, not 25 calls, and come back in the order asked", async () => {
    const fake = await startAsanaFake();
    const tasks = Array.from({ length: 25 }, (_, i) => insertTask(fake.store, fake.world, { name: `Task ${i + 1}`, due_on: "2026-12-01" }));
    const output = outputOf(await callTool(fake, getTasksByIds, { task_ids: tasks.map((t) => t.gid) }));
    expect(fake.requestsTo("POST", "/batch")).toHaveLength(3);
    expect(fake.exchanges.filter((e) => !e.batch)).toHaveLength(3);
    const actions = fake.exchanges.filter((e) => e.batch);
    expect(actions).toHaveLength(25);
    expect(actions.every((e) => e.method === "GET" && /^\/tasks\/\d+$/.test(e.path))).toBe(true);
    expect(
      fake
        .requestsTo("POST", "/batch")
        .map((e) => (e.body as { data: { actions: unknown[] } }).data.actions.length)
        .sort(),
    ).toEqual([10, 10, 5]);
    expect(output.count).toBe(25);
    expect(output.tasks.map((t) => t.name)).toEqual(tasks.map((t) => t.name));
    expect(output.tasks[0]).toMatchObject({ id: tasks[0]!.gid, name: "Task 1", due_on: "2026-12-01" });
    expect(output).not.toHaveProperty("missing");
  });

  test("an unknown id is reported on its own, and the other tasks still come back; repeated ids are read once", async () => {
    const fake = await startAsanaFake();
    const { task, subtasks } = fake.world;
    const output = outputOf(await callTool(fake, getTasksByIds, { task_ids: [task.gid, "1200000000000404", subtasks[0]!.gid, task.gid] }));
    expect(output.tasks.map((t) => t.id)).toEqual([task.gid, subtasks[0]!.gid]);
    expect(output.count).toBe(2);
    expect(output.missing).toEqual([
      { id: "1200000000000404", reason: "not_found", message: expect.stringContaining("404: task: Unknown object: 1200000000000404") },
    ]);
    expect(fake.exchanges.filter((e) => e.batch)).toHaveLength(3);
  });

  test("at most three batches are in flight at once", async () => {
    const fake = await startAsanaFake();
    const tasks = Array.from({ length: 50 }, (_, i) => insertTask(fake.store, fake.world, { name: `Task ${i + 1}` }));
    fake.faults.inject({ method: "POST", path: "/batch", latencyMs: 150, times: 5 });
    let busiest = 0;
    const sampler = setInterval(() => {
      busiest = Math.max(busiest, fake.received - fake.exchanges.filter((e) => !e.batch).length);
    }, 5);
    const output = outputOf(await callTool(fake, getTasksByIds, { task_ids: tasks.map((t) => t.gid) })).count;
    clearInterval(sampler);
    expect(output).toBe(50);
    expect(fake.requestsTo("POST", "/batch")).toHaveLength(5);
    expect(busiest).toBeLessThanOrEqual(3);
  });

  test("more than 50 ids, or a name among them, is refused before any request", async () => {
    const fake = await startAsanaFake();
    const many = errorOf(await callTool(fake, getTasksByIds, { task_ids: Array.from({ length: 51 }, (_, i) => String(1200000000000000 + i)) }));
    expect(many.message).toContain("`task_ids`: must list at most 50 task ids");
    const named = errorOf(await callTool(fake, getTasksByIds, { task_ids: [fake.world.task.gid, "Prepare the report"] }));
    expect(named.message).toContain("`task_ids[1]`: must be the task's Asana id");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("a batch Asana keeps refusing fails the call with Asana's answer, as a read that changed nothing", async () => {
    const fake = await startAsanaFake();
    fake.faults.inject({ method: "POST", path: "/batch", status: 503, times: 10, retryAfterSeconds: 0 });
    const error = errorOf(await callTool(fake, getTasksByIds, { task_ids: [fake.world.task.gid] }));
    expect(error).toMatchObject({ kind: "UPSTREAM_RUNTIME_SERVER_ERROR", statusCode: 503, canRetry: true });
    expect(error.message).not.toContain("may have taken effect");
    expect(fake.requestsTo("POST", "/batch").length).toBeGreaterThan(1);
  });

  test("a batch action answered 200 without data is that id's failure, said plainly; the other ids come back", async () => {
    const fake = await startAsanaFake({ expectViolations: true });
    const { task, subtasks } = fake.world;
    fake.faults.inject({ method: "GET", path: `/tasks/${subtasks[0]!.gid}`, inBatch: true, status: 200, body: {} });
    const output = outputOf(await callTool(fake, getTasksByIds, { task_ids: [task.gid, subtasks[0]!.gid, subtasks[1]!.gid] }));
    expect(output.tasks.map((t) => t.id)).toEqual([task.gid, subtasks[1]!.gid]);
    expect(output.missing).toEqual([{ id: subtasks[0]!.gid, reason: "failed", message: expect.stringContaining("without the object") }]);
  });

  test("a batch answered without its list of results is a clear failure, not a crash", async () => {
    const fake = await startAsanaFake({ expectViolations: true });
    const { task, subtasks } = fake.world;
    for (const data of [undefined, { actions: [] }, "results"]) {
      fake.faults.inject({ method: "POST", path: "/batch", body: data === undefined ? {} : { data }, times: 4 });
      const error = errorOf(await callTool(fake, getTasksByIds, { task_ids: [task.gid, subtasks[0]!.gid] }));
      expect(error.message, JSON.stringify(data)).not.toMatch(/Cannot read properties|is not a function/);
      expect(error.message, JSON.stringify(data)).toContain("POST /batch");
      fake.faults.clear();
    }
    // Results that are not results: each id fails on its own, with a reason.
    fake.faults.inject({ method: "POST", path: "/batch", body: { data: [null, { status_code: "200", body: { data: {} } }] } });
    const output = outputOf(await callTool(fake, getTasksByIds, { task_ids: [task.gid, subtasks[0]!.gid] }));
    expect(output.tasks).toEqual([]);
    expect(output.missing).toHaveLength(2);
  });
});
