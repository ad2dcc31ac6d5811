import { afterEach, describe, expect, test } from "vitest";
import { addCustomFieldToProject } from "../../../tools/customfields/add-custom-field-to-project.js";
import { createCustomField } from "../../../tools/customfields/create-custom-field.js";
import { removeCustomFieldFromProject } from "../../../tools/customfields/remove-custom-field-from-project.js";
import { updateCustomField } from "../../../tools/customfields/update-custom-field.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { insertLaunchTask, insertTask, optionOf } from "../../support/world.js";
import { markedText } from "../../support/create-marker.js";

afterEach(closeClients);

const definitionFields = "name,resource_subtype,description,enabled,precision,enum_options.name,enum_options.color,enum_options.enabled";

describe("CreateCustomField", () => {
  test("creates an enum field with its options, in order", async () => {
    const fake = await startAsanaFake();
    const { premium } = fake.world;
    const output = outputOf(
      await callTool(fake, createCustomField, {
        name: "Stage",
        type: "enum",
        workspace_id: premium.gid,
        description: "Where the work is",
        options: [{ name: "Idea", color: "blue" }, { name: "Doing" }],
      }),
    );
    expect(output.status).toEqual({ success: true, message: 'custom field "Stage" (enum) created' });
    expect(output.custom_field).toEqual({
      id: expect.any(String),
      name: "Stage",
      type: "enum",
      description: "Where the work is",
      enabled: true,
      enum_options: [
        { id: expect.any(String), name: "Idea", color: "blue", enabled: true },
        { id: expect.any(String), name: "Doing", color: "none", enabled: true },
      ],
    });
    const [post] = fake.requestsTo("POST", "/custom_fields");
    expect(post?.body).toEqual({
      data: {
        workspace: premium.gid,
        name: "Stage",
        resource_subtype: "enum",
        description: markedText("Where the work is"),
        enum_options: [{ name: "Idea", color: "blue" }, { name: "Doing" }],
      },
    });
    expect(post?.query).toEqual({ opt_fields: definitionFields });
    expect(post?.response.status).toBe(201);
  });

  test("a number field takes precision and a currency format", async () => {
    const fake = await startAsanaFake();
    const output = outputOf(
      await callTool(fake, createCustomField, {
        name: "Budget",
        type: "number",
        workspace_id: fake.world.premium.gid,
        precision: 2,
        format: "currency",
        currency_code: "eur",
      }),
    );
    expect(output.custom_field).toMatchObject({ name: "Budget", type: "number", precision: 2 });
    expect(fake.requestsTo("POST", "/custom_fields")[0]?.body).toMatchObject({ data: { precision: 2, format: "currency", currency_code: "EUR" } });
  });

  test("settings that do not fit the type, and options named twice, are refused before any request", async () => {
    const fake = await startAsanaFake();
    const workspace_id = fake.world.premium.gid;
    const misplaced = errorOf(await callTool(fake, createCustomField, { name: "Due", type: "text", workspace_id, options: [{ name: "x" }], precision: 1 }));
    expect(misplaced.message).toContain("`options, precision`: do not apply to a text field");
    const twice = errorOf(await callTool(fake, createCustomField, { name: "Size", type: "enum", workspace_id, options: [{ name: "S" }, { name: "s" }] }));
    expect(twice.message).toContain('`options`: name "s" twice');
    expect(fake.exchanges).toHaveLength(0);
  });

  test("a free workspace gets Asana's 402, explained", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, createCustomField, { name: "Size", type: "text", workspace_id: fake.world.free.gid }));
    expect(error.message).toContain("Custom fields need a paid Asana plan");
  });
});

