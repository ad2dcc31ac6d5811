import { afterEach, describe, expect, test } from "vitest";
import { searchByName } from "../../../tools/search/search-by-name.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, callToolWithRawArguments, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { insertTask } from "../../support/world.js";

afterEach(closeClients);

describe("SearchByName", () => {
  test("finds tasks by part of their name, with completion, assignee and projects read in one batch", async () => {
    const fake = await startAsanaFake();
    const { task, me, launch, premium } = fake.world;
    const done = insertTask(fake.store, fake.world, { name: "Quarterly report for the board", completed: true, completed_at: "2026-11-02T09:00:00.000Z" });
    const output = outputOf(await callTool(fake, searchByName, { query: "quarterly", workspace_id: premium.gid }));
    expect(output).toEqual({
      // Asana's order: names that start with the query before names with a word that does.
      items: [
        { id: done.gid, name: "Quarterly report for the board", type: "task", completed: true },
        {
          id: task.gid,
          name: "Prepare the quarterly report",
          type: "task",
          due_on: "2026-12-15",
          assignee: { id: me.gid, name: "Ada Lovelace" },
          projects: [{ id: launch.gid, name: "Q4 Launch" }],
        },
      ],
      count: 2,
    });
    expect(fake.requestsTo("GET", `/workspaces/${premium.gid}/typeahead`)[0]?.query).toEqual({
      resource_type: "task",
      query: "quarterly",
      count: "10",
      opt_fields: "name",
    });
    // One batch request for both tasks' context, not one request per task.
    expect(fake.requestsTo("POST", "/batch")).toHaveLength(1);
  });

  test("finds users by name or email, with their email", async () => {
    const fake = await startAsanaFake();
    const { colleague, premium } = fake.world;
    const output = outputOf(await callTool(fake, searchByName, { query: "grace", resource_type: "user", workspace_id: premium.gid }));
    expect(output.items).toEqual([{ id: colleague.gid, name: "Grace Hopper", type: "user", email: "grace@acme.test" }]);
  });

  test("projects come with their team; kinds without extra context cost no batch", async () => {
    const fake = await startAsanaFake();
    const { launch, team, premium, urgent } = fake.world;
    const projects = outputOf(await callTool(fake, searchByName, { query: "q4", resource_type: "project", workspace_id: premium.gid }));
    expect(projects.items).toEqual([{ id: launch.gid, name: "Q4 Launch", type: "project", archived: false, team: { id: team.gid, name: "Engineering" } }]);
    const tags = outputOf(await callTool(fake, searchByName, { query: "urg", resource_type: "tag", workspace_id: premium.gid }));
    expect(tags).toEqual({ items: [{ id: urgent.gid, name: "urgent", type: "tag" }], count: 1 });
    expect(fake.requestsTo("POST", "/batch")).toHaveLength(1);
  });

  test("more than ten results are read in batches of ten, Asana's limit", async () => {
    const fake = await startAsanaFake();
    for (let i = 1; i <= 12; i += 1) insertTask(fake.store, fake.world, { name: `Invoice ${i}` });
    const output = outputOf(await callTool(fake, searchByName, { query: "invoice", workspace_id: fake.world.premium.gid, limit: 50 }));
    expect(output.count).toBe(12);
    expect(output.items.every((item) => item.completed === undefined)).toBe(true); // open tasks: completed is said only when true
    expect(fake.requestsTo("POST", "/batch").map((e) => (e.body as { data: { actions: unknown[] } }).data.actions.length)).toEqual([10, 2]);
  });

  test("works on a free workspace (typeahead and batch are on every plan)", async () => {
    const fake = await startAsanaFake();
    const { free, home } = fake.world;
    const groceries = insertTask(fake.store, fake.world, {
      name: "Buy groceries",
      workspace: free.gid,
      projects: [home.gid],
      memberships: [{ project: home.gid }],
    });
    const output = outputOf(await callTool(fake, searchByName, { query: "groceries", workspace_id: free.gid }));
    expect(output.items).toEqual([{ id: groceries.gid, name: "Buy groceries", type: "task", projects: [{ id: home.gid, name: "Home" }] }]);
  });

  test("nothing found is an empty list, not an error", async () => {
    const fake = await startAsanaFake();
    const output = outputOf(await callTool(fake, searchByName, { query: "zebra crossing", workspace_id: fake.world.premium.gid }));
    expect(output).toEqual({ items: [], count: 0 });
    expect(fake.requestsTo("POST", "/batch")).toHaveLength(0);
  });

  test("an unknown resource type and an empty query are refused before any request", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callToolWithRawArguments(fake, searchByName, { query: " ", resource_type: "tasks" }));
    expect(error.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(error.message).toContain("`query`: must not be empty");
    expect(error.message).toContain("`resource_type`: must be one of task, project, user, tag, team, portfolio, goal, custom_field, project_template");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("an unknown workspace is Asana's 404, with where workspace ids come from", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, searchByName, { query: "report", workspace_id: "424242" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Asana_ListWorkspaces");
  });
});
