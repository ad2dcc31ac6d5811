import { afterEach, describe, expect, test } from "vitest";
import type { StoredObject } from "../../../src/sandbox/index.js";
import { listCustomFields } from "../../../tools/customfields/list-custom-fields.js";
import { setTaskCustomFields } from "../../../tools/customfields/set-task-custom-fields.js";
import { startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { callTool, callToolWithRawArguments, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { insertFreeChore, insertLaunchTask, insertTask, optionOf } from "../../support/world.js";

afterEach(closeClients);

function launchTask(fake: AsanaFake): StoredObject {
  return insertLaunchTask(fake.store, fake.world);
}

describe("ListCustomFields", () => {
  test("lists a project's fields with their type, enum options and colours, and whether each is enabled", async () => {
    const fake = await startAsanaFake();
    const { launch, fields } = fake.world;
    const output = outputOf(await callTool(fake, listCustomFields, { project_id: launch.gid }));
    expect(output.custom_fields.map((field) => [field.name, field.type])).toEqual([
      ["Priority", "enum"],
      ["Platforms", "multi_enum"],
      ["Estimate", "number"],
      ["Notes", "text"],
      ["Launch date", "date"],
      ["Reviewer", "people"],
    ]);
    expect(output.custom_fields[0]).toEqual({
      id: fields.priority.gid,
      name: "Priority",
      type: "enum",
      enabled: true,
      enum_options: [
        { id: optionOf(fields.priority, "High"), name: "High", color: "red", enabled: true },
        { id: optionOf(fields.priority, "Medium"), name: "Medium", color: "yellow", enabled: true },
        { id: optionOf(fields.priority, "Low"), name: "Low", color: "green", enabled: true },
      ],
    });
    expect(output.custom_fields[1]?.enum_options?.at(-1)).toEqual({
      id: optionOf(fields.platforms, "Windows Phone"),
      name: "Windows Phone",
      color: "none",
      enabled: false,
    });
    expect(output.custom_fields[2]).toEqual({ id: fields.estimate.gid, name: "Estimate", type: "number", enabled: true, precision: 1 });
  });

  test("a workspace's fields, a page at a time", async () => {
    const fake = await startAsanaFake();
    const { premium } = fake.world;
    const first = outputOf(await callTool(fake, listCustomFields, { workspace_id: premium.gid, limit: 4 }));
    expect(first.custom_fields.map((field) => field.name)).toEqual(["Priority", "Platforms", "Estimate", "Notes"]);
    const rest = outputOf(await callTool(fake, listCustomFields, { workspace_id: premium.gid, next_page_token: first.next_page.next_page_token! }));
    expect(rest.custom_fields.map((field) => field.name)).toEqual(["Launch date", "Reviewer"]);
    expect(rest.next_page.has_more_pages).toBe(false);
  });

  test("a free workspace answers 402, and the error says what still works", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, listCustomFields, { workspace_id: fake.world.free.gid }));
    expect(error.statusCode).toBe(402);
    expect(error.message).toContain("Custom fields need a paid Asana plan");
    const project = errorOf(await callTool(fake, listCustomFields, { project_id: fake.world.home.gid }));
    expect(project.statusCode).toBe(402);
  });

  test("project_id and workspace_id together are refused before any request", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, listCustomFields, { project_id: fake.world.launch.gid, workspace_id: fake.world.premium.gid }));
    expect(error.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(error.message).toContain("`project_id, workspace_id`: are both given");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("an unknown project is Asana's 404", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, listCustomFields, { project_id: "8675309" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Asana_ListProjects");
  });
});

