import { afterEach, describe, expect, test } from "vitest";
import { AsanaClient, type LookupCacheOptions } from "../../../src/asana/index.js";
import { PersonalAccessTokenResolver } from "../../../src/auth/index.js";
import { type AnyToolDefinition, invokeTool } from "../../../src/toolkit/index.js";
import { searchByName } from "../../../tools/search/search-by-name.js";
import { moveTaskToSection } from "../../../tools/sections/move-task-to-section.js";
import { updateTask } from "../../../tools/tasks/update-task.js";
import { send } from "../../sandbox/raw-request.js";
import { type AsanaFake, startAsanaFake } from "../../support/asana-fake.js";
import { optionOf } from "../../support/world.js";

/**
 * What SearchByName read to tell tasks apart is kept for the user's next call (see LookupCache): the call
 * that acts on the found task starts from it, and falls back to Asana when it is stale. One client serves
 * every call here, as one server process does.
 */
const clients: AsanaClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

function server(fake: AsanaFake, lookups?: LookupCacheOptions) {
  const client = new AsanaClient({ baseUrl: fake.baseUrl, retryBaseDelayMs: 5, ...(lookups ? { lookups } : {}) });
  clients.push(client);
  return async (tool: AnyToolDefinition, args: Record<string, unknown>, token = fake.token) => {
    const outcome = await invokeTool(
      { asana: client, tokens: new PersonalAccessTokenResolver(token) },
      { tool, displayName: `Asana_${tool.name}`, arguments: args, signal: new AbortController().signal },
    );
    if (!outcome.ok) throw new Error(`${tool.name} failed: ${outcome.error.message}`);
    return outcome.output as Record<string, any>;
  };
}

/** Finds the world's task by name, as a model would before acting on it. */
async function findTask(call: ReturnType<typeof server>, fake: AsanaFake, token = fake.token): Promise<string> {
  const found = await call(searchByName, { query: "quarterly report", workspace_id: fake.world.premium.gid }, token);
  expect(found.items[0].id).toBe(fake.world.task.gid);
  return found.items[0].id;
}

/** Reads of the task on their own, not the search's batch (whose actions the fake records too). */
const taskReads = (fake: AsanaFake) => fake.requestsTo("GET", `/tasks/${fake.world.task.gid}`).filter((exchange) => !exchange.batch).length;
const priorityOf = (fake: AsanaFake) =>
  (fake.store.get(fake.world.task.gid, "task")!.custom_fields as Array<{ gid: string; enum_value?: { gid: string } | null }>).find(
    (field) => field.gid === fake.world.priority.gid,
  )?.enum_value?.gid;