describe("UpdateCustomField", () => {
  test("renames a field and changes its description with one request", async () => {
    const fake = await startAsanaFake();
    const { estimate } = fake.world.fields;
    const output = outputOf(await callTool(fake, updateCustomField, { custom_field_id: estimate.gid, name: "Effort", description: "In days", precision: 0 }));
    expect(output.custom_field).toMatchObject({ id: estimate.gid, name: "Effort", description: "In days", precision: 0, type: "number" });
    expect(output.status.message).toBe(`custom field ${estimate.gid} updated: name, description, precision`);
    expect(fake.requestsTo("PUT", `/custom_fields/${estimate.gid}`)[0]?.body).toEqual({ data: { name: "Effort", description: "In days", precision: 0 } });
    expect(fake.requestsTo("GET", /\/custom_fields\//)).toHaveLength(0);
  });

  test("adds, renames, recolors, retires and reorders options by name; tasks show the new names", async () => {
    const fake = await startAsanaFake();
    const { priority, task } = fake.world;
    const [high, medium, low] = ["High", "Medium", "Low"].map((name) => optionOf(priority, name));
    const output = outputOf(
      await callTool(fake, updateCustomField, {
        custom_field_id: priority.gid,
        options: [
          { name: "Urgent", color: "magenta", before: "High" },
          { option: "High", name: "Important" },
          { option: "medium", enabled: false },
          { option: low!, after: "Urgent" },
        ],
      }),
    );
    expect(output.custom_field.enum_options).toEqual([
      { id: expect.any(String), name: "Urgent", color: "magenta", enabled: true },
      { id: low, name: "Low", color: "green", enabled: true },
      { id: high, name: "Important", color: "red", enabled: true },
      { id: medium, name: "Medium", color: "yellow", enabled: false },
    ]);
    expect(output.status.message).toBe(`custom field ${priority.gid} updated: 4 option changes`);
    expect(fake.requestsTo("POST", `/custom_fields/${priority.gid}/enum_options`)[0]?.body).toEqual({
      data: { name: "Urgent", color: "magenta", insert_before: high },
    });
    expect(fake.requestsTo("PUT", `/enum_options/${high}`)[0]?.body).toEqual({ data: { name: "Important" } });
    expect(fake.requestsTo("PUT", `/enum_options/${medium}`)[0]?.body).toEqual({ data: { enabled: false } });
    const urgent = output.custom_field.enum_options![0]!.id;
    expect(fake.requestsTo("POST", `/custom_fields/${priority.gid}/enum_options/insert`)[0]?.body).toEqual({
      data: { enum_option: low, after_enum_option: urgent },
    });
    // The task set to High reads the option's new name, as Asana shows a rename everywhere.
    const entry = (fake.store.get(task.gid)!.custom_fields as Array<Record<string, unknown>>).find((e) => e.gid === priority.gid);
    expect(entry).toMatchObject({ display_value: "Important", enum_value: { gid: high, name: "Important" } });
  });

  test("the same edits again change nothing: options already named, colored and placed are left alone", async () => {
    const fake = await startAsanaFake();
    const { priority } = fake.world;
    const edits = {
      custom_field_id: priority.gid,
      options: [
        { name: "Urgent", before: "High" },
        { option: "High", name: "Important" },
      ],
    };
    outputOf(await callTool(fake, updateCustomField, edits));
    const writes = fake.exchanges.filter((e) => e.method !== "GET").length;
    const again = outputOf(await callTool(fake, updateCustomField, edits));
    expect(again.status.message).toBe("the field already looks like this; nothing changed");
    expect(fake.exchanges.filter((e) => e.method !== "GET")).toHaveLength(writes);
    expect(again.custom_field.enum_options?.map((o) => o.name)).toEqual(["Urgent", "Important", "Medium", "Low"]);
  });

  test("an option that is not there is refused before anything changes, listing the options", async () => {
    const fake = await startAsanaFake();
    const { priority } = fake.world;
    const error = errorOf(
      await callTool(fake, updateCustomField, {
        custom_field_id: priority.gid,
        name: "Prio",
        options: [{ name: "Urgent" }, { option: "Critical", color: "red" }],
      }),
    );
    expect(error.message).toContain('`options[1].option`: names "Critical", which is not an option of this field. Its options: "High"');
    expect(fake.exchanges.filter((e) => e.method !== "GET")).toHaveLength(0);
    expect(fake.store.get(priority.gid)?.name).toBe("Priority");
  });

  test("options on a field that has none, and a call that changes nothing, are refused", async () => {
    const fake = await startAsanaFake();
    const { estimate } = fake.world.fields;
    const error = errorOf(await callTool(fake, updateCustomField, { custom_field_id: estimate.gid, options: [{ name: "Big" }] }));
    expect(error.message).toContain("`options`: apply to enum and multi_enum fields, and this one is a number field");
    expect(errorOf(await callTool(fake, updateCustomField, { custom_field_id: estimate.gid })).message).toContain("must change something");
    expect(fake.exchanges.filter((e) => e.method !== "GET")).toHaveLength(0);
  });
});

describe("AddCustomFieldToProject and RemoveCustomFieldFromProject", () => {
  test("puts a field on a project, whose tasks then list it, empty; doing it again answers the same", async () => {
    const fake = await startAsanaFake();
    const { website, priority } = fake.world;
    const chore = insertTask(fake.store, fake.world, { name: "Fix the footer", projects: [website.gid], memberships: [{ project: website.gid }] });
    const expected = {
      status: { success: true, message: `custom field "Priority" is on project ${website.gid}` },
      project: { id: website.gid, name: "Website Redesign" },
      custom_field: { id: priority.gid, name: "Priority", type: "enum" },
    };
    expect(outputOf(await callTool(fake, addCustomFieldToProject, { project_id: website.gid, custom_field_id: priority.gid, is_important: true }))).toEqual(
      expected,
    );
    expect(fake.requestsTo("POST", `/projects/${website.gid}/addCustomFieldSetting`)[0]?.body).toEqual({
      data: { custom_field: priority.gid, is_important: true },
    });
    expect((fake.store.get(chore.gid)!.custom_fields as Array<{ gid: string; enum_value: unknown }>).map((e) => [e.gid, e.enum_value])).toEqual([
      [priority.gid, null],
    ]);
    // Asana refuses a field already on the project; that is the state asked for.
    expect(outputOf(await callTool(fake, addCustomFieldToProject, { project_id: website.gid, custom_field_id: priority.gid }))).toEqual(expected);
    expect(fake.requestsTo("POST", `/projects/${website.gid}/addCustomFieldSetting`)[1]?.response.status).toBe(400);
  });

  test("a field of another workspace is Asana's 400, explained", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, addCustomFieldToProject, { project_id: fake.world.home.gid, custom_field_id: fake.world.priority.gid }));
    expect(error.message).toMatch(/Custom fields need a paid Asana plan|must be in the project's workspace/);
  });

  test("takes a field off a project; its tasks stop listing it, and the field stays in the workspace", async () => {
    const fake = await startAsanaFake();
    const { launch, fields } = fake.world;
    const shipping = insertLaunchTask(fake.store, fake.world);
    expect(outputOf(await callTool(fake, removeCustomFieldFromProject, { project_id: launch.gid, custom_field_id: fields.notes.gid }))).toEqual({
      status: { success: true, message: `custom field ${fields.notes.gid} is off project ${launch.gid}` },
      project: { id: launch.gid },
      custom_field: { id: fields.notes.gid },
    });
    expect((fake.store.get(shipping.gid)!.custom_fields as Array<{ gid: string }>).map((e) => e.gid)).not.toContain(fields.notes.gid);
    expect(fake.store.get(fields.notes.gid)).toBeDefined();
    expect(fake.store.get(launch.gid)?.custom_field_settings).toHaveLength(5);
  });
});
