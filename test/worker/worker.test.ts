import type * as z from "zod";
import { afterEach, describe, expect, test } from "vitest";
import { asanaToolkit } from "../../tools/index.js";
import { EngineClient, mintEngineToken, packageVersion, unsignedToken } from "../fakes/engine-client.js";
import { startAsanaFake } from "../support/asana-fake.js";
import { sharedAsanaFakes } from "../support/shared-asana-fake.js";
import { spawnHttpServer, type SpawnedHttpServer } from "../support/spawn-server.js";
import { call } from "../e2e/scenarios.js";

const secret = "worker-secret-for-tests-0123456789";
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * One worker and its Asana fake per configuration, shared by the tests of this file that use it: each
 * worker is a process of its own (a few tenths of a second of CPU to start), and no test here needs one
 * that no earlier test has called. Worker mode keeps no token between invocations (the Engine injects one
 * with each), and a test sees only the requests made since it asked for the worker.
 */
const fakes = sharedAsanaFakes();
const workers = new Map<string, Promise<{ http: SpawnedHttpServer; engine: EngineClient }>>();

async function workerWithFake(env: Record<string, string> = {}) {
  const key = JSON.stringify(env);
  const { asana, exchanges, requestsTo } = await fakes.fake(key);
  let started = workers.get(key);
  if (!started) {
    // No credentials of its own: in worker mode every Asana token comes from the Engine.
    const spawned = spawnHttpServer({ ASANA_BASE_URL: asana.baseUrl, ARCADE_WORKER_SECRET: secret, ASANA_MAX_RETRIES: "0", ...env }).then((http) => ({
      http,
      engine: new EngineClient(http.url.replace(/\/mcp$/, ""), secret),
    }));
    started = spawned;
    workers.set(key, spawned);
    fakes.atFileEnd(async () => (await spawned.catch(() => undefined))?.http.close());
  }
  return { ...(await started), asana, exchanges, requestsTo };
}

