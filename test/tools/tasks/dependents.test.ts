import { afterEach, describe, expect, test } from "vitest";
import { addTaskDependents } from "../../../tools/tasks/add-task-dependents.js";
import { removeTaskDependents } from "../../../tools/tasks/remove-task-dependents.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { insertTask } from "../../support/world.js";

afterEach(closeClients);

describe("AddTaskDependents", () => {
  test("makes other tasks wait for this one, from this task's side, and answers with everything that now waits", async () => {
    const fake = await startAsanaFake();
    const spec = insertTask(fake.store, fake.world, { name: "Write the spec" });
    const build = insertTask(fake.store, fake.world, { name: "Build it", due_on: "2026-12-01" });
    const review = insertTask(fake.store, fake.world, { name: "Review it" });
    const output = outputOf(await callTool(fake, addTaskDependents, { task_id: spec.gid, dependents: [build.gid, review.gid] }));
    expect(output).toEqual({
      status: { success: true, message: `task ${spec.gid} now blocks ${build.gid}, ${review.gid}` },
      task: {
        id: spec.gid,
        dependents: [
          { id: build.gid, name: "Build it", due_on: "2026-12-01" },
          { id: review.gid, name: "Review it" },
        ],
      },
    });
    expect(fake.requestsTo("POST", `/tasks/${spec.gid}/addDependents`)[0]?.body).toEqual({ data: { dependents: [build.gid, review.gid] } });
    // Both sides of the link: the dependent now lists this task among what it waits for.
    expect(fake.store.get(build.gid)?.dependencies).toEqual([spec.gid]);
  });

  test("adding a task that already waits changes nothing", async () => {
    const fake = await startAsanaFake();
    const spec = insertTask(fake.store, fake.world, { name: "Write the spec" });
    const build = insertTask(fake.store, fake.world, { name: "Build it" });
    await callTool(fake, addTaskDependents, { task_id: spec.gid, dependents: [build.gid] });
    const again = outputOf(await callTool(fake, addTaskDependents, { task_id: spec.gid, dependents: [build.gid] }));
    expect(again.task.dependents).toEqual([{ id: build.gid, name: "Build it" }]);
  });

  test("the task itself among its dependents is refused without a request", async () => {
    const fake = await startAsanaFake();
    const spec = insertTask(fake.store, fake.world, { name: "Write the spec" });
    const error = errorOf(await callTool(fake, addTaskDependents, { task_id: spec.gid, dependents: [spec.gid] }));
    expect(error.message).toContain("`dependents[0]`: is the task itself");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("a link that would close a loop is Asana's 400, explained", async () => {
    const fake = await startAsanaFake();
    const spec = insertTask(fake.store, fake.world, { name: "Write the spec" });
    const build = insertTask(fake.store, fake.world, { name: "Build it" });
    await callTool(fake, addTaskDependents, { task_id: spec.gid, dependents: [build.gid] });
    const error = errorOf(await callTool(fake, addTaskDependents, { task_id: build.gid, dependents: [spec.gid] }));
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain("cannot wait for itself or for a task that already waits for it");
  });

  test("a free workspace answers 402 with what still works", async () => {
    const fake = await startAsanaFake();
    const chore = insertTask(fake.store, fake.world, { name: "Water the plants", workspace: fake.world.free.gid });
    const other = insertTask(fake.store, fake.world, { name: "Buy soil", workspace: fake.world.free.gid });
    const error = errorOf(await callTool(fake, addTaskDependents, { task_id: chore.gid, dependents: [other.gid] }));
    expect(error.statusCode).toBe(402);
    expect(error.message).toContain("Task dependencies need a paid Asana plan");
  });
});

describe("RemoveTaskDependents", () => {
  test("stops tasks waiting for this one, and answers with what still waits", async () => {
    const fake = await startAsanaFake();
    const spec = insertTask(fake.store, fake.world, { name: "Write the spec" });
    const build = insertTask(fake.store, fake.world, { name: "Build it" });
    const review = insertTask(fake.store, fake.world, { name: "Review it" });
    await callTool(fake, addTaskDependents, { task_id: spec.gid, dependents: [build.gid, review.gid] });
    const output = outputOf(await callTool(fake, removeTaskDependents, { task_id: spec.gid, dependents: [build.gid] }));
    expect(output).toEqual({
      status: { success: true, message: `task ${spec.gid} no longer blocks ${build.gid}` },
      task: { id: spec.gid, dependents: [{ id: review.gid, name: "Review it" }] },
    });
    expect(fake.store.get(build.gid)?.dependencies).toEqual([]);
  });

  test("an unknown dependent is Asana's 404, with where task ids come from", async () => {
    const fake = await startAsanaFake();
    const spec = insertTask(fake.store, fake.world, { name: "Write the spec" });
    const error = errorOf(await callTool(fake, removeTaskDependents, { task_id: spec.gid, dependents: ["8675309"] }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Asana_ListTasksInProject");
  });
});
