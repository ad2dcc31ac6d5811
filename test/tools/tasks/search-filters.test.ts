import { afterEach, describe, expect, test } from "vitest";
import { customFieldValue, emptyCustomFieldValue } from "../../../src/sandbox/index.js";
import { getTasksWithoutId } from "../../../tools/tasks/get-tasks-without-id.js";
import { startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { insertTask } from "../../support/world.js";

afterEach(closeClients);

const searchPath = (fake: AsanaFake) => `/workspaces/${fake.world.premium.gid}/tasks/search`;
const sentQuery = (fake: AsanaFake) => fake.requestsTo("GET", searchPath(fake))[0]?.query ?? {};
const names = (output: { tasks: Array<{ name?: string }> }) => output.tasks.map((task) => task.name).sort();

/** Tasks in Q4 Launch with Priority, Estimate, Notes and Launch date values. */
function seedValues(fake: AsanaFake) {
  const { launch, fields, backlog } = fake.world;
  const date = (day: string) => ({ ...emptyCustomFieldValue(fields.launchDate), date_value: { date: day }, display_value: day });
  const inLaunch = { projects: [launch.gid], memberships: [{ project: launch.gid, section: backlog.gid }] };
  const big = insertTask(fake.store, fake.world, {
    ...inLaunch,
    name: "Big",
    custom_fields: [
      customFieldValue(fields.priority, "Low"),
      customFieldValue(fields.estimate, 8),
      customFieldValue(fields.notes, "Needs a second review"),
      date("2026-12-01"),
    ],
  });
  const small = insertTask(fake.store, fake.world, {
    ...inLaunch,
    name: "Small",
    custom_fields: [customFieldValue(fields.priority, "Medium"), customFieldValue(fields.estimate, 1), date("2026-11-15")],
  });
  return { big, small };
}

describe("GetTasksWithoutId by custom field, named as the model names them", () => {
  test("an enum option by name becomes its option id in Asana's custom_fields.{gid}.value parameter", async () => {
    const fake = await startAsanaFake();
    const { premium, fields, launch } = fake.world;
    seedValues(fake);
    const output = outputOf(
      await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, project: launch.gid, custom_fields: [{ field: "priority", value: "low" }] }),
    );
    expect(names(output)).toEqual(["Big"]);
    const low = (fields.priority.enum_options as Array<{ gid: string; name: string }>).find((o) => o.name === "Low")!.gid;
    expect(sentQuery(fake)).toMatchObject({ [`custom_fields.${fields.priority.gid}.value`]: low });
    // The project's own fields are where the names are looked up.
    expect(fake.requestsTo("GET", `/projects/${launch.gid}/custom_field_settings`)).toHaveLength(1);
  });

  test("numbers, text and dates: greater_than, less_than (before/after for dates), contains and is_set", async () => {
    const fake = await startAsanaFake();
    const { premium, fields } = fake.world;
    seedValues(fake);
    const search = async (filters: unknown[]) =>
      names(outputOf(await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, custom_fields: filters as never })));
    expect(await search([{ field: "Estimate", greater_than: 3 }])).toEqual(["Big"]);
    expect(await search([{ field: "Estimate", greater_than: 0, less_than: 5 }])).toEqual(["Small"]);
    expect(await search([{ field: "Notes", contains: "second" }])).toEqual(["Big"]);
    expect(await search([{ field: "Launch date", less_than: "2026-11-20" }])).toEqual(["Small"]);
    expect(
      await search([
        { field: "Launch date", greater_than: "2026-11-20" },
        { field: "Notes", is_set: true },
      ]),
    ).toEqual(["Big"]);
    const queries = fake.requestsTo("GET", searchPath(fake)).map((e) => e.query);
    expect(queries[3]).toMatchObject({ [`custom_fields.${fields.launchDate.gid}.before`]: "2026-11-20" });
    expect(queries[4]).toMatchObject({
      [`custom_fields.${fields.launchDate.gid}.after`]: "2026-11-20",
      [`custom_fields.${fields.notes.gid}.is_set`]: "true",
    });
    // Without a project, the names are looked up among the workspace's fields.
    expect(fake.requestsTo("GET", `/workspaces/${premium.gid}/custom_fields`).length).toBeGreaterThan(0);
  });

  test("an unknown field lists the fields there are; an unknown option lists the options; nothing is searched", async () => {
    const fake = await startAsanaFake();
    const { premium, launch } = fake.world;
    const field = errorOf(
      await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, project: launch.gid, custom_fields: [{ field: "Size", value: "L" }] }),
    );
    expect(field.message).toContain('No custom field named "Size"');
    expect(field.additionalPromptContent).toContain('"name":"Priority","type":"enum","options":["High","Medium","Low"]');
    const option = errorOf(await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, custom_fields: [{ field: "Priority", value: "Urgent" }] }));
    expect(option.message).toContain('"Urgent" is not an option of the enum field "Priority"');
    expect(fake.requestsTo("GET", searchPath(fake))).toHaveLength(0);
  });

  test("what Asana's search cannot do is refused before searching, saying what works instead", async () => {
    const fake = await startAsanaFake();
    const { premium } = fake.world;
    const multi = errorOf(await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, custom_fields: [{ field: "Platforms", value: "iOS" }] }));
    expect(multi.message).toContain('`custom_fields[0].value`: does not apply to the multi_enum field "Platforms"');
    expect(multi.message).toContain("use is_set");
    const contains = errorOf(await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, custom_fields: [{ field: "Estimate", contains: "3" }] }));
    expect(contains.message).toContain("contains searches text fields");
    const noCondition = errorOf(await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, custom_fields: [{ field: "Estimate" } as never] }));
    expect(noCondition.message).toContain("must give a condition besides field");
    expect(fake.requestsTo("GET", searchPath(fake))).toHaveLength(0);
  });
});