describe("facts SearchByName read, used by the next call on the found task", () => {
  test("UpdateTask sets a field by option name from what the search read, without reading the task again", async () => {
    const fake = await startAsanaFake();
    const call = server(fake);
    const taskId = await findTask(call, fake);
    await call(updateTask, { task_id: taskId, custom_fields: [{ field: "Priority", value: "Low" }] });
    expect(taskReads(fake)).toBe(0);
    expect(priorityOf(fake)).toBe(optionOf(fake.world.priority, "Low"));
  });

  test("another token's call never uses them: it reads the task itself", async () => {
    const fake = await startAsanaFake();
    fake.addToken("pat-test-other", fake.world.me.gid);
    const call = server(fake);
    const taskId = await findTask(call, fake);
    await call(updateTask, { task_id: taskId, custom_fields: [{ field: "Priority", value: "Low" }] }, "pat-test-other");
    expect(taskReads(fake)).toBe(1);
  });

  test("Asana refusing the token (401) drops them: the next call reads the task itself", async () => {
    const fake = await startAsanaFake();
    const call = server(fake);
    const taskId = await findTask(call, fake);
    fake.faults.inject({ method: "PUT", path: `/tasks/${taskId}`, status: 401, message: "Not Authorized" });
    await expect(call(updateTask, { task_id: taskId, custom_fields: [{ field: "Priority", value: "Low" }] })).rejects.toThrow(/401/);
    expect(taskReads(fake)).toBe(0);
    await call(updateTask, { task_id: taskId, custom_fields: [{ field: "Priority", value: "Low" }] });
    expect(taskReads(fake)).toBe(1);
  });

  test("they expire: after their time to live the task is read again", async () => {
    const fake = await startAsanaFake();
    let now = Date.now();
    const call = server(fake, { ttlMs: 60_000, now: () => now });
    const taskId = await findTask(call, fake);
    now += 60_000;
    await call(updateTask, { task_id: taskId, custom_fields: [{ field: "Priority", value: "Low" }] });
    expect(taskReads(fake)).toBe(1);
  });

  test("an option added since is not in them: the task is read afresh and the option found", async () => {
    const fake = await startAsanaFake();
    const call = server(fake);
    const taskId = await findTask(call, fake);
    const added = await send(fake, "POST", `/custom_fields/${fake.world.priority.gid}/enum_options`, { data: { name: "Critical" } });
    await call(updateTask, { task_id: taskId, custom_fields: [{ field: "Priority", value: "Critical" }] });
    expect(taskReads(fake)).toBe(1);
    expect(priorityOf(fake)).toBe(added.body.data.gid);
  });

  test("an option id gone stale since: Asana's refusal brings one fresh read and one retry of the write", async () => {
    const fake = await startAsanaFake();
    const call = server(fake);
    const taskId = await findTask(call, fake);
    // "High" is retired (renamed and disabled) and a new "High" takes its place: the search saw the old one.
    const old = optionOf(fake.world.priority, "High");
    await send(fake, "PUT", `/enum_options/${old}`, { data: { name: "High (2025)", enabled: false } });
    const fresh = await send(fake, "POST", `/custom_fields/${fake.world.priority.gid}/enum_options`, { data: { name: "High" } });
    const output = await call(updateTask, { task_id: taskId, custom_fields: [{ field: "Priority", value: "High" }] });
    expect(output.status.success).toBe(true);
    expect(priorityOf(fake)).toBe(fresh.body.data.gid);
    // The write with the stale option was refused (400) and sent once more with the fresh one.
    expect(fake.requestsTo("PUT", `/tasks/${taskId}`).map((exchange) => exchange.response.status)).toEqual([400, 200]);
    expect(taskReads(fake)).toBe(1);
  });

  test("a person is looked up in the workspaces the search listed, and once more on a fresh list when no one matches", async () => {
    const fake = await startAsanaFake();
    const call = server(fake);
    const taskId = await findTask(call, fake);
    const workspaceReads = () => fake.requestsTo("GET", "/workspaces").length;
    await call(updateTask, { task_id: taskId, assignee_id: "Grace" });
    expect(fake.store.get(taskId, "task")!.assignee).toBe(fake.world.colleague.gid);
    expect(workspaceReads()).toBe(1); // the search was given workspace_id: UpdateTask lists the workspaces
    await call(updateTask, { task_id: taskId, assignee_id: "Grace" });
    expect(workspaceReads()).toBe(1); // the first UpdateTask's list serves the second
    await expect(call(updateTask, { task_id: taskId, assignee_id: "Nobody" })).rejects.toThrow(/No one named "Nobody"/);
    expect(workspaceReads()).toBe(2); // not found on the remembered list: the fresh list has the last word
  });

  test("MoveTaskToSection reads the sections of the task's projects beside its placement, and the placement decides", async () => {
    const fake = await startAsanaFake();
    const { launch, website, task } = fake.world;
    const call = server(fake);
    const taskId = await findTask(call, fake);
    // Since the search, the task has moved from Q4 Launch to Website Redesign, which has a "Review" section.
    const review = await send(fake, "POST", `/projects/${website.gid}/sections`, { data: { name: "Review" } });
    await send(fake, "POST", `/tasks/${taskId}/addProject`, { data: { project: website.gid } });
    await send(fake, "POST", `/tasks/${taskId}/removeProject`, { data: { project: launch.gid } });
    const output = await call(moveTaskToSection, { task_id: taskId, section_id: "Review" });
    expect(output.task.memberships).toEqual([{ project: { id: website.gid, name: website.name }, section: { id: review.body.data.gid, name: "Review" } }]);
    // Q4 Launch's sections were read early, from the search's facts, and left unused.
    expect(fake.requestsTo("GET", `/projects/${launch.gid}/sections`)).toHaveLength(1);
    expect(fake.requestsTo("POST", `/sections/${review.body.data.gid}/addTask`)).toHaveLength(1);
    expect(task.gid).toBe(taskId);
  });

  test("MoveTaskToSection does not wait for the task's placement before reading its project's sections", async () => {
    const fake = await startAsanaFake();
    const { launch, doing } = fake.world;
    const call = server(fake);
    const taskId = await findTask(call, fake);
    let open!: () => void;
    const placement = new Promise<void>((resolve) => {
      open = resolve;
    });
    fake.faults.inject({ method: "GET", path: `/tasks/${taskId}`, until: placement });
    const moving = call(moveTaskToSection, { task_id: taskId, section_id: "Doing" });
    for (let step = 0; step < 500 && fake.requestsTo("GET", `/projects/${launch.gid}/sections`).length === 0; step++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(fake.requestsTo("GET", `/projects/${launch.gid}/sections`)).toHaveLength(1);
    open();
    const output = await moving;
    expect(output.task.memberships).toEqual([{ project: { id: launch.gid, name: launch.name }, section: { id: doing.gid, name: "Doing" } }]);
  });
});
