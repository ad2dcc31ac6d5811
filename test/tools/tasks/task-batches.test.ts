import { afterEach, describe, expect, test } from "vitest";
import { concurrentTaskCreates, createTasks } from "../../../tools/tasks/create-tasks.js";
import { updateTasks } from "../../../tools/tasks/update-tasks.js";
import { type AsanaFake, startAsanaFake } from "../../support/asana-fake.js";
import { callTool, callToolWithRawArguments, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { send } from "../../sandbox/raw-request.js";

afterEach(closeClients);

/** A promise the test settles when it has seen what must happen first. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Requests of this method and path that reached the emulator, answered or still held. */
function arrived(fake: AsanaFake, method: string, path: string): number {
  return fake.arrivals.filter((a) => a.method === method && a.path === path).length;
}

/** Waits for a condition, in bounded steps (5 s at most), failing the test if it never holds. */
async function until(condition: () => boolean): Promise<void> {
  for (let step = 0; step < 500 && !condition(); step++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

describe("CreateTasks", () => {
  test("creates tasks in a named project's section, looking the project and section up once", async () => {
    const fake = await startAsanaFake();
    const { premium, launch, doing, task } = fake.world;
    const where = { project: "Q4 Launch", workspace_id: premium.gid, section: "Doing" };
    const output = outputOf(
      await callTool(fake, createTasks, {
        tasks: [
          { name: "Draft", ...where },
          { name: "Review", ...where, due_date: "2026-12-01" },
          { name: "Publish", ...where },
        ],
      }),
    );
    expect(output.summary).toBe("3 of 3 tasks created.");
    expect(output.failed).toEqual([]);
    expect(output.succeeded.map(({ index, task: made }) => [index, made.name])).toEqual([
      [0, "Draft"],
      [1, "Review"],
      [2, "Publish"],
    ]);
    expect(output.succeeded[1]!.task).toMatchObject({
      due_on: "2026-12-01",
      memberships: [{ project: { id: launch.gid, name: "Q4 Launch" }, section: { id: doing.gid, name: "Doing" } }],
    });
    // Made side by side: all three are in the section, after what was there, in whatever order Asana filed them.
    const inDoing = await send(fake, "GET", `/sections/${doing.gid}/tasks?opt_fields=name`);
    const names = inDoing.body.data.map((t: { name: string }) => t.name);
    expect(names[0]).toBe(task.name);
    expect([...names.slice(1)].sort()).toEqual(["Draft", "Publish", "Review"]);
    // The name lookups are shared by the three tasks; the writes are one per task and step.
    expect(fake.requestsTo("GET", `/workspaces/${premium.gid}/typeahead`)).toHaveLength(1);
    expect(fake.requestsTo("GET", `/projects/${launch.gid}/sections`)).toHaveLength(1);
    expect(fake.requestsTo("POST", "/tasks")).toHaveLength(3);
    expect(fake.requestsTo("POST", /\/addProject$/)).toHaveLength(3);
  });

  test("the creates go out together, and each task's marker removal and section filing together once it exists", async () => {
    const fake = await startAsanaFake();
    const { launch, doing } = fake.world;
    const creates = gate();
    fake.faults.inject({ method: "POST", path: "/tasks", until: creates.opened, times: 3 });
    const call = callTool(fake, createTasks, { tasks: ["A", "B", "C"].map((name) => ({ name, project: launch.gid, section: doing.gid })) });
    // All three creates reach Asana while none has been answered: none waits for another.
    await until(() => arrived(fake, "POST", "/tasks") === 3);
    creates.open();
    const output = outputOf(await call);
    expect(output.summary).toBe("3 of 3 tasks created.");
    // With a personal access token each create's marker leaves the notes by a PUT, sent beside the placement.
    expect(fake.requestsTo("PUT", /^\/tasks\/\d+$/)).toHaveLength(3);
    expect(fake.requestsTo("POST", /\/addProject$/)).toHaveLength(3);
    for (const item of output.succeeded) {
      expect(item.task.memberships).toEqual([{ project: { id: launch.gid, name: launch.name }, section: { id: doing.gid, name: "Doing" } }]);
      expect(fake.store.get(item.task.id, "task")?.notes ?? "").toBe("");
    }
  });

  test(`at most ${concurrentTaskCreates} tasks are in flight at once, within Asana's 15 concurrent writes`, async () => {
    const fake = await startAsanaFake();
    const { launch } = fake.world;
    const creates = gate();
    fake.faults.inject({ method: "POST", path: "/tasks", until: creates.opened, times: 12 });
    const call = callTool(fake, createTasks, { tasks: Array.from({ length: 12 }, (_, n) => ({ name: `Step ${n}`, project: launch.gid })) });
    await until(() => arrived(fake, "POST", "/tasks") === concurrentTaskCreates);
    // The client's pool has room for more: a missing bound would have sent them by now.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(arrived(fake, "POST", "/tasks")).toBe(concurrentTaskCreates);
    creates.open();
    const output = outputOf(await call);
    expect(output.succeeded.map((item) => item.index)).toEqual([...Array(12).keys()]);
    expect(fake.store.all("task", (t) => String(t.name).startsWith("Step "))).toHaveLength(12);
  });

  test("a task whose filing fails is reported alone, as existing, while the tasks beside it are made and filed", async () => {
    const fake = await startAsanaFake();
    const { launch, doing } = fake.world;
    fake.faults.inject({ method: "POST", path: /\/addProject$/, status: 400, message: "section: Not a section of the project." });
    const output = outputOf(await callTool(fake, createTasks, { tasks: ["A", "B", "C"].map((name) => ({ name, project: launch.gid, section: doing.gid })) }));
    expect(output.succeeded).toHaveLength(2);
    expect(output.failed).toHaveLength(1);
    const [failure] = output.failed;
    expect(failure!.may_exist).toBe(true);
    expect(failure!.error).toContain("but not filed in section");
    expect(fake.store.all("task", (t) => ["A", "B", "C"].includes(String(t.name)))).toHaveLength(3);
    expect(output.summary).toContain(`1 failed (item ${failure!.index})`);
  });

  test("one task's failure hides no other: each says what went wrong, and the summary says what to send again", async () => {
    const fake = await startAsanaFake();
    const { launch } = fake.world;
    const output = outputOf(
      await callTool(fake, createTasks, {
        tasks: [
          { name: "Fine", project: launch.gid },
          { name: "Wrong section", project: launch.gid, section: "Nowhere" },
          { name: "Unknown assignee", project: launch.gid, assignee_id: "8675309" },
          { name: "Also fine", project: launch.gid },
        ],
      }),
    );
    expect(output.succeeded.map((item) => item.index)).toEqual([0, 3]);
    expect(output.failed.map((item) => item.index)).toEqual([1, 2]);
    expect(output.failed[0]!.error).toContain('No section named "Nowhere"');
    expect(output.failed[1]!.error).toContain("Not found in Asana (404): assignee: Unknown object: 8675309");
    expect(output.failed[1]!.error).toContain("Asana_ListUsers");
    expect(output.failed.every((item) => item.may_exist === undefined)).toBe(true);
    expect(output.summary).toBe(
      "2 of 4 tasks created; 2 failed (items 1, 2). Send only the failed items again, fixed as their errors say; the others are done.",
    );
    expect(fake.store.all("task", (t) => t.name === "Wrong section" || t.name === "Unknown assignee")).toHaveLength(0);
  });

  test("a lost answer is looked for, never sent again, and an earlier task of the same name is not taken for it", async () => {
    const fake = await startAsanaFake();
    const { launch } = fake.world;
    fake.faults.inject({ method: "POST", path: "/tasks", afterWork: "reset" });
    const output = outputOf(
      await callTool(
        fake,
        createTasks,
        {
          tasks: [
            { name: "Review", project: launch.gid },
            { name: "Review", project: launch.gid },
          ],
        },
        { client: { maxRetries: 1 } },
      ),
    );
    const made = fake.store.all("task", (t) => t.name === "Review");
    expect(made).toHaveLength(2);
    expect(fake.requestsTo("POST", "/tasks")).toHaveLength(1); // the lost one is not among the answered requests
    expect(fake.arrivals.filter((a) => a.method === "POST" && a.path === "/tasks")).toHaveLength(2);
    expect(output.failed).toEqual([]);
    expect(new Set(output.succeeded.map((item) => item.task.id))).toEqual(new Set(made.map((t) => t.gid)));
  });

  test("a 5xx after the work on one create: that task is found by its marker, not made again, and the others are still made", async () => {
    const fake = await startAsanaFake();
    const { launch } = fake.world;
    fake.faults.inject({ method: "POST", path: "/tasks", status: 500, afterWork: "error" });
    const output = outputOf(
      await callTool(fake, createTasks, {
        tasks: [
          { name: "First", project: launch.gid },
          { name: "Second", project: launch.gid },
        ],
      }),
    );
    expect(output.succeeded.map((item) => item.task.name)).toEqual(["First", "Second"]);
    expect(output.failed).toEqual([]);
    expect(fake.store.all("task", (task) => task.name === "First").map((task) => task.gid)).toEqual([output.succeeded[0]!.task.id]);
    expect(fake.arrivals.filter((a) => a.method === "POST" && a.path === "/tasks")).toHaveLength(2);
  });

  test("a new tag named by several tasks is made once", async () => {
    const fake = await startAsanaFake();
    const { launch } = fake.world;
    const output = outputOf(
      await callTool(fake, createTasks, { tasks: [1, 2, 3].map((n) => ({ name: `Task ${n}`, project: launch.gid, tags: ["launch-week"] })) }),
    );
    expect(output.failed).toEqual([]);
    expect(fake.requestsTo("POST", "/tags")).toHaveLength(1);
    expect(output.succeeded[0]!.created_tags).toEqual([{ id: expect.any(String), name: "launch-week" }]);
    expect(output.succeeded[1]).not.toHaveProperty("created_tags");
  });

  test("a malformed task fails the whole call before anything is sent, naming each problem", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(
      await callToolWithRawArguments(fake, createTasks, { tasks: [{ name: "Fine" }, { name: "" }, { name: "Bad date", due_date: "soon" }] }),
    );
    expect(error.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(error.message).toMatch(/tasks.*1.*name/);
    expect(error.message).toMatch(/tasks.*2.*due_date/);
    expect(fake.exchanges).toHaveLength(0);
    const tooMany = errorOf(await callToolWithRawArguments(fake, createTasks, { tasks: Array.from({ length: 51 }, (_, n) => ({ name: `T${n}` })) }));
    expect(tooMany.message).toContain("at most 50 tasks");
  });
});

describe("UpdateTasks", () => {
  test("updates each task as UpdateTask would, and one unknown task fails alone", async () => {
    const fake = await startAsanaFake();
    const { task, subtasks } = fake.world;
    const output = outputOf(
      await callTool(fake, updateTasks, {
        tasks: [
          { task_id: task.gid, custom_fields: { Priority: "Low" }, completed: true },
          { task_id: "8675309", completed: true },
          { task_id: subtasks[0]!.gid, due_date: "2026-12-20", assignee_id: "grace@acme.test" },
        ],
      }),
    );
    expect(output.succeeded.map((item) => item.index)).toEqual([0, 2]);
    expect(output.succeeded[0]!.task).toMatchObject({ id: task.gid, completed: true });
    expect(output.succeeded[0]!.task.custom_fields).toContainEqual(expect.objectContaining({ name: "Priority", value: "Low" }));
    expect(output.succeeded[1]!.task).toMatchObject({ due_on: "2026-12-20", assignee: { name: "Grace Hopper" } });
    expect(output.failed).toEqual([{ index: 1, error: expect.stringContaining("No task (or assignee) has this id") }]);
    expect(output.summary).toContain("2 of 3 tasks updated; 1 failed (item 1)");
  });

  test("UpdateTask's own rules apply per task: a start date without a due date fails that task only", async () => {
    const fake = await startAsanaFake();
    const { task, subtasks } = fake.world;
    const output = outputOf(
      await callTool(fake, updateTasks, {
        tasks: [
          { task_id: subtasks[1]!.gid, start_date: "2026-12-01" },
          { task_id: task.gid, name: "Renamed" },
        ],
      }),
    );
    expect(output.succeeded.map((item) => item.task.name)).toEqual(["Renamed"]);
    expect(output.failed[0]!.error).toContain("call Asana_UpdateTask again with due_date as well");
  });

  test("the same task twice is refused before any request", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const error = errorOf(
      await callTool(fake, updateTasks, {
        tasks: [
          { task_id: task.gid, name: "A" },
          { task_id: task.gid, completed: true },
        ],
      }),
    );
    expect(error.message).toContain("`tasks[1].task_id`: names the same task as tasks[0]");
    expect(fake.exchanges).toHaveLength(0);
  });
});
