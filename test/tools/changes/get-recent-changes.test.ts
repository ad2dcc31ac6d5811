import { afterEach, describe, expect, test } from "vitest";
import { asanaPath } from "../../../src/asana/index.js";
import { getRecentChanges } from "../../../tools/changes/get-recent-changes.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, clientFor, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

describe("GetRecentChanges", () => {
  test("the first call starts tracking; the next one lists who changed what since, then nothing more", async () => {
    const fake = await startAsanaFake();
    const { launch, task, colleague, me } = fake.world;
    const first = outputOf(await callTool(fake, getRecentChanges, { resource_id: launch.gid }));
    expect(first).toEqual({
      changes: [],
      count: 0,
      sync_token: expect.stringMatching(/^[0-9a-f]{32}$/),
      has_more: false,
      note: expect.stringContaining("Nothing yet: Asana tracks changes from now on. Call again later with this sync_token"),
    });
    expect(fake.requestsTo("GET", "/events")[0]?.response.status).toBe(412);

    const asana = clientFor(fake).session({ token: fake.token });
    await asana.put(asanaPath`/tasks/${task.gid}`, { assignee: colleague.gid });
    const created = await asana.post<{ gid: string }>("/tasks", { name: "Book the venue", projects: [launch.gid] });

    const second = outputOf(await callTool(fake, getRecentChanges, { resource_id: launch.gid, sync_token: first.sync_token }));
    expect(fake.requestsTo("GET", "/events")[1]?.query).toEqual({ resource: launch.gid, sync: first.sync_token });
    const by = { id: me.gid, name: "Ada Lovelace" };
    expect(second.changes).toEqual(
      expect.arrayContaining([
        {
          at: expect.any(String),
          user: by,
          action: "changed",
          resource: { id: task.gid, type: "task", name: "Prepare the quarterly report" },
          field: "assignee",
          field_change: "changed",
          value: { id: colleague.gid, type: "user", name: "Grace Hopper" },
        },
        {
          at: expect.any(String),
          user: by,
          action: "added",
          resource: { id: created.gid, type: "task", name: "Book the venue" },
          parent: { id: launch.gid, type: "project", name: "Q4 Launch" },
        },
      ]),
    );
    expect(second.count).toBe(second.changes.length);
    expect(second.sync_token).not.toBe(first.sync_token);
    expect(second).not.toHaveProperty("note");

    const third = outputOf(await callTool(fake, getRecentChanges, { resource_id: launch.gid, sync_token: second.sync_token }));
    expect(third).toMatchObject({ changes: [], count: 0, has_more: false, note: "Nothing changed since the last check." });
  });

  test("an expired token is explained, and a fresh one comes back instead of an error", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const first = outputOf(await callTool(fake, getRecentChanges, { resource_id: task.gid }));
    fake.events.expireSyncTokens();
    const expired = outputOf(await callTool(fake, getRecentChanges, { resource_id: task.gid, sync_token: first.sync_token }));
    expect(expired).toEqual({
      changes: [],
      count: 0,
      sync_token: expect.stringMatching(/^[0-9a-f]{32}$/),
      has_more: false,
      token_expired: true,
      note: expect.stringContaining("The sync_token was too old or unknown (Asana keeps one for about a day)"),
    });
    expect(expired.sync_token).not.toBe(first.sync_token);
    const after = outputOf(await callTool(fake, getRecentChanges, { resource_id: task.gid, sync_token: expired.sync_token }));
    expect(after).not.toHaveProperty("token_expired");
  });

  test("an unknown resource is a 404, and something that has no events is Asana's 400 with the rule", async () => {
    const fake = await startAsanaFake();
    const unknown = errorOf(await callTool(fake, getRecentChanges, { resource_id: "404404" }));
    expect(unknown).toMatchObject({ kind: "UPSTREAM_RUNTIME_NOT_FOUND", statusCode: 404 });
    const tag = errorOf(await callTool(fake, getRecentChanges, { resource_id: fake.world.urgent.gid }));
    expect(tag.statusCode).toBe(400);
    expect(tag.message).toContain("Changes can be followed on projects and tasks");
  });

  // Asana sends at most 100 events per answer; nothing made us hold to it, and 1,000 gave 414 KB.
  test("an answer with more events than Asana sends is cut to 100, and the output says so", async () => {
    const fake = await startAsanaFake({ expectViolations: true });
    const { launch, task, me } = fake.world;
    const event = (i: number) => ({
      user: { gid: me.gid, resource_type: "user", name: "Ada Lovelace" },
      created_at: "2026-03-01T10:00:00.000Z",
      type: "task",
      action: "changed",
      resource: { gid: task.gid, resource_type: "task", name: `Prepare the quarterly report, step ${i} ${"x".repeat(10_000)}` },
      parent: null,
      change: { field: "name", action: "changed", new_value: null },
    });
    fake.faults.inject({
      method: "GET",
      path: "/events",
      body: { data: Array.from({ length: 1_000 }, (_, i) => event(i)), sync: "next-sync-token", has_more: false },
    });
    // The largest answer budget holds all 100 (the default 8 KB would cut them further, and say so).
    // (max_bytes is added to every read by defineTool at run time, so the tool's own input type lacks it.)
    const args = { resource_id: launch.gid, sync_token: "a".repeat(32), max_bytes: 102_400 };
    const output = outputOf(await callTool(fake, getRecentChanges, args));
    expect(output.changes).toHaveLength(100);
    expect(output.count).toBe(100);
    expect(output.sync_token).toBe("next-sync-token");
    expect(output.note).toContain("1000");
    expect(output.note).toContain("first 100");
    // Names are cut too: a change names its resource, it does not carry it.
    expect(output.changes[0]?.resource?.name?.length).toBeLessThanOrEqual(200);
    expect(JSON.stringify(output).length).toBeLessThan(50_000);
  });

  test("an answer without a list of events is a clear failure, not a crash", async () => {
    const fake = await startAsanaFake({ expectViolations: true });
    fake.faults.inject({ method: "GET", path: "/events", body: { data: { not: "a list" }, sync: "next-sync-token" } });
    const error = errorOf(await callTool(fake, getRecentChanges, { resource_id: fake.world.launch.gid, sync_token: "a".repeat(32) }));
    expect(error.message).not.toContain("is not a function");
    expect(error.message).toContain("GET /events");
    expect(error.message).toContain("data");
  });
});
