import { afterEach, describe, expect, test } from "vitest";
import { deleteSection } from "../../../tools/sections/delete-section.js";
import { moveSection } from "../../../tools/sections/move-section.js";
import { updateSection } from "../../../tools/sections/update-section.js";
import { startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

/** Two sections in the free workspace's Home project: Chores then Errands. */
function homeSections(fake: AsanaFake) {
  const { home } = fake.world;
  const [chores, errands] = ["Chores", "Errands"].map((name) =>
    fake.store.insert({ resource_type: "section", name, project: home.gid, created_at: "2026-11-01T09:00:00.000Z" }),
  );
  return { chores: chores!, errands: errands! };
}

describe("UpdateSection", () => {
  test("renames a section", async () => {
    const fake = await startAsanaFake();
    const { backlog, launch } = fake.world;
    const output = outputOf(await callTool(fake, updateSection, { section_id: backlog.gid, name: " Ideas " }));
    expect(output).toEqual({
      status: { success: true, message: `section ${backlog.gid} renamed to "Ideas"` },
      section: { id: backlog.gid, name: "Ideas", project: { id: launch.gid, name: "Q4 Launch" } },
    });
    expect(fake.requestsTo("PUT", `/sections/${backlog.gid}`)[0]?.body).toEqual({ data: { name: "Ideas" } });
  });

  test("works on a free workspace", async () => {
    const fake = await startAsanaFake();
    const { chores } = homeSections(fake);
    const output = outputOf(await callTool(fake, updateSection, { section_id: chores.gid, name: "Housework" }));
    expect(output.section.name).toBe("Housework");
  });

  test("an empty name is refused before any request; an unknown section is Asana's 404", async () => {
    const fake = await startAsanaFake();
    const empty = errorOf(await callTool(fake, updateSection, { section_id: fake.world.backlog.gid, name: "  " }));
    expect(empty.message).toContain("`name`: must not be empty");
    expect(fake.exchanges).toHaveLength(0);
    const unknown = errorOf(await callTool(fake, updateSection, { section_id: "8675309", name: "Ideas" }));
    expect(unknown.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(unknown.message).toContain("Asana_ListSections");
  });
});

describe("DeleteSection", () => {
  test("deletes an empty section", async () => {
    const fake = await startAsanaFake();
    const { backlog } = fake.world;
    const output = outputOf(await callTool(fake, deleteSection, { section_id: backlog.gid }));
    expect(output).toEqual({ status: { success: true, message: `section ${backlog.gid} deleted` }, section: { id: backlog.gid } });
    expect(fake.store.get(backlog.gid)).toBeUndefined();
  });

  test("a section that still holds tasks is refused by Asana, and the error names the tools that empty it", async () => {
    const fake = await startAsanaFake();
    const { doing } = fake.world;
    const error = errorOf(await callTool(fake, deleteSection, { section_id: doing.gid }));
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain(
      `List the section's tasks with Asana_ListTasksInProject (section_id ${doing.gid}), move each into another section with Asana_MoveTaskToSection`,
    );
    expect(fake.store.get(doing.gid)).toBeDefined();
  });

  test("on a free workspace: an empty section goes, the last one stays", async () => {
    const fake = await startAsanaFake();
    const { chores, errands } = homeSections(fake);
    outputOf(await callTool(fake, deleteSection, { section_id: chores.gid }));
    const last = errorOf(await callTool(fake, deleteSection, { section_id: errands.gid }));
    expect(last.statusCode).toBe(400);
    expect(last.message).toContain("its last one cannot be deleted; rename it with Asana_UpdateSection instead");
  });
});

describe("MoveSection", () => {
  test("moves a section before another and answers with the new order", async () => {
    const fake = await startAsanaFake();
    const { backlog, doing, launch } = fake.world;
    const output = outputOf(await callTool(fake, moveSection, { section_id: doing.gid, before_section_id: backlog.gid }));
    expect(output).toEqual({
      status: { success: true, message: `section ${doing.gid} moved before ${backlog.gid}` },
      project: { id: launch.gid, name: "Q4 Launch" },
      sections: [
        { id: doing.gid, name: "Doing" },
        { id: backlog.gid, name: "Backlog" },
      ],
    });
    expect(fake.requestsTo("POST", `/projects/${launch.gid}/sections/insert`)[0]?.body).toEqual({ data: { section: doing.gid, before_section: backlog.gid } });
  });

  test("works on a free workspace, after a section", async () => {
    const fake = await startAsanaFake();
    const { chores, errands } = homeSections(fake);
    const output = outputOf(await callTool(fake, moveSection, { section_id: chores.gid, after_section_id: errands.gid }));
    expect(output.sections.map((s) => s.name)).toEqual(["Errands", "Chores"]);
  });

  test("neither or both anchors, or the section itself, are refused before any request", async () => {
    const fake = await startAsanaFake();
    const { backlog, doing } = fake.world;
    const neither = errorOf(await callTool(fake, moveSection, { section_id: doing.gid }));
    expect(neither.message).toContain("`before_section_id, after_section_id`: are both missing");
    const both = errorOf(await callTool(fake, moveSection, { section_id: doing.gid, before_section_id: backlog.gid, after_section_id: backlog.gid }));
    expect(both.message).toContain("are both given; Asana takes exactly one");
    const itself = errorOf(await callTool(fake, moveSection, { section_id: doing.gid, after_section_id: doing.gid }));
    expect(itself.message).toContain("`after_section_id`: is the section being moved");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("a section of another project is Asana's 400, explained", async () => {
    const fake = await startAsanaFake();
    const { chores } = homeSections(fake);
    const error = errorOf(await callTool(fake, moveSection, { section_id: fake.world.doing.gid, before_section_id: chores.gid }));
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain("Both sections must be in the same project");
  });
});