describe("Arcade worker routes", () => {
  test("/worker/health is open and counts the tools", async () => {
    const { engine } = await workerWithFake();
    const health = await engine.request("GET", "/worker/health", { token: null });
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: "ok", tool_count: expect.stringMatching(/^\d+$/) });
  });

  test("every route but health refuses bad tokens with 401 and WWW-Authenticate", async () => {
    const { engine } = await workerWithFake();
    const cases: Array<[string, string | null]> = [
      ["no token", null],
      ["wrong secret", await mintEngineToken("another-secret")],
      ["wrong audience", await mintEngineToken(secret, { aud: "engine" })],
      ["wrong version", await mintEngineToken(secret, { ver: "2" })],
      ["missing version", await mintEngineToken(secret, { ver: null })],
      ["expired", await mintEngineToken(secret, { expiresIn: "-1m" })],
      ["issued in the future", await mintEngineToken(secret, { issuedAt: Math.floor(Date.now() / 1000) + 600, expiresIn: "1h" })],
      ["alg none", unsignedToken()],
      ["the raw secret as bearer", secret],
    ];
    for (const [name, token] of cases) {
      for (const [method, path] of [
        ["GET", "/worker/tools"],
        ["POST", "/worker/tools/invoke"],
      ] as const) {
        const response = await engine.request(method, path, { token, ...(method === "POST" ? { body: { tool: { name: "ListWorkspaces" } } } : {}) });
        expect(response.status, `${name} ${path}`).toBe(401);
        expect(response.headers.get("www-authenticate"), name).toMatch(/^Bearer/);
        expect(response.body.error, name).toMatch(/^Invalid token\. Error: /);
      }
    }
  });

  test("an Engine clock a little ahead is accepted (iat up to 30 s in the future); one 10 minutes ahead is refused", async () => {
    const { engine } = await workerWithFake();
    const now = Math.floor(Date.now() / 1000);
    const slightlyAhead = await engine.request("GET", "/worker/tools", { token: await mintEngineToken(secret, { issuedAt: now + 2, expiresIn: "5m" }) });
    expect(slightlyAhead.status).toBe(200);
    const tenMinutesAhead = await engine.request("GET", "/worker/tools", { token: await mintEngineToken(secret, { issuedAt: now + 600, expiresIn: "1h" }) });
    expect(tenMinutesAhead.status).toBe(401);
    expect(tenMinutesAhead.body.error).toContain("iat is in the future");
  });

  test("a token without exp is accepted, as Arcade's worker accepts it (the Engine may not send one)", async () => {
    const { engine } = await workerWithFake();
    const response = await engine.request("GET", "/worker/tools", { token: await mintEngineToken(secret, { expiresIn: null }) });
    expect(response.status).toBe(200);
  });

  test("/worker/tools lists definitions generated from the toolkit, in Arcade's shape", async () => {
    const { engine, http } = await workerWithFake();
    const { status, body } = await engine.request("GET", "/worker/tools");
    expect(status).toBe(200);
    expect(Array.isArray(body)).toBe(true);
    // The Engine chooses tools per agent, so the worker offers every tool, while MCP clients get the
    // everyday profile unless they ask for all of them.
    const everyTool = (await (await http.connect({ headers: { "X-MCP-Toolsets": "all" } })).client.listTools()).tools;
    const everyday = (await (await http.connect()).client.listTools()).tools;
    expect(body.map((d: { name: string }) => `Asana_${d.name}`).sort()).toEqual(everyTool.map((t) => t.name).sort());
    expect(everyday.length).toBeLessThan(everyTool.length);
    for (const definition of body) {
      expect(Object.keys(definition).sort()).toEqual(["description", "fully_qualified_name", "input", "metadata", "name", "output", "requirements", "toolkit"]);
      expect(definition.fully_qualified_name).toBe(`Asana.${definition.name}`);
      expect(definition.toolkit).toEqual({ name: "Asana", description: expect.any(String), version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
      expect(definition.requirements).toEqual({
        authorization: { provider_id: "asana", provider_type: "oauth2", oauth2: { scopes: ["default"] } },
        secrets: null,
        metadata: null,
      });
      expect(definition.output).toEqual({ description: expect.any(String), available_modes: ["value", "error", "null"], value_schema: { val_type: "json" } });
      for (const parameter of definition.input.parameters) {
        expect(Object.keys(parameter).sort()).toEqual(["description", "inferrable", "name", "required", "value_schema"]);
        expect(["string", "integer", "number", "boolean", "json", "array"]).toContain(parameter.value_schema.val_type);
        if (parameter.value_schema.val_type === "array") expect(parameter.value_schema.inner_val_type).toBeDefined();
      }
      expect(definition.metadata.classification).toEqual({ service_domains: ["project_management"] });
      expect(Object.keys(definition.metadata.behavior).sort()).toEqual(["destructive", "idempotent", "open_world", "operations", "read_only"]);
    }
    // Arcade's behaviour metadata, as its catalogue states it for these tools.
    const behaviourOf = (name: string) => body.find((d: { name: string }) => d.name === name).metadata.behavior;
    expect(behaviourOf("GetTaskById")).toEqual({ operations: ["read"], read_only: true, destructive: false, idempotent: true, open_world: true });
    expect(behaviourOf("CreateTask")).toEqual({ operations: ["create"], read_only: false, destructive: false, idempotent: false, open_world: true });
    expect(behaviourOf("UpdateTask")).toEqual({ operations: ["update"], read_only: false, destructive: false, idempotent: true, open_world: true });
    const getTask = body.find((d: { name: string }) => d.name === "GetTaskById");
    expect(getTask.input.parameters).toEqual([
      { name: "task_id", required: true, description: expect.stringContaining("digits"), inferrable: true, value_schema: { val_type: "string" } },
      { name: "max_subtasks", required: false, description: expect.stringContaining("0-100"), inferrable: true, value_schema: { val_type: "integer" } },
      // Every read's answer budget (src/toolkit/answer-budget.ts); its range is in the error, not the schema.
      { name: "max_bytes", required: false, description: expect.any(String), inferrable: true, value_schema: { val_type: "integer" } },
    ]);
    const deleteTask = body.find((d: { name: string }) => d.name === "DeleteTask");
    expect(deleteTask.metadata.behavior).toEqual({ operations: ["delete"], read_only: false, destructive: true, idempotent: true, open_world: true });
  });

  test("read-only mode holds for the Engine too: no write tool is listed or invocable", async () => {
    const { engine, asana } = await workerWithFake({ ASANA_READ_ONLY: "true" });
    const { body } = await engine.request("GET", "/worker/tools");
    expect(body.length).toBeGreaterThan(0);
    expect(body.every((d: { metadata: { behavior: { read_only: boolean } } }) => d.metadata.behavior.read_only)).toBe(true);
    const refused = await engine.invoke("DeleteTask", { task_id: asana.world.task.gid }, asana.token);
    expect(refused.status).toBe(404);
    expect(asana.store.get(asana.world.task.gid)).toBeDefined();
  });

  test("invoking a read tool uses the token the Engine injected", async () => {
    const { engine, asana, exchanges } = await workerWithFake();
    asana.addToken("engine-injected-token", asana.world.me.gid);
    const response = await engine.invoke("ListWorkspaces", { limit: 1 }, "engine-injected-token", { execution_id: "exec-1" });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      execution_id: "exec-1",
      finished_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      duration: expect.any(Number),
      success: true,
      output: {
        value: {
          workspaces: [expect.objectContaining({ id: asana.world.premium.gid, name: "Acme Corp" })],
          count: 1,
          next_page: { has_more_pages: true, next_page_token: expect.any(String) },
        },
      },
    });
    expect(exchanges().map((e) => e.headers.authorization)).toEqual(["Bearer engine-injected-token"]);
  });

  test("DeleteTask through the worker deletes the task", async () => {
    const { engine, asana } = await workerWithFake();
    const response = await engine.invoke("DeleteTask", { task_id: asana.world.task.gid }, asana.token);
    expect(response.body.success).toBe(true);
    expect(response.body.output.value).toEqual({ status: { success: true, message: expect.stringContaining("deleted") }, task: { id: asana.world.task.gid } });
    expect(asana.store.get(asana.world.task.gid)).toBeUndefined();
  });

  test("bad input is TOOL_RUNTIME_BAD_INPUT_VALUE and reaches nothing", async () => {
    const { engine, asana, exchanges } = await workerWithFake();
    const response = await engine.invoke("GetTaskById", { task_id: "not-an-id" }, asana.token);
    expect(response.status).toBe(200);
    expect(response.body.success).toBe(false);
    expect(response.body.output).toEqual({
      // As arcade_core's ToolInputError: not retryable as sent, status 400.
      error: {
        message: expect.stringContaining("`task_id`: must be the task's Asana id"),
        kind: "TOOL_RUNTIME_BAD_INPUT_VALUE",
        can_retry: false,
        status_code: 400,
        developer_message: expect.stringContaining("ToolInputErrors"),
      },
    });
    expect(exchanges()).toHaveLength(0);
  });

  test("Asana's 404 is UPSTREAM_RUNTIME_NOT_FOUND and its 429 is UPSTREAM_RUNTIME_RATE_LIMIT with retry_after_ms", async () => {
    const { engine, asana } = await workerWithFake();
    const missing = await engine.invoke("GetTaskById", { task_id: "4040404", max_subtasks: 0 }, asana.token);
    expect(missing.body.output.error).toEqual({
      message: expect.stringContaining("Not found in Asana (404)"),
      kind: "UPSTREAM_RUNTIME_NOT_FOUND",
      can_retry: false,
      status_code: 404,
      developer_message: expect.stringContaining("AsanaApiError"),
    });
    asana.faults.rateLimitStorm("/workspaces", 1, 7);
    const limited = await engine.invoke("ListWorkspaces", {}, asana.token);
    expect(limited.body.success).toBe(false);
    expect(limited.body.output.error).toEqual({
      message: expect.stringContaining("Wait 7 s"),
      kind: "UPSTREAM_RUNTIME_RATE_LIMIT",
      can_retry: true,
      retry_after_ms: 7000,
      status_code: 429,
      developer_message: expect.stringContaining("AsanaApiError"),
    });
  });

  test("Asana's 400 is UPSTREAM_RUNTIME_BAD_REQUEST and not retryable; its 503 is retryable", async () => {
    const { engine, asana } = await workerWithFake();
    asana.faults.inject({ path: "/workspaces", status: 400, times: 1 });
    const refused = await engine.invoke("ListWorkspaces", {}, asana.token);
    expect(refused.body.output.error).toMatchObject({ kind: "UPSTREAM_RUNTIME_BAD_REQUEST", can_retry: false, status_code: 400 });
    asana.faults.inject({ path: "/workspaces", status: 503, times: 1 });
    const unavailable = await engine.invoke("ListWorkspaces", {}, asana.token);
    expect(unavailable.body.output.error).toMatchObject({ kind: "UPSTREAM_RUNTIME_SERVER_ERROR", can_retry: true, status_code: 503 });
  });

  test("Asana's 401 is UPSTREAM_RUNTIME_AUTH_ERROR; a missing injected token says what the Engine must send", async () => {
    const { engine, exchanges } = await workerWithFake();
    const rejected = await engine.invoke("ListWorkspaces", {}, "revoked-token");
    expect(rejected.body.output.error).toMatchObject({ kind: "UPSTREAM_RUNTIME_AUTH_ERROR", can_retry: false, status_code: 401 });
    const none = await engine.invoke("ListWorkspaces", {}, undefined);
    expect(none.body.output.error).toMatchObject({ kind: "TOOL_RUNTIME_CONTEXT_REQUIRED", message: expect.stringContaining("context.authorization.token") });
    expect(exchanges()).toHaveLength(1);
  });

  test("an ambiguous project name is TOOL_RUNTIME_RETRY with the choices in additional_prompt_content", async () => {
    const { engine, asana, requestsTo } = await workerWithFake();
    const twins = [1, 2].map(() => asana.store.insert({ ...asana.world.website, gid: undefined, name: "Twin" }));
    const response = await engine.invoke("CreateTask", { name: "Where does this go?", project: "Twin", workspace_id: asana.world.premium.gid }, asana.token);
    expect(response.body.success).toBe(false);
    expect(response.body.output.error).toEqual({
      message: expect.stringContaining('2 projects are named "Twin"'),
      kind: "TOOL_RUNTIME_RETRY",
      can_retry: true,
      additional_prompt_content: `Matching projects: ${JSON.stringify(twins.map((p) => ({ id: p.gid, name: "Twin" })))}`,
      developer_message: expect.stringContaining("ToolRetryableError"),
    });
    expect(requestsTo("POST", "/tasks")).toHaveLength(0);
  });

  test("an invoke body that is not a JSON object is a 400, not a crash", async () => {
    const { engine } = await workerWithFake();
    for (const body of [null, [], "text", 42]) {
      const token = await mintEngineToken(secret);
      const response = await fetch(`${engine.workerBaseUrl}/worker/tools/invoke`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { error: string }).error).toContain("JSON object");
    }
  });

  test("an invoke body of the wrong shape is a 400 naming the field, never a 500, and reaches nothing", async () => {
    const { engine, asana, exchanges } = await workerWithFake();
    const tool = { name: "ListWorkspaces", toolkit: "Asana", version: "0.1.0" };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, "tool"],
      [{ tool: "ListWorkspaces" }, "tool"],
      [{ tool: { name: 42 } }, "tool.name"],
      [{ tool: { name: "" } }, "tool.name"],
      [{ tool: { name: "ListWorkspaces", toolkit: { name: "Asana" } } }, "tool.toolkit"],
      [{ tool: { ...tool, version: 1 } }, "tool.version"],
      [{ tool, inputs: [] }, "inputs"],
      [{ tool, inputs: "{}" }, "inputs"],
      [{ tool, context: "ada" }, "context"],
      [{ tool, context: { user_id: 7 } }, "context.user_id"],
      [{ tool, context: { authorization: "token" } }, "context.authorization"],
      [{ tool, context: { authorization: { token: 7 } } }, "context.authorization.token"],
      [{ tool, execution_id: 7 }, "execution_id"],
      [{ tool, execution_id: "e".repeat(10_000) }, "execution_id"],
    ];
    for (const [body, field] of cases) {
      const response = await engine.request("POST", "/worker/tools/invoke", { body });
      expect(response.status, JSON.stringify(body).slice(0, 100)).toBe(400);
      expect(response.body.error, JSON.stringify(body).slice(0, 100)).toMatch(new RegExp(`^${field.replace(/\./g, "\\.")} `));
      expect(JSON.stringify(response.body).length).toBeLessThan(500);
    }
    // null is "not given", as elsewhere: the call runs.
    const withNulls = await engine.request("POST", "/worker/tools/invoke", {
      body: { tool: { ...tool, toolkit: null }, inputs: null, context: { authorization: { token: asana.token, user_info: null }, user_id: null } },
    });
    expect(withNulls.status).toBe(200);
    expect(withNulls.body.success).toBe(true);
    expect(exchanges()).toHaveLength(1);
  });

  test("an unknown tool's name is echoed cut short: a 10 MiB name does not come back whole", async () => {
    const { engine, asana } = await workerWithFake();
    const name = `Nope${"x".repeat(10 * 1024 * 1024)}`;
    const response = await engine.invoke(name, {}, asana.token, { execution_id: "exec-long-name" });
    expect(response.status).toBe(404);
    const message: string = response.body.output.error.message;
    expect(message).toContain("Nope");
    expect(message).toContain("/worker/tools");
    expect(message.length).toBeLessThan(300);
    expect(JSON.stringify(response.body).length).toBeLessThan(1_000);
  });

  test("tool and toolkit names are matched case-insensitively, as Arcade compares them", async () => {
    const { engine, asana } = await workerWithFake();
    const asLowercase = await engine.invoke("listworkspaces", { limit: 1 }, asana.token, {
      tool: { name: "listworkspaces", toolkit: "asana", version: packageVersion },
    });
    expect(asLowercase.status).toBe(200);
    expect(asLowercase.body.success).toBe(true);
    const qualified = await engine.invoke("asana.listworkspaces", { limit: 1 }, asana.token, {
      tool: { name: "asana.listworkspaces", toolkit: "asana", version: packageVersion },
    });
    expect(qualified.body.success).toBe(true);
  });

  test("unknown tools are refused with a pointer to /worker/tools", async () => {
    const { engine, asana } = await workerWithFake();
    const response = await engine.invoke("Nope", {}, asana.token);
    expect(response.status).toBe(404);
    expect(response.body.output.error).toMatchObject({ kind: "TOOL_RUNTIME_FATAL", message: expect.stringContaining("/worker/tools") });
  });

  test("/mcp is served side by side with the worker routes", async () => {
    const { http, exchanges } = await workerWithFake({ ASANA_ACCESS_TOKEN: "pat-test-0001" });
    const { client } = await http.connect();
    const result = await call(client, "Asana_ListWorkspaces", {});
    expect(result.isError).toBeFalsy();
    expect(exchanges()).toHaveLength(1);
  });

  test("ARCADE_TOOLKIT_NAME renames the toolkit the worker serves, so it can sit beside Arcade's hosted Asana toolkit", async () => {
    const { engine, asana, http } = await workerWithFake({ ARCADE_TOOLKIT_NAME: "AsanaMcp" });
    const { body } = await engine.request("GET", "/worker/tools");
    expect(new Set(body.map((d: { toolkit: { name: string } }) => d.toolkit.name))).toEqual(new Set(["AsanaMcp"]));
    expect(body.find((d: { name: string }) => d.name === "DeleteTask").fully_qualified_name).toBe("AsanaMcp.DeleteTask");
    const ours = await engine.invoke("ListWorkspaces", { limit: 1 }, asana.token, {
      tool: { name: "ListWorkspaces", toolkit: "asanamcp", version: packageVersion },
    });
    expect(ours.body.success).toBe(true);
    // A call meant for the hosted toolkit is not ours to answer.
    const hosted = await engine.invoke("ListWorkspaces", {}, asana.token, { tool: { name: "ListWorkspaces", toolkit: "Asana", version: "1.2.2" } });
    expect(hosted.status).toBe(404);
    // MCP names stay Asana_<Name> whatever the worker's toolkit is called.
    const tools = (await (await http.connect()).client.listTools()).tools;
    expect(tools.some((t) => t.name === "Asana_ListWorkspaces")).toBe(true);
  });

  test("a bad ARCADE_TOOLKIT_NAME stops the server with the rule", async () => {
    const error = await spawnHttpServer({ ARCADE_WORKER_SECRET: secret, ARCADE_TOOLKIT_NAME: "Asana.Mine" }).catch((e: unknown) => e);
    expect(String(error)).toContain("ARCADE_TOOLKIT_NAME must be letters and digits");
  });

  test("your own Asana provider: definitions and MCP _meta carry its id and the configured scopes, and the same metadata block", async () => {
    const { engine, http } = await workerWithFake({ ARCADE_ASANA_PROVIDER_ID: "my-asana-provider", ARCADE_ASANA_SCOPES: "tasks:read, projects:read" });
    const { body } = await engine.request("GET", "/worker/tools");
    const authorization = { provider_id: "asana", provider_type: "oauth2", id: "my-asana-provider", oauth2: { scopes: ["tasks:read", "projects:read"] } };
    for (const definition of body) expect(definition.requirements.authorization).toEqual(authorization);
    const tools = (await (await http.connect({ headers: { "X-MCP-Toolsets": "all" } })).client.listTools()).tools;
    for (const tool of tools.filter((t) => t.name.startsWith("Asana_") && t._meta?.arcade)) {
      const definition = body.find((d: { name: string }) => `Asana_${d.name}` === tool.name);
      expect(tool._meta, tool.name).toEqual({ arcade: { requirements: { authorization }, metadata: definition.metadata } });
    }
  });

  test("the worker secret is used exactly as given, untrimmed, as the Engine signs with it", async () => {
    const padded = " a-secret-with-spaces-around-it-0123456789 ";
    const asana = await startAsanaFake();
    const http = await spawnHttpServer({ ASANA_BASE_URL: asana.baseUrl, ARCADE_WORKER_SECRET: padded });
    cleanups.push(() => http.close());
    const base = http.url.replace(/\/mcp$/, "");
    expect((await new EngineClient(base, padded).request("GET", "/worker/tools")).status).toBe(200);
    expect((await new EngineClient(base, padded.trim()).request("GET", "/worker/tools")).status).toBe(401);
    expect(http.stderr()).toContain("starts or ends with whitespace");
  });

  test("a short worker secret works but draws a warning", async () => {
    const asana = await startAsanaFake();
    const http = await spawnHttpServer({ ASANA_BASE_URL: asana.baseUrl, ARCADE_WORKER_SECRET: "dev" });
    cleanups.push(() => http.close());
    expect((await new EngineClient(http.url.replace(/\/mcp$/, ""), "dev").request("GET", "/worker/tools")).status).toBe(200);
    expect(http.stderr()).toContain("ARCADE_WORKER_SECRET is only 3 characters long");
  });
});