describe("SetTaskCustomFields", () => {
  test("sets every kind of field by name, with option names, numbers, dates and people by email", async () => {
    const fake = await startAsanaFake();
    const { fields, colleague, me } = fake.world;
    const task = launchTask(fake);
    const output = outputOf(
      await callTool(fake, setTaskCustomFields, {
        task_id: task.gid,
        fields: [
          { field: "priority", value: "medium" },
          { field: "Platforms", value: ["iOS", "web"] },
          { field: "Estimate", value: 3.5 },
          { field: "Notes", value: "Needs a second review" },
          { field: "Launch date", value: "2026-12-01" },
          { field: "Reviewer", value: ["grace@acme.test", "me"] },
        ],
      }),
    );
    expect(fake.requestsTo("PUT", `/tasks/${task.gid}`)[0]?.body).toEqual({
      data: {
        custom_fields: {
          [fields.priority.gid]: optionOf(fields.priority, "Medium"),
          [fields.platforms.gid]: [optionOf(fields.platforms, "iOS"), optionOf(fields.platforms, "Web")],
          [fields.estimate.gid]: 3.5,
          [fields.notes.gid]: "Needs a second review",
          [fields.launchDate.gid]: { date: "2026-12-01" },
          [fields.reviewer.gid]: [colleague.gid, me.gid],
        },
      },
    });
    expect(output.status).toEqual({ success: true, message: `6 custom fields set on task ${task.gid}` });
    expect(output.task.custom_fields).toEqual([
      { id: fields.priority.gid, name: "Priority", type: "enum", value: "Medium", enum_value: { id: optionOf(fields.priority, "Medium") } },
      {
        id: fields.platforms.gid,
        name: "Platforms",
        type: "multi_enum",
        value: "iOS, Web",
        multi_enum_values: [
          { id: optionOf(fields.platforms, "iOS"), name: "iOS" },
          { id: optionOf(fields.platforms, "Web"), name: "Web" },
        ],
      },
      { id: fields.estimate.gid, name: "Estimate", type: "number", value: "3.5", number_value: 3.5 },
      { id: fields.notes.gid, name: "Notes", type: "text", value: "Needs a second review" },
      { id: fields.launchDate.gid, name: "Launch date", type: "date", value: "2026-12-01" },
      {
        id: fields.reviewer.gid,
        name: "Reviewer",
        type: "people",
        value: "Grace Hopper, Ada Lovelace",
        people_value: [
          { id: colleague.gid, name: "Grace Hopper" },
          { id: me.gid, name: "Ada Lovelace" },
        ],
      },
    ]);
    // Asana wants people as gids there: each email (and "me") is looked up once.
    expect(fake.requestsTo("GET", /^\/users\//).map((e) => e.path)).toEqual(["/users/grace%40acme.test", "/users/me"]);
  });

  test("fields and options by id work too, clear empties a field, and an email named twice is looked up once", async () => {
    const fake = await startAsanaFake();
    const { fields, colleague } = fake.world;
    const task = launchTask(fake);
    // The older map form is still taken.
    await callTool(fake, setTaskCustomFields, { task_id: task.gid, fields: { Priority: "High", Estimate: 2 } });
    const output = outputOf(
      await callTool(fake, setTaskCustomFields, {
        task_id: task.gid,
        fields: [
          { field: fields.priority.gid, value: optionOf(fields.priority, "Low") },
          { field: "Reviewer", value: ["grace@acme.test", "GRACE@acme.test"] },
        ],
        clear: ["Estimate"],
      }),
    );
    expect(fake.requestsTo("PUT", `/tasks/${task.gid}`).at(-1)?.body).toMatchObject({ data: { custom_fields: { [fields.estimate.gid]: null } } });
    expect(output.task.custom_fields).toEqual([
      { id: fields.priority.gid, name: "Priority", type: "enum", value: "Low", enum_value: { id: optionOf(fields.priority, "Low") } },
      { id: fields.estimate.gid, name: "Estimate", type: "number" },
      { id: fields.reviewer.gid, name: "Reviewer", type: "people", value: "Grace Hopper", people_value: [{ id: colleague.gid, name: "Grace Hopper" }] },
    ]);
    expect(fake.requestsTo("GET", /^\/users\//)).toHaveLength(1);
  });

  test("an unknown field fails with the task's fields listed, and nothing is written", async () => {
    const fake = await startAsanaFake();
    const task = launchTask(fake);
    const error = errorOf(await callTool(fake, setTaskCustomFields, { task_id: task.gid, fields: { Priority: "High", Severity: "S1" } }));
    expect(error.kind).toBe("TOOL_RUNTIME_RETRY");
    expect(error.message).toContain(`No custom field named "Severity" on task ${task.gid}; nothing was written.`);
    expect(error.additionalPromptContent).toContain(
      `Custom fields on task ${task.gid}: [{"id":"${fake.world.fields.priority.gid}","name":"Priority","type":"enum","options":["High","Medium","Low"]}`,
    );
    expect(fake.requestsTo("PUT", `/tasks/${task.gid}`)).toHaveLength(0);
  });

  test("an unknown option fails with the field's options listed, and nothing is written", async () => {
    const fake = await startAsanaFake();
    const { fields } = fake.world;
    const task = launchTask(fake);
    const error = errorOf(await callTool(fake, setTaskCustomFields, { task_id: task.gid, fields: { Estimate: 5, Priority: "Urgent" } }));
    expect(error.kind).toBe("TOOL_RUNTIME_RETRY");
    expect(error.message).toContain('"Urgent" is not an option of the enum field "Priority" (fields[1]); nothing was written.');
    expect(error.additionalPromptContent).toBe(
      `Options of "Priority": [{"id":"${optionOf(fields.priority, "High")}","name":"High"},{"id":"${optionOf(fields.priority, "Medium")}","name":"Medium"},{"id":"${optionOf(fields.priority, "Low")}","name":"Low"}]`,
    );
    const disabled = errorOf(await callTool(fake, setTaskCustomFields, { task_id: task.gid, fields: { Platforms: ["Windows Phone"] } }));
    expect(disabled.message).toContain('Option "Windows Phone" of "Platforms" is disabled');
    expect(fake.requestsTo("PUT", `/tasks/${task.gid}`)).toHaveLength(0);
  });

  test("a value of the wrong kind names the field and what it takes", async () => {
    const fake = await startAsanaFake();
    const task = launchTask(fake);
    const error = errorOf(await callTool(fake, setTaskCustomFields, { task_id: task.gid, fields: { Estimate: "a lot", "Launch date": "next Friday" } }));
    expect(error.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(error.message).toContain('`fields[0]`: is the number field "Estimate", which takes a number. Pass e.g. 3.5.');
    expect(fake.requestsTo("PUT", `/tasks/${task.gid}`)).toHaveLength(0);
    const empty = errorOf(await callToolWithRawArguments(fake, setTaskCustomFields, { task_id: task.gid, fields: {} }));
    expect(empty.message).toContain("`fields`: must name at least one field");
  });

  test("null no longer empties a field, a field both set and cleared names both, and a call must do something; nothing is sent", async () => {
    const fake = await startAsanaFake();
    const task = launchTask(fake);
    const before = fake.exchanges.length;
    const nulled = errorOf(await callToolWithRawArguments(fake, setTaskCustomFields, { task_id: task.gid, fields: { Estimate: null } }));
    expect(nulled.message).toContain("`fields.Estimate`: must be a value: null no longer empties a field");
    expect(nulled.message).toContain('name it in clear, e.g. clear: ["Estimate"]');
    expect(fake.exchanges.length).toBe(before);
    const both = errorOf(await callTool(fake, setTaskCustomFields, { task_id: task.gid, fields: [{ field: "Estimate", value: 2 }], clear: ["estimate"] }));
    expect(both.message).toContain('`fields[0], clear[0]`: both set and clear the field "Estimate"');
    const nothing = errorOf(await callTool(fake, setTaskCustomFields, { task_id: task.gid, clear: [] }));
    expect(nothing.message).toContain("`fields, clear`: must set or clear at least one field");
    expect(fake.requestsTo("PUT", `/tasks/${task.gid}`)).toHaveLength(0);
  });

  test("a field of the workspace that is on none of the task's projects is named as such", async () => {
    const fake = await startAsanaFake();
    const loose = insertTask(fake.store, fake.world, { name: "Not in a project" });
    const error = errorOf(await callTool(fake, setTaskCustomFields, { task_id: loose.gid, fields: { Priority: "High" } }));
    expect(error.kind).toBe("TOOL_RUNTIME_RETRY");
    expect(error.message).toContain(`"Priority" (id ${fake.world.fields.priority.gid}) exists in the workspace but is on none of the task's projects`);
    expect(error.message).toContain("Asana_AddTaskToProject");
    expect(error.additionalPromptContent).toContain("has no custom fields");
  });

  test("an unknown email in a people field is Asana's 404, with a note naming the field; nothing is written", async () => {
    const fake = await startAsanaFake();
    const task = launchTask(fake);
    const error = errorOf(await callTool(fake, setTaskCustomFields, { task_id: task.gid, fields: { Reviewer: ["nobody@acme.test"] } }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain('That was the lookup of user "nobody@acme.test" named in fields[0]; nothing was written.');
    expect(fake.requestsTo("PUT", `/tasks/${task.gid}`)).toHaveLength(0);
  });

  test("a free workspace answers 402, and the error says custom fields need a paid plan", async () => {
    const fake = await startAsanaFake();
    const chore = insertFreeChore(fake.store, fake.world);
    const error = errorOf(await callTool(fake, setTaskCustomFields, { task_id: chore.gid, fields: { Priority: "High" } }));
    expect(error.statusCode).toBe(402);
    expect(error.message).toContain("Custom fields need a paid Asana plan");
    expect(fake.requestsTo("PUT", `/tasks/${chore.gid}`)).toHaveLength(0);
  });
});
