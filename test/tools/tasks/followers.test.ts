import { afterEach, describe, expect, test } from "vitest";
import { addFollowersToTask } from "../../../tools/tasks/add-followers-to-task.js";
import { getTaskById } from "../../../tools/tasks/get-task-by-id.js";
import { removeFollowersFromTask } from "../../../tools/tasks/remove-followers-from-task.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, callToolWithRawArguments, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { insertTask } from "../../support/world.js";

afterEach(closeClients);

describe("AddFollowersToTask", () => {
  test("adds followers by email, and answers with everyone who follows the task", async () => {
    const fake = await startAsanaFake();
    const { task, me, colleague } = fake.world;
    const output = outputOf(await callTool(fake, addFollowersToTask, { task_id: task.gid, followers: ["grace@acme.test"] }));
    expect(output).toEqual({
      status: { success: true, message: `followers added to task ${task.gid}` },
      task: {
        id: task.gid,
        name: "Prepare the quarterly report",
        followers: [
          { id: me.gid, name: "Ada Lovelace" },
          { id: colleague.gid, name: "Grace Hopper" },
        ],
      },
    });
    // Asana resolves emails in followers itself: the email goes as given, in one request.
    expect(fake.requestsTo("POST", `/tasks/${task.gid}/addFollowers`)[0]?.body).toEqual({ data: { followers: ["grace@acme.test"] } });
    expect(fake.exchanges).toHaveLength(1);
    // "Who follows this task" is answered by GetTaskById too.
    const read = outputOf(await callTool(fake, getTaskById, { task_id: task.gid, max_subtasks: 0 }));
    expect(read.task.followers).toEqual(output.task.followers);
  });

  test("works on a free workspace", async () => {
    const fake = await startAsanaFake();
    const { me, free } = fake.world;
    const chore = insertTask(fake.store, fake.world, { name: "Water the plants", workspace: free.gid, followers: [] });
    const output = outputOf(await callTool(fake, addFollowersToTask, { task_id: chore.gid, followers: ["me"] }));
    expect(output.task.followers).toEqual([{ id: me.gid, name: "Ada Lovelace" }]);
  });

  test("an unknown follower is Asana's 404, which says where user ids come from", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, addFollowersToTask, { task_id: fake.world.task.gid, followers: ["nobody@acme.test"] }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Asana_ListUsers");
  });

  test("a follower given by name, or an empty list, is refused before any request", async () => {
    const fake = await startAsanaFake();
    const byName = errorOf(await callToolWithRawArguments(fake, addFollowersToTask, { task_id: fake.world.task.gid, followers: ["me", "Grace Hopper"] }));
    expect(byName.message).toContain("`followers[1]`: must be a user's Asana id");
    const empty = errorOf(await callToolWithRawArguments(fake, addFollowersToTask, { task_id: fake.world.task.gid, followers: [] }));
    expect(empty.message).toContain('`followers`: must list at least one user, such as ["me"]');
    expect(fake.exchanges).toHaveLength(0);
  });
});

describe("RemoveFollowersFromTask", () => {
  test("removes a follower and answers with the followers left", async () => {
    const fake = await startAsanaFake();
    const { task, me, colleague } = fake.world;
    fake.store.update(task.gid, { followers: [me.gid, colleague.gid] });
    const output = outputOf(await callTool(fake, removeFollowersFromTask, { task_id: task.gid, followers: [me.gid] }));
    expect(output).toEqual({
      status: { success: true, message: `followers removed from task ${task.gid}` },
      task: { id: task.gid, name: "Prepare the quarterly report", followers: [{ id: colleague.gid, name: "Grace Hopper" }] },
    });
    expect(fake.store.get(task.gid)?.followers).toEqual([colleague.gid]);
  });

  test("removing the last follower leaves an empty list; works on a free workspace", async () => {
    const fake = await startAsanaFake();
    const chore = insertTask(fake.store, fake.world, { name: "Water the plants", workspace: fake.world.free.gid });
    const output = outputOf(await callTool(fake, removeFollowersFromTask, { task_id: chore.gid, followers: ["me"] }));
    expect(output.task.followers).toEqual([]);
  });

  test("an unknown task is Asana's 404, with where task ids come from", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, removeFollowersFromTask, { task_id: "8675309", followers: ["me"] }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Asana_ListTasksInProject");
  });
});
