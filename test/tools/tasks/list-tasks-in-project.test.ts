import { afterEach, describe, expect, test } from "vitest";
import { getTasksWithoutId } from "../../../tools/tasks/get-tasks-without-id.js";
import { listTasksInProject } from "../../../tools/tasks/list-tasks-in-project.js";
import { taskSummaryOptFields } from "../../../tools/tasks/model.js";
import { startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { callTool, callToolWithRawArguments, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { insertTask } from "../../support/world.js";

afterEach(closeClients);

const summaryFields = taskSummaryOptFields.join(",");

/** Three tasks in the free workspace's "Home" project: two open, one done. */
function seedHome(fake: AsanaFake) {
  const { home, free } = fake.world;
  const inHome = { workspace: free.gid, projects: [home.gid], memberships: [{ project: home.gid }] };
  return {
    groceries: insertTask(fake.store, fake.world, { ...inHome, name: "Buy groceries", due_on: "2026-11-03" }),
    plumber: insertTask(fake.store, fake.world, { ...inHome, name: "Call the plumber", completed: true, completed_at: "2026-11-02T10:00:00.000Z" }),
    taxes: insertTask(fake.store, fake.world, { ...inHome, name: "File taxes" }),
  };
}

describe("ListTasksInProject", () => {
  test("lists a free workspace's project by name, where search answers 402 and points here", async () => {
    const fake = await startAsanaFake();
    const { home, free } = fake.world;
    const { groceries, plumber, taxes } = seedHome(fake);

    const search = errorOf(await callTool(fake, getTasksWithoutId, { workspace_id: free.gid, keywords: "groceries" }));
    expect(search.statusCode).toBe(402);
    expect(search.message).toContain("a project's tasks with Asana_ListTasksInProject");
    expect(search.message).toContain("find a task by name with Asana_SearchByName, a user's open tasks with Asana_ListMyTasks");

    const output = outputOf(await callTool(fake, listTasksInProject, { project: "home", workspace_id: free.gid }));
    // The project is named once; these tasks are in no section of it, so they carry no membership.
    const common = { modified_at: "2026-11-01T09:00:00.000Z", permalink_url: "https://app.asana.com/0/0/1" };
    expect(output).toEqual({
      project: { id: home.gid, name: "Home" },
      tasks: [
        { id: groceries.gid, name: "Buy groceries", due_on: "2026-11-03", ...common },
        { id: plumber.gid, name: "Call the plumber", completed: true, completed_at: "2026-11-02T10:00:00.000Z", ...common },
        { id: taxes.gid, name: "File taxes", ...common },
      ],
      count: 3,
      next_page: { has_more_pages: false, next_page_token: null },
    });
    // Typeahead works on free plans, so the name costs one request there too.
    expect(fake.requestsTo("GET", `/workspaces/${free.gid}/typeahead`)[0]?.query).toMatchObject({ resource_type: "project", query: "home" });
    expect(fake.requestsTo("GET", "/projects")).toHaveLength(0);
    expect(fake.requestsTo("GET", `/projects/${home.gid}/tasks`)[0]?.query).toEqual({ limit: "100", opt_fields: summaryFields });
  });

  test("completed:false sends completed_since=now; completed:true filters the page here", async () => {
    const fake = await startAsanaFake();
    const { home } = fake.world;
    const { groceries, plumber, taxes } = seedHome(fake);
    const path = `/projects/${home.gid}/tasks`;

    const open = outputOf(await callTool(fake, listTasksInProject, { project: home.gid, completed: false }));
    expect(open.tasks.map((t) => t.id)).toEqual([groceries.gid, taxes.gid]);
    expect(fake.requestsTo("GET", path)[0]?.query).toEqual({ completed_since: "now", limit: "100", opt_fields: summaryFields });

    const done = outputOf(await callTool(fake, listTasksInProject, { project: home.gid, completed: true }));
    expect(done.tasks.map((t) => t.id)).toEqual([plumber.gid]);
    expect(done.count).toBe(1);
    expect(fake.requestsTo("GET", path)[1]?.query).toEqual({ limit: "100", opt_fields: summaryFields });
    // A project id needs no lookup.
    expect(fake.requestsTo("GET", "/projects")).toHaveLength(0);
  });

  test("pages with next_page_token", async () => {
    const fake = await startAsanaFake();
    const { home } = fake.world;
    const { groceries, plumber, taxes } = seedHome(fake);
    const first = outputOf(await callTool(fake, listTasksInProject, { project: home.gid, limit: 2 }));
    expect(first.tasks.map((t) => t.id)).toEqual([groceries.gid, plumber.gid]);
    expect(first.next_page.has_more_pages).toBe(true);
    const second = outputOf(
      await callTool(fake, listTasksInProject, { project: home.gid, limit: 2, next_page_token: first.next_page.next_page_token ?? undefined }),
    );
    expect(second).toMatchObject({ tasks: [{ id: taxes.gid }], count: 1, next_page: { has_more_pages: false, next_page_token: null } });
  });

  test("section_id lists one section through /sections/{gid}/tasks", async () => {
    const fake = await startAsanaFake();
    const { launch, backlog, doing, task } = fake.world;
    const queued = insertTask(fake.store, fake.world, {
      name: "Book the venue",
      projects: [launch.gid],
      memberships: [{ project: launch.gid, section: backlog.gid }],
    });

    const output = outputOf(await callTool(fake, listTasksInProject, { project: "Q4 Launch", section_id: backlog.gid }));
    expect(output.project).toEqual({ id: launch.gid, name: "Q4 Launch" });
    expect(output.tasks).toEqual([
      {
        id: queued.gid,
        name: "Book the venue",
        memberships: [{ section: { id: backlog.gid, name: "Backlog" } }],
        modified_at: "2026-11-01T09:00:00.000Z",
        permalink_url: "https://app.asana.com/0/0/1",
      },
    ]);
    expect(fake.requestsTo("GET", `/sections/${backlog.gid}`)[0]?.query).toEqual({ opt_fields: "name,project.name" });
    expect(fake.requestsTo("GET", `/sections/${backlog.gid}/tasks`)[0]?.query).toEqual({ limit: "100", opt_fields: summaryFields });

    const doingOnly = outputOf(await callTool(fake, listTasksInProject, { project: launch.gid, section_id: doing.gid, completed: false }));
    expect(doingOnly.tasks.map((t) => t.id)).toEqual([task.gid]);
    expect(fake.requestsTo("GET", `/sections/${doing.gid}/tasks`)[0]?.query.completed_since).toBe("now");
  });

  test("a section of another project is refused with where it really is, before listing", async () => {
    const fake = await startAsanaFake();
    const { website, backlog, launch } = fake.world;
    const error = errorOf(await callTool(fake, listTasksInProject, { project: website.gid, section_id: backlog.gid }));
    expect(error.kind).toBe("TOOL_RUNTIME_RETRY");
    expect(error.message).toBe(
      `Section ${backlog.gid} ("Backlog") is in project ${launch.gid} ("Q4 Launch"), not in project "${website.gid}". ` +
        "Pass that project instead, or find the sections of the project you meant with Asana_ListSections.",
    );
    expect(fake.requestsTo("GET", /\/tasks$/)).toHaveLength(0);
  });

  test("an unknown project is a 404 naming the tools that find ids; bad input sends nothing", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, listTasksInProject, { project: "4242" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Asana_ListProjects");
    expect(error.message).toContain("Asana_ListSections");

    const before = fake.exchanges.length;
    const bad = errorOf(await callToolWithRawArguments(fake, listTasksInProject, { project: "", section_id: "Backlog", completed: "no" }));
    expect(bad.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(bad.message).toContain("`project`: must not be empty");
    expect(bad.message).toContain("`section_id`: must be the section's Asana id");
    expect(bad.message).toContain("`completed`: must be true or false");
    expect(fake.exchanges).toHaveLength(before);
  });
});