/** Every string enum a JSON Schema states for a parameter, wherever it sits: the value, its items, an anyOf branch. */
function stringEnumOf(schema: Record<string, unknown>): string[] | undefined {
  const branches = [schema, ...((schema.anyOf as Record<string, unknown>[] | undefined) ?? [])];
  for (const branch of branches) {
    const values = (branch.enum ?? (branch.items as Record<string, unknown> | undefined)?.enum) as unknown[] | undefined;
    const strings = values?.filter((v) => v !== null);
    if (strings && strings.length > 0 && strings.every((v) => typeof v === "string")) return strings as string[];
  }
  return undefined;
}

/** A tool's required parameters, each with the first of a few plausible values its own schema accepts. */
function plausibleInput(tool: (typeof asanaToolkit)[number]): Record<string, unknown> {
  const candidates: unknown[] = ["1204567890123456", "2026-07-01", "me", "Launch", 1, true, ["1204567890123456"], ["notes"], { Priority: "High" }];
  const input: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries((tool.input as z.ZodObject).shape as Record<string, z.ZodType>)) {
    if (schema.safeParse(undefined).success) continue;
    const value = candidates.find((candidate) => schema.safeParse(candidate).success);
    if (value !== undefined) input[key] = value;
  }
  return input;
}

describe("the worker as Arcade's Engine sees it", () => {
  test("enums survive for lists and for optional values, an array's enum on the array as arcade_core's ValueSchema puts it", async () => {
    const { engine, http } = await workerWithFake();
    const { body } = await engine.request("GET", "/worker/tools");
    const valueSchemaOf = (tool: string, name: string) =>
      body.find((d: { name: string }) => d.name === tool).input.parameters.find((p: { name: string }) => p.name === name).value_schema;
    expect(valueSchemaOf("DuplicateProject", "include")).toEqual({
      val_type: "array",
      inner_val_type: "string",
      enum: expect.arrayContaining(["members", "notes", "task_subtasks"]),
    });
    expect(valueSchemaOf("DuplicateTask", "include")).toEqual({
      val_type: "array",
      inner_val_type: "string",
      enum: expect.arrayContaining(["notes", "subtasks"]),
    });
    expect(valueSchemaOf("UpdateProject", "color")).toEqual({ val_type: "string", enum: expect.arrayContaining(["dark-green", "none"]) });
    expect(valueSchemaOf("UpdateGoal", "status")).toEqual({ val_type: "string", enum: expect.arrayContaining(["on_track", "achieved"]) });
    // Every string enum MCP's JSON Schema states reaches the Engine, whatever shape carries it there.
    const tools = (await (await http.connect({ headers: { "X-MCP-Toolsets": "all" } })).client.listTools()).tools;
    let enums = 0;
    for (const tool of tools) {
      const definition = body.find((d: { name: string }) => `Asana_${d.name}` === tool.name);
      for (const [name, schema] of Object.entries((tool.inputSchema.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        const stated = stringEnumOf(schema);
        if (!stated) continue;
        enums += 1;
        expect(definition.input.parameters.find((p: { name: string }) => p.name === name).value_schema.enum, `${tool.name}.${name}`).toEqual(stated);
      }
    }
    expect(enums).toBeGreaterThanOrEqual(15);
  });

  test("no parameter's description is only its name: it carries the format, range and default the definition has no field for", async () => {
    const { engine, http } = await workerWithFake();
    const { body } = await engine.request("GET", "/worker/tools");
    const bare = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");
    let parameters = 0;
    for (const definition of body) {
      for (const parameter of definition.input.parameters) {
        parameters += 1;
        expect(bare(parameter.description), `${definition.name}.${parameter.name}: "${parameter.description}"`).not.toBe(bare(parameter.name));
      }
    }
    expect(parameters).toBeGreaterThan(200);
    const describedAs = (tool: string, name: string) =>
      body.find((d: { name: string }) => d.name === tool).input.parameters.find((p: { name: string }) => p.name === name).description as string;
    // Formats that live in the toolkit's checks, not in the schema: ids are digits, dates YYYY-MM-DD.
    expect(describedAs("GetTaskById", "task_id")).toMatch(/task's Asana id.*digits/);
    expect(describedAs("ListProjects", "workspace_id")).toMatch(/^Omit if the user has one workspace\. .*digits/);
    expect(describedAs("GetTasksWithoutId", "due_on")).toContain("YYYY-MM-DD");
    expect(describedAs("GetTasksByIds", "task_ids")).toMatch(/1-50.*digits|digits.*1-50/);
    // Ranges and defaults, which a ValueSchema cannot hold.
    expect(describedAs("ListProjects", "limit")).toMatch(/^1-100\. Default: 100\.$/);
    expect(describedAs("AddTimeTrackingEntry", "minutes")).toContain("1-10080");
    expect(describedAs("GetTasksWithoutId", "sort_order")).toContain("Default: descending.");
    expect(describedAs("ListMyTasks", "include_completed")).toContain("Default: false.");
    expect(describedAs("DuplicateProject", "include")).toContain("up to 16");
    // Words already there are not repeated.
    expect(describedAs("GetTaskById", "max_subtasks")).toBe("0-100; 0 skips subtasks. Default: 100.");
    expect(describedAs("CreateProject", "due_date")).toBe("Due date, YYYY-MM-DD.");
    // MCP's own listing is unchanged: its JSON Schema carries these, and its descriptions stay as short as they were.
    const mcp = (await (await http.connect({ headers: { "X-MCP-Toolsets": "all" } })).client.listTools()).tools;
    const getTask = mcp.find((t) => t.name === "Asana_GetTaskById")!.inputSchema.properties as Record<string, { description?: string }>;
    expect(getTask.task_id!.description).toBeUndefined();
    expect(getTask.max_subtasks!.description).toBe("0-100; 0 skips subtasks.");
  });

  test("with ARCADE_TOOLKIT_NAME=AsanaMcp, every tool a definition, an error or a result's advice names is AsanaMcp.<Tool>, never Asana_<Tool>", async () => {
    const { engine, asana } = await workerWithFake({ ARCADE_TOOLKIT_NAME: "AsanaMcp" });
    const mcpNames = /\bAsana_[A-Z][A-Za-z]+/g;
    const { body } = await engine.request("GET", "/worker/tools");
    const listing = JSON.stringify(body);
    expect(listing.match(mcpNames) ?? []).toEqual([]);
    // DuplicateProject's description and GetTasksWithoutId's name other tools: they are there, renamed.
    expect(listing).toContain("AsanaMcp.GetJob");
    expect(listing).toContain("AsanaMcp.ListTasksInProject");

    const invoke = (tool: string, inputs: Record<string, unknown>) =>
      engine.invoke(tool, inputs, asana.token, { tool: { name: tool, toolkit: "AsanaMcp", version: packageVersion } });
    const errors: string[] = [];
    const keep = (response: Awaited<ReturnType<typeof invoke>>) => {
      const error = response.body.output.error;
      if (error) errors.push([error.message, error.additional_prompt_content ?? "", error.developer_message ?? ""].join("\n"));
    };
    // The tools' calls within one fault are independent: a few at a time, as an Engine sends them.
    const invokeEach = async (inputsOf: (tool: (typeof asanaToolkit)[number]) => Record<string, unknown>) => {
      const queue = [...asanaToolkit];
      const lane = async () => {
        for (let tool = queue.shift(); tool; tool = queue.shift()) keep(await invoke(tool.name, inputsOf(tool)));
      };
      await Promise.all(Array.from({ length: 6 }, lane));
    };
    // Input refused before anything reaches Asana: the fixes name the tools that find valid values.
    await invokeEach((tool) => ({ ...plausibleInput(tool), [Object.keys((tool.input as z.ZodObject).shape)[0]!]: "?" }));
    // Asana's refusals, with each tool's hints for them.
    for (const status of [400, 402, 403, 404]) {
      asana.faults.inject({ path: /./, status, times: 100_000 });
      await invokeEach(plausibleInput);
      asana.faults.clear();
    }
    // A create whose answer was a 5xx after Asana made it: the hint says where to look.
    asana.faults.inject({ method: "POST", path: "/tags", status: 500, afterWork: "error" });
    keep(await invoke("CreateTag", { name: "Launch", workspace_id: asana.world.premium.gid }));
    const text = errors.join("\n");
    expect(errors.length).toBeGreaterThan(asanaToolkit.length * 4);
    expect(text.match(mcpNames) ?? []).toEqual([]);
    for (const name of ["AsanaMcp.ListTags", "AsanaMcp.ListProjects", "AsanaMcp.ListWorkspaces", "AsanaMcp.ListTasksInProject", "AsanaMcp.GetProjectById"]) {
      expect(text).toContain(name);
    }
    // A result's own advice: a duplication still running points at GetJob.
    const copy = await invoke("DuplicateProject", { project_id: asana.world.launch.gid, name: "Launch copy", wait_seconds: 0 });
    expect(copy.body.output.value.status.message).toContain("call AsanaMcp.GetJob with job_id");
  }, 120_000); // 525 invocations: room for a busy machine

  test("tool.version is matched as Arcade matches it: absent, empty or equal (ignoring case) runs; another version is a 404 naming both", async () => {
    const { engine, asana, exchanges } = await workerWithFake({ ARCADE_TOOLKIT_NAME: "AsanaMcp", ARCADE_TOOLKIT_VERSION: "2.3.0-RC1" });
    const { body } = await engine.request("GET", "/worker/tools");
    expect(new Set(body.map((d: { toolkit: { version: string } }) => d.toolkit.version))).toEqual(new Set(["2.3.0-RC1"]));
    const atVersion = (version: string | undefined) =>
      engine.invoke("ListWorkspaces", { limit: 1 }, asana.token, {
        tool: { name: "ListWorkspaces", toolkit: "AsanaMcp", ...(version !== undefined ? { version } : {}) },
      });
    for (const version of [undefined, "", "2.3.0-RC1", "2.3.0-rc1"]) expect((await atVersion(version)).body.success, String(version)).toBe(true);
    const other = await atVersion("1.2.2");
    expect(other.status).toBe(404);
    expect(other.body.success).toBe(false);
    expect(other.body.output.error).toEqual({
      kind: "TOOL_RUNTIME_FATAL",
      can_retry: false,
      message: expect.stringContaining("This worker serves AsanaMcp version 2.3.0-RC1, not 1.2.2"),
    });
    expect(other.body.output.error.message).toContain("AsanaMcp.ListWorkspaces@1.2.2");
    expect(exchanges()).toHaveLength(4);
  });

  test("the toolkit version defaults to the package's, and a malformed ARCADE_TOOLKIT_VERSION stops the server with the rule", async () => {
    const { engine } = await workerWithFake();
    const { body } = await engine.request("GET", "/worker/tools");
    expect(body[0].toolkit.version).toBe(packageVersion);
    const outcome = await spawnHttpServer({ ARCADE_WORKER_SECRET: secret, ARCADE_TOOLKIT_VERSION: "1.0 beta" }).then(
      (started) => {
        cleanups.push(() => started.close());
        return "the server started";
      },
      (error: unknown) => String(error),
    );
    expect(outcome).toContain("ARCADE_TOOLKIT_VERSION must be");
  });

  test("an unknown tool's answer says where the tools are listed; a tool this worker does not serve is said to exist, and why it is not here", async () => {
    const { engine, asana, exchanges } = await workerWithFake({ ARCADE_WORKER_TOOLSETS: "tasks" });
    const unknown = await engine.invoke("Nope", {}, asana.token);
    expect(unknown.status).toBe(404);
    expect(unknown.body.output.error).toEqual({
      kind: "TOOL_RUNTIME_FATAL",
      can_retry: false,
      message: expect.stringMatching(/^This worker has no tool Asana\.Nope\. GET \/worker\/tools lists the \d+ tools it serves\.$/),
    });
    const elsewhere = await engine.invoke("CreateProject", { name: "Launch" }, asana.token);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.output.error.message).toMatch(
      /^Asana\.CreateProject exists but is not served here: it is in the toolset projects, and this worker serves tasks \(ARCADE_WORKER_TOOLSETS or --worker-toolsets\)\./,
    );
    expect(elsewhere.body.output.error.message).toContain("GET /worker/tools");
    expect(exchanges()).toHaveLength(0);
  });

  test("a read-only worker says a write tool exists but is not served, and a call for another toolkit names the one served here", async () => {
    const { engine, asana, exchanges } = await workerWithFake({ ASANA_READ_ONLY: "true", ARCADE_TOOLKIT_NAME: "AsanaMcp" });
    const write = await engine.invoke("DeleteTask", { task_id: asana.world.task.gid }, asana.token, {
      tool: { name: "DeleteTask", toolkit: "AsanaMcp", version: packageVersion },
    });
    expect(write.status).toBe(404);
    expect(write.body.output.error.message).toMatch(/^AsanaMcp\.DeleteTask exists but is not served here: it changes Asana, and this worker is read-only/);
    const hosted = await engine.invoke("ListWorkspaces", {}, asana.token, { tool: { name: "ListWorkspaces", toolkit: "Asana", version: "1.2.2" } });
    expect(hosted.status).toBe(404);
    expect(hosted.body.output.error.message).toMatch(
      /^This worker serves the toolkit AsanaMcp, not Asana: Asana\.ListWorkspaces is not here\. GET \/worker\/tools/,
    );
    expect(exchanges()).toHaveLength(0);
  });
});
