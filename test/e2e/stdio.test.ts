import { afterEach, describe, expect, test } from "vitest";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { startFakeArcade, type FakeArcade } from "../fakes/arcade.js";
import { startAsanaFake } from "../support/asana-fake.js";
import { sharedAsanaFakes, type SharedAsanaFake } from "../support/shared-asana-fake.js";
import { insertTask } from "../support/world.js";
import { connectStdio, type Connected } from "../support/spawn-server.js";
import { call, expectFoundationTools, textOf } from "./scenarios.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function connected(env: Record<string, string>, options?: Parameters<typeof connectStdio>[1]): Promise<Connected> {
  const connection = await connectStdio(env, options);
  cleanups.push(() => connection.close());
  return connection;
}

/**
 * The tests that run with a personal access token and a plain client share one fake and one stdio server
 * (a process of its own, a few tenths of a second of CPU to start): each counts only its own requests and
 * makes its own objects. Tests with another configuration (Arcade, a client capability, no token) start their own.
 */
const fakes = sharedAsanaFakes();
let withToken: Promise<Connected> | undefined;
async function sharedWithToken(): Promise<SharedAsanaFake & { client: Connected["client"] }> {
  const shared = await fakes.fake("personal access token");
  if (!withToken) {
    const started = connectStdio({ ASANA_BASE_URL: shared.asana.baseUrl, ASANA_ACCESS_TOKEN: shared.asana.token });
    withToken = started;
    fakes.atFileEnd(async () => (await started.catch(() => undefined))?.close());
  }
  return { ...shared, client: (await withToken).client };
}

async function arcade(): Promise<FakeArcade> {
  const fake = await startFakeArcade();
  cleanups.push(() => fake.close());
  return fake;
}

