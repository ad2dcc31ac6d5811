import { describe, expect, test } from "vitest";
import { startAsanaFake, provokedViolations } from "../support/asana-fake.js";
import { insertTask } from "../support/world.js";
import { send } from "./raw-request.js";

const names = (body: Record<string, any>) => body.data.map((item: { name: string }) => item.name);

describe("typeahead", () => {
  test("finds tasks by a word prefix, case-insensitively, the closest matches first, as compact named records", async () => {
    const fake = await startAsanaFake();
    insertTask(fake.store, fake.world, { name: "Quarterly planning" });
    insertTask(fake.store, fake.world, { name: "Report on the quarter" });
    insertTask(fake.store, fake.world, { name: "Headquarters move" });
    const { status, body } = await send(fake, "GET", `/workspaces/${fake.world.premium.gid}/typeahead?resource_type=task&query=QUARTER`);
    expect(status).toBe(200);
    // Prefix of the name, then a word prefix, then anywhere in a word.
    expect(names(body)).toEqual(["Quarterly planning", "Prepare the quarterly report", "Report on the quarter", "Headquarters move"]);
    expect(body.data[0]).toEqual({ gid: expect.any(String), resource_type: "task", name: "Quarterly planning" });
  });

  test("finds users by name or email, projects, tags, teams and custom fields; count caps the answer", async () => {
    const fake = await startAsanaFake();
    const ws = fake.world.premium.gid;
    const lookup = async (type: string, query: string, extra = "") =>
      names((await send(fake, "GET", `/workspaces/${ws}/typeahead?resource_type=${type}&query=${encodeURIComponent(query)}${extra}`)).body);
    expect(await lookup("user", "grace@")).toEqual(["Grace Hopper"]);
    expect(await lookup("user", "love")).toEqual(["Ada Lovelace"]);
    expect(await lookup("project", "web")).toEqual(["Website Redesign"]);
    expect(await lookup("tag", "urg")).toEqual(["urgent"]);
    expect(await lookup("team", "eng")).toEqual(["Engineering"]);
    expect(await lookup("custom_field", "date")).toEqual(["Launch date"]);
    expect(await lookup("task", "", "&count=2")).toHaveLength(2);
    // The free workspace's project is not in the premium one's answers, and typeahead works on free plans.
    expect(await lookup("project", "home")).toEqual([]);
    const free = await send(fake, "GET", `/workspaces/${fake.world.free.gid}/typeahead?resource_type=project&query=home`);
    expect(free.status).toBe(200);
    expect(names(free.body)).toEqual(["Home"]);
  });

  test("a count outside 1-100 and an unknown resource type are 400s", async ({ skip }) => {
    const fake = await startAsanaFake({ expectViolations: true });
    const ws = fake.world.premium.gid;
    const tooMany = await send(fake, "GET", `/workspaces/${ws}/typeahead?resource_type=task&count=101`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].message).toBe("count: Value must be between 1 and 100.");
    const unknown = await send(fake, "GET", `/workspaces/${ws}/typeahead?resource_type=story`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].message).toContain("resource_type: Invalid value: story");
    // The document bounds neither count nor lists story; only the second breaks its contract.
    expect(provokedViolations(fake, skip).map((v) => v.field)).toEqual(["query.resource_type"]);
  });
});
