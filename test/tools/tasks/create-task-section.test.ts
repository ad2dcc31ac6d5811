import { afterEach, describe, expect, test } from "vitest";
import { createTask } from "../../../tools/tasks/create-task.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { send } from "../../sandbox/raw-request.js";

afterEach(closeClients);

/**
 * CreateTask's `section`. Asana's document marks a task's `memberships` read-only (TaskBase: `readOnly:
 * true`, items `{project: ProjectCompact, section: SectionCompact}` objects), although its text says it
 * can place a new task; the declared way to choose the section is `addProject {project, section}`
 * (AddProjectForTask), so the tool creates the task in the project and then files it in the section.
 */
describe("CreateTask into a section", () => {
  test("a section name, matched case-insensitively in the project, files the new task there", async () => {
    const fake = await startAsanaFake();
    const { launch, doing } = fake.world;
    const output = outputOf(await callTool(fake, createTask, { name: "Write the launch post", project: launch.gid, section: "doing" }));
    expect(output.task.memberships).toEqual([{ project: { id: launch.gid, name: "Q4 Launch" }, section: { id: doing.gid, name: "Doing" } }]);
    const stored = fake.store.get(output.task.id);
    expect(stored?.memberships).toEqual([{ project: launch.gid, section: doing.gid }]);
    const sent = (fake.requestsTo("POST", "/tasks")[0]?.body as { data?: Record<string, unknown> } | undefined)?.data;
    expect(sent).toMatchObject({ projects: [launch.gid] });
    expect(sent).not.toHaveProperty("memberships");
    expect(fake.requestsTo("POST", `/tasks/${output.task.id}/addProject`)[0]?.body).toEqual({ data: { project: launch.gid, section: doing.gid } });
  });

  test("a section id works too, and the task goes to the end of that section", async () => {
    const fake = await startAsanaFake();
    const { launch, doing, task } = fake.world;
    const output = outputOf(
      await callTool(fake, createTask, { name: "Second in Doing", project: "Q4 Launch", workspace_id: fake.world.premium.gid, section: doing.gid }),
    );
    const inDoing = await send(fake, "GET", `/sections/${doing.gid}/tasks?opt_fields=name`);
    expect(inDoing.body.data.map((t: { gid: string }) => t.gid)).toEqual([task.gid, output.task.id]);
    expect(fake.store.get(output.task.id)?.projects).toEqual([launch.gid]);
  });

  test("an unknown section is refused before anything is created, listing the project's sections", async () => {
    const fake = await startAsanaFake();
    const { launch, backlog, doing } = fake.world;
    const before = fake.store.size;
    const error = errorOf(await callTool(fake, createTask, { name: "Lost task", project: launch.gid, section: "Done", tags: ["brand-new-tag"] }));
    expect(error.kind).toBe("TOOL_RUNTIME_RETRY");
    expect(error.message).toContain('No section named "Done" in project');
    expect(error.additionalPromptContent).toContain(
      JSON.stringify([
        { id: backlog.gid, name: "Backlog" },
        { id: doing.gid, name: "Doing" },
      ]),
    );
    expect(fake.requestsTo("POST", "/tasks")).toHaveLength(0);
    expect(fake.requestsTo("POST", "/tags")).toHaveLength(0);
    expect(fake.store.size).toBe(before);
  });

  test("a section without a project is refused without a request", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, createTask, { name: "Nowhere", section: "Doing" }));
    expect(error.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(error.message).toContain("`section`: needs project");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("when filing in the section fails after the task was made, the error says what exists and how to finish, never to retry", async () => {
    const fake = await startAsanaFake();
    const { launch, doing } = fake.world;
    fake.faults.inject({ method: "POST", path: /\/addProject$/, status: 403, message: "Forbidden", times: 5 });
    const error = errorOf(await callTool(fake, createTask, { name: "Half made", project: launch.gid, section: "Doing" }));
    const made = fake.store.all("task", (t) => t.name === "Half made");
    expect(made).toHaveLength(1);
    expect(error.canRetry).toBe(false);
    expect(error.message).toContain(`task ${made[0]!.gid} named "Half made", and it stays`);
    expect(error.message).toContain(`Asana_MoveTaskToSection (task_id ${made[0]!.gid}, section_id ${doing.gid})`);
    expect(error.message).toContain("calling Asana_CreateTask again would make a second task");
  });

  test("a lost answer finds the task and still files it in the section", async () => {
    const fake = await startAsanaFake();
    const { launch, doing } = fake.world;
    fake.faults.inject({ method: "POST", path: "/tasks", afterWork: "reset" });
    const output = outputOf(await callTool(fake, createTask, { name: "Found again", project: launch.gid, section: "Doing" }, { client: { maxRetries: 1 } }));
    expect(output.status.message).toContain("the task was found by the marker this call put on it");
    expect(fake.store.all("task", (t) => t.name === "Found again")).toHaveLength(1);
    expect(fake.store.get(output.task.id)?.memberships).toEqual([{ project: launch.gid, section: doing.gid }]);
    expect(output.task.memberships).toEqual([{ project: { id: launch.gid, name: "Q4 Launch" }, section: { id: doing.gid, name: "Doing" } }]);
  });
});

describe("Asana's document on memberships at creation, as the emulator answers it", () => {
  test("memberships sent with POST /tasks are read-only: the task lands in the project's first section", async () => {
    const fake = await startAsanaFake();
    const { launch, backlog, doing } = fake.world;
    // Objects, as TaskBase.memberships types them (gid strings break the document's schema).
    const created = await send(fake, "POST", "/tasks?opt_fields=memberships.section.name", {
      data: { name: "Placed?", projects: [launch.gid], memberships: [{ project: { gid: launch.gid }, section: { gid: doing.gid } }] },
    });
    expect(created.status).toBe(201);
    expect(created.body.data.memberships).toEqual([{ section: { gid: backlog.gid, resource_type: "section", name: "Backlog" } }]);
    const filed = await send(fake, "POST", `/tasks/${created.body.data.gid}/addProject`, { data: { project: launch.gid, section: doing.gid } });
    expect(filed.status).toBe(200);
    expect(fake.store.get(created.body.data.gid)?.memberships).toEqual([{ project: launch.gid, section: doing.gid }]);
  });
});
