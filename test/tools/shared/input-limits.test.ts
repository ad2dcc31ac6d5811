import { afterEach, describe, expect, test } from "vitest";
import { addCommentToTask } from "../../../tools/comments/add-comment-to-task.js";
import { getTasksWithoutId } from "../../../tools/tasks/get-tasks-without-id.js";
import { listTasksInProject } from "../../../tools/tasks/list-tasks-in-project.js";
import { listWorkspaces } from "../../../tools/workspaces/list-workspaces.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf } from "../../support/tool-harness.js";

afterEach(closeClients);

const megabyte = "x".repeat(1024 * 1024);

describe("input bounds and echoes", () => {
  test("a name that matches nothing is quoted back shortened, so the error stays small", async () => {
    const fake = await startAsanaFake();
    const name = `Project ${"y".repeat(1000)}`;
    const error = errorOf(await callTool(fake, listTasksInProject, { project: name, workspace_id: fake.world.premium.gid }));
    expect(error.message).toMatch(/No project named "Project y+\.\.\."/);
    expect(error.message.length).toBeLessThan(2000);
  });

  test("megabyte strings are refused before any request, with a short error naming the field and the limit", async () => {
    const fake = await startAsanaFake();
    const cases = [
      await callTool(fake, listTasksInProject, { project: megabyte }),
      await callTool(fake, listWorkspaces, { next_page_token: megabyte }),
      await callTool(fake, getTasksWithoutId, { workspace_id: fake.world.premium.gid, keywords: megabyte }),
      await callTool(fake, addCommentToTask, { task_id: fake.world.task.gid, text: megabyte }),
    ];
    const fields = ["project", "next_page_token", "keywords", "text"];
    for (const [index, outcome] of cases.entries()) {
      const error = errorOf(outcome);
      expect(error.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
      expect(error.message).toContain(`\`${fields[index]}\`: must be at most`);
      expect(error.message.length).toBeLessThan(2000);
    }
    expect(fake.arrivals).toHaveLength(0);
  });
});
