import { afterEach, describe, expect, test } from "vitest";
import { addTaskDependencies } from "../../../tools/tasks/add-task-dependencies.js";
import { getTaskById } from "../../../tools/tasks/get-task-by-id.js";
import { getTaskDependencies } from "../../../tools/tasks/get-task-dependencies.js";
import { removeTaskDependencies } from "../../../tools/tasks/remove-task-dependencies.js";
import { startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { callTool, callToolWithRawArguments, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { insertTask } from "../../support/world.js";

afterEach(closeClients);

/** Build waits for nothing; QA waits for build; release waits for QA. */
function seedChain(fake: AsanaFake) {
  const { colleague } = fake.world;
  const build = insertTask(fake.store, fake.world, { name: "Build", completed: true, completed_at: "2026-11-02T09:00:00.000Z" });
  const qa = insertTask(fake.store, fake.world, { name: "QA", assignee: colleague.gid, due_on: "2026-11-10" });
  const release = insertTask(fake.store, fake.world, { name: "Release" });
  fake.store.update(qa.gid, { dependencies: [build.gid], dependents: [release.gid] });
  fake.store.update(build.gid, { dependents: [qa.gid] });
  fake.store.update(release.gid, { dependencies: [qa.gid] });
  return { build, qa, release };
}

describe("GetTaskDependencies", () => {
  test("lists what a task waits for and what waits for it, with completion", async () => {
    const fake = await startAsanaFake();
    const { build, qa, release } = seedChain(fake);
    const output = outputOf(await callTool(fake, getTaskDependencies, { task_id: qa.gid }));
    expect(output).toEqual({
      dependencies: [{ id: build.gid, name: "Build", completed: true }],
      dependents: [{ id: release.gid, name: "Release" }],
    });
  });

  test("a free workspace answers 402, and the error says what still works", async () => {
    const fake = await startAsanaFake();
    const chore = insertTask(fake.store, fake.world, { name: "Water the plants", workspace: fake.world.free.gid });
    const error = errorOf(await callTool(fake, getTaskDependencies, { task_id: chore.gid }));
    expect(error.statusCode).toBe(402);
    expect(error.message).toContain("Task dependencies need a paid Asana plan");
    expect(error.message).toContain("Asana_AddCommentToTask");
  });

  test("an unknown task is Asana's 404, with where task ids come from", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, getTaskDependencies, { task_id: "8675309" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Asana_ListTasksInProject");
  });
});

describe("GetTaskById with dependencies", () => {
  test("shows both directions with completion; a free task costs no dependency request", async () => {
    const fake = await startAsanaFake();
    const { build, qa, release } = seedChain(fake);
    const output = outputOf(await callTool(fake, getTaskById, { task_id: qa.gid, max_subtasks: 0 }));
    expect(output.task.dependencies).toEqual([{ id: build.gid, name: "Build", completed: true }]);
    expect(output.task.dependents).toEqual([{ id: release.gid, name: "Release" }]);

    const chore = insertTask(fake.store, fake.world, { name: "Water the plants", workspace: fake.world.free.gid });
    const free = outputOf(await callTool(fake, getTaskById, { task_id: chore.gid, max_subtasks: 0 }));
    expect(free.task).not.toHaveProperty("dependencies");
    expect(fake.requestsTo("GET", `/tasks/${chore.gid}/dependencies`)).toHaveLength(0);
  });
});

describe("AddTaskDependencies", () => {
  test("makes a task wait for others and answers with everything it now waits for", async () => {
    const fake = await startAsanaFake();
    const { qa, release } = seedChain(fake);
    const design = insertTask(fake.store, fake.world, { name: "Design" });
    const output = outputOf(await callTool(fake, addTaskDependencies, { task_id: release.gid, depends_on: [design.gid] }));
    expect(output).toEqual({
      status: { success: true, message: `task ${release.gid} now waits for ${design.gid}` },
      task: {
        id: release.gid,
        dependencies: [
          { id: qa.gid, name: "QA", assignee: { id: fake.world.colleague.gid, name: "Grace Hopper" }, due_on: "2026-11-10" },
          { id: design.gid, name: "Design" },
        ],
      },
    });
    expect(fake.requestsTo("POST", `/tasks/${release.gid}/addDependencies`)[0]?.body).toEqual({ data: { dependencies: [design.gid] } });
    expect(fake.store.get(design.gid)?.dependents).toEqual([release.gid]);
  });

  test("Asana's limit of 30 dependencies and dependents is explained, with the tools that make room", async () => {
    const fake = await startAsanaFake();
    const busy = insertTask(fake.store, fake.world, { name: "Busy" });
    const blockers = Array.from({ length: 30 }, (_, i) => insertTask(fake.store, fake.world, { name: `Blocker ${i}`, dependents: [busy.gid] }));
    fake.store.update(busy.gid, { dependencies: blockers.map((t) => t.gid) });
    const one = insertTask(fake.store, fake.world, { name: "One more" });
    const error = errorOf(await callTool(fake, addTaskDependencies, { task_id: busy.gid, depends_on: [one.gid] }));
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain("Asana allows a task at most 30 dependencies and dependents together");
    expect(error.message).toContain("Asana_RemoveTaskDependencies");
    expect(fake.store.get(one.gid)?.dependents ?? []).toEqual([]);
  });

  test("a task cannot wait for itself: refused before any request", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const error = errorOf(await callToolWithRawArguments(fake, addTaskDependencies, { task_id: task.gid, depends_on: ["1", task.gid] }));
    expect(error.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(error.message).toContain("`depends_on[1]`: is the task itself");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("a circular link is Asana's 400, explained", async () => {
    const fake = await startAsanaFake();
    const { build, release } = seedChain(fake);
    const error = errorOf(await callTool(fake, addTaskDependencies, { task_id: build.gid, depends_on: [release.gid] }));
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain("a task cannot wait for itself or for a task that already waits for it");
  });

  test("a free workspace answers 402", async () => {
    const fake = await startAsanaFake();
    const [a, b] = ["Plant", "Water"].map((name) => insertTask(fake.store, fake.world, { name, workspace: fake.world.free.gid }));
    const error = errorOf(await callTool(fake, addTaskDependencies, { task_id: b!.gid, depends_on: [a!.gid] }));
    expect(error.statusCode).toBe(402);
    expect(error.message).toContain("Task dependencies need a paid Asana plan");
  });
});

describe("RemoveTaskDependencies", () => {
  test("stops a task waiting for another, on both tasks", async () => {
    const fake = await startAsanaFake();
    const { build, qa } = seedChain(fake);
    const output = outputOf(await callTool(fake, removeTaskDependencies, { task_id: qa.gid, depends_on: [build.gid] }));
    expect(output).toEqual({ status: { success: true, message: `task ${qa.gid} no longer waits for ${build.gid}` }, task: { id: qa.gid, dependencies: [] } });
    expect(fake.store.get(build.gid)?.dependents).toEqual([]);
  });

  test("an unknown task in depends_on is Asana's 404", async () => {
    const fake = await startAsanaFake();
    const { qa } = seedChain(fake);
    const error = errorOf(await callTool(fake, removeTaskDependencies, { task_id: qa.gid, depends_on: ["8675309"] }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("one in depends_on is unknown");
  });

  test("a free workspace answers 402", async () => {
    const fake = await startAsanaFake();
    const [a, b] = ["Plant", "Water"].map((name) => insertTask(fake.store, fake.world, { name, workspace: fake.world.free.gid }));
    const error = errorOf(await callTool(fake, removeTaskDependencies, { task_id: b!.gid, depends_on: [a!.gid] }));
    expect(error.statusCode).toBe(402);
  });
});
