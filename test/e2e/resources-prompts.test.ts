import { ResourceUpdatedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, test } from "vitest";
import { demoIds } from "../../src/sandbox/index.js";
import { connectStdio, spawnHttpServer } from "../support/spawn-server.js";
import { connectV2Stdio } from "../support/v2-client.js";
import { call } from "./scenarios.js";

/**
 * Resources, prompts and completions, tied together: resources hold what the tools return, prompts
 * embed them, completions fill the prompts' arguments and the resource templates' ids, and a
 * subscription over stdio hears when Asana reports a change.
 */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const textOf = (contents: Array<{ text?: string; blob?: string }>) => contents.map((c) => c.text ?? "").join("");

describe("resources", () => {
  test("over stdio: listed, read as the tool's own JSON, and a subscription hears a change", async () => {
    const connection = await connectStdio({ ASANA_MCP_RESOURCE_POLL_SECONDS: "1" }, { args: ["--sandbox"] });
    cleanups.push(() => connection.close());
    const { client } = connection;
    expect(client.getServerCapabilities()?.resources).toEqual({ subscribe: true });
    expect((await client.listResources()).resources.map((r) => r.uri)).toEqual(["asana://me/tasks"]);
    expect((await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate)).toEqual([
      "asana://task/{id}",
      "asana://project/{id}",
      "asana://project/{id}/tasks",
    ]);

    const task = await client.readResource({ uri: `asana://task/${demoIds.launchTask}` });
    const tool = await call(client, "Asana_GetTaskById", { task_id: demoIds.launchTask });
    expect(task.contents[0]).toMatchObject({ uri: `asana://task/${demoIds.launchTask}`, mimeType: "application/json" });
    expect(JSON.parse(textOf(task.contents))).toEqual(tool.structuredContent);
    const mine = JSON.parse(textOf((await client.readResource({ uri: "asana://me/tasks" })).contents)) as { tasks: unknown[] };
    expect(mine.tasks.length).toBeGreaterThan(0);
    await expect(client.readResource({ uri: "asana://task/999999" })).rejects.toThrow(/Not found in Asana/);
    await expect(client.readResource({ uri: "asana://nothing" })).rejects.toThrow(/Unknown resource/);

    const updated: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, async (notification) => void updated.push(notification.params.uri));
    await client.subscribeResource({ uri: `asana://task/${demoIds.launchTask}` });
    // Let the watch take Asana's sync token first, then change the task.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(updated).toEqual([]);
    const renamed = await call(client, "Asana_UpdateTask", { task_id: demoIds.launchTask, name: "Launch v2.0, renamed" });
    expect(renamed.isError).toBeFalsy();
    await expect.poll(() => updated, { timeout: 10_000 }).toContain(`asana://task/${demoIds.launchTask}`);
    await client.unsubscribeResource({ uri: `asana://task/${demoIds.launchTask}` });
    await expect(client.subscribeResource({ uri: "asana://me/tasks" })).rejects.toThrow(/cannot be watched/);
  });

  test("over stdio on 2026-07-28: a listen stream's resource subscriptions are watched", async () => {
    const connection = await connectV2Stdio({ ASANA_MCP_RESOURCE_POLL_SECONDS: "1" }, { args: ["--sandbox"] });
    cleanups.push(() => connection.close());
    const { client } = connection;
    const uri = `asana://project/${demoIds.websiteProject}`;
    const updated: string[] = [];
    client.setNotificationHandler("notifications/resources/updated", async (notification) => void updated.push(notification.params.uri));
    const subscription = await client.listen({ resourceSubscriptions: [uri] });
    expect(subscription.honoredFilter).toEqual({ resourceSubscriptions: [uri] });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const made = await client.callTool({ name: "Asana_CreateTask", arguments: { name: "Changed under a listen", project: demoIds.websiteProject } });
    expect(made.isError).toBeFalsy();
    await expect.poll(() => updated, { timeout: 10_000 }).toContain(uri);
    await subscription.close();
  });

  test("over HTTP: read like over stdio, without subscriptions (a stateless request cannot hold one)", async () => {
    const http = await spawnHttpServer({}, ["--sandbox"]);
    cleanups.push(() => http.close());
    const { client } = await http.connect();
    expect(client.getServerCapabilities()?.resources).toEqual({ subscribe: false });
    const project = await client.readResource({ uri: `asana://project/${demoIds.websiteProject}/tasks` });
    expect(JSON.parse(textOf(project.contents))).toMatchObject({ tasks: expect.any(Array), next_page: expect.any(Object) });
  });

  test("an operator's --toolsets ceiling holds for resources and prompts too", async () => {
    const connection = await connectStdio({}, { args: ["--sandbox", "--toolsets", "tags"] });
    cleanups.push(() => connection.close());
    expect((await connection.client.listResourceTemplates()).resourceTemplates).toEqual([]);
    await expect(connection.client.readResource({ uri: `asana://task/${demoIds.launchTask}` })).rejects.toThrow(/Unknown resource/);
    expect((await connection.client.listPrompts()).prompts).toEqual([]);
  });
});

describe("prompts and completions", () => {
  test("prompts embed the resources they are about; a project is named or completed by name", async () => {
    const connection = await connectStdio({}, { args: ["--sandbox"] });
    cleanups.push(() => connection.close());
    const { client } = connection;
    const prompts = (await client.listPrompts()).prompts.map((p) => p.name);
    expect(prompts).toEqual(["daily_standup", "overdue_triage", "weekly_status_update", "meeting_action_items"]);

    const standup = await client.getPrompt({ name: "daily_standup" });
    expect(standup.messages[0]?.content).toMatchObject({ type: "resource", resource: { uri: "asana://me/tasks", mimeType: "application/json" } });
    expect(JSON.stringify(standup.messages.at(-1))).toContain("stand-up");

    const completed = await client.complete({ ref: { type: "ref/prompt", name: "weekly_status_update" }, argument: { name: "project", value: "Website" } });
    expect(completed.completion.values).toContain("Website Refresh");
    const ids = await client.complete({ ref: { type: "ref/resource", uri: "asana://project/{id}" }, argument: { name: "id", value: "Website" } });
    expect(ids.completion.values).toContain(demoIds.websiteProject);
    const nothing = await client.complete({ ref: { type: "ref/prompt", name: "meeting_action_items" }, argument: { name: "notes", value: "x" } });
    expect(nothing.completion.values).toEqual([]);

    const status = await client.getPrompt({ name: "weekly_status_update", arguments: { project: "Website Refresh" } });
    const uris = status.messages.flatMap((m) => (m.content.type === "resource" ? [m.content.resource.uri] : []));
    expect(uris).toEqual([`asana://project/${demoIds.websiteProject}`, `asana://project/${demoIds.websiteProject}/tasks`]);
    expect(JSON.stringify(status.messages.at(-1))).toContain(`Asana_CreateStatusUpdate (parent_id ${demoIds.websiteProject})`);

    await expect(client.getPrompt({ name: "weekly_status_update", arguments: { project: "No such project" } })).rejects.toThrow(/No project matches/);
    await expect(client.getPrompt({ name: "weekly_status_update", arguments: {} })).rejects.toThrow(/needs project/);
  });
});
