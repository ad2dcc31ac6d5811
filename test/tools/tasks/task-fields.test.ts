import { afterEach, describe, expect, test } from "vitest";
import type { StoredObject } from "../../../src/sandbox/index.js";
import { createTask } from "../../../tools/tasks/create-task.js";
import { updateTask } from "../../../tools/tasks/update-task.js";
import { startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { callTool, callToolWithRawArguments, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { insertFreeChore, insertLaunchTask, optionOf } from "../../support/world.js";

afterEach(closeClients);

function launchTask(fake: AsanaFake): StoredObject {
  return insertLaunchTask(fake.store, fake.world);
}

const tasksNamed = (fake: AsanaFake, name: string) => fake.store.all("task", (t) => t.name === name);

describe("CreateTask: rich text, times, type, followers and custom fields", () => {
  test("creates a task with rich notes, a start and due time, followers and the project's fields by name", async () => {
    const fake = await startAsanaFake();
    const { launch, fields, me, colleague } = fake.world;
    const output = outputOf(
      await callTool(fake, createTask, {
        name: "Go live",
        project: launch.gid,
        html_notes: "<body><strong>Launch</strong> day</body>",
        start_date: "2026-12-01T09:00:00Z",
        due_date: "2026-12-01T17:30:00+01:00",
        followers: ["grace@acme.test"],
        custom_fields: [
          { field: "Priority", value: "High" },
          { field: "Estimate", value: 2 },
        ],
      }),
    );
    expect(fake.requestsTo("POST", "/tasks")[0]?.body).toEqual({
      data: {
        name: "Go live",
        html_notes: expect.stringMatching(/^<body><strong>Launch<\/strong> day\n\[asana-mcp-[a-z2-7]{20}\]<\/body>$/),
        due_at: "2026-12-01T16:30:00.000Z",
        start_at: "2026-12-01T09:00:00.000Z",
        projects: [launch.gid],
        workspace: fake.world.premium.gid,
        assignee: "me",
        followers: ["grace@acme.test"],
        custom_fields: { [fields.priority.gid]: optionOf(fields.priority, "High"), [fields.estimate.gid]: 2 },
      },
    });
    expect(output.task).toMatchObject({
      notes: "Launch day",
      start_on: "2026-12-01",
      start_at: "2026-12-01T09:00:00.000Z",
      due_on: "2026-12-01",
      due_at: "2026-12-01T16:30:00.000Z",
      followers: [
        { id: me.gid, name: "Ada Lovelace" },
        { id: colleague.gid, name: "Grace Hopper" },
      ],
    });
    expect(output.task.custom_fields?.find((f) => f.name === "Priority")).toEqual({
      id: fields.priority.gid,
      name: "Priority",
      type: "enum",
      value: "High",
      enum_value: { id: optionOf(fields.priority, "High") },
    });
    // The fields were resolved against the project's settings before the task was made.
    expect(fake.requestsTo("GET", `/projects/${launch.gid}/custom_field_settings`)).toHaveLength(1);
  });

  test("milestones and approvals: the task type, and an approval's status", async () => {
    const fake = await startAsanaFake();
    const milestone = outputOf(
      await callTool(fake, createTask, { name: "Beta ships", workspace_id: fake.world.premium.gid, task_type: "milestone", due_date: "2026-12-10" }),
    );
    expect(milestone.task.resource_subtype).toBe("milestone");
    const approval = outputOf(await callTool(fake, createTask, { name: "Sign off the budget", workspace_id: fake.world.premium.gid, task_type: "approval" }));
    expect(approval.task).toMatchObject({ resource_subtype: "approval", approval_status: "pending" });
    expect(fake.requestsTo("POST", "/tasks")[1]?.body).toMatchObject({ data: { resource_subtype: "approval" } });
  });

  test("an unknown option fails before anything is made, tags included", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(
      await callTool(fake, createTask, { name: "Go live", project: fake.world.launch.gid, tags: ["brand-new"], custom_fields: { Priority: "Urgent" } }),
    );
    expect(error.kind).toBe("TOOL_RUNTIME_RETRY");
    expect(error.message).toContain('"Urgent" is not an option of the enum field "Priority" (custom_fields[0])');
    expect(fake.requestsTo("POST", "/tags")).toHaveLength(0);
    expect(tasksNamed(fake, "Go live")).toHaveLength(0);
  });

  test("input rules are checked before any request", async () => {
    const fake = await startAsanaFake();
    const base = { name: "Go live", workspace_id: fake.world.premium.gid };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ custom_fields: { Priority: "High" } }, "`custom_fields`: needs project"],
      [{ task_type: "milestone", start_date: "2026-12-01", due_date: "2026-12-02" }, "`start_date`: cannot be set on a milestone"],
      [{ start_date: "2026-12-01T09:00:00Z", due_date: "2026-12-02" }, "`start_date`: has a time, and Asana takes a start time only together with a due time"],
      [{ due_date: "2026-12-02T09:00" }, "`due_date`: must be a date written YYYY-MM-DD, or a date and time with a zone"],
      [{ html_notes: "<body><p>Hi</p></body>" }, "`html_notes`: <p> is not an allowed tag here"],
      [{ html_notes: "<body>Hi</body>", description: "Hi" }, "`description, html_notes`: are both given"],
      [{ approval_status: "approved" }, "`approval_status`: applies only to approval tasks"],
    ];
    for (const [extra, message] of cases) {
      const error = errorOf(await callToolWithRawArguments(fake, createTask, { ...base, ...extra }));
      expect(error.message, JSON.stringify(extra)).toContain(message);
    }
    expect(fake.exchanges).toHaveLength(0);
  });

  test("on a free workspace, rich text, times and followers work; custom fields answer 402 and nothing is made", async () => {
    const fake = await startAsanaFake();
    const { home, me } = fake.world;
    const made = outputOf(
      await callTool(fake, createTask, {
        name: "Water the plants",
        project: home.gid,
        html_notes: "<body>Every <em>Monday</em></body>",
        due_date: "2026-12-07T08:00:00Z",
        followers: ["me"],
      }),
    );
    expect(made.task).toMatchObject({ notes: "Every Monday", due_at: "2026-12-07T08:00:00.000Z", followers: [{ id: me.gid, name: "Ada Lovelace" }] });
    const error = errorOf(await callTool(fake, createTask, { name: "Mow the lawn", project: home.gid, custom_fields: { Priority: "High" } }));
    expect(error.statusCode).toBe(402);
    expect(error.message).toContain("create the task without custom_fields");
    expect(tasksNamed(fake, "Mow the lawn")).toHaveLength(0);
  });
});