describe("GetTasksWithoutId's other filters", () => {
  test("sections by name within the project go as sections.any, without projects.any (Asana would answer the union)", async () => {
    const fake = await startAsanaFake();
    const { premium, launch, backlog, doing, task } = fake.world;
    seedValues(fake);
    const output = outputOf(await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, project: launch.gid, sections: ["doing"] }));
    expect(output.tasks.map((t) => t.id)).toEqual([task.gid]);
    expect(sentQuery(fake)["sections.any"]).toBe(doing.gid);
    expect(sentQuery(fake)).not.toHaveProperty("projects.any");
    const both = outputOf(await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, sections: [backlog.gid, doing.gid] }));
    expect(names(both)).toEqual(["Big", "Prepare the quarterly report", "Small"]);
    const unnamed = errorOf(await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, sections: ["Doing"] }));
    expect(unnamed.message).toContain("`sections`: names a section, which needs project");
  });

  test("follower, created_by, is_subtask and task_type", async () => {
    const fake = await startAsanaFake();
    const { premium, colleague, me } = fake.world;
    insertTask(fake.store, fake.world, { name: "Grace's milestone", created_by: colleague.gid, followers: [colleague.gid], resource_subtype: "milestone" });
    const followed = outputOf(await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, follower: "grace@acme.test" }));
    expect(names(followed)).toEqual(["Grace's milestone"]);
    expect(sentQuery(fake)["followers.any"]).toBe("grace@acme.test");
    const made = outputOf(await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, created_by: colleague.gid, task_type: "milestone" }));
    expect(names(made)).toEqual(["Grace's milestone"]);
    expect(fake.requestsTo("GET", searchPath(fake))[1]?.query).toMatchObject({ "created_by.any": colleague.gid, resource_subtype: "milestone" });
    const subtasks = outputOf(await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, is_subtask: true, created_by: me.gid }));
    expect(names(subtasks)).toEqual(["Collect numbers", "Draw charts", "Review with finance"]);
  });

  test("modified_since and completed since/before take a day or a moment", async () => {
    const fake = await startAsanaFake();
    const { premium } = fake.world;
    insertTask(fake.store, fake.world, { name: "Touched late", modified_at: "2026-11-20T15:00:00.000Z" });
    insertTask(fake.store, fake.world, {
      name: "Done early",
      completed: true,
      completed_at: "2026-11-03T10:00:00.000Z",
      modified_at: "2026-11-03T10:00:00.000Z",
    });
    insertTask(fake.store, fake.world, {
      name: "Done late",
      completed: true,
      completed_at: "2026-11-18T10:00:00.000Z",
      modified_at: "2026-11-18T10:00:00.000Z",
    });
    const touched = outputOf(await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, modified_since: "2026-11-19" }));
    expect(names(touched)).toEqual(["Touched late"]);
    expect(sentQuery(fake)).toMatchObject({ "modified_on.after": "2026-11-19" });
    const since = outputOf(await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, completed_since: "2026-11-10T00:00:00Z" }));
    expect(names(since)).toEqual(["Done late"]);
    expect(fake.requestsTo("GET", searchPath(fake))[1]?.query).toMatchObject({ "completed_at.after": "2026-11-10T00:00:00.000Z" });
    const before = outputOf(await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, completed_before: "2026-11-10" }));
    expect(names(before)).toEqual(["Done early"]);
  });
});
