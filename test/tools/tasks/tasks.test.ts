import { afterEach, describe, expect, test } from "vitest";
import { deleteTask } from "../../../tools/tasks/delete-task.js";
import { getSubtasksFromATask } from "../../../tools/tasks/get-subtasks-from-a-task.js";
import { getTaskById } from "../../../tools/tasks/get-task-by-id.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, callToolWithRawArguments, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

describe("GetTaskById", () => {
  test("returns the task with its subtasks, trimmed and with ids instead of gids", async () => {
    const fake = await startAsanaFake();
    const { task, subtasks, me, colleague, premium, launch, doing, urgent } = fake.world;
    const highOption = (fake.world.priority.enum_options as Array<{ gid: string; name: string }>).find((option) => option.name === "High")!;
    const output = outputOf(await callTool(fake, getTaskById, { task_id: task.gid }));
    expect(output).toEqual({
      task: {
        id: task.gid,
        name: "Prepare the quarterly report",
        notes: "Numbers from finance, charts from design.",
        created_at: "2026-11-01T09:00:00.000Z",
        modified_at: "2026-11-01T09:00:00.000Z",
        due_on: "2026-12-15",
        assignee: { id: me.gid, name: "Ada Lovelace" },
        memberships: [{ project: { id: launch.gid, name: "Q4 Launch" }, section: { id: doing.gid, name: "Doing" } }],
        tags: [{ id: urgent.gid, name: "urgent" }],
        custom_fields: [{ id: fake.world.priority.gid, name: "Priority", type: "enum", value: "High", enum_value: { id: highOption.gid } }],
        followers: [{ id: me.gid, name: "Ada Lovelace" }],
        workspace: { id: premium.gid, name: "Acme Corp" },
        permalink_url: "https://app.asana.com/0/0/1",
        // Asana counts subtasks for a task read that asks for num_subtasks, and the emulator does too.
        num_subtasks: 3,
        subtasks: [
          { id: subtasks[0]!.gid, name: "Collect numbers" },
          { id: subtasks[1]!.gid, name: "Draw charts", assignee: { id: colleague.gid, name: "Grace Hopper" } },
          { id: subtasks[2]!.gid, name: "Review with finance" },
        ],
      },
    });
    const [get] = fake.requestsTo("GET", `/tasks/${task.gid}`);
    expect(get?.headers.authorization).toBe(`Bearer ${fake.token}`);
    expect(get?.query.opt_fields).toContain("assignee.name,followers.name,parent.name");
    // The task has no dependencies, so the premium dependency lists are not asked for.
    expect(fake.requestsTo("GET", /\/(dependencies|dependents)$/)).toHaveLength(0);
  });

  test("max_subtasks limits the subtasks and 0 skips the request", async () => {
    const fake = await startAsanaFake();
    const one = outputOf(await callTool(fake, getTaskById, { task_id: fake.world.task.gid, max_subtasks: 1 })) as { task: { subtasks: unknown[] } };
    expect(one.task.subtasks).toHaveLength(1);
    const none = outputOf(await callTool(fake, getTaskById, { task_id: fake.world.task.gid, max_subtasks: 0 })) as { task: object };
    expect(none.task).not.toHaveProperty("subtasks");
    expect(fake.requestsTo("GET", /\/subtasks$/)).toHaveLength(1);
  });

  test("an unknown task is a 404 that says how to find task ids", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, getTaskById, { task_id: "999" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.statusCode).toBe(404);
    expect(error.message).toContain("Not found in Asana (404)");
    expect(error.message).toContain("Asana_GetTasksWithoutId");
  });

  test("a task id that is not digits is refused before any request", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, getTaskById, { task_id: "Prepare the report" }));
    expect(error.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(error.message).toContain("`task_id`: must be the task's Asana id");
    expect(error.message).toContain('(got "Prepare the report")');
    expect(fake.exchanges).toHaveLength(0);
  });

  test("unknown and missing parameters are named with the ones that exist", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callToolWithRawArguments(fake, getTaskById, { taskId: "1" }));
    expect(error.message).toContain("`taskId`: is not a parameter of this tool. Use only: task_id, max_subtasks.");
    expect(error.message).toContain("`task_id`: is required");
    expect(fake.exchanges).toHaveLength(0);
  });
});

describe("DeleteTask", () => {
  test("deletes the task and its subtasks", async () => {
    const fake = await startAsanaFake();
    const { task, subtasks } = fake.world;
    const output = outputOf(await callTool(fake, deleteTask, { task_id: task.gid }));
    expect(output).toEqual({
      status: { success: true, message: `task ${task.gid} deleted (it stays in the user's Asana trash for 30 days)` },
      task: { id: task.gid },
    });
    expect(fake.requestsTo("DELETE", `/tasks/${task.gid}`)).toHaveLength(1);
    expect(fake.store.get(task.gid)).toBeUndefined();
    expect(fake.store.get(subtasks[0]!.gid)).toBeUndefined();
  });

  test("deleting a task that does not exist says so", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, deleteTask, { task_id: "12345" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("it may already be deleted");
  });
});

describe("GetSubtasksFromATask", () => {
  test("lists the subtasks a page at a time with Arcade's paging block", async () => {
    const fake = await startAsanaFake();
    const { task, subtasks, colleague } = fake.world;
    const first = outputOf(await callTool(fake, getSubtasksFromATask, { task_id: task.gid, limit: 2 })) as {
      subtasks: unknown[];
      count: number;
      next_page: { has_more_pages: boolean; next_page_token: string };
    };
    expect(first.subtasks).toEqual([
      { id: subtasks[0]!.gid, name: "Collect numbers", modified_at: "2026-11-01T09:00:00.000Z", permalink_url: "https://app.asana.com/0/0/1" },
      {
        id: subtasks[1]!.gid,
        name: "Draw charts",
        assignee: { id: colleague.gid, name: "Grace Hopper" },
        modified_at: "2026-11-01T09:00:00.000Z",
        permalink_url: "https://app.asana.com/0/0/1",
      },
    ]);
    expect(first.count).toBe(2);
    expect(first.next_page.has_more_pages).toBe(true);
    expect(fake.requestsTo("GET", `/tasks/${task.gid}/subtasks`)[0]?.query).toEqual({
      limit: "2",
      opt_fields:
        "name,completed,completed_at,due_on,due_at,start_on,assignee.name,memberships.project.name,memberships.section.name,tags.name,num_subtasks,modified_at,permalink_url",
    });

    const second = outputOf(
      await callTool(fake, getSubtasksFromATask, { task_id: task.gid, limit: 2, next_page_token: first.next_page.next_page_token }),
    ) as typeof first;
    expect(second.subtasks).toEqual([expect.objectContaining({ id: subtasks[2]!.gid, name: "Review with finance" })]);
    expect(second.next_page).toEqual({ has_more_pages: false, next_page_token: null });
  });

  test("a task without subtasks gives an empty list, and an unknown task a 404", async () => {
    const fake = await startAsanaFake();
    const empty = outputOf(await callTool(fake, getSubtasksFromATask, { task_id: fake.world.subtasks[0]!.gid }));
    expect(empty).toEqual({ subtasks: [], count: 0, next_page: { has_more_pages: false, next_page_token: null } });
    const error = errorOf(await callTool(fake, getSubtasksFromATask, { task_id: "31337" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Asana_GetTasksWithoutId");
  });
});
