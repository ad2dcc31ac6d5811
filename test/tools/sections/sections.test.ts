import { afterEach, describe, expect, test } from "vitest";
import { createSection } from "../../../tools/sections/create-section.js";
import { listSections } from "../../../tools/sections/list-sections.js";
import { moveTaskToSection } from "../../../tools/sections/move-task-to-section.js";
import { getTaskById } from "../../../tools/tasks/get-task-by-id.js";
import { listTasksInProject } from "../../../tools/tasks/list-tasks-in-project.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { insertTask } from "../../support/world.js";

afterEach(closeClients);

describe("ListSections", () => {
  test("lists a project's sections by project name, in order, a page at a time", async () => {
    const fake = await startAsanaFake();
    const { launch, backlog, doing, premium } = fake.world;
    const first = outputOf(await callTool(fake, listSections, { project: "Q4 Launch", workspace_id: premium.gid, limit: 1 })) as {
      sections: unknown[];
      next_page: { has_more_pages: boolean; next_page_token: string };
    };
    expect(first).toEqual({
      sections: [{ id: backlog.gid, name: "Backlog" }],
      count: 1,
      next_page: { has_more_pages: true, next_page_token: expect.any(String) },
    });
    expect(fake.requestsTo("GET", `/projects/${launch.gid}/sections`)[0]?.query).toEqual({ limit: "1", opt_fields: "name" });
    const second = outputOf(await callTool(fake, listSections, { project: launch.gid, limit: 1, next_page_token: first.next_page.next_page_token }));
    expect(second).toEqual({ sections: [{ id: doing.gid, name: "Doing" }], count: 1, next_page: { has_more_pages: false, next_page_token: null } });
  });

  test("an unknown project is a 404 that says where project ids come from", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, listSections, { project: "8675309" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Find project ids with Asana_ListProjects.");
  });
});

describe("CreateSection", () => {
  test("adds a section at the end of the project and returns it", async () => {
    const fake = await startAsanaFake();
    const { launch } = fake.world;
    const output = outputOf(await callTool(fake, createSection, { project: launch.gid, name: "  In review " })) as { section: { id: string } };
    expect(output).toEqual({
      status: { success: true, message: `section "In review" created in project ${launch.gid}` },
      section: { id: expect.any(String), name: "In review", project: { id: launch.gid, name: "Q4 Launch" } },
    });
    const [post] = fake.requestsTo("POST", `/projects/${launch.gid}/sections`);
    expect(post?.body).toEqual({ data: { name: "In review" } });
    expect(post?.query).toEqual({ opt_fields: "name,project.name" });
    expect(post?.response.status).toBe(201);
    const listed = outputOf(await callTool(fake, listSections, { project: launch.gid })) as { sections: Array<{ name: string }> };
    expect(listed.sections.map((s) => s.name)).toEqual(["Backlog", "Doing", "In review"]);
  });

  test("an empty name is refused before any request", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, createSection, { project: fake.world.launch.gid, name: "   " }));
    expect(error.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(error.message).toContain('`name`: must not be empty (got ""). Asana refuses a section without a name');
    expect(fake.exchanges).toHaveLength(0);
  });
});

