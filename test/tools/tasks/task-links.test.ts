import { afterEach, describe, expect, test } from "vitest";
import { addTagToTask } from "../../../tools/tasks/add-tag-to-task.js";
import { addTaskToProject } from "../../../tools/tasks/add-task-to-project.js";
import { getSubtasksFromATask } from "../../../tools/tasks/get-subtasks-from-a-task.js";
import { getTaskById } from "../../../tools/tasks/get-task-by-id.js";
import { removeTagFromTask } from "../../../tools/tasks/remove-tag-from-task.js";
import { removeTaskFromProject } from "../../../tools/tasks/remove-task-from-project.js";
import { setTaskParent } from "../../../tools/tasks/set-task-parent.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, callToolWithRawArguments, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

const placementFields = "name,parent.name,memberships.project.name,memberships.section.name,tags.name";

describe("SetTaskParent", () => {
  test("moves a subtask to a position among its new siblings and returns where it sits", async () => {
    const fake = await startAsanaFake();
    const { task, subtasks } = fake.world;
    const [collect, charts, review] = subtasks as [(typeof subtasks)[0], (typeof subtasks)[0], (typeof subtasks)[0]];
    const output = outputOf(await callTool(fake, setTaskParent, { task_id: review.gid, parent_task_id: task.gid, insert_before: collect.gid }));
    expect(output).toEqual({
      status: { success: true, message: `task ${review.gid} is now a subtask of task ${task.gid}` },
      task: { id: review.gid, name: "Review with finance", parent: { id: task.gid, name: "Prepare the quarterly report" } },
    });
    const [post] = fake.requestsTo("POST", `/tasks/${review.gid}/setParent`);
    expect(post?.body).toEqual({ data: { parent: task.gid, insert_before: collect.gid } });
    expect(post?.query).toEqual({ opt_fields: placementFields });

    const listed = outputOf(await callTool(fake, getSubtasksFromATask, { task_id: task.gid })) as { subtasks: Array<{ id: string }> };
    expect(listed.subtasks.map((s) => s.id)).toEqual([review.gid, collect.gid, charts.gid]);
  });

  test("to_top_level makes a subtask a top-level task, and GetTaskById agrees", async () => {
    const fake = await startAsanaFake();
    const { task, subtasks } = fake.world;
    const collect = subtasks[0]!;
    const output = outputOf(await callTool(fake, setTaskParent, { task_id: collect.gid, to_top_level: true }));
    expect(output).toEqual({
      status: { success: true, message: `task ${collect.gid} is now a top-level task (no parent)` },
      task: { id: collect.gid, name: "Collect numbers" },
    });
    expect(fake.requestsTo("POST", `/tasks/${collect.gid}/setParent`)[0]?.body).toEqual({ data: { parent: null } });
    const after = outputOf(await callTool(fake, getTaskById, { task_id: collect.gid })) as { task: Record<string, unknown> };
    expect(after.task).not.toHaveProperty("parent");
    const parent = outputOf(await callTool(fake, getTaskById, { task_id: task.gid })) as { task: { subtasks: Array<{ id: string }> } };
    expect(parent.task.subtasks.map((s) => s.id)).toEqual([subtasks[1]!.gid, subtasks[2]!.gid]);
  });

  test("a cycle is Asana's 400 with advice; self-parenting and misplaced anchors send nothing", async () => {
    const fake = await startAsanaFake();
    const { task, subtasks } = fake.world;
    const cycle = errorOf(await callTool(fake, setTaskParent, { task_id: task.gid, parent_task_id: subtasks[0]!.gid }));
    expect(cycle.kind).toBe("UPSTREAM_RUNTIME_BAD_REQUEST");
    expect(cycle.message).toContain("a task cannot be its own ancestor");
    expect(cycle.message).toContain("A task cannot become a subtask of itself or of one of its own subtasks");
    expect(fake.store.get(task.gid)?.parent).toBeNull();

    const sent = fake.exchanges.length;
    const self = errorOf(await callTool(fake, setTaskParent, { task_id: task.gid, parent_task_id: task.gid }));
    expect(self.message).toContain("`parent_task_id`: is the task itself; a task cannot be its own parent.");
    const anchorWithoutParent = errorOf(await callTool(fake, setTaskParent, { task_id: task.gid, to_top_level: true, insert_after: subtasks[1]!.gid }));
    expect(anchorWithoutParent.message).toContain(
      "`insert_after`: only applies when the task gets a parent. Leave insert_after out when to_top_level is true.",
    );
    const parentAndTop = errorOf(await callTool(fake, setTaskParent, { task_id: subtasks[0]!.gid, parent_task_id: task.gid, to_top_level: true }));
    expect(parentAndTop.message).toContain("`parent_task_id, to_top_level`: ask for a parent and for none in the same call");
    // What a strict-mode client sends when it means nothing: neither a parent nor top-level.
    const neither = errorOf(await callToolWithRawArguments(fake, setTaskParent, { task_id: task.gid, parent_task_id: null, to_top_level: false }));
    expect(neither.message).toContain("`parent_task_id`: is required unless to_top_level is true");
    const bothAnchors = errorOf(
      await callTool(fake, setTaskParent, {
        task_id: subtasks[0]!.gid,
        parent_task_id: task.gid,
        insert_before: subtasks[1]!.gid,
        insert_after: subtasks[2]!.gid,
      }),
    );
    expect(bothAnchors.message).toContain("`insert_before, insert_after`: are both given; Asana takes at most one.");
    const missing = errorOf(await callToolWithRawArguments(fake, setTaskParent, { task_id: task.gid }));
    expect(missing.message).toContain("`parent_task_id`:");
    expect(fake.exchanges).toHaveLength(sent);
  });

  test("an unknown parent is a 404 that says how to find task ids", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, setTaskParent, { task_id: fake.world.task.gid, parent_task_id: "777" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Asana_ListTasksInProject");
  });
});

