import type { Client as V2Client } from "@modelcontextprotocol/client";
import type { Client as V1Client } from "@modelcontextprotocol/sdk/client/index.js";
import { CallToolResultSchema, CreateTaskResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { SignJWT } from "jose";
import { afterEach, describe, expect, test } from "vitest";
import * as z from "zod";
import { startFakeArcade } from "../fakes/arcade.js";
import { startAsanaFake, type AsanaFake } from "../support/asana-fake.js";
import { sharedAsanaFakes } from "../support/shared-asana-fake.js";
import { connectStdio, spawnHttpServer, type SpawnedHttpServer } from "../support/spawn-server.js";
import { connectV2Http, connectV2Stdio } from "../support/v2-client.js";

/**
 * Long jobs as MCP tasks: a tool that waits for an Asana job (a duplication, a template) answers a
 * client that asks for a task at once, and the client polls. 2025-11-25 through the v1 SDK's own task
 * API (the `tasks` capability, `task` on tools/call, tasks/get, tasks/result); 2026-07-28 through the
 * v2 client (2.4), which has no task API: it sends the extension in its capabilities as configured,
 * but refuses a `resultType: "task"` answer to tools/call (UnsupportedResultType), so the task it was
 * sent is read off its own transport, and tasks/get goes through its `request` with a schema.
 * The emulator's jobs finish on their third look, as Asana's take a few polls: no test waits on a clock.
 * A plain call made only to compare answers with has its job finish on its first look (plainJobs), so it
 * waits for one poll rather than three.
 */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The tests through one door share a fake (each sets how many looks its jobs take, names what it copies,
 * and counts only its own requests), so that they share servers: over HTTP one, each test's clients
 * connecting to it as further clients of one deployment would; over stdio one per kind of client (v1; v2
 * with and without the extension), its process and the client on it. A server is a process of its own (a
 * few tenths of a second of CPU to start; the v2 client starts a second one to probe with
 * server/discover); the replica and user tests start their own.
 */
const fakes = sharedAsanaFakes();
async function doorFake(door: string, jobPolls?: number) {
  const shared = await fakes.fake(door);
  shared.asana.jobs.setJobPolls(jobPolls);
  return shared;
}

/** One HTTP server per configuration, kept until the file ends. */
function httpServerFor(env: Record<string, string>): Promise<SpawnedHttpServer> {
  return fakes.kept(
    `HTTP ${JSON.stringify(env)}`,
    () => spawnHttpServer(env, toolsets),
    (server) => server.close(),
  );
}

/** Runs a plain call whose job finishes on its first look, then puts back the looks the test's tasks take. */
async function plainJobs<T>(asana: AsanaFake, looksAfter: number, call: () => Promise<T>): Promise<T> {
  asana.jobs.setJobPolls(1);
  try {
    return await call();
  } finally {
    asana.jobs.setJobPolls(looksAfter);
  }
}

const taskExtension = "io.modelcontextprotocol/tasks";
const relatedTask = "io.modelcontextprotocol/related-task";
const taskSecret = "the-task-secret-every-replica-shares-0123456789";
const toolsets = ["--toolsets", "default,tasks,projects,templates"];
const jobTools = [
  "Asana_CreateProjectFromTemplate",
  "Asana_CreateTaskFromTemplate",
  "Asana_DuplicateProject",
  "Asana_DuplicateTask",
  "Asana_SaveProjectAsTemplate",
];

function envFor(asana: AsanaFake, extra: Record<string, string> = {}): Record<string, string> {
  return { ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token, ASANA_MCP_TASK_SECRET: taskSecret, ...extra };
}

function duplicateCall(asana: AsanaFake, name = "Launch copy") {
  return { name: "Asana_DuplicateProject", arguments: { project_id: asana.world.launch.gid, name, include: ["notes"] } };
}

/**
 * Two runs make different copies: their ids are the one difference allowed between two answers, with a
 * confirm token's expiry (in seconds) and the MAC over it, as two previews a second apart differ there.
 */
const withoutIds = (value: unknown) =>
  JSON.parse(
    JSON.stringify(value)
      .replace(/\d{10,}/g, "<gid>")
      .replace(/ct1\.[0-9a-z]+\.([\w-]+)\.([\w-]+)\.[\w-]+/g, "ct1.<expiry>.$1.$2.<mac>"),
  );

/** A result as the tool made it: without what the protocol adds around it (related task, server info). */
function asTheToolAnswered(result: Record<string, unknown>): Record<string, unknown> {
  const meta = Object.fromEntries(
    Object.entries((result._meta as Record<string, unknown> | undefined) ?? {}).filter(([key]) => !key.startsWith("io.modelcontextprotocol/")),
  );
  const { _meta: _, ...rest } = result;
  return withoutIds(Object.keys(meta).length > 0 ? { ...rest, _meta: meta } : rest);
}

const firstText = (result: object) => (((result as { content?: Array<{ type: string; text?: string }> }).content ?? [])[0]?.text ?? "") as string;

function tampered(taskId: string): string {
  const middle = Math.floor(taskId.length / 2);
  return taskId.slice(0, middle) + (taskId[middle] === "A" ? "B" : "A") + taskId.slice(middle + 1);
}

// ---------------------------------------------------------------------------------------------------
// 2025-11-25, the v1 SDK's task API

type V1Connect = (env: Record<string, string>, headers?: Record<string, string>) => Promise<V1Client>;

const legacyDoors: Array<[string, V1Connect]> = [
  [
    "stdio",
    async (env) => {
      const connection = await fakes.kept(
        `stdio v1 ${JSON.stringify(env)}`,
        () => connectStdio(env, { args: toolsets }),
        (started) => started.close(),
      );
      return connection.client;
    },
  ],
  [
    "HTTP",
    async (env, headers) => {
      const server = await httpServerFor(env);
      return (await server.connect(headers ? { headers } : {})).client;
    },
  ],
];

type StreamMessage = {
  type: string;
  task?: { taskId: string; status: string; statusMessage?: string; ttl: number | null; pollInterval?: number; createdAt: string };
};
const steps = (messages: StreamMessage[]) => messages.map((m) => (m.task ? `${m.type}:${m.task.status}` : m.type));

describe.each(legacyDoors)("2025-11-25 tasks over %s (v1 SDK client)", (door, connect) => {
  test("the job tools say they run as tasks; one called as a task is working, then completed, and tasks/result is the call's own answer", async () => {
    const { asana } = await doorFake(door, 3);
    // A name of its own: the fake is the door's, and the count below is of this test's copies.
    const copyName = `Launch copy, asked both ways over ${door}`;
    const client = await connect(envFor(asana));
    expect(client.getServerCapabilities()?.tasks).toEqual({ requests: { tools: { call: {} } } });
    const { tools } = await client.listTools();
    expect(
      tools
        .filter((tool) => tool.execution?.taskSupport === "optional")
        .map((tool) => tool.name)
        .sort(),
    ).toEqual(jobTools);
    expect(tools.filter((tool) => tool.execution !== undefined && tool.execution.taskSupport !== "optional")).toEqual([]);

    // A call without a task is today's call: it waits for the job.
    const plain = await plainJobs(asana, 3, () => client.callTool(duplicateCall(asana, copyName)));
    expect(plain.isError, firstText(plain)).toBeFalsy();
    expect(plain.structuredContent).toMatchObject({ job: { status: "succeeded" } });

    const messages: StreamMessage[] = [];
    let result: Record<string, unknown> | undefined;
    for await (const message of client.experimental.tasks.callToolStream(duplicateCall(asana, copyName), CallToolResultSchema, { task: { ttl: 600_000 } })) {
      messages.push(message as StreamMessage);
      if (message.type === "result") result = message.result as Record<string, unknown>;
    }
    expect(steps(messages)).toEqual(["taskCreated:working", "taskStatus:working", "taskStatus:working", "taskStatus:completed", "result"]);
    const created = messages[0]!.task!;
    expect(created.ttl).toBe(600_000);
    expect(created.pollInterval).toEqual(expect.any(Number));
    expect(Date.parse(created.createdAt)).not.toBeNaN();
    expect(messages[1]!.task!.statusMessage).toMatch(/^Asana job \d+ \(duplicate_project\) is in_progress/);
    expect(result!._meta).toMatchObject({ [relatedTask]: { taskId: created.taskId } });
    expect(asTheToolAnswered(result!)).toEqual(asTheToolAnswered(plain));
    expect(asana.store.all("project", (p) => p.name === copyName)).toHaveLength(2);
  });

  test("a job that fails is a failed task with the tool's error, and tasks/result is the call's own error result", async () => {
    const { asana } = await doorFake(door, 2);
    const client = await connect(envFor(asana));
    await client.listTools();
    asana.jobs.failNext();
    const plain = await plainJobs(asana, 2, () => client.callTool(duplicateCall(asana)));
    expect(plain.isError).toBe(true);

    asana.jobs.failNext();
    const messages: StreamMessage[] = [];
    for await (const message of client.experimental.tasks.callToolStream(duplicateCall(asana), CallToolResultSchema)) messages.push(message as StreamMessage);
    expect(steps(messages)).toEqual(["taskCreated:working", "taskStatus:working", "taskStatus:failed", "error"]);
    const failed = messages[2]!.task!;
    expect(withoutIds(failed.statusMessage)).toBe(withoutIds(firstText(plain)));
    expect(failed.statusMessage).toContain("failed, and Asana gives no reason");
    const result = await client.experimental.tasks.getTaskResult(failed.taskId, CallToolResultSchema);
    expect(asTheToolAnswered(result)).toEqual(asTheToolAnswered(plain));
  });

  test("input the tool refuses fails the task with the tool's own words, and nothing reaches Asana", async () => {
    const { asana, exchanges } = await doorFake(door, 2);
    const client = await connect(envFor(asana));
    await client.listTools();
    const call = { name: "Asana_DuplicateProject", arguments: { project_id: "not-an-id", name: "x" } };
    const plain = await client.callTool(call);
    const messages: StreamMessage[] = [];
    for await (const message of client.experimental.tasks.callToolStream(call, CallToolResultSchema)) messages.push(message as StreamMessage);
    expect(steps(messages)).toEqual(["taskCreated:working", "taskStatus:failed", "error"]);
    const result = await client.experimental.tasks.getTaskResult(messages[0]!.task!.taskId, CallToolResultSchema);
    expect(result.isError).toBe(true);
    expect(firstText(result)).toMatch(/^Invalid input for Asana_DuplicateProject; nothing was sent to Asana/);
    expect(asTheToolAnswered(result)).toEqual(asTheToolAnswered(plain));
    expect(exchanges()).toHaveLength(0);
  });

  test("tasks/result waits for the job; a changed id is not found; cancel and list are refused with the reason; other tools are not tasks", async () => {
    const { asana } = await doorFake(door, 3);
    const client = await connect(envFor(asana));
    const created = await client.request({ method: "tools/call", params: { ...duplicateCall(asana), task: {} } }, CreateTaskResultSchema);
    expect(created.task).toMatchObject({ status: "working", ttl: expect.any(Number) });
    expect(created._meta?.["io.modelcontextprotocol/model-immediate-response"]).toMatch(/Asana started job \d+/);
    const { taskId } = created.task;

    await expect(client.experimental.tasks.getTask(tampered(taskId))).rejects.toMatchObject({ code: -32602 });
    await expect(client.experimental.tasks.getTaskResult("786512e2-9e0d-44bd-8f29-789f320fe840", CallToolResultSchema)).rejects.toMatchObject({ code: -32602 });
    const cancel = await client.experimental.tasks.cancelTask(taskId).catch((error: Error & { code?: number }) => error);
    expect(cancel).toMatchObject({ code: -32601, message: expect.stringContaining("Asana jobs cannot be cancelled") });
    await expect(client.experimental.tasks.listTasks()).rejects.toMatchObject({ code: -32601 });
    await expect(
      client.request({ method: "tools/call", params: { name: "Asana_ListWorkspaces", arguments: {}, task: {} } }, CreateTaskResultSchema),
    ).rejects.toMatchObject({ code: -32601, message: expect.stringContaining("Asana_ListWorkspaces does not run as a task") });

    // The client asks for the result at once: the server looks at the job until it is done.
    const result = await client.experimental.tasks.getTaskResult(taskId, CallToolResultSchema);
    expect(result.isError, firstText(result)).toBeFalsy();
    const jobId = (result.structuredContent as { job: { id: string } }).job.id;
    expect(asana.requestsTo("GET", `/jobs/${jobId}`).length).toBeGreaterThanOrEqual(3);
    expect((await client.experimental.tasks.getTask(taskId)).status).toBe("completed");
  });
});

describe("2025-11-25 tasks and write confirmation (stdio)", () => {
  test("a preview (dry_run) asked as a task is answered at once as the plain preview, and starts no job", async () => {
    const { asana, requestsTo } = await doorFake("stdio", 2);
    const client = await legacyDoors[0]![1](envFor(asana));
    const call = { ...duplicateCall(asana), arguments: { ...duplicateCall(asana).arguments, dry_run: true } };
    const answer = await client.request({ method: "tools/call", params: { ...call, task: {} } }, CallToolResultSchema);
    expect(answer.isError, firstText(answer)).toBeFalsy();
    expect(answer).not.toHaveProperty("task");
    expect(asTheToolAnswered(answer)).toEqual(asTheToolAnswered(await client.callTool(call)));
    expect(requestsTo("POST", /duplicate$/)).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------------
// 2026-07-28, the v2 client (2.4): the extension, resultType "task", tasks/get with the result inline

type V2Connect = (env: Record<string, string>, options?: { extension?: boolean; headers?: Record<string, string> }) => Promise<V2Client>;

const modernDoors: Array<[string, V2Connect]> = [
  [
    "stdio",
    async (env, options = {}) => {
      const extension = options.extension === true;
      const connection = await fakes.kept(
        `stdio v2${extension ? " with the extension" : ""} ${JSON.stringify(env)}`,
        () =>
          connectV2Stdio(env, {
            args: toolsets,
            ...(extension ? { client: { capabilities: { extensions: { [taskExtension]: {} } } } } : {}),
          }),
        (started) => started.close(),
      );
      return connection.client;
    },
  ],
  [
    "HTTP",
    async (env, options = {}) => {
      const server = await httpServerFor(env);
      const connection = await connectV2Http(server.url, {
        ...(options.extension ? { client: { capabilities: { extensions: { [taskExtension]: {} } } } } : {}),
        ...(options.headers ? { headers: options.headers } : {}),
      });
      cleanups.push(() => connection.close());
      return connection.client;
    },
  ],
];

const ToolResult = z.looseObject({ content: z.array(z.looseObject({ type: z.string() })), isError: z.boolean().optional() });
const DetailedTask = z.looseObject({
  taskId: z.string(),
  status: z.enum(["working", "input_required", "completed", "failed", "cancelled"]),
  statusMessage: z.string().optional(),
  createdAt: z.string(),
  lastUpdatedAt: z.string(),
  ttlMs: z.number().nullable(),
  pollIntervalMs: z.number().optional(),
  result: ToolResult.optional(),
  error: z.looseObject({ code: z.number(), message: z.string() }).optional(),
});
type DetailedTask = z.infer<typeof DetailedTask>;

/** The results that reached the client's transport while `run` ran, as they arrived (before the client decodes them). */
async function wireResults(client: V2Client, run: () => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
  const transport = client.transport!;
  const seen: unknown[] = [];
  const deliver = transport.onmessage!;
  transport.onmessage = (message, extra) => {
    seen.push(message);
    deliver.call(transport, message, extra);
  };
  try {
    await run();
  } finally {
    transport.onmessage = deliver;
  }
  return seen.flatMap((message) => ((message as { result?: Record<string, unknown> }).result ? [(message as { result: Record<string, unknown> }).result] : []));
}

/**
 * Starts a task-augmented call from the v2 client. The 2.4 client refuses the `resultType: "task"`
 * answer (it has no task API), so the answer is read off its transport, as it arrived.
 */
async function startTask(client: V2Client, call: { name: string; arguments: Record<string, unknown> }): Promise<Record<string, unknown>> {
  const results = await wireResults(client, () =>
    expect(client.request({ method: "tools/call", params: call }, z.unknown())).rejects.toThrow(/Unsupported result type 'task'/),
  );
  const answer = results.find((result) => result.resultType === "task");
  expect(answer, "a tools/call answer with resultType task").toBeDefined();
  return answer!;
}

const getTask = (client: V2Client, taskId: string) => client.request({ method: "tasks/get", params: { taskId } }, DetailedTask);

async function pollUntilDone(client: V2Client, taskId: string): Promise<DetailedTask[]> {
  const seen: DetailedTask[] = [];
  for (let poll = 0; poll < 8 && !["completed", "failed", "cancelled"].includes(seen.at(-1)?.status ?? ""); poll++) seen.push(await getTask(client, taskId));
  return seen;
}

describe.each(modernDoors)("2026-07-28 tasks over %s (v2 client 2.4)", (door, connect) => {
  test("a client with the extension gets a task at once; tasks/get says working, then completed with the call's own answer inline", async () => {
    const { asana } = await doorFake(door, 3);
    const plainClient = await connect(envFor(asana));
    const plain = await plainJobs(asana, 3, () => plainClient.callTool(duplicateCall(asana)));
    expect(plain.isError, firstText(plain)).toBeFalsy();

    const client = await connect(envFor(asana), { extension: true });
    expect(client.getProtocolEra()).toBe("modern");
    const created = await startTask(client, duplicateCall(asana));
    expect(created).toMatchObject({ resultType: "task", status: "working", ttlMs: expect.any(Number), pollIntervalMs: expect.any(Number) });
    expect(Date.parse(created.createdAt as string)).not.toBeNaN();
    let polls: DetailedTask[] = [];
    const wire = await wireResults(client, async () => {
      polls = await pollUntilDone(client, created.taskId as string);
    });
    expect(polls.map((poll) => poll.status)).toEqual(["working", "working", "completed"]);
    // tasks/get answers are complete results that carry the task (the extension's DetailedTask).
    expect(wire.map((result) => [result.resultType, result.status])).toEqual([
      ["complete", "working"],
      ["complete", "working"],
      ["complete", "completed"],
    ]);
    expect(polls[0]!.statusMessage).toMatch(/^Asana job \d+ \(duplicate_project\) is in_progress/);
    expect(asTheToolAnswered(polls[2]!.result!)).toEqual(asTheToolAnswered(plain));
    expect(polls[2]!.createdAt).toBe(created.createdAt);
  });

  test("a job that fails completes with the tool's error result (the extension keeps failed for JSON-RPC errors)", async () => {
    const { asana } = await doorFake(door, 2);
    const plainClient = await connect(envFor(asana));
    asana.jobs.failNext();
    const plain = await plainJobs(asana, 2, () => plainClient.callTool(duplicateCall(asana)));
    expect(plain.isError).toBe(true);

    const client = await connect(envFor(asana), { extension: true });
    asana.jobs.failNext();
    const created = await startTask(client, duplicateCall(asana));
    const polls = await pollUntilDone(client, created.taskId as string);
    expect(polls.map((poll) => poll.status)).toEqual(["working", "completed"]);
    expect(polls[1]!.result!.isError).toBe(true);
    expect(polls[1]!.statusMessage).toContain("failed, and Asana gives no reason");
    expect(asTheToolAnswered(polls[1]!.result!)).toEqual(asTheToolAnswered(plain));
  });

  test("input the tool refuses is answered at once as a plain result, not a task", async () => {
    const { asana } = await doorFake(door);
    const client = await connect(envFor(asana), { extension: true });
    const refused = await client.callTool({ name: "Asana_DuplicateProject", arguments: { project_id: "not-an-id", name: "x" } });
    expect(refused.isError).toBe(true);
    expect(firstText(refused)).toMatch(/^Invalid input for Asana_DuplicateProject/);
    // Tools that start no job answer as always, extension or not.
    const read = await client.callTool({ name: "Asana_GetProjectById", arguments: { project_id: asana.world.launch.gid } });
    expect(read.isError, firstText(read)).toBeFalsy();
  });

  test("a changed id is not found; cancel is acknowledged but says the job runs on; a client without the extension gets -32021", async () => {
    const { asana } = await doorFake(door, 2);
    const client = await connect(envFor(asana), { extension: true });
    const created = await startTask(client, duplicateCall(asana));
    const taskId = created.taskId as string;
    await expect(getTask(client, tampered(taskId))).rejects.toMatchObject({ code: -32602 });

    const cancelled = await client.request(
      { method: "tasks/cancel", params: { taskId } },
      z.looseObject({ _meta: z.record(z.string(), z.unknown()).optional() }),
    );
    expect(JSON.stringify(cancelled._meta)).toContain("Asana jobs cannot be cancelled");
    expect((await pollUntilDone(client, taskId)).map((poll) => poll.status)).toEqual(["working", "completed"]);
    await expect(client.request({ method: "tasks/update", params: { taskId, inputResponses: {} } }, z.looseObject({}))).resolves.toBeDefined();

    const plainClient = await connect(envFor(asana));
    await expect(getTask(plainClient, taskId)).rejects.toMatchObject({ code: -32021 });
  });
});

// ---------------------------------------------------------------------------------------------------
// Over HTTP: replicas, users, read-only requests

describe("tasks over HTTP, across replicas and users", () => {
  test("a second replica answers tasks/get and tasks/result for a task the first created; one without the shared secret finds nothing", async () => {
    const asana = await startAsanaFake({ jobPolls: 3 });
    const first = await spawnHttpServer(envFor(asana), toolsets);
    const second = await spawnHttpServer(envFor(asana), toolsets);
    const stranger = await spawnHttpServer(envFor(asana, { ASANA_MCP_TASK_SECRET: "a-different-secret-for-this-replica-0123456789" }), toolsets);
    cleanups.push(
      () => first.close(),
      () => second.close(),
      () => stranger.close(),
    );

    // 2025-11-25
    const legacyFirst = (await first.connect()).client;
    const legacySecond = (await second.connect()).client;
    const created = await legacyFirst.request({ method: "tools/call", params: { ...duplicateCall(asana), task: {} } }, CreateTaskResultSchema);
    const { taskId } = created.task;
    expect((await legacySecond.experimental.tasks.getTask(taskId)).status).toBe("working");
    const result = await legacySecond.experimental.tasks.getTaskResult(taskId, CallToolResultSchema);
    expect(result.isError, firstText(result)).toBeFalsy();
    expect((await legacyFirst.experimental.tasks.getTask(taskId)).status).toBe("completed");
    await expect((await stranger.connect()).client.experimental.tasks.getTask(taskId)).rejects.toMatchObject({ code: -32602 });

    // 2026-07-28
    const extension = { client: { capabilities: { extensions: { [taskExtension]: {} } } } };
    const modernFirst = await connectV2Http(first.url, extension);
    const modernSecond = await connectV2Http(second.url, extension);
    cleanups.push(
      () => modernFirst.close(),
      () => modernSecond.close(),
    );
    const modern = await startTask(modernFirst.client, duplicateCall(asana, "Second copy"));
    const polls = await pollUntilDone(modernSecond.client, modern.taskId as string);
    expect(polls.map((poll) => poll.status)).toEqual(["working", "working", "completed"]);
    expect(polls[2]!.result!.isError).toBeFalsy();
  });

  test("another user's task id is not found, and a read-only request cannot read a write tool's task", async () => {
    const asana = await startAsanaFake({ jobPolls: 2 });
    const arcade = await startFakeArcade();
    cleanups.push(() => arcade.close());
    arcade.approve("ada", "token-of-ada");
    arcade.approve("grace", "token-of-grace");
    asana.addToken("token-of-ada", asana.world.me.gid);
    asana.addToken("token-of-grace", asana.world.colleague.gid);
    const frontDoorSecret = "front-door-shared-secret";
    const bearer = async (sub: string) => ({
      authorization: `Bearer ${await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(sub).setIssuedAt().setExpirationTime("10m").sign(new TextEncoder().encode(frontDoorSecret))}`,
    });
    const server = await spawnHttpServer(
      {
        ASANA_BASE_URL: asana.baseUrl,
        ARCADE_API_KEY: arcade.apiKey,
        ARCADE_BASE_URL: arcade.baseUrl,
        ASANA_MCP_AUTH_SECRET: frontDoorSecret,
        ASANA_MCP_TASK_SECRET: taskSecret,
      },
      toolsets,
    );
    cleanups.push(() => server.close());
    const ada = (await server.connect({ headers: await bearer("ada") })).client;
    const grace = (await server.connect({ headers: await bearer("grace") })).client;
    const adaReadOnly = (await server.connect({ headers: { ...(await bearer("ada")), "x-mcp-readonly": "true" } })).client;

    const created = await ada.request({ method: "tools/call", params: { ...duplicateCall(asana), task: {} } }, CreateTaskResultSchema);
    const { taskId } = created.task;
    const jobsSeen = asana.requestsTo("GET", /^\/jobs\//).length;
    await expect(grace.experimental.tasks.getTask(taskId)).rejects.toMatchObject({ code: -32602 });
    await expect(grace.experimental.tasks.getTaskResult(taskId, CallToolResultSchema)).rejects.toMatchObject({ code: -32602 });
    await expect(adaReadOnly.experimental.tasks.getTask(taskId)).rejects.toMatchObject({ code: -32602, message: expect.stringContaining("read-only") });
    expect(asana.requestsTo("GET", /^\/jobs\//)).toHaveLength(jobsSeen);

    const result = await ada.experimental.tasks.getTaskResult(taskId, CallToolResultSchema);
    expect(result.isError, firstText(result)).toBeFalsy();
    expect(asana.requestsTo("GET", /^\/jobs\//).every((exchange) => exchange.headers.authorization === "Bearer token-of-ada")).toBe(true);

    // 2026-07-28: the same for the extension's tasks
    const extension = { capabilities: { extensions: { [taskExtension]: {} } } };
    const modernAda = await connectV2Http(server.url, { client: extension, headers: await bearer("ada") });
    const modernGrace = await connectV2Http(server.url, { client: extension, headers: await bearer("grace") });
    cleanups.push(
      () => modernAda.close(),
      () => modernGrace.close(),
    );
    const modern = await startTask(modernAda.client, duplicateCall(asana, "Ada's second copy"));
    await expect(getTask(modernGrace.client, modern.taskId as string)).rejects.toMatchObject({ code: -32602 });
    const polls = await pollUntilDone(modernAda.client, modern.taskId as string);
    expect(polls.at(-1)!.status).toBe("completed");
    expect(polls.at(-1)!.result!.isError, firstText(polls.at(-1)!.result!)).toBeFalsy();
  });
});