describe("over stdio", () => {
  test("with a personal access token: lists the tools and each call reaches Asana with that token", async () => {
    const { asana, exchanges, client } = await sharedWithToken();
    await expectFoundationTools(client);

    const workspaces = await call(client, "Asana_ListWorkspaces", {});
    expect(workspaces.isError).toBeFalsy();
    expect(workspaces.structuredContent).toMatchObject({ count: 2, next_page: { has_more_pages: false } });
    expect(JSON.parse(textOf(workspaces))).toEqual(workspaces.structuredContent);

    const task = await call(client, "Asana_GetTaskById", { task_id: asana.world.task.gid });
    expect(task.structuredContent).toMatchObject({ task: { id: asana.world.task.gid, name: "Prepare the quarterly report" } });

    const deleted = await call(client, "Asana.DeleteTask", { task_id: asana.world.subtasks[0]!.gid });
    expect(deleted.structuredContent).toMatchObject({ status: { success: true } });

    expect(exchanges().length).toBeGreaterThanOrEqual(4);
    expect(new Set(exchanges().map((e) => e.headers.authorization))).toEqual(new Set([`Bearer ${asana.token}`]));
  });

  test("with Arcade: a pending authorization returns the link, and after approval the call goes through with Arcade's token", async () => {
    const asana = await startAsanaFake();
    const engine = await arcade();
    asana.addToken("arcade-issued-token", asana.world.me.gid);
    const { client } = await connected({
      ASANA_BASE_URL: asana.baseUrl,
      ARCADE_API_KEY: engine.apiKey,
      ARCADE_USER_ID: "ada@acme.test",
      ARCADE_BASE_URL: engine.baseUrl,
    });

    const pending = await call(client, "Asana_ListWorkspaces", {});
    expect(pending.isError).toBe(true);
    expect(textOf(pending)).toMatch(/open it and approve access: https:\/\/arcade\.test\/oauth\/asana\/authorize\?flow=ar_\S+/);
    expect(textOf(pending)).toContain("call Asana_ListWorkspaces again");
    expect(pending._meta).toMatchObject({ arcade: { errorKind: "TOOL_RUNTIME_CONTEXT_REQUIRED", canRetry: true } });
    expect(asana.exchanges).toHaveLength(0);

    engine.approve("ada@acme.test", "arcade-issued-token");
    const done = await call(client, "Asana_ListWorkspaces", {});
    expect(done.isError).toBeFalsy();
    expect(asana.exchanges.map((e) => e.headers.authorization)).toEqual(["Bearer arcade-issued-token"]);
  });

  test("with Arcade and a client that supports URL elicitation: the pending authorization is a -32042 error carrying the link", async () => {
    const asana = await startAsanaFake();
    const engine = await arcade();
    const { client } = await connected(
      { ASANA_BASE_URL: asana.baseUrl, ARCADE_API_KEY: engine.apiKey, ARCADE_USER_ID: "ada@acme.test", ARCADE_BASE_URL: engine.baseUrl },
      { capabilities: { elicitation: { url: {}, form: {} } } },
    );
    const error = await call(client, "Asana_ListWorkspaces", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(ErrorCode.UrlElicitationRequired);
    const elicitations = ((error as McpError).data as { elicitations: Array<{ mode: string; url: string; elicitationId: string }> }).elicitations;
    expect(elicitations[0]).toMatchObject({ mode: "url", url: expect.stringMatching(/^https:\/\/arcade\.test\/oauth\/asana\/authorize/) });
    expect(elicitations[0]!.elicitationId).toMatch(/^ar_/);
  });

  test("with no credentials: the server starts and lists tools, and a call says which variables to set", async () => {
    const asana = await startAsanaFake();
    const { client } = await connected({ ASANA_BASE_URL: asana.baseUrl });
    await expectFoundationTools(client);
    const result = await call(client, "Asana_ListWorkspaces", {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("ASANA_ACCESS_TOKEN");
    expect(textOf(result)).toContain("ARCADE_API_KEY");
    expect(asana.exchanges).toHaveLength(0);
  });

  test("a 404 from Asana is an isError result the model can act on", async () => {
    const { client } = await sharedWithToken();
    const result = await call(client, "Asana_GetTaskById", { task_id: "4040404" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("Not found in Asana (404)");
    expect(result._meta).toMatchObject({ arcade: { errorKind: "UPSTREAM_RUNTIME_NOT_FOUND", statusCode: 404 } });
  });

  test("a 429 with Retry-After is retried inside the server and the call succeeds", async () => {
    const { asana, requestsTo, client } = await sharedWithToken();
    asana.faults.rateLimitStorm("/workspaces", 1, 1);
    const result = await call(client, "Asana_ListWorkspaces", {});
    expect(result.isError).toBeFalsy();
    expect(requestsTo("GET", "/workspaces").map((e) => e.response.status)).toEqual([429, 200]);
  });

  test("invalid input never reaches Asana and names the field", async () => {
    const { exchanges, client } = await sharedWithToken();
    const result = await call(client, "Asana_DeleteTask", { task_id: "https://app.asana.com/0/0/123" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("`task_id`: must be the task's Asana id");
    expect(exchanges()).toHaveLength(0);
  });

  test("an unknown tool is a protocol error listing the real tools", async () => {
    const { client } = await sharedWithToken();
    const error = await call(client, "Asana_Nope", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).message).toContain("Asana_ListWorkspaces");
  });

  test("cancelling a call aborts the Asana request, and the server keeps serving", async () => {
    const { asana, client } = await sharedWithToken();
    // This test's own counts: the fake and the server are shared with the file's other token tests.
    const received = asana.received;
    const abandoned = asana.abandoned;
    asana.faults.inject({ path: `/tasks/${asana.world.task.gid}`, latencyMs: 1_500 });
    const controller = new AbortController();
    const pending = call(client, "Asana_GetTaskById", { task_id: asana.world.task.gid, max_subtasks: 0 }, { signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    // Cancel once the server's Asana request is held by the fake, so there is a request to abort.
    await expect.poll(() => asana.received - received, { timeout: 5_000 }).toBe(1);
    controller.abort("user pressed stop");
    expect(await pending).toBeInstanceOf(Error);
    // The emulator notices the client (our server) went away before it answered.
    await expect.poll(() => asana.abandoned - abandoned, { timeout: 5_000 }).toBe(1);
    const after = await call(client, "Asana_ListWorkspaces", {});
    expect(after.isError).toBeFalsy();
  });

  test("long reads send progress notifications to a client that asked for them", async () => {
    const { asana, client } = await sharedWithToken();
    // Two pages of open tasks for the workload summary to read.
    for (let i = 0; i < 150; i++)
      insertTask(asana.store, asana.world, { name: `Errand ${i}`, assignee: asana.world.me.gid, workspace: asana.world.premium.gid });
    const updates: Array<{ progress: number; total?: number; message?: string }> = [];
    const result = await client.callTool({ name: "Asana_SummarizeWorkload", arguments: { workspace_id: asana.world.premium.gid } }, undefined, {
      onprogress: (update) => void updates.push(update),
    });
    expect(result.isError).toBeFalsy();
    // The last update can arrive with the result, which the SDK's client may already have taken; the
    // one after the first page is always there.
    expect(updates[0]).toMatchObject({ progress: 1, message: expect.stringMatching(/^read 100 open tasks so far/) });
  });
});