describe("MoveTaskToSection", () => {
  test("moves a task to another column; GetTaskById then shows the new section", async () => {
    const fake = await startAsanaFake();
    const { task, launch, backlog, urgent } = fake.world;
    const output = outputOf(await callTool(fake, moveTaskToSection, { task_id: task.gid, section_id: backlog.gid }));
    expect(output).toEqual({
      status: { success: true, message: `task ${task.gid} is in section ${backlog.gid}` },
      task: {
        id: task.gid,
        name: "Prepare the quarterly report",
        memberships: [{ project: { id: launch.gid, name: "Q4 Launch" }, section: { id: backlog.gid, name: "Backlog" } }],
        tags: [{ id: urgent.gid, name: "urgent" }],
      },
    });
    expect(fake.requestsTo("POST", `/sections/${backlog.gid}/addTask`)[0]?.body).toEqual({ data: { task: task.gid } });
    const shown = outputOf(await callTool(fake, getTaskById, { task_id: task.gid, max_subtasks: 0 })) as { task: { memberships: unknown } };
    expect(shown.task.memberships).toEqual([{ project: { id: launch.gid, name: "Q4 Launch" }, section: { id: backlog.gid, name: "Backlog" } }]);
  });

  test("a task goes to the top of the section unless placed after a neighbour", async () => {
    const fake = await startAsanaFake();
    const { launch, backlog, task } = fake.world;
    const inBacklog = { projects: [launch.gid], memberships: [{ project: launch.gid, section: backlog.gid }] };
    const venue = insertTask(fake.store, fake.world, { ...inBacklog, name: "Book the venue" });
    const catering = insertTask(fake.store, fake.world, { ...inBacklog, name: "Order catering" });
    const order = async () =>
      (outputOf(await callTool(fake, listTasksInProject, { project: launch.gid, section_id: backlog.gid })) as { tasks: Array<{ id: string }> }).tasks.map(
        (t) => t.id,
      );

    outputOf(await callTool(fake, moveTaskToSection, { task_id: task.gid, section_id: backlog.gid }));
    expect(await order()).toEqual([task.gid, venue.gid, catering.gid]);
    outputOf(await callTool(fake, moveTaskToSection, { task_id: task.gid, section_id: backlog.gid, insert_after: catering.gid }));
    expect(fake.requestsTo("POST", `/sections/${backlog.gid}/addTask`)[1]?.body).toEqual({ data: { task: task.gid, insert_after: catering.gid } });
    expect(await order()).toEqual([venue.gid, catering.gid, task.gid]);
  });

  test("a task outside the section's project is added to the project too", async () => {
    const fake = await startAsanaFake();
    const { subtasks, launch, task, doing } = fake.world;
    const output = outputOf(await callTool(fake, moveTaskToSection, { task_id: subtasks[1]!.gid, section_id: doing.gid }));
    expect(output).toMatchObject({
      task: {
        parent: { id: task.gid, name: "Prepare the quarterly report" },
        memberships: [{ project: { id: launch.gid, name: "Q4 Launch" }, section: { id: doing.gid, name: "Doing" } }],
      },
    });
    expect(fake.store.get(subtasks[1]!.gid)?.projects).toEqual([launch.gid]);
  });

  test("a neighbour outside the section is Asana's 400; two neighbours are refused before any request", async () => {
    const fake = await startAsanaFake();
    const { task, backlog, subtasks } = fake.world;
    const error = errorOf(await callTool(fake, moveTaskToSection, { task_id: task.gid, section_id: backlog.gid, insert_before: subtasks[0]!.gid }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_BAD_REQUEST");
    expect(error.message).toContain(`insert_before: ${subtasks[0]!.gid} is not one of the tasks in section ${backlog.gid}`);
    expect(error.message).toContain("Asana_ListTasksInProject with section_id lists them");
    expect(fake.store.get(task.gid)?.memberships).toEqual([{ project: fake.world.launch.gid, section: fake.world.doing.gid }]);

    const sent = fake.exchanges.length;
    const both = errorOf(
      await callTool(fake, moveTaskToSection, { task_id: task.gid, section_id: backlog.gid, insert_before: subtasks[0]!.gid, insert_after: subtasks[1]!.gid }),
    );
    expect(both.message).toContain("`insert_before, insert_after`: are both given; Asana takes at most one.");
    expect(fake.exchanges).toHaveLength(sent);
  });

  test("a section given by name is found in the task's projects", async () => {
    const fake = await startAsanaFake();
    const { task, launch, backlog } = fake.world;
    const output = outputOf(await callTool(fake, moveTaskToSection, { task_id: task.gid, section_id: "backlog" }));
    expect(output).toMatchObject({
      status: { success: true, message: `task ${task.gid} is in section ${backlog.gid}` },
      task: { memberships: [{ project: { id: launch.gid }, section: { id: backlog.gid, name: "Backlog" } }] },
    });
    expect(fake.requestsTo("GET", `/projects/${launch.gid}/sections`)).toHaveLength(1);
    // The placement read for the lookup answers too: the task is not read again after the move.
    expect(fake.requestsTo("GET", `/tasks/${task.gid}`)).toHaveLength(1);
    expect(fake.requestsTo("POST", `/sections/${backlog.gid}/addTask`)[0]?.body).toEqual({ data: { task: task.gid } });
  });

  test("a task in two projects moved by section name keeps its other project, as Asana then says", async () => {
    const fake = await startAsanaFake();
    const { launch, website, doing } = fake.world;
    const shared = insertTask(fake.store, fake.world, {
      name: "Shared work",
      projects: [launch.gid, website.gid],
      memberships: [{ project: launch.gid, section: doing.gid }, { project: website.gid }],
    });
    const moved = outputOf(await callTool(fake, moveTaskToSection, { task_id: shared.gid, section_id: "Backlog" }));
    const now = outputOf(await callTool(fake, moveTaskToSection, { task_id: shared.gid, section_id: fake.world.backlog.gid }));
    expect(moved.task.memberships).toEqual(now.task.memberships);
    expect(moved.task.memberships).toContainEqual(expect.objectContaining({ project: { id: website.gid, name: "Website Redesign" } }));
  });

  test("a section name that no project of the task has, or a task in no project, changes nothing and says what there is", async () => {
    const fake = await startAsanaFake();
    const { task, subtasks } = fake.world;
    const missing = errorOf(await callTool(fake, moveTaskToSection, { task_id: task.gid, section_id: "Done" }));
    expect(missing.message).toContain(`No section named "Done" in the projects of task ${task.gid} (section_id); nothing was changed.`);
    expect(missing.additionalPromptContent).toContain('"name":"Backlog"');
    const orphan = errorOf(await callTool(fake, moveTaskToSection, { task_id: subtasks[1]!.gid, section_id: "Doing" }));
    expect(orphan.message).toContain(`Task ${subtasks[1]!.gid} is in no project, so the section "Doing" cannot be looked up`);
    expect(fake.exchanges.filter((e) => e.method === "POST")).toHaveLength(0);
  });

  test("an unknown section is a 404 naming Asana_ListSections", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, moveTaskToSection, { task_id: fake.world.task.gid, section_id: "31337" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Find section ids with Asana_ListSections.");
  });
});
