import { describe, expect, test } from "vitest";
import { startAsanaFake, type AsanaFake } from "../support/asana-fake.js";
import { insertTask } from "../support/world.js";
import { send } from "./raw-request.js";

function optionGid(field: { enum_options?: unknown } | Record<string, unknown>, name: string): string {
  return (field.enum_options as Array<{ gid: string; name: string }>).find((o) => o.name === name)!.gid;
}

/** A task in the launch project, where every field of the world is set up. */
async function launchTask(fake: AsanaFake) {
  const created = await send(fake, "POST", "/tasks?opt_fields=custom_fields.name,custom_fields.display_value", {
    data: { name: "Ship it", projects: [fake.world.launch.gid] },
  });
  expect(created.status).toBe(201);
  return created.body.data as { gid: string; custom_fields: Array<{ gid: string; name: string; display_value: string | null }> };
}

describe("custom field definitions", () => {
  test("a project's settings, a workspace's fields (paged) and one field, with opt_fields", async () => {
    const fake = await startAsanaFake();
    const { launch, premium, fields } = fake.world;
    const settings = await send(
      fake,
      "GET",
      `/projects/${launch.gid}/custom_field_settings?limit=4&opt_fields=custom_field.name,custom_field.resource_subtype,is_important,project.name`,
    );
    expect(settings.status).toBe(200);
    expect(settings.body.data.map((s: { custom_field: { name: string } }) => s.custom_field.name)).toEqual(["Priority", "Platforms", "Estimate", "Notes"]);
    expect(settings.body.data[0]).toMatchObject({ resource_type: "custom_field_setting", is_important: true, project: { gid: launch.gid, name: "Q4 Launch" } });
    const rest = await send(fake, "GET", settings.body.next_page.path);
    expect(rest.body.data.map((s: { custom_field: { name: string } }) => s.custom_field.name)).toEqual(["Launch date", "Reviewer"]);

    const page = await send(fake, "GET", `/workspaces/${premium.gid}/custom_fields?limit=2`);
    expect(page.body.data).toEqual([
      { gid: fields.priority.gid, resource_type: "custom_field", name: "Priority", resource_subtype: "enum", type: "enum" },
      { gid: fields.platforms.gid, resource_type: "custom_field", name: "Platforms", resource_subtype: "multi_enum", type: "multi_enum" },
    ]);
    const one = await send(fake, "GET", `/custom_fields/${fields.priority.gid}?opt_fields=name,enum_options.name,enum_options.color,enum_options.enabled`);
    expect(one.body.data.enum_options.map((o: { name: string; color: string }) => `${o.name}/${o.color}`)).toEqual(["High/red", "Medium/yellow", "Low/green"]);
    const full = await send(fake, "GET", `/custom_fields/${fields.estimate.gid}`);
    expect(full.body.data).toMatchObject({ name: "Estimate", type: "number", precision: 1, enabled: true });
    expect(full.body.data).not.toHaveProperty("workspace");
  });

  test("are premium: the free workspace answers 402; an unknown field is a 404", async () => {
    const fake = await startAsanaFake();
    const free = await send(fake, "GET", `/projects/${fake.world.home.gid}/custom_field_settings`);
    expect(free.status).toBe(402);
    expect(free.body.errors[0].message).toBe("Custom fields is only available to premium users.");
    expect((await send(fake, "GET", `/workspaces/${fake.world.free.gid}/custom_fields`)).status).toBe(402);
    expect((await send(fake, "GET", "/custom_fields/1200000000000404")).status).toBe(404);
  });
});

