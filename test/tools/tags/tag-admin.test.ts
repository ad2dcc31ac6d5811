import { afterEach, describe, expect, test } from "vitest";
import { deleteTag } from "../../../tools/tags/delete-tag.js";
import { updateTag } from "../../../tools/tags/update-tag.js";
import { listTasksWithTag } from "../../../tools/tasks/list-tasks-with-tag.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { insertTask } from "../../support/world.js";

afterEach(closeClients);

describe("UpdateTag", () => {
  test("renames a tag and changes its color and description", async () => {
    const fake = await startAsanaFake();
    const { urgent, premium } = fake.world;
    const output = outputOf(await callTool(fake, updateTag, { tag_id: urgent.gid, name: "asap", color: "light-red", description: "Drop everything" }));
    expect(output).toEqual({
      status: { success: true, message: `tag ${urgent.gid} updated: name, color, description` },
      tag: {
        id: urgent.gid,
        name: "asap",
        workspace: { id: premium.gid, name: "Acme Corp" },
        color: "light-red",
        notes: "Drop everything",
        permalink_url: "https://app.asana.com/0/3/list",
      },
    });
    expect(fake.requestsTo("PUT", `/tags/${urgent.gid}`)[0]?.body).toEqual({ data: { name: "asap", color: "light-red", notes: "Drop everything" } });
  });

  test('clear ["color", "description"] empties them; setting and clearing one field at once is refused', async () => {
    const fake = await startAsanaFake();
    const { urgent } = fake.world;
    const output = outputOf(await callTool(fake, updateTag, { tag_id: urgent.gid, clear: ["color", "description"] }));
    expect(fake.requestsTo("PUT", `/tags/${urgent.gid}`)[0]?.body).toEqual({ data: { color: null, notes: "" } });
    expect(output.tag).not.toHaveProperty("color");
    const both = errorOf(await callTool(fake, updateTag, { tag_id: urgent.gid, color: "dark-blue", clear: ["color"] }));
    expect(both.message).toContain("`color, clear`: set color and clear it in the same call");
    const nothing = errorOf(await callTool(fake, updateTag, { tag_id: urgent.gid }));
    expect(nothing.message).toContain("must change something");
    expect(fake.requestsTo("PUT", /\/tags\//)).toHaveLength(1);
  });
});

describe("DeleteTag", () => {
  test("deletes the tag, which comes off its tasks; the tasks stay", async () => {
    const fake = await startAsanaFake();
    const { urgent, task } = fake.world;
    expect(outputOf(await callTool(fake, deleteTag, { tag_id: urgent.gid }))).toEqual({
      status: { success: true, message: `tag ${urgent.gid} deleted; the tasks that had it keep their other tags` },
      tag: { id: urgent.gid },
    });
    expect(fake.store.get(urgent.gid)).toBeUndefined();
    expect(fake.store.get(task.gid)?.tags).toEqual([]);
  });

  test("a tag already gone is a 404 that says so", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, deleteTag, { tag_id: "5150" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("it may already be deleted");
  });
});

describe("ListTasksWithTag", () => {
  test("lists a tag's tasks by its id, or by its name looked up in the workspace", async () => {
    const fake = await startAsanaFake();
    const { urgent, task, premium, launch } = fake.world;
    const done = insertTask(fake.store, fake.world, { name: "Old fire", completed: true, tags: [urgent.gid] });
    const byId = outputOf(await callTool(fake, listTasksWithTag, { tag: urgent.gid }));
    expect(byId.tasks.map((t) => t.id)).toEqual([task.gid, done.gid]);
    expect(byId.tasks[0]).toMatchObject({
      name: "Prepare the quarterly report",
      memberships: [expect.objectContaining({ project: { id: launch.gid, name: "Q4 Launch" } })],
    });
    expect(fake.requestsTo("GET", `/tags/${urgent.gid}/tasks`)[0]?.query.limit).toBe("100");

    const open = outputOf(await callTool(fake, listTasksWithTag, { tag: "Urgent", workspace_id: premium.gid, completed: false }));
    expect(open.tasks.map((t) => t.id)).toEqual([task.gid]);
    const closed = outputOf(await callTool(fake, listTasksWithTag, { tag: urgent.gid, completed: true }));
    expect(closed.tasks.map((t) => t.id)).toEqual([done.gid]);
  });

  test("a name that matches no tag lists the tags there are", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, listTasksWithTag, { tag: "someday", workspace_id: fake.world.premium.gid }));
    expect(error.kind).toBe("TOOL_RUNTIME_RETRY");
    expect(error.message).toContain('No tag named "someday"');
    expect(error.additionalPromptContent).toContain('"name":"urgent"');
    expect(fake.requestsTo("GET", /\/tags\/\d+\/tasks$/)).toHaveLength(0);
  });
});
