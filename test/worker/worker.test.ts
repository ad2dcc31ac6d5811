import { afterEach, describe, expect, test } from "vitest";
import { EngineClient, mintEngineToken, unsignedToken } from "../fakes/engine-client.js";
import { startAsanaFake, type AsanaFake } from "../support/asana-fake.js";
import { spawnHttpServer, type SpawnedHttpServer } from "../support/spawn-server.js";
import { call } from "../e2e/scenarios.js";

const secret = "worker-secret-for-tests-0123456789";
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function workerWithFake(env: Record<string, string> = {}): Promise<{ asana: AsanaFake; http: SpawnedHttpServer; engine: EngineClient }> {
  const asana = await startAsanaFake();
  // No credentials of its own: in worker mode every Asana token comes from the Engine.
  const http = await spawnHttpServer({ ASANA_BASE_URL: asana.baseUrl, ARCADE_WORKER_SECRET: secret, ASANA_MAX_RETRIES: "0", ...env });
  cleanups.push(() => http.close());
  return { asana, http, engine: new EngineClient(http.url.replace(/\/mcp$/, ""), secret) };
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
      { name: "task_id", required: true, description: "task id", inferrable: true, value_schema: { val_type: "string" } },
      { name: "max_subtasks", required: false, description: expect.stringContaining("0-100"), inferrable: true, value_schema: { val_type: "integer" } },
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
    const { engine, asana } = await workerWithFake();
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
    expect(asana.exchanges.map((e) => e.headers.authorization)).toEqual(["Bearer engine-injected-token"]);
  });

  test("DeleteTask through the worker deletes the task", async () => {
    const { engine, asana } = await workerWithFake();
    const response = await engine.invoke("DeleteTask", { task_id: asana.world.task.gid }, asana.token);
    expect(response.body.success).toBe(true);
    expect(response.body.output.value).toEqual({ status: { success: true, message: expect.stringContaining("deleted") }, task: { id: asana.world.task.gid } });
    expect(asana.store.get(asana.world.task.gid)).toBeUndefined();
  });

  test("bad input is TOOL_RUNTIME_BAD_INPUT_VALUE and reaches nothing", async () => {
    const { engine, asana } = await workerWithFake();
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
    expect(asana.exchanges).toHaveLength(0);
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
    const { engine, asana } = await workerWithFake();
    const rejected = await engine.invoke("ListWorkspaces", {}, "revoked-token");
    expect(rejected.body.output.error).toMatchObject({ kind: "UPSTREAM_RUNTIME_AUTH_ERROR", can_retry: false, status_code: 401 });
    const none = await engine.invoke("ListWorkspaces", {}, undefined);
    expect(none.body.output.error).toMatchObject({ kind: "TOOL_RUNTIME_CONTEXT_REQUIRED", message: expect.stringContaining("context.authorization.token") });
    expect(asana.exchanges).toHaveLength(1);
  });

  test("an ambiguous project name is TOOL_RUNTIME_RETRY with the choices in additional_prompt_content", async () => {
    const { engine, asana } = await workerWithFake();
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
    expect(asana.requestsTo("POST", "/tasks")).toHaveLength(0);
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
    const { engine, asana } = await workerWithFake();
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
    expect(asana.exchanges).toHaveLength(1);
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
      tool: { name: "listworkspaces", toolkit: "asana", version: "0.1.0" },
    });
    expect(asLowercase.status).toBe(200);
    expect(asLowercase.body.success).toBe(true);
    const qualified = await engine.invoke("asana.listworkspaces", { limit: 1 }, asana.token, {
      tool: { name: "asana.listworkspaces", toolkit: "asana", version: "0.1.0" },
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
    const { http, asana } = await workerWithFake({ ASANA_ACCESS_TOKEN: "pat-test-0001" });
    const { client } = await http.connect();
    const result = await call(client, "Asana_ListWorkspaces", {});
    expect(result.isError).toBeFalsy();
    expect(asana.exchanges).toHaveLength(1);
  });

  test("ARCADE_TOOLKIT_NAME renames the toolkit the worker serves, so it can sit beside Arcade's hosted Asana toolkit", async () => {
    const { engine, asana, http } = await workerWithFake({ ARCADE_TOOLKIT_NAME: "AsanaMcp" });
    const { body } = await engine.request("GET", "/worker/tools");
    expect(new Set(body.map((d: { toolkit: { name: string } }) => d.toolkit.name))).toEqual(new Set(["AsanaMcp"]));
    expect(body.find((d: { name: string }) => d.name === "DeleteTask").fully_qualified_name).toBe("AsanaMcp.DeleteTask");
    const ours = await engine.invoke("ListWorkspaces", { limit: 1 }, asana.token, { tool: { name: "ListWorkspaces", toolkit: "asanamcp", version: "0.1.0" } });
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
