import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, test } from "vitest";
import { EngineClient } from "../fakes/engine-client.js";
import { startAsanaFake, type AsanaFake } from "../support/asana-fake.js";
import { type SharedAsanaFake, sharedAsanaFakes } from "../support/shared-asana-fake.js";
import { connectStdio, spawnHttpServer } from "../support/spawn-server.js";
import { connectV2Http, connectV2Stdio } from "../support/v2-client.js";

/**
 * Confirmation before destructive and bulk writes (ASANA_MCP_CONFIRM), with the real clients: the v2
 * SDK client on 2026-07-28 (an input_required result, answered by its elicitation handler and sent
 * again) and the v1 SDK client on 2025-11-25 (form elicitation, elicitation/create). A client that
 * cannot ask is not blocked; dry_run and confirm_token work for every client.
 */

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Answer = { action: "accept"; content?: { confirm: boolean } } | { action: "decline" } | { action: "cancel" };
type CallResult = { isError?: boolean; content?: unknown; structuredContent?: Record<string, unknown> };

interface Asking {
  call(name: string, args: Record<string, unknown>): Promise<CallResult>;
  /** Every question the person was asked: the elicitation's message. */
  asked: string[];
  /** What the person answers next. */
  answer: Answer;
}

/** A stdio client and its server; its elicitation handler asks the person of the test using it now. */
interface Connection {
  call: Asking["call"];
  person: Asking;
  close(): Promise<void>;
}

function envOf(asana: AsanaFake, extra: Record<string, string> = {}): Record<string, string> {
  return { ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token, ASANA_TOOLSETS: "all", ...extra };
}

function personAt(connection: Pick<Connection, "call">): Asking {
  return { asked: [], answer: { action: "accept", content: { confirm: true } }, call: connection.call };
}

/** The v2 client pinned to 2026-07-28, declaring form elicitation (or nothing). */
async function modernConnection(env: Record<string, string>, elicits: boolean): Promise<Connection> {
  const connected = await connectV2Stdio(env, { client: { capabilities: elicits ? { elicitation: { form: {} } } : {} } });
  const call: Asking["call"] = async (name, args) => (await connected.client.callTool({ name, arguments: args })) as CallResult;
  const connection: Connection = { call, person: personAt({ call }), close: () => connected.close() };
  if (elicits) {
    connected.client.setRequestHandler("elicitation/create", async (request) => {
      connection.person.asked.push(request.params.message);
      return connection.person.answer;
    });
  }
  return connection;
}

/** The v1 SDK client (2025-11-25), declaring elicitation the way 2025-06-18 clients do (`{}`), or nothing. */
async function legacyConnection(env: Record<string, string>, elicits: boolean): Promise<Connection> {
  const connected = await connectStdio(env, { capabilities: elicits ? { elicitation: {} } : {} });
  const call: Asking["call"] = async (name, args) => (await connected.client.callTool({ name, arguments: args })) as CallResult;
  const connection: Connection = { call, person: personAt({ call }), close: () => connected.close() };
  if (elicits) {
    connected.client.setRequestHandler(ElicitRequestSchema, async (request) => {
      connection.person.asked.push(request.params.message);
      return connection.person.answer;
    });
  }
  return connection;
}

type Connect = typeof modernConnection;

/** A client and server of the test's own, closed when it ends. */
async function ownClient(connect: Connect, env: Record<string, string>, elicits: boolean): Promise<Asking> {
  const connection = await connect(env, elicits);
  cleanups.push(() => connection.close());
  return connection.person;
}
const modernClient = (env: Record<string, string>, elicits = true) => ownClient(modernConnection, env, elicits);
const legacyClient = (env: Record<string, string>, elicits = true) => ownClient(legacyConnection, env, elicits);

/**
 * Tests with one configuration (client, capabilities, environment) share its stdio server and client, and
 * the configuration's shared fake: a server start costs a few tenths of a second of CPU, twice for the v2
 * client, whose discovery probe runs on a server of its own. Each test deletes its own copy of the report
 * task, counts its own requests, and gets its own person to ask (`asked` starts empty).
 */
