import { afterEach, describe, expect, test } from "vitest";
import { getTasksWithoutId } from "../../../tools/tasks/get-tasks-without-id.js";
import { taskSummaryOptFields } from "../../../tools/tasks/model.js";
import { startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { callTool, callToolWithRawArguments, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { insertTask } from "../../support/world.js";

afterEach(closeClients);

const searchPath = (workspaceGid: string) => `/workspaces/${workspaceGid}/tasks/search`;
const summaryFields = taskSummaryOptFields.join(",");

/** Tasks in the premium workspace with distinct due and modification dates, for filters and sorting. */
function addStandups(fake: AsanaFake, count: number) {
  const { premium, me } = fake.world;
  return Array.from({ length: count }, (_, index) =>
    fake.store.insert({
      resource_type: "task",
      resource_subtype: "default_task",
      name: `Weekly standup ${index + 1}`,
      notes: "",
      completed: index === 0,
      completed_at: index === 0 ? "2026-11-02T10:00:00.000Z" : null,
      completed_by: index === 0 ? me.gid : null,
      created_at: "2026-11-01T09:00:00.000Z",
      created_by: me.gid,
      modified_at: `2026-11-0${index + 1}T12:00:00.000Z`,
      due_on: `2026-12-0${index + 1}`,
      due_at: null,
      start_on: null,
      start_at: null,
      assignee: null,
      parent: null,
      projects: [],
      memberships: [],
      tags: [],
      followers: [],
      workspace: premium.gid,
      permalink_url: "https://app.asana.com/0/0/9",
    }),
  );
}

describe("GetTasksWithoutId", () => {
  test("finds tasks by keywords and assignee, and sends Asana's search parameters", async () => {
    const fake = await startAsanaFake();
    const { premium, task, me, launch, doing, urgent } = fake.world;
    const output = outputOf(await callTool(fake, getTasksWithoutId, { keywords: "quarterly report", workspace_id: premium.gid, assignee_id: "me" }));
    expect(output).toEqual({
      tasks: [
        {
          id: task.gid,
          name: "Prepare the quarterly report",
          due_on: "2026-12-15",
          assignee: { id: me.gid, name: "Ada Lovelace" },
          memberships: [{ project: { id: launch.gid, name: "Q4 Launch" }, section: { id: doing.gid, name: "Doing" } }],
          tags: [{ id: urgent.gid, name: "urgent" }],
          modified_at: "2026-11-01T09:00:00.000Z",
          permalink_url: "https://app.asana.com/0/0/1",
        },
      ],
      count: 1,
      limit_reached: false,
    });
    const searches = fake.requestsTo("GET", searchPath(premium.gid));
    expect(searches).toHaveLength(1);
    expect(searches[0]?.query).toEqual({
      text: "quarterly report",
      "assignee.any": "me",
      sort_by: "modified_at",
      sort_ascending: "false",
      limit: "100",
      opt_fields: summaryFields,
    });
    // An explicit workspace needs no workspace lookup.
    expect(fake.requestsTo("GET", "/workspaces")).toHaveLength(0);
  });

  test("project and tag names are looked up inside the given workspace, not across workspaces", async () => {
    const fake = await startAsanaFake();
    const { premium, free, launch, urgent, blocked, task } = fake.world;
    // Same names in the free workspace: Arcade's lookups ignored workspace_id and could pick these.
    fake.store.insert({ resource_type: "project", name: "Q4 Launch", workspace: free.gid, archived: false });
    fake.store.insert({ resource_type: "tag", name: "urgent", workspace: free.gid });

    const output = outputOf(await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, project: "q4 launch", tags: ["URGENT", blocked.gid] }));
    expect(output.tasks.map((t) => t.id)).toEqual([task.gid]);

    // Names are found by typeahead in the given workspace; nothing is listed, and nothing in the free workspace is asked.
    expect(fake.requestsTo("GET", /\/typeahead$/).map((e) => [e.path, e.query.resource_type])).toEqual([
      [`/workspaces/${premium.gid}/typeahead`, "project"],
      [`/workspaces/${premium.gid}/typeahead`, "tag"],
    ]);
    expect(fake.requestsTo("GET", "/projects")).toHaveLength(0);
    expect(fake.requestsTo("GET", "/tags")).toHaveLength(0);
    const [search] = fake.requestsTo("GET", searchPath(premium.gid));
    expect(search?.query["projects.any"]).toBe(launch.gid);
    expect(search?.query["tags.any"]).toBe(`${blocked.gid},${urgent.gid}`);
  });

  test("searched in one project, the answer names the project once: each task's membership in it gives only the section", async () => {
    const fake = await startAsanaFake();
    const { premium, launch, backlog } = fake.world;
    const roadmap = fake.store.insert({ resource_type: "project", name: "Roadmap", workspace: premium.gid, archived: false });
    const both = insertTask(fake.store, fake.world, {
      name: "In two projects",
      projects: [launch.gid, roadmap.gid],
      memberships: [{ project: launch.gid, section: backlog.gid }, { project: roadmap.gid }],
    });
    const output = outputOf(await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, project: "Q4 Launch", keywords: "two projects" }));
    expect(output.project).toEqual({ id: launch.gid, name: "Q4 Launch" });
    expect(output.tasks).toEqual([
      expect.objectContaining({
        id: both.gid,
        memberships: [{ section: { id: backlog.gid, name: "Backlog" } }, { project: { id: roadmap.gid, name: "Roadmap" } }],
      }),
    ]);

    // Without a project, memberships stay whole and no project is named.
    const anywhere = outputOf(await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, keywords: "two projects" }));
    expect(anywhere.project).toBeUndefined();
    expect(anywhere.tasks[0]?.memberships?.[0]).toEqual({ project: { id: launch.gid, name: "Q4 Launch" }, section: { id: backlog.gid, name: "Backlog" } });
  });

  test("without workspace_id, the workspace comes from the project id", async () => {
    const fake = await startAsanaFake();
    const { premium, launch, task } = fake.world;
    const output = outputOf(await callTool(fake, getTasksWithoutId, { project: launch.gid }));
    expect(output.tasks.map((t) => t.id)).toEqual([task.gid]);
    expect(fake.requestsTo("GET", `/projects/${launch.gid}`)).toHaveLength(1);
    expect(fake.requestsTo("GET", searchPath(premium.gid))[0]?.query["projects.any"]).toBe(launch.gid);
  });

  test("without workspace_id or project, the workspace comes from the team's organization", async () => {
    const fake = await startAsanaFake();
    const { premium, team, task } = fake.world;
    const output = outputOf(await callTool(fake, getTasksWithoutId, { team_id: team.gid }));
    expect(output.tasks.map((t) => t.id)).toEqual([task.gid]);
    expect(fake.requestsTo("GET", `/teams/${team.gid}`)[0]?.query).toEqual({ opt_fields: "organization" });
    expect(fake.requestsTo("GET", searchPath(premium.gid))[0]?.query["teams.any"]).toBe(team.gid);
  });

  test("with nothing that names a workspace and several workspaces, the model is asked to choose", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, getTasksWithoutId, { keywords: "report" }));
    expect(error.kind).toBe("TOOL_RUNTIME_RETRY");
    expect(error.message).toContain("pass workspace_id");
    expect(error.additionalPromptContent).toContain("Acme Corp");
    expect(error.additionalPromptContent).toContain("Personal Projects");
    expect(fake.requestsTo("GET", /\/tasks\/search$/)).toHaveLength(0);
  });

  test("date ranges and completion filter as Asana's due_on.after / due_on.before / completed", async () => {
    const fake = await startAsanaFake();
    const { premium } = fake.world;
    const standups = addStandups(fake, 4);
    const output = outputOf(
      await callTool(fake, getTasksWithoutId, {
        workspace_id: premium.gid,
        keywords: "standup",
        due_on_or_after: "2026-12-01",
        due_on_or_before: "2026-12-03",
        completed: false,
        sort_by: "due_date",
        sort_order: "ascending",
      }),
    );
    // Standup 1 is completed and standup 4 is due after the range; the bounds themselves are included.
    expect(output.tasks.map((t) => [t.id, t.due_on])).toEqual([
      [standups[1]!.gid, "2026-12-02"],
      [standups[2]!.gid, "2026-12-03"],
    ]);
    expect(fake.requestsTo("GET", searchPath(premium.gid))[0]?.query).toMatchObject({
      "due_on.after": "2026-12-01",
      "due_on.before": "2026-12-03",
      completed: "false",
      sort_by: "due_date",
      sort_ascending: "true",
    });
  });

  test("a full result says the limit was reached and how to see the rest", async () => {
    const fake = await startAsanaFake();
    const { premium } = fake.world;
    const standups = addStandups(fake, 5);
    const capped = outputOf(await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, keywords: "standup", limit: 3 }));
    // Most recently modified first: Asana's default sort.
    expect(capped.tasks.map((t) => t.id)).toEqual([standups[4]!.gid, standups[3]!.gid, standups[2]!.gid]);
    expect(capped.count).toBe(3);
    expect(capped.limit_reached).toBe(true);
    expect(capped.note).toContain("Asana returned the maximum of 3 tasks, so more tasks may match");
    expect(capped.note).toContain("narrow the search");
    expect(fake.requestsTo("GET", searchPath(premium.gid))[0]?.query.limit).toBe("3");

    const all = outputOf(await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, keywords: "standup", limit: 10 }));
    expect(all.count).toBe(5);
    expect(all.limit_reached).toBe(false);
    expect(all).not.toHaveProperty("note");
  });

  test("on a free workspace, Asana's 402 becomes a clear premium message naming the tools that still work", async () => {
    const fake = await startAsanaFake();
    const { free } = fake.world;
    const error = errorOf(await callTool(fake, getTasksWithoutId, { workspace_id: free.gid, keywords: "groceries" }));
    expect(error.statusCode).toBe(402);
    expect(error.canRetry).toBe(false);
    expect(error.message).toContain("This needs a paid Asana plan (402 Payment Required): Search is only available to premium users.");
    expect(error.message).toContain("Task search only works in workspaces on a paid Asana plan");
    for (const tool of ["Asana_GetTaskById", "Asana_GetSubtasksFromATask", "Asana_ListProjects"]) expect(error.message).toContain(tool);
    expect(fake.requestsTo("GET", searchPath(free.gid))[0]?.response.status).toBe(402);
  });

  test("tag names that do not exist in the workspace are refused with the tags that do", async () => {
    const fake = await startAsanaFake();
    const { premium } = fake.world;
    const error = errorOf(await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, tags: ["urgent", "someday", "waiting"] }));
    expect(error.kind).toBe("TOOL_RUNTIME_RETRY");
    expect(error.message).toContain(`No tag named "someday", "waiting" in workspace ${premium.gid}`);
    expect(error.additionalPromptContent).toContain('"name":"urgent"');
    expect(error.additionalPromptContent).toContain('"name":"blocked"');
    expect(fake.requestsTo("GET", /\/tasks\/search$/)).toHaveLength(0);
  });

  test("dates that are not real YYYY-MM-DD dates are refused before any request", async () => {
    const fake = await startAsanaFake();
    const { premium } = fake.world;
    const error = errorOf(await callTool(fake, getTasksWithoutId, { workspace_id: premium.gid, due_on_or_before: "next friday", start_on: "2026-02-30" }));
    expect(error.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(error.message).toContain("`due_on_or_before`: must be a real date written YYYY-MM-DD");
    expect(error.message).toContain('(got "next friday")');
    expect(error.message).toContain("`start_on`: must be a real date written YYYY-MM-DD");
    expect(error.message).toContain('(got "2026-02-30")');
    expect(fake.exchanges).toHaveLength(0);
  });

  test("an unknown sort key and a malformed assignee are refused with the allowed values", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(
      await callToolWithRawArguments(fake, getTasksWithoutId, { workspace_id: fake.world.premium.gid, sort_by: "priority", assignee_id: "Grace" }),
    );
    expect(error.message).toContain("`sort_by`: must be one of due_date, created_at, completed_at, modified_at, likes");
    expect(error.message).toContain("`assignee_id`: must be a user's Asana id (a string of digits), \"me\" for the current user, or the user's email address");
    expect(fake.exchanges).toHaveLength(0);
  });
});
