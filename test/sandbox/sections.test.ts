import { describe, expect, test } from "vitest";
import { startAsanaFake } from "../support/asana-fake.js";
import { send } from "./raw-request.js";

const sectionNames = async (fake: Parameters<typeof send>[0], project: string) =>
  (await send(fake, "GET", `/projects/${project}/sections`)).body.data.map((s: { name: string }) => s.name);

describe("sections", () => {
  test("rename with PUT; reorder with sections/insert before or after another", async () => {
    const fake = await startAsanaFake();
    const { launch, backlog, doing } = fake.world;
    const renamed = await send(fake, "PUT", `/sections/${backlog.gid}?opt_fields=name,project.name`, { data: { name: "Icebox" } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toEqual({
      gid: backlog.gid,
      resource_type: "section",
      name: "Icebox",
      project: { gid: launch.gid, resource_type: "project", name: "Q4 Launch" },
    });
    const done = (await send(fake, "POST", `/projects/${launch.gid}/sections`, { data: { name: "Done" } })).body.data.gid as string;
    expect(await sectionNames(fake, launch.gid)).toEqual(["Icebox", "Doing", "Done"]);
    expect((await send(fake, "POST", `/projects/${launch.gid}/sections/insert`, { data: { section: done, before_section: backlog.gid } })).body).toEqual({
      data: {},
    });
    expect(await sectionNames(fake, launch.gid)).toEqual(["Done", "Icebox", "Doing"]);
    await send(fake, "POST", `/projects/${launch.gid}/sections/insert`, { data: { section: done, after_section: doing.gid } });
    expect(await sectionNames(fake, launch.gid)).toEqual(["Icebox", "Doing", "Done"]);
  });

  test("insert needs exactly one anchor in the same project; rename needs a name", async () => {
    const fake = await startAsanaFake({ expectViolations: true });
    const { launch, backlog, doing } = fake.world;
    const both = await send(fake, "POST", `/projects/${launch.gid}/sections/insert`, {
      data: { section: backlog.gid, before_section: doing.gid, after_section: doing.gid },
    });
    expect(both.status).toBe(400);
    expect(both.body.errors[0].message).toBe("before_section: Provide exactly one of before_section and after_section.");
    const neither = await send(fake, "POST", `/projects/${launch.gid}/sections/insert`, { data: { section: backlog.gid } });
    expect(neither.status).toBe(400);
    const other = (await send(fake, "POST", `/projects/${fake.world.website.gid}/sections`, { data: { name: "Elsewhere" } })).body.data.gid;
    const foreign = await send(fake, "POST", `/projects/${launch.gid}/sections/insert`, { data: { section: backlog.gid, after_section: other } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].message).toBe(`after_section: Section ${other} is not in project ${launch.gid}.`);
    const empty = await send(fake, "PUT", `/sections/${backlog.gid}`, { data: { name: "" } });
    expect(empty.status).toBe(400);
    expect(await sectionNames(fake, launch.gid)).toEqual(["Backlog", "Doing"]);
    // Only the rename without a name breaks the document (SectionRequest requires it); it is empty, not absent.
    expect(fake.violations).toEqual([]);
  });

  test("delete only an empty section, and never a project's last one", async () => {
    const fake = await startAsanaFake();
    const { launch, backlog, doing } = fake.world;
    const full = await send(fake, "DELETE", `/sections/${doing.gid}`);
    expect(full.status).toBe(400);
    expect(full.body.errors[0].message).toContain(`Section ${doing.gid} still holds 1 task; sections must be empty to be deleted.`);
    expect((await send(fake, "DELETE", `/sections/${backlog.gid}`)).body).toEqual({ data: {} });
    expect(await sectionNames(fake, launch.gid)).toEqual(["Doing"]);
    await send(fake, "DELETE", `/tasks/${fake.world.task.gid}`);
    const last = await send(fake, "DELETE", `/sections/${doing.gid}`);
    expect(last.status).toBe(400);
    expect(last.body.errors[0].message).toContain("the last remaining section cannot be deleted");
  });
});
