import { afterEach, describe, expect, test } from "vitest";
import { createProject } from "../../../tools/projects/create-project.js";
import { startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { send } from "../../sandbox/raw-request.js";

afterEach(closeClients);

const namesIn = async (fake: AsanaFake, sectionGid: string) =>
  (await send(fake, "GET", `/sections/${sectionGid}/tasks?opt_fields=name`)).body.data.map((t: { name: string }) => t.name);

/** CreateProject with its sections and, in one call, the tasks of each section (as Asana's own server does). */
describe("CreateProject with tasks", () => {
  test("makes the project, its sections, and each task in its section in the order given", async () => {
    const fake = await startAsanaFake();
    const { team, colleague } = fake.world;
    const output = outputOf(
      await callTool(fake, createProject, {
        name: "Launch v3",
        team_id: team.gid,
        sections: ["Plan", "Ship"],
        tasks: [
          { name: "Write the brief", section: "plan", due_date: "2026-12-01" },
          { name: "Announce it", section: "Ship", assignee_id: colleague.gid },
          { name: "Book the date", section: "Plan", description: "**Tuesday**", markdown: true },
        ],
      }),
    );
    expect(output.status).toEqual({ success: true, message: 'project "Launch v3" created with 2 sections and 3 of 3 tasks' });
    const [plan, ship] = output.sections!;
    expect(await namesIn(fake, plan!.id)).toEqual(["Write the brief", "Book the date"]);
    expect(await namesIn(fake, ship!.id)).toEqual(["Announce it"]);
    expect(output.tasks?.failed).toEqual([]);
    expect(output.tasks?.succeeded.map(({ index, task }) => [index, task.name, task.memberships?.[0]?.section?.name])).toEqual([
      [0, "Write the brief", "Plan"],
      [1, "Announce it", "Ship"],
      [2, "Book the date", "Plan"],
    ]);
    expect(fake.store.all("task", (t) => t.name === "Book the date")[0]?.html_notes).toBe("<body><strong>Tuesday</strong></body>");
  });

  test("a task naming a section the project will not have is refused before anything is created", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(
      await callTool(fake, createProject, {
        name: "Launch v3",
        team_id: fake.world.team.gid,
        sections: ["Plan"],
        tasks: [{ name: "Ship it", section: "Ship" }],
      }),
    );
    expect(error.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(error.message).toContain('`tasks[0].section`: is not one of sections ("Plan")');
    expect(fake.exchanges).toHaveLength(0);
  });

  test("a task that fails leaves the rest made; the answer says what exists and how to add the missing task, not to call again", async () => {
    const fake = await startAsanaFake();
    const output = outputOf(
      await callTool(fake, createProject, {
        name: "Launch v3",
        team_id: fake.world.team.gid,
        sections: ["Plan"],
        tasks: [
          { name: "Fine", section: "Plan" },
          { name: "Unknown assignee", section: "Plan", assignee_id: "8675309" },
        ],
      }),
    );
    const id = output.project.id;
    expect(output.tasks?.succeeded.map((item) => item.task.name)).toEqual(["Fine"]);
    expect(output.tasks?.failed).toEqual([{ index: 1, error: expect.stringContaining("assignee") }]);
    expect(output.status.success).toBe(true);
    expect(output.status.message).toBe(
      `project "Launch v3" created with 1 sections and 1 of 2 tasks; task 1 failed (see tasks.failed): add it with Asana_CreateTask (project ${id}). ` +
        "Calling Asana_CreateProject again would make a second project.",
    );
  });

  test("when sections fail after the project exists, the error says the tasks were not made either, and never advises a retry", async () => {
    const fake = await startAsanaFake();
    fake.faults.inject({ method: "POST", path: /^\/projects\/\d+\/sections$/, status: 403, message: "Forbidden", times: 5 });
    const error = errorOf(
      await callTool(fake, createProject, { name: "Launch v3", team_id: fake.world.team.gid, sections: ["Plan", "Ship"], tasks: [{ name: "Brief" }] }),
    );
    const made = fake.store.all("project", (p) => p.name === "Launch v3");
    expect(made).toHaveLength(1);
    expect(error.canRetry).toBe(false);
    expect(error.message).toContain(made[0]!.gid);
    expect(error.message).toContain(`None of the 1 tasks was made: add them with Asana_CreateTasks (project ${made[0]!.gid})`);
    expect(fake.requestsTo("POST", "/tasks")).toHaveLength(0);
  });

  test("a lost answer to the project's creation finds it, and says its tasks are still to make", async () => {
    const fake = await startAsanaFake();
    fake.faults.inject({ method: "POST", path: /\/projects$/, afterWork: "reset" });
    const output = outputOf(
      await callTool(fake, createProject, { name: "Launch v3", team_id: fake.world.team.gid, tasks: [{ name: "Brief" }] }, { client: { maxRetries: 1 } }),
    );
    expect(output.status.message).toContain("the project was found by the marker this call put on it");
    expect(output.status.message).toContain(`its 1 tasks were not made: add them with Asana_CreateTasks (project ${output.project.id})`);
  });
});
