import { afterEach, describe, expect, test } from "vitest";
import { listMyTasks } from "../../../tools/tasks/list-my-tasks.js";
import { startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { insertFreeChore, insertTask } from "../../support/world.js";

afterEach(closeClients);

/** Ada's My Tasks in the premium organization, with the section "Do today" holding the world's task. */
function seedMyTasks(fake: AsanaFake) {
  const { me, premium, task } = fake.world;
  const list = fake.store.insert({ resource_type: "user_task_list", name: "My Tasks", owner: me.gid, workspace: premium.gid });
  const [recent, today] = ["Recently assigned", "Do today"].map((name) =>
    fake.store.insert({ resource_type: "section", name, project: list.gid, created_at: "2026-11-01T09:00:00.000Z" }),
  );
  fake.store.update(task.gid, { assignee_section: today!.gid });
  const done = insertTask(fake.store, fake.world, {
    name: "Send the invoices",
    assignee: me.gid,
    assignee_section: recent!.gid,
    completed: true,
    completed_at: "2026-11-02T09:00:00.000Z",
  });
  return { recent: recent!, today: today!, done };
}

describe("ListMyTasks", () => {
  test("lists the current user's open tasks with due date, projects and My Tasks section", async () => {
    const fake = await startAsanaFake();
    const { task, launch, premium } = fake.world;
    const { today } = seedMyTasks(fake);
    const output = outputOf(await callTool(fake, listMyTasks, { workspace_id: premium.gid }));
    expect(output).toEqual({
      tasks: [
        {
          id: task.gid,
          name: "Prepare the quarterly report",
          due_on: "2026-12-15",
          projects: [{ id: launch.gid, name: "Q4 Launch" }],
          my_tasks_section: { id: today.gid, name: "Do today" },
        },
      ],
      count: 1,
      next_page: { has_more_pages: false, next_page_token: null },
    });
    expect(fake.requestsTo("GET", "/tasks")[0]?.query).toMatchObject({ assignee: "me", workspace: premium.gid, completed_since: "now", limit: "100" });
  });

  test("include_completed adds the completed tasks", async () => {
    const fake = await startAsanaFake();
    const { done } = seedMyTasks(fake);
    const output = outputOf(await callTool(fake, listMyTasks, { workspace_id: fake.world.premium.gid, include_completed: true }));
    expect(output.tasks.map((t) => [t.name, t.completed ?? false])).toEqual([
      ["Send the invoices", true],
      ["Prepare the quarterly report", false],
    ]);
    expect(output.tasks[0]?.id).toBe(done.gid);
    expect(fake.requestsTo("GET", "/tasks")[0]?.query).not.toHaveProperty("completed_since");
  });

  test("another user's tasks by email, a page at a time; Asana keeps their My Tasks sections to themselves", async () => {
    const fake = await startAsanaFake();
    const { colleague, subtasks, task, premium } = fake.world;
    const graceList = fake.store.insert({ resource_type: "user_task_list", name: "My Tasks", owner: colleague.gid, workspace: premium.gid });
    const graceToday = fake.store.insert({ resource_type: "section", name: "Do today", project: graceList.gid, created_at: "2026-11-01T09:00:00.000Z" });
    const second = insertTask(fake.store, fake.world, {
      name: "Book the venue",
      assignee: colleague.gid,
      assignee_section: graceToday.gid,
      due_on: "2026-11-20",
    });
    const first = outputOf(await callTool(fake, listMyTasks, { user: "grace@acme.test", workspace_id: premium.gid, limit: 1 }));
    expect(first.tasks).toEqual([{ id: subtasks[1]!.gid, name: "Draw charts", parent: { id: task.gid, name: "Prepare the quarterly report" } }]);
    expect(first.next_page.has_more_pages).toBe(true);
    const rest = outputOf(
      await callTool(fake, listMyTasks, { user: "grace@acme.test", workspace_id: premium.gid, next_page_token: first.next_page.next_page_token! }),
    );
    expect(rest.tasks).toEqual([{ id: second.gid, name: "Book the venue", due_on: "2026-11-20" }]);
    expect(fake.requestsTo("GET", "/tasks")[0]?.query.assignee).toBe("grace@acme.test");
  });

  test("works on a free workspace", async () => {
    const fake = await startAsanaFake();
    const { me, free, home } = fake.world;
    const chore = insertFreeChore(fake.store, fake.world, { assignee: me.gid });
    const output = outputOf(await callTool(fake, listMyTasks, { workspace_id: free.gid }));
    expect(output.tasks).toEqual([{ id: chore.gid, name: "Water the plants", projects: [{ id: home.gid, name: "Home" }] }]);
  });

  test("with several workspaces and none given, the model is asked to choose", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, listMyTasks, {}));
    expect(error.kind).toBe("TOOL_RUNTIME_RETRY");
    expect(error.additionalPromptContent).toContain("Personal Projects");
    expect(fake.requestsTo("GET", "/tasks")).toHaveLength(0);
  });

  test("an unknown email is Asana's 404, with where user ids come from; a name is refused before any request", async () => {
    const fake = await startAsanaFake();
    const unknown = errorOf(await callTool(fake, listMyTasks, { user: "nobody@acme.test", workspace_id: fake.world.premium.gid }));
    expect(unknown.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(unknown.message).toContain("Asana_ListUsers");
    const before = fake.exchanges.length;
    const byName = errorOf(await callTool(fake, listMyTasks, { user: "Grace Hopper", workspace_id: fake.world.premium.gid }));
    expect(byName.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(byName.message).toContain("`user`: must be a user's Asana id");
    expect(fake.exchanges).toHaveLength(before);
  });
});
