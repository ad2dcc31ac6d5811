import { afterEach, describe, expect, test } from "vitest";
import { PersonalAccessTokenResolver } from "../../../src/auth/index.js";
import { invokeTool, type ProgressUpdate } from "../../../src/toolkit/index.js";
import { summarizeWorkload } from "../../../tools/tasks/summarize-workload.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, clientFor, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { insertTask } from "../../support/world.js";

afterEach(closeClients);

function day(offset: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset)).toISOString().slice(0, 10);
}

describe("SummarizeWorkload", () => {
  test("splits someone's open tasks into overdue, due in the window and undated, with counts by project", async () => {
    const fake = await startAsanaFake();
    const { colleague, premium, launch, website } = fake.world;
    const today = day(0);
    const assigned = (name: string, fields: Record<string, unknown>) => insertTask(fake.store, fake.world, { name, assignee: colleague.gid, ...fields });
    const late = assigned("Late", { due_on: day(-3), projects: [launch.gid] });
    const now = assigned("Today", { due_on: today, projects: [launch.gid, website.gid] });
    const soon = assigned("In six days", { due_on: day(6), projects: [website.gid] });
    assigned("In a week", { due_on: day(7) });
    const undated = assigned("Someday", {});
    assigned("Done already", { due_on: day(-1), completed: true, completed_at: new Date().toISOString() });
    insertTask(fake.store, fake.world, { name: "Someone else's", assignee: fake.world.me.gid, due_on: today });

    const output = outputOf(await callTool(fake, summarizeWorkload, { user: "grace@acme.test", workspace_id: premium.gid }));
    const [listed] = fake.requestsTo("GET", "/tasks");
    expect(listed?.query).toEqual({
      assignee: colleague.gid,
      workspace: premium.gid,
      completed_since: "now",
      limit: "100",
      opt_fields: "name,due_on,due_at,projects.name,permalink_url",
    });
    expect(output.user).toEqual({ id: colleague.gid, name: "Grace Hopper" });
    expect(output).toMatchObject({ workspace_id: premium.gid, today, window_end: day(6), open_tasks: 6, due_later: 1, complete: true });
    expect(output.overdue).toEqual({
      count: 1,
      tasks: [{ id: late.gid, name: "Late", due_on: day(-3), projects: [{ id: launch.gid, name: "Q4 Launch" }], permalink_url: expect.any(String) }],
    });
    expect(output.due_in_window.tasks.map((t) => t.id)).toEqual([now.gid, soon.gid]);
    expect(output.no_due_date.tasks.map((t) => t.id)).toContain(undated.gid);
    expect(output.by_project).toEqual([
      { open: 3, overdue: 0, due_in_window: 0 },
      { project: { id: launch.gid, name: "Q4 Launch" }, open: 2, overdue: 1, due_in_window: 1 },
      { project: { id: website.gid, name: "Website Redesign" }, open: 2, overdue: 0, due_in_window: 2 },
    ]);
    expect(output).not.toHaveProperty("note");
  });

  test("works on a free workspace, where search does not", async () => {
    const fake = await startAsanaFake();
    const { free, home, me } = fake.world;
    insertTask(fake.store, fake.world, { name: "Water the plants", workspace: free.gid, assignee: me.gid, projects: [home.gid], due_on: day(1) });
    const output = outputOf(await callTool(fake, summarizeWorkload, { workspace_id: free.gid, days: 3 }));
    expect(output.user).toEqual({ id: me.gid, name: "Ada Lovelace" });
    expect(output.window_end).toBe(day(2));
    expect(output.due_in_window.tasks.map((t) => t.name)).toEqual(["Water the plants"]);
    expect(fake.requestsTo("GET", /search/)).toHaveLength(0);
  });

  test("pages with progress, and stops at 10 pages, saying the counts cover only what was read", async () => {
    const fake = await startAsanaFake();
    const { colleague, premium } = fake.world;
    for (let i = 0; i < 1005; i++) insertTask(fake.store, fake.world, { name: `Ticket ${i}`, assignee: colleague.gid });
    const updates: ProgressUpdate[] = [];
    const outcome = await invokeTool(
      { asana: clientFor(fake), tokens: new PersonalAccessTokenResolver(fake.token) },
      {
        tool: summarizeWorkload,
        displayName: "Asana_SummarizeWorkload",
        arguments: { user: colleague.gid, workspace_id: premium.gid },
        signal: new AbortController().signal,
        reportProgress: async (update) => void updates.push(update),
      },
    );
    const output = outputOf(outcome) as { open_tasks: number; complete: boolean; note: string; no_due_date: { count: number; tasks: unknown[] } };
    expect(fake.requestsTo("GET", "/tasks")).toHaveLength(10);
    expect(updates.map((u) => u.progress)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(updates[9]?.message).toBe("read 1000 open tasks so far");
    expect(output).toMatchObject({ open_tasks: 1000, complete: false });
    expect(output.note).toBe("Only the first 1000 open tasks were read (the limit is 10 pages of 100); the counts cover those.");
    expect(output.no_due_date.count).toBe(1000);
    expect(output.no_due_date.tasks).toHaveLength(25);
  });

  test("an unknown user is a 404 that says where user ids come from; a name is refused before any request", async () => {
    const fake = await startAsanaFake();
    const unknown = errorOf(await callTool(fake, summarizeWorkload, { user: "nobody@acme.test", workspace_id: fake.world.premium.gid }));
    expect(unknown).toMatchObject({ kind: "UPSTREAM_RUNTIME_NOT_FOUND", statusCode: 404 });
    expect(unknown.message).toContain("Asana_ListUsers");
    expect(fake.requestsTo("GET", "/tasks")).toHaveLength(0);
    const named = errorOf(await callTool(fake, summarizeWorkload, { user: "Grace Hopper" }));
    expect(named.message).toContain("`user`: must be a user's Asana id");
  });
});
