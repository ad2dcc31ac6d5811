import { describe, expect, test } from "vitest";
import { customFieldValue, emptyCustomFieldValue } from "../../src/sandbox/index.js";
import { startAsanaFake, type AsanaFake } from "../support/asana-fake.js";
import { insertTask } from "../support/world.js";
import { send } from "./raw-request.js";

/** Three tasks in Q4 Launch with values in its fields: Priority, Estimate, Notes and Launch date. */
function seedValues(fake: AsanaFake) {
  const { launch, fields } = fake.world;
  const entry = (field: typeof fields.priority, value: string | number) => customFieldValue(field, value);
  const date = (day: string) => ({ ...emptyCustomFieldValue(fields.launchDate), date_value: { date: day }, display_value: day });
  const inLaunch = { projects: [launch.gid], memberships: [{ project: launch.gid }] };
  const big = insertTask(fake.store, fake.world, {
    ...inLaunch,
    name: "Big",
    custom_fields: [entry(fields.priority, "Low"), entry(fields.estimate, 8), entry(fields.notes, "Needs a second review"), date("2026-12-01")],
  });
  const small = insertTask(fake.store, fake.world, {
    ...inLaunch,
    name: "Small",
    custom_fields: [entry(fields.priority, "Low"), entry(fields.estimate, 1), emptyCustomFieldValue(fields.notes), date("2026-11-15")],
  });
  const bare = insertTask(fake.store, fake.world, { ...inLaunch, name: "Bare", custom_fields: [emptyCustomFieldValue(fields.estimate)] });
  return { big, small, bare };
}

async function search(fake: AsanaFake, query: string) {
  return send(fake, "GET", `/workspaces/${fake.world.premium.gid}/tasks/search?${query}&opt_fields=name`);
}

const names = (body: Record<string, any>) => (body.data as Array<{ name: string }>).map((task) => task.name).sort();

describe("task search by custom field (custom_fields.{gid}.*, described in Asana's text though not declared)", () => {
  test("value, is_set, less_than, greater_than, contains, before and after, each for the field types that take it", async () => {
    const fake = await startAsanaFake();
    const { fields } = fake.world;
    seedValues(fake);
    const low = (fields.priority.enum_options as Array<{ gid: string; name: string }>).find((o) => o.name === "Low")!.gid;
    expect(names((await search(fake, `custom_fields.${fields.priority.gid}.value=${low}`)).body)).toEqual(["Big", "Small"]);
    expect(names((await search(fake, `custom_fields.${fields.estimate.gid}.greater_than=2`)).body)).toEqual(["Big"]);
    expect(names((await search(fake, `custom_fields.${fields.estimate.gid}.less_than=2`)).body)).toEqual(["Small"]);
    expect(names((await search(fake, `custom_fields.${fields.estimate.gid}.value=8`)).body)).toEqual(["Big"]);
    expect(names((await search(fake, `custom_fields.${fields.notes.gid}.contains=second`)).body)).toEqual(["Big"]);
    expect(names((await search(fake, `custom_fields.${fields.notes.gid}.is_set=true`)).body)).toEqual(["Big"]);
    expect(names((await search(fake, `custom_fields.${fields.estimate.gid}.is_set=false&projects.any=${fake.world.launch.gid}`)).body)).toEqual([
      "Bare",
      "Prepare the quarterly report",
    ]);
    expect(names((await search(fake, `custom_fields.${fields.launchDate.gid}.before=2026-11-20`)).body)).toEqual(["Small"]);
    expect(names((await search(fake, `custom_fields.${fields.launchDate.gid}.after=2026-11-20`)).body)).toEqual(["Big"]);
  });

  test("a condition the field's type does not take, a multi-enum value, or an unknown field is a 400", async () => {
    const fake = await startAsanaFake();
    const { fields } = fake.world;
    const wrongType = await search(fake, `custom_fields.${fields.estimate.gid}.contains=3`);
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors[0].message).toBe(`custom_fields.${fields.estimate.gid}.contains: contains does not apply to a number custom field.`);
    const multi = await search(fake, `custom_fields.${fields.platforms.gid}.value=1`);
    expect(multi.status).toBe(400);
    expect(multi.body.errors[0].message).toContain("multi-enum");
    const unknown = await search(fake, "custom_fields.424242.is_set=true");
    expect(unknown.status).toBe(400);
  });
});