describe("custom field values on tasks", () => {
  test("a task created in a project shows its fields unset; PUT sets each type, and null clears", async () => {
    const fake = await startAsanaFake();
    const { fields, colleague } = fake.world;
    const task = await launchTask(fake);
    expect(task.custom_fields.map((f) => [f.name, f.display_value])).toEqual([
      ["Priority", null],
      ["Platforms", null],
      ["Estimate", null],
      ["Notes", null],
      ["Launch date", null],
      ["Reviewer", null],
    ]);
    const written = await send(
      fake,
      "PUT",
      `/tasks/${task.gid}?opt_fields=custom_fields.display_value,custom_fields.enum_value.name,custom_fields.multi_enum_values.name,custom_fields.number_value,custom_fields.text_value,custom_fields.date_value,custom_fields.people_value.name`,
      {
        data: {
          custom_fields: {
            [fields.priority.gid]: optionGid(fields.priority, "High"),
            [fields.platforms.gid]: [optionGid(fields.platforms, "iOS"), optionGid(fields.platforms, "Web")],
            [fields.estimate.gid]: 2.5,
            [fields.notes.gid]: "Ship before the freeze",
            [fields.launchDate.gid]: { date: "2026-12-01" },
            [fields.reviewer.gid]: ["me", colleague.gid],
          },
        },
      },
    );
    expect(written.status).toBe(200);
    const [priority, platforms, estimate, notes, launchDate, reviewer] = written.body.data.custom_fields;
    expect(priority).toMatchObject({ display_value: "High", enum_value: { name: "High" } });
    expect(platforms).toMatchObject({ display_value: "iOS, Web", multi_enum_values: [{ name: "iOS" }, { name: "Web" }] });
    expect(estimate).toMatchObject({ display_value: "2.5", number_value: 2.5 });
    expect(notes).toMatchObject({ display_value: "Ship before the freeze", text_value: "Ship before the freeze" });
    expect(launchDate).toMatchObject({ display_value: "2026-12-01", date_value: { date: "2026-12-01" } });
    expect(reviewer).toMatchObject({ display_value: "Ada Lovelace, Grace Hopper", people_value: [{ name: "Ada Lovelace" }, { name: "Grace Hopper" }] });

    const cleared = await send(fake, "PUT", `/tasks/${task.gid}?opt_fields=custom_fields.display_value,custom_fields.enum_value`, {
      data: { custom_fields: { [fields.priority.gid]: null, [fields.launchDate.gid]: { date_time: "2026-12-01T15:30:00Z" } } },
    });
    expect(cleared.body.data.custom_fields[0]).toEqual({ gid: fields.priority.gid, resource_type: "custom_field", display_value: null, enum_value: null });
    expect(cleared.body.data.custom_fields[4].display_value).toBe("2026-12-01T15:30:00.000Z");
    expect(cleared.body.data.custom_fields[2].display_value).toBe("2.5");
  });

  test("POST /tasks takes custom_fields as well", async () => {
    const fake = await startAsanaFake();
    const { fields, launch } = fake.world;
    const created = await send(fake, "POST", "/tasks?opt_fields=custom_fields.name,custom_fields.display_value", {
      data: { name: "Estimate me", projects: [launch.gid], custom_fields: { [fields.estimate.gid]: 3 } },
    });
    expect(created.status).toBe(201);
    expect(created.body.data.custom_fields.find((f: { name: string }) => f.name === "Estimate").display_value).toBe("3.0");
  });

  test("a wrong type, an unknown option, a disabled option, over-long text or a field off the task's projects is a 400 naming the field; nothing changes", async () => {
    const fake = await startAsanaFake();
    const { fields } = fake.world;
    const task = await launchTask(fake);
    const attempt = async (value: Record<string, unknown>) => {
      const { status, body } = await send(fake, "PUT", `/tasks/${task.gid}`, { data: { custom_fields: value } });
      expect(status, JSON.stringify(value)).toBe(400);
      return body.errors[0].message as string;
    };
    expect(await attempt({ [fields.estimate.gid]: "lots" })).toBe(
      `custom_fields: Custom field "Estimate" (${fields.estimate.gid}) is a number field and takes a number; got "lots".`,
    );
    expect(await attempt({ [fields.priority.gid]: "1200000000000001" })).toContain(
      `is not an option of Custom field "Priority" (${fields.priority.gid}). Its options: High (`,
    );
    expect(await attempt({ [fields.platforms.gid]: [optionGid(fields.platforms, "Windows Phone")] })).toContain('Option "Windows Phone"');
    expect(await attempt({ [fields.platforms.gid]: optionGid(fields.platforms, "iOS") })).toContain("takes an array of enum option gids");
    expect(await attempt({ [fields.notes.gid]: "x".repeat(1025) })).toContain("text values are limited to 1024");
    expect(await attempt({ [fields.launchDate.gid]: "2026-12-01" })).toContain('{"date": "YYYY-MM-DD"}');
    expect(await attempt({ [fields.reviewer.gid]: ["nobody@nowhere.test"] })).toContain("nobody@nowhere.test is not a user");
    expect(await attempt({ [fields.priority.gid]: optionGid(fields.priority, "High"), [fields.estimate.gid]: "x" })).toContain("Estimate");
    // The world's task is in the launch project too, but the website project has no fields.
    const website = insertTask(fake.store, fake.world, { name: "Web", projects: [fake.world.website.gid], memberships: [{ project: fake.world.website.gid }] });
    const off = await send(fake, "PUT", `/tasks/${website.gid}`, { data: { custom_fields: { [fields.estimate.gid]: 1 } } });
    expect(off.status).toBe(400);
    expect(off.body.errors[0].message).toContain("is not on any of the task's projects");
    expect(fake.store.get(task.gid)!.custom_fields).toEqual(expect.arrayContaining([expect.objectContaining({ name: "Priority", display_value: null })]));
  });

  test("writing custom fields on a free workspace's task is a 402", async () => {
    const fake = await startAsanaFake();
    const home = insertTask(fake.store, fake.world, {
      name: "Chores",
      workspace: fake.world.free.gid,
      projects: [fake.world.home.gid],
      memberships: [{ project: fake.world.home.gid }],
    });
    const { status, body } = await send(fake, "PUT", `/tasks/${home.gid}`, { data: { custom_fields: { [fake.world.fields.estimate.gid]: 1 } } });
    expect(status).toBe(402);
    expect(body.errors[0].message).toBe("Custom fields is only available to premium users.");
  });
});