describe("AddTaskToProject", () => {
  test("adds a task to a second project named in its workspace, keeping the first", async () => {
    const fake = await startAsanaFake();
    const { task, launch, website, doing, urgent, premium } = fake.world;
    const output = outputOf(await callTool(fake, addTaskToProject, { task_id: task.gid, project: "website redesign" }));
    expect(output).toEqual({
      status: { success: true, message: `task ${task.gid} is in project ${website.gid}` },
      task: {
        id: task.gid,
        name: "Prepare the quarterly report",
        memberships: [
          { project: { id: launch.gid, name: "Q4 Launch" }, section: { id: doing.gid, name: "Doing" } },
          { project: { id: website.gid, name: "Website Redesign" } },
        ],
        tags: [{ id: urgent.gid, name: "urgent" }],
      },
    });
    expect(fake.requestsTo("GET", `/tasks/${task.gid}`)[0]?.query).toEqual({ opt_fields: "workspace" });
    // The name is found with one typeahead request in the task's workspace, without paging through its projects.
    expect(fake.requestsTo("GET", `/workspaces/${premium.gid}/typeahead`)[0]?.query).toMatchObject({ resource_type: "project", query: "website redesign" });
    expect(fake.requestsTo("GET", "/projects")).toHaveLength(0);
    expect(fake.requestsTo("POST", `/tasks/${task.gid}/addProject`)[0]?.body).toEqual({ data: { project: website.gid } });
    expect(fake.store.get(task.gid)?.projects).toEqual([launch.gid, website.gid]);
  });

  test("with section_id the task lands in that section; a section of another project is Asana's 400", async () => {
    const fake = await startAsanaFake();
    const { subtasks, launch, website, backlog } = fake.world;
    const collect = subtasks[0]!;
    const output = outputOf(await callTool(fake, addTaskToProject, { task_id: collect.gid, project: launch.gid, section_id: backlog.gid }));
    expect(output.task.memberships).toEqual([{ project: { id: launch.gid, name: "Q4 Launch" }, section: { id: backlog.gid, name: "Backlog" } }]);
    expect(fake.requestsTo("POST", `/tasks/${collect.gid}/addProject`)[0]?.body).toEqual({ data: { project: launch.gid, section: backlog.gid } });
    // A project id needs no workspace lookup.
    expect(fake.requestsTo("GET", "/projects")).toHaveLength(0);

    const wrong = errorOf(await callTool(fake, addTaskToProject, { task_id: subtasks[1]!.gid, project: website.gid, section_id: backlog.gid }));
    expect(wrong.kind).toBe("UPSTREAM_RUNTIME_BAD_REQUEST");
    expect(wrong.message).toContain(`Section ${backlog.gid} is not in project ${website.gid}`);
    expect(wrong.message).toContain("the section must belong to the project");
  });

  test("a project name not in the task's workspace is refused with the projects that are", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const error = errorOf(await callTool(fake, addTaskToProject, { task_id: task.gid, project: "Home" }));
    expect(error.kind).toBe("TOOL_RUNTIME_RETRY");
    expect(error.message).toContain('No project named "Home"');
    expect(error.additionalPromptContent).toContain('"name":"Website Redesign"');
    expect(fake.requestsTo("POST", /addProject$/)).toHaveLength(0);
  });
});

