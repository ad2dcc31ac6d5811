import { afterEach, describe, expect, test } from "vitest";
import { myTasksOf, myTasksSections } from "../../../src/sandbox/my-tasks.js";
import { listMyTasksSections } from "../../../tools/tasks/list-my-tasks-sections.js";
import { moveTaskToMyTasksSection } from "../../../tools/tasks/move-task-to-my-tasks-section.js";
import { startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { send } from "../../sandbox/raw-request.js";

afterEach(closeClients);

/** Ada's My Tasks in the premium organization, as the emulator makes it: four sections. */
function myList(fake: AsanaFake) {
  const list = myTasksOf(fake.store, fake.world.me.gid, fake.world.premium.gid);
  const [recent, today, nextWeek, later] = myTasksSections(fake.store, list);
  return { list, recent: recent!, today: today!, nextWeek: nextWeek!, later: later! };
}

describe("the emulator: a My Tasks list's sections through the projects endpoint", () => {
  test("GET /projects/{user_task_list_gid}/sections lists them in order, as Asana's Projects tag allows", async () => {
    const fake = await startAsanaFake();
    const { list, recent, today, nextWeek, later } = myList(fake);
    const sections = await send(fake, "GET", `/projects/${list.gid}/sections?opt_fields=name`);
    expect(sections.status).toBe(200);
    expect(sections.body.data.map((s: { gid: string; name: string }) => [s.gid, s.name])).toEqual([
      [recent.gid, "Recently assigned"],
      [today.gid, "Do today"],
      [nextWeek.gid, "Do next week"],
      [later.gid, "Do later"],
    ]);
  });
});

describe("ListMyTasksSections", () => {
  test("lists the current user's My Tasks sections in the workspace, in order", async () => {
    const fake = await startAsanaFake();
    const { list, recent, today, nextWeek, later } = myList(fake);
    const output = outputOf(await callTool(fake, listMyTasksSections, { workspace_id: fake.world.premium.gid }));
    expect(output).toEqual({
      my_tasks_id: list.gid,
      sections: [
        { id: recent.gid, name: "Recently assigned" },
        { id: today.gid, name: "Do today" },
        { id: nextWeek.gid, name: "Do next week" },
        { id: later.gid, name: "Do later" },
      ],
    });
    expect(fake.requestsTo("GET", "/users/me/user_task_list")[0]?.query).toMatchObject({ workspace: fake.world.premium.gid });
  });

  test("with several workspaces and none given, it asks which one", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, listMyTasksSections, {}));
    expect(error.message).toContain("pass workspace_id");
  });
});

describe("MoveTaskToMyTasksSection", () => {
  test("moves the user's task to a My Tasks section named case-insensitively", async () => {
    const fake = await startAsanaFake();
    const { today } = myList(fake);
    const { task } = fake.world;
    const output = outputOf(await callTool(fake, moveTaskToMyTasksSection, { task_id: task.gid, section: "do today" }));
    expect(output).toEqual({
      status: { success: true, message: `task ${task.gid} is in "Do today" in My Tasks` },
      task: { id: task.gid, name: "Prepare the quarterly report", my_tasks_section: { id: today.gid, name: "Do today" } },
    });
    expect(fake.requestsTo("PUT", `/tasks/${task.gid}`)[0]?.body).toEqual({ data: { assignee_section: today.gid } });
    expect(fake.store.get(task.gid)?.assignee_section).toBe(today.gid);
  });

  test("a section id goes straight to Asana in one request", async () => {
    const fake = await startAsanaFake();
    const { later } = myList(fake);
    const { task } = fake.world;
    const output = outputOf(await callTool(fake, moveTaskToMyTasksSection, { task_id: task.gid, section: later.gid }));
    expect(output.task.my_tasks_section).toEqual({ id: later.gid, name: "Do later" });
    expect(fake.exchanges.map((e) => `${e.method} ${e.path}`)).toEqual([`PUT /tasks/${task.gid}`]);
  });

  test("an unknown section name lists the sections there are, and changes nothing", async () => {
    const fake = await startAsanaFake();
    const { recent } = myList(fake);
    const { task } = fake.world;
    const error = errorOf(await callTool(fake, moveTaskToMyTasksSection, { task_id: task.gid, section: "Someday" }));
    expect(error.message).toContain('No section named "Someday" in My Tasks');
    expect(error.additionalPromptContent).toContain(`{"id":"${recent.gid}","name":"Recently assigned"}`);
    expect(fake.requestsTo("PUT", `/tasks/${task.gid}`)).toHaveLength(0);
  });

  test("a task assigned to someone else is refused before any write: My Tasks sections are the assignee's own", async () => {
    const fake = await startAsanaFake();
    myList(fake);
    const theirs = fake.world.subtasks[1]!;
    const error = errorOf(await callTool(fake, moveTaskToMyTasksSection, { task_id: theirs.gid, section: "Do today" }));
    expect(error.message).toContain("is assigned to Grace Hopper");
    expect(error.message).toContain("only the assignee");
    expect(fake.requestsTo("PUT", `/tasks/${theirs.gid}`)).toHaveLength(0);
  });

  test("an unassigned task is refused before any write, saying to assign it first", async () => {
    const fake = await startAsanaFake();
    myList(fake);
    const unassigned = fake.world.subtasks[0]!;
    const error = errorOf(await callTool(fake, moveTaskToMyTasksSection, { task_id: unassigned.gid, section: "Do today" }));
    expect(error.message).toContain("has no assignee");
    expect(error.message).toContain("Asana_UpdateTask");
    expect(fake.requestsTo("PUT", `/tasks/${unassigned.gid}`)).toHaveLength(0);
  });

  test("a section id of someone else's list is Asana's 400, explained", async () => {
    const fake = await startAsanaFake();
    myList(fake);
    const theirs = myTasksSections(fake.store, myTasksOf(fake.store, fake.world.colleague.gid, fake.world.premium.gid))[1]!;
    const error = errorOf(await callTool(fake, moveTaskToMyTasksSection, { task_id: fake.world.task.gid, section: theirs.gid }));
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain("Asana_ListMyTasksSections");
  });
});