const fakes = sharedAsanaFakes();
const sharedConnections = new Map<string, Promise<Connection>>();
async function sharedClient(connect: Connect, elicits = true): Promise<{ shared: SharedAsanaFake; client: Asking }> {
  const key = `${connect.name}, elicits: ${elicits}`;
  const shared = await fakes.fake(key);
  let started = sharedConnections.get(key);
  if (!started) {
    const starting = connect(envOf(shared.asana), elicits);
    started = starting;
    sharedConnections.set(key, starting);
    fakes.atFileEnd(async () => (await starting.catch(() => undefined))?.close());
  }
  const connection = await started;
  connection.person = personAt(connection);
  return { shared, client: connection.person };
}

/** The world's report task as seeded (3 subtasks, no comments, Priority "High"), copied for one test: tests sharing a fake each delete their own. */
function reportTask(asana: AsanaFake): string {
  const { gid: _, ...task } = structuredClone(asana.world.task);
  const copy = asana.store.insert(task);
  for (const subtask of asana.world.subtasks) {
    const { gid: _gid, ...fields } = structuredClone(subtask);
    asana.store.insert({ ...fields, parent: copy.gid });
  }
  return copy.gid;
}

const textOf = (result: CallResult) => JSON.stringify(result.content);
const deletes = (requests: Pick<AsanaFake, "requestsTo">) => requests.requestsTo("DELETE", /^\/tasks\//).length;

for (const era of [
  { name: "2026-07-28 (v2 client, input_required)", connect: modernConnection },
  { name: "2025-11-25 (v1 client, form elicitation)", connect: legacyConnection },
]) {
  describe(`confirmation on ${era.name}`, () => {
    test("the person sees the exact loss; decline and cancel write nothing, accept deletes", async () => {
      const { shared, client } = await sharedClient(era.connect);
      const asana = shared.asana;
      const task = reportTask(asana);
      // A comment first: AddCommentToTask is a plain write, so the default mode does not ask about it.
      expect((await client.call("Asana_AddCommentToTask", { task_id: task, text: "Numbers are in." })).isError).toBeFalsy();
      expect(client.asked).toEqual([]);

      client.answer = { action: "decline" };
      const declined = await client.call("Asana_DeleteTask", { task_id: task });
      expect(client.asked).toEqual(['Delete task "Prepare the quarterly report" (3 subtasks, 1 comment; restorable from the trash for 30 days). Go ahead?']);
      expect(declined.isError).toBeFalsy();
      expect(declined.structuredContent?.status).toEqual({ success: false, message: expect.stringMatching(/declined Asana_DeleteTask: nothing was written/) });

      client.answer = { action: "cancel" };
      const cancelled = await client.call("Asana_DeleteTask", { task_id: task });
      expect(textOf(cancelled)).toMatch(/dismissed the confirmation for Asana_DeleteTask: nothing was written/);
      // Accepting the form with the box unticked is a no as well.
      client.answer = { action: "accept", content: { confirm: false } };
      expect(textOf(await client.call("Asana_DeleteTask", { task_id: task }))).toMatch(/nothing was written/);
      expect(deletes(shared)).toBe(0);
      expect(asana.store.get(task)).toBeDefined();

      client.answer = { action: "accept", content: { confirm: true } };
      const accepted = await client.call("Asana_DeleteTask", { task_id: task });
      expect(accepted.isError, textOf(accepted)).toBeFalsy();
      expect(accepted.structuredContent?.task).toEqual({ id: task });
      expect(client.asked).toHaveLength(4);
      expect(deletes(shared)).toBe(1);
      expect(asana.store.get(task)).toBeUndefined();
    });

    test("bulk updates past ten tasks and clearing a custom field ask; a small update does not", async () => {
      const { shared, client } = await sharedClient(era.connect);
      const asana = shared.asana;
      const task = reportTask(asana);
      const made = await client.call("Asana_CreateTasks", {
        tasks: Array.from({ length: 11 }, (_, index) => ({ name: `Step ${index + 1}`, project: asana.world.launch.gid })),
      });
      // Creating eleven is bulk too.
      expect(client.asked).toEqual([expect.stringMatching(/^Create 11 tasks \("Step 1", "Step 2", "Step 3" and 8 more\) in project/)]);
      const ids = ((made.structuredContent?.succeeded ?? []) as Array<{ index: number; task: { id: string } }>)
        .sort((a, b) => a.index - b.index)
        .map((item) => item.task.id);
      expect(ids).toHaveLength(11);
      // With a personal access token each create's recovery marker is taken out of the notes by a PUT: count from here.
      const putsOfCreates = shared.requestsTo("PUT", /^\/tasks\//).length;
      const tasksPuts = () => shared.requestsTo("PUT", /^\/tasks\//).length - putsOfCreates;

      client.answer = { action: "decline" };
      await client.call("Asana_UpdateTasks", { tasks: ids.map((task_id) => ({ task_id, completed: true })) });
      expect(client.asked[1]).toBe('Update 11 tasks ("Step 1", "Step 2", "Step 3" and 8 more): completed true (11). Go ahead?');
      expect(tasksPuts()).toBe(0);

      await client.call("Asana_UpdateTasks", { tasks: ids.slice(0, 2).map((task_id) => ({ task_id, completed: true })) });
      expect(client.asked).toHaveLength(2);
      expect(tasksPuts()).toBe(2);

      await client.call("Asana_SetTaskCustomFields", { task_id: task, clear: ["Priority"] });
      expect(client.asked[2]).toBe('On task "Prepare the quarterly report": empty "Priority" (now "High"). Go ahead?');
      expect(shared.requestsTo("PUT", `/tasks/${task}`)).toHaveLength(0);
    });
  });
}

describe("over HTTP", () => {
  test("2026-07-28 asks statelessly (the answer comes back with the retried call); a 2025-11-25 request, which carries no capabilities, is not blocked", async () => {
    const asana = await startAsanaFake();
    const http = await spawnHttpServer({ ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token });
    cleanups.push(() => http.close());
    const modern = await connectV2Http(http.url, { client: { capabilities: { elicitation: { form: {} } } } });
    cleanups.push(() => modern.close());
    const asked: string[] = [];
    modern.client.setRequestHandler("elicitation/create", async (request) => {
      asked.push(request.params.message);
      return { action: "decline" };
    });
    const declined = (await modern.client.callTool({ name: "Asana_DeleteTask", arguments: { task_id: asana.world.task.gid } })) as CallResult;
    expect(asked).toEqual([expect.stringMatching(/^Delete task "Prepare the quarterly report" \(3 subtasks/)]);
    expect(textOf(declined)).toMatch(/nothing was written/);
    expect(asana.store.get(asana.world.task.gid)).toBeDefined();

    // Stateless HTTP on 2025-11-25 forgets what initialize declared, so it cannot ask: it deletes in one call, as before.
    const legacy = await http.connect({ capabilities: { elicitation: {} } });
    cleanups.push(() => legacy.close());
    const deleted = (await legacy.client.callTool({ name: "Asana_DeleteTask", arguments: { task_id: asana.world.task.gid } })) as CallResult;
    expect(deleted.isError, textOf(deleted)).toBeFalsy();
    expect(asana.store.get(asana.world.task.gid)).toBeUndefined();
  });
});

describe("clients that cannot ask", () => {
  test("one call still deletes, and the check costs no extra request", async () => {
    const { shared, client } = await sharedClient(legacyConnection, false);
    const task = reportTask(shared.asana);
    const result = await client.call("Asana_DeleteTask", { task_id: task });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(shared.asana.store.get(task)).toBeUndefined();
    expect(shared.exchanges().map((e) => `${e.method} ${e.path}`)).toEqual([`DELETE /tasks/${task}`]);
  });

  test("dry_run previews and writes nothing; the token does exactly that write, and only that one", async () => {
    const asana = await startAsanaFake();
    const client = await modernClient(envOf(asana), false);
    const task = asana.world.task.gid;
    const preview = await client.call("Asana_DeleteTask", { task_id: task, dry_run: true });
    expect(preview.isError, textOf(preview)).toBeFalsy();
    expect(preview.structuredContent).toEqual({
      status: {
        success: false,
        message: expect.stringMatching(/^Not written, only previewed: .*call Asana_DeleteTask again with the same arguments and confirm_token/),
      },
      preview: 'Delete task "Prepare the quarterly report" (3 subtasks, no comments; restorable from the trash for 30 days)',
      confirm_token: expect.any(String),
    });
    expect(deletes(asana)).toBe(0);
    const token = preview.structuredContent?.confirm_token as string;

    const other = await client.call("Asana_DeleteTask", { task_id: asana.world.subtasks[0]!.gid, confirm_token: token });
    expect(other.isError).toBe(true);
    expect(textOf(other)).toMatch(/confirm_token.*was made for other arguments/);
    const both = await client.call("Asana_DeleteTask", { task_id: task, confirm_token: token, dry_run: true });
    expect(textOf(both)).toMatch(/dry_run, confirm_token.*are both given/);
    const forged = await client.call("Asana_DeleteTask", { task_id: task, confirm_token: `${token.slice(0, -2)}AA` });
    expect(textOf(forged)).toMatch(/was not made for this tool and user by this server/);
    expect(deletes(asana)).toBe(0);

    const done = await client.call("Asana_DeleteTask", { task_id: task, confirm_token: token });
    expect(done.isError, textOf(done)).toBeFalsy();
    expect(asana.store.get(task)).toBeUndefined();
  });

  test("a token goes stale when the task changes after the preview: refused, nothing deleted, a new preview works", async () => {
    const { shared, client } = await sharedClient(legacyConnection, false);
    const asana = shared.asana;
    const task = reportTask(asana);
    const token = (await client.call("Asana_DeleteTask", { task_id: task, dry_run: true })).structuredContent?.confirm_token;
    await client.call("Asana_AddCommentToTask", { task_id: task, text: "Wait, finance still needs this." });
    const stale = await client.call("Asana_DeleteTask", { task_id: task, confirm_token: token });
    expect(stale.isError).toBe(true);
    expect(textOf(stale)).toMatch(/confirm_token.*is stale: what the write would change has changed since the preview, so nothing was written/);
    expect(asana.store.get(task)).toBeDefined();

    const again = await client.call("Asana_DeleteTask", { task_id: task, dry_run: true });
    expect(again.structuredContent?.preview).toMatch(/1 comment/);
    expect((await client.call("Asana_DeleteTask", { task_id: task, confirm_token: again.structuredContent?.confirm_token })).isError).toBeFalsy();
    expect(asana.store.get(task)).toBeUndefined();
  });

  test("another user's token is refused; a replica with the same ASANA_MCP_CONFIRM_SECRET accepts its own user's", async () => {
    const asana = await startAsanaFake();
    asana.addToken("token-of-grace", asana.world.colleague.gid);
    const shared = { ASANA_MCP_CONFIRM_SECRET: "confirm-secret-for-tests-0123456789" };
    const ada = await legacyClient(envOf(asana, shared), false);
    const grace = await legacyClient(envOf(asana, { ...shared, ASANA_ACCESS_TOKEN: "token-of-grace" }), false);
    const adaElsewhere = await modernClient(envOf(asana, shared), false);
    const args = { task_id: asana.world.task.gid };
    const token = (await ada.call("Asana_DeleteTask", { ...args, dry_run: true })).structuredContent?.confirm_token;

    const refused = await grace.call("Asana_DeleteTask", { ...args, confirm_token: token });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/was not made for this tool and user by this server/);
    expect(asana.store.get(asana.world.task.gid)).toBeDefined();

    const accepted = await adaElsewhere.call("Asana_DeleteTask", { ...args, confirm_token: token });
    expect(accepted.isError, textOf(accepted)).toBeFalsy();
    expect(asana.store.get(asana.world.task.gid)).toBeUndefined();
  });
});

describe("ASANA_MCP_CONFIRM", () => {
  test("never: a client that can ask is not asked, and dry_run still previews", async () => {
    const asana = await startAsanaFake();
    const client = await modernClient(envOf(asana, { ASANA_MCP_CONFIRM: "never" }));
    const preview = await client.call("Asana_DeleteTask", { task_id: asana.world.task.gid, dry_run: true });
    expect(preview.structuredContent?.preview).toMatch(/^Delete task "Prepare the quarterly report"/);
    expect((await client.call("Asana_DeleteTask", { task_id: asana.world.task.gid })).isError).toBeFalsy();
    expect(client.asked).toEqual([]);
    expect(asana.store.get(asana.world.task.gid)).toBeUndefined();
  });

  test("always: every write asks where the client can, and waits for a token where it cannot", async () => {
    const asana = await startAsanaFake();
    const env = envOf(asana, { ASANA_MCP_CONFIRM: "always" });
    const asking = await legacyClient(env);
    asking.answer = { action: "decline" };
    await asking.call("Asana_CreateTask", { name: "Draft the brief", project: asana.world.launch.gid });
    expect(asking.asked).toEqual([expect.stringMatching(/^Create a task: name "Draft the brief", .*project "\d+".*Go ahead\?$/)]);
    expect(asana.requestsTo("POST", "/tasks")).toHaveLength(0);

    const silent = await modernClient(env, false);
    const first = await silent.call("Asana_CreateTask", { name: "Draft the brief", project: asana.world.launch.gid });
    expect(first.isError).toBeFalsy();
    expect(first.structuredContent?.status).toEqual({
      success: false,
      message: expect.stringMatching(/^Nothing was written: this server confirms writes first/),
    });
    expect(asana.requestsTo("POST", "/tasks")).toHaveLength(0);
    const second = await silent.call("Asana_CreateTask", {
      name: "Draft the brief",
      project: asana.world.launch.gid,
      confirm_token: first.structuredContent?.confirm_token,
    });
    expect(second.isError, textOf(second)).toBeFalsy();
    expect(asana.requestsTo("POST", "/tasks")).toHaveLength(1);
  });

  test("a bad value stops the server with the rule", async () => {
    const asana = await startAsanaFake();
    await expect(legacyClient(envOf(asana, { ASANA_MCP_CONFIRM: "sometimes" }), false)).rejects.toThrow();
  });
});

describe("the Arcade worker", () => {
  const secret = "worker-secret-for-tests-0123456789";
  async function worker(asana: AsanaFake, env: Record<string, string> = {}) {
    const http = await spawnHttpServer({ ASANA_BASE_URL: asana.baseUrl, ARCADE_WORKER_SECRET: secret, ASANA_MAX_RETRIES: "0", ...env });
    cleanups.push(() => http.close());
    return new EngineClient(http.url.replace(/\/mcp$/, ""), secret);
  }

  test("is unchanged by default: no dry_run in its definitions, and DeleteTask deletes in one call, reading nothing first", async () => {
    const asana = await startAsanaFake();
    const engine = await worker(asana);
    const definitions = (await engine.request("GET", "/worker/tools")).body as Array<{ name: string; input: { parameters: Array<{ name: string }> } }>;
    const deleteTask = definitions.find((definition) => definition.name === "DeleteTask");
    expect(deleteTask?.input.parameters.map((parameter) => parameter.name)).toEqual(["task_id"]);
    const response = await engine.invoke("DeleteTask", { task_id: asana.world.task.gid }, asana.token);
    expect(response.body.success).toBe(true);
    expect(asana.exchanges.map((e) => `${e.method} ${e.path}`)).toEqual([`DELETE /tasks/${asana.world.task.gid}`]);
  });

  test("with ASANA_MCP_CONFIRM=always, a write answers its preview and token first", async () => {
    const asana = await startAsanaFake();
    const engine = await worker(asana, { ASANA_MCP_CONFIRM: "always" });
    const first = await engine.invoke("DeleteTask", { task_id: asana.world.task.gid }, asana.token);
    expect(first.body.success).toBe(true);
    const value = first.body.output.value as { preview: string; confirm_token: string };
    expect(value.preview).toMatch(/^Delete task "Prepare the quarterly report"/);
    expect(asana.store.get(asana.world.task.gid)).toBeDefined();
    const second = await engine.invoke("DeleteTask", { task_id: asana.world.task.gid, confirm_token: value.confirm_token }, asana.token);
    expect(second.body.success).toBe(true);
    expect(asana.store.get(asana.world.task.gid)).toBeUndefined();
  });
});