describe("RemoveTaskFromProject", () => {
  test("takes the task out of the project; the task itself stays", async () => {
    const fake = await startAsanaFake();
    const { task, launch, urgent } = fake.world;
    const output = outputOf(await callTool(fake, removeTaskFromProject, { task_id: task.gid, project_id: launch.gid }));
    expect(output).toEqual({
      status: { success: true, message: `task ${task.gid} is not in project ${launch.gid} (the task itself still exists)` },
      task: { id: task.gid, name: "Prepare the quarterly report", tags: [{ id: urgent.gid, name: "urgent" }] },
    });
    expect(fake.requestsTo("POST", `/tasks/${task.gid}/removeProject`)[0]?.body).toEqual({ data: { project: launch.gid } });
    expect(fake.store.get(task.gid)).toMatchObject({ projects: [], memberships: [] });
    // Asking again changes nothing and still succeeds.
    expect(outputOf(await callTool(fake, removeTaskFromProject, { task_id: task.gid, project_id: launch.gid }))).toEqual(output);
  });

  test("an unknown project is a 404; a project name is refused before any request", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, removeTaskFromProject, { task_id: fake.world.task.gid, project_id: "5150" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Asana_GetTaskById lists a task's projects");
    const sent = fake.exchanges.length;
    const byName = errorOf(await callTool(fake, removeTaskFromProject, { task_id: fake.world.task.gid, project_id: "Q4 Launch" }));
    expect(byName.message).toContain("`project_id`: must be the project's Asana id");
    expect(fake.exchanges).toHaveLength(sent);
  });
});

describe("AddTagToTask and RemoveTagFromTask", () => {
  test("a tag given by name is found in the task's workspace and added", async () => {
    const fake = await startAsanaFake();
    const { task, urgent, blocked, premium } = fake.world;
    const output = outputOf(await callTool(fake, addTagToTask, { task_id: task.gid, tag: "Blocked" }));
    expect(output.status).toEqual({ success: true, message: `tag ${blocked.gid} is on task ${task.gid}` });
    expect(output.task.tags).toEqual([
      { id: urgent.gid, name: "urgent" },
      { id: blocked.gid, name: "blocked" },
    ]);
    expect(fake.requestsTo("GET", `/workspaces/${premium.gid}/typeahead`)[0]?.query).toMatchObject({ resource_type: "tag", query: "Blocked" });
    expect(fake.requestsTo("GET", "/tags")).toHaveLength(0);
    expect(fake.requestsTo("POST", `/tasks/${task.gid}/addTag`)[0]?.body).toEqual({ data: { tag: blocked.gid } });

    // Adding a tag the task already has changes nothing.
    const again = outputOf(await callTool(fake, addTagToTask, { task_id: task.gid, tag: urgent.gid }));
    expect(again.task.tags).toEqual(output.task.tags);
  });

  test("an unknown tag name lists the workspace's tags and suggests creating it; nothing is added", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, addTagToTask, { task_id: fake.world.task.gid, tag: "someday" }));
    expect(error.kind).toBe("TOOL_RUNTIME_RETRY");
    expect(error.message).toContain(`No tag named "someday" in workspace ${fake.world.premium.gid}`);
    expect(error.message).toContain("Asana_CreateTag");
    expect(error.additionalPromptContent).toContain('"name":"blocked"');
    expect(fake.requestsTo("POST", /addTag$/)).toHaveLength(0);
  });

  test("removes a tag by id; an unknown tag id is a 404", async () => {
    const fake = await startAsanaFake();
    const { task, urgent } = fake.world;
    const output = outputOf(await callTool(fake, removeTagFromTask, { task_id: task.gid, tag: urgent.gid }));
    expect(output.status.message).toBe(`tag ${urgent.gid} is not on task ${task.gid}`);
    expect(output.task).not.toHaveProperty("tags");
    expect(fake.requestsTo("POST", `/tasks/${task.gid}/removeTag`)[0]?.body).toEqual({ data: { tag: urgent.gid } });
    expect(fake.requestsTo("GET", "/tags")).toHaveLength(0);
    expect(fake.store.get(urgent.gid)).toBeDefined();

    const error = errorOf(await callTool(fake, removeTagFromTask, { task_id: task.gid, tag: "8080" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Asana_GetTaskById shows a task's tags");
  });
});