describe("UpdateTask: rich text, times, type, approval and custom fields", () => {
  test("sets custom fields by name together with other fields, in one write", async () => {
    const fake = await startAsanaFake();
    const { fields } = fake.world;
    const task = launchTask(fake);
    const output = outputOf(
      await callTool(fake, updateTask, {
        task_id: task.gid,
        name: "Ship it",
        custom_fields: [
          { field: "priority", value: "low" },
          { field: "Notes", value: "Checked" },
        ],
      }),
    );
    expect(fake.requestsTo("PUT", `/tasks/${task.gid}`)).toHaveLength(1);
    expect(fake.requestsTo("PUT", `/tasks/${task.gid}`)[0]?.body).toEqual({
      data: { name: "Ship it", custom_fields: { [fields.priority.gid]: optionOf(fields.priority, "Low"), [fields.notes.gid]: "Checked" } },
    });
    expect(output.task.custom_fields?.find((f) => f.name === "Priority")?.value).toBe("Low");
  });

  test("a null custom field value no longer empties it: refused, pointing to SetTaskCustomFields' clear, before any request", async () => {
    const fake = await startAsanaFake();
    const task = launchTask(fake);
    const before = fake.exchanges.length;
    const error = errorOf(await callToolWithRawArguments(fake, updateTask, { task_id: task.gid, custom_fields: { Notes: null } }));
    expect(error.message).toContain(
      "`custom_fields.Notes`: must be a value: null no longer empties a field (got null). To empty a custom field, call Asana_SetTaskCustomFields with clear",
    );
    expect(fake.exchanges.length).toBe(before);
  });

  test("rich notes, a due time, a new type and an approval's status", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const output = outputOf(
      await callTool(fake, updateTask, {
        task_id: task.gid,
        html_notes: "<body><h1>Plan</h1></body>",
        due_date: "2026-12-15T12:00:00Z",
        task_type: "approval",
      }),
    );
    expect(output.task).toMatchObject({ notes: "Plan", due_at: "2026-12-15T12:00:00.000Z", resource_subtype: "approval", approval_status: "pending" });
    const approved = outputOf(await callTool(fake, updateTask, { task_id: task.gid, approval_status: "approved" }));
    expect(approved.task).toMatchObject({ approval_status: "approved", completed: true });
  });

  test("an approval status on a task that is not an approval is Asana's 400, explained", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, updateTask, { task_id: fake.world.task.gid, approval_status: "approved" }));
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain('pass task_type "approval" as well');
  });

  test("an unknown field writes nothing, not even the other changes", async () => {
    const fake = await startAsanaFake();
    const task = launchTask(fake);
    const error = errorOf(await callTool(fake, updateTask, { task_id: task.gid, name: "Renamed", custom_fields: { Severity: "S1" } }));
    expect(error.kind).toBe("TOOL_RUNTIME_RETRY");
    expect(fake.requestsTo("PUT", `/tasks/${task.gid}`)).toHaveLength(0);
    expect(fake.store.get(task.gid)?.name).toBe("Ship the app");
  });

  test("on a free workspace custom fields answer 402 with the way out", async () => {
    const fake = await startAsanaFake();
    const chore = insertFreeChore(fake.store, fake.world);
    const error = errorOf(await callTool(fake, updateTask, { task_id: chore.gid, custom_fields: { Priority: "High" } }));
    expect(error.statusCode).toBe(402);
    expect(error.message).toContain("leave custom_fields out");
    const timed = outputOf(await callTool(fake, updateTask, { task_id: chore.gid, start_date: "2026-12-07T08:00:00Z", due_date: "2026-12-07T10:00:00Z" }));
    expect(timed.task).toMatchObject({ start_at: "2026-12-07T08:00:00.000Z", due_at: "2026-12-07T10:00:00.000Z" });
  });
});
