import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { connectStdio, spawnHttpServer, type SpawnedHttpServer } from "../support/spawn-server.js";
import { call, textOf } from "./scenarios.js";

/**
 * Chat clients get the everyday tools by default; the rest is reachable by flag, per HTTP request,
 * and at run time over stdio. Each is driven here with the SDK's own client.
 */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The tests of a plain `--sandbox` HTTP server share one, started by the first that asks (a server is a
 * few tenths of a second of CPU to start): it is stateless, and each test connects its own clients.
 */
let sandboxHttp: Promise<SpawnedHttpServer> | undefined;
afterAll(async () => (await sandboxHttp?.catch(() => undefined))?.close());
function sharedSandboxHttp(): Promise<SpawnedHttpServer> {
  sandboxHttp ??= spawnHttpServer({}, ["--sandbox"]);
  return sandboxHttp;
}

/** A client of this test's own, closed when the test ends. */
async function connectOwn(http: SpawnedHttpServer, options?: Parameters<SpawnedHttpServer["connect"]>[0]) {
  const connection = await http.connect(options);
  cleanups.push(() => connection.close());
  return connection;
}

/** A stdio sandbox server whose client records each tools/list_changed notice. */
async function sandboxWatchingToolList() {
  const connection = await connectStdio({}, { args: ["--sandbox"] });
  cleanups.push(() => connection.close());
  const changes: string[] = [];
  connection.client.setNotificationHandler(ToolListChangedNotificationSchema, async (notification) => void changes.push(notification.method));
  return { client: connection.client, changes };
}

const namesOf = (tools: Array<{ name: string }>) => tools.map((tool) => tool.name);

describe("tool profiles", () => {
  test("over stdio: the default profile plus discovery; enabling a toolset notifies list_changed and its tools work", async () => {
    const { client, changes } = await sandboxWatchingToolList();

    const before = namesOf((await client.listTools()).tools);
    expect(before).toEqual(expect.arrayContaining(["Asana_GetTaskById", "Asana_CreateTask", "Asana_ListToolsets", "Asana_EnableToolset"]));
    expect(before).not.toContain("Asana_CreateTag");

    const listed = await call(client, "Asana_ListToolsets", {});
    const tags = (listed.structuredContent as { toolsets: Array<{ name: string; tools: number; enabled: boolean; approx_tokens: number }> }).toolsets.find(
      (t) => t.name === "tags",
    );
    expect(tags).toMatchObject({ tools: 6, enabled: false });
    expect(tags!.approx_tokens).toBeGreaterThan(0);

    const enabled = await call(client, "Asana_EnableToolset", { toolset: "tags" });
    expect(enabled.structuredContent).toEqual({
      toolset: "tags",
      added_tools: ["Asana_GetTagById", "Asana_CreateTag", "Asana_ListTags", "Asana_UpdateTag", "Asana_DeleteTag", "Asana_ListTasksWithTag"],
    });
    await expect.poll(() => changes).toEqual(["notifications/tools/list_changed"]);
    const after = namesOf((await client.listTools()).tools);
    expect(after).toEqual(expect.arrayContaining([...before, "Asana_CreateTag", "Asana_ListTags"]));
    const created = await call(client, "Asana_CreateTag", { name: "from-discovery" });
    expect(created.isError, textOf(created)).toBeFalsy();

    const unknown = await call(client, "Asana_EnableToolset", { toolset: "nonsense" });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toContain("`toolset`: must be one of tasks, projects");
  });

  test("over stdio: EnableToolset with one tool's name lists that tool alone, notifies list_changed, and the tool works", async () => {
    const { client, changes } = await sandboxWatchingToolList();

    const before = namesOf((await client.listTools()).tools);
    const enabled = await call(client, "Asana_EnableToolset", { tool: "Asana_GetProjectById" });
    expect(enabled.structuredContent).toEqual({ tool: "Asana_GetProjectById", added_tools: ["Asana_GetProjectById"] });
    await expect.poll(() => changes).toEqual(["notifications/tools/list_changed"]);
    const after = namesOf((await client.listTools()).tools);
    expect(after.sort()).toEqual([...before, "Asana_GetProjectById"].sort());
    const project = await call(client, "Asana_GetProjectById", { project_id: "Website Refresh" });
    expect(project.isError, textOf(project)).toBeFalsy();
  });

  test("by flag: --toolsets all lists every tool and no discovery tools; --toolsets tags only the tag tools", async () => {
    const all = await connectStdio({}, { args: ["--sandbox", "--toolsets", "all"] });
    cleanups.push(() => all.close());
    const everything = namesOf((await all.client.listTools()).tools);
    expect(everything).toContain("Asana_GetTeamById");
    expect(everything).not.toContain("Asana_EnableToolset");

    const tagsOnly = await connectStdio({ ASANA_TOOLSETS: "tags" }, { args: ["--sandbox"] });
    cleanups.push(() => tagsOnly.close());
    const tagTools = namesOf((await tagsOnly.client.listTools()).tools).filter((name) => !/Toolset/.test(name));
    expect(tagTools.sort()).toEqual(["Asana_CreateTag", "Asana_DeleteTag", "Asana_GetTagById", "Asana_ListTags", "Asana_ListTasksWithTag", "Asana_UpdateTag"]);
  });

  test("per HTTP request: the toolsets query parameter or the X-MCP-Toolsets header; a bad name is a 400 that names the choices", async () => {
    const http = await sharedSandboxHttp();
    const everyday = namesOf((await (await connectOwn(http)).client.listTools()).tools);
    expect(everyday).toContain("Asana_GetTaskById");
    expect(everyday).not.toContain("Asana_EnableToolset"); // a stateless request cannot keep a toolset on

    const byHeader = await connectOwn(http, { headers: { "X-MCP-Toolsets": "teams" } });
    expect(namesOf((await byHeader.client.listTools()).tools).sort()).toEqual([
      "Asana_GetTeamById",
      "Asana_ListTeams",
      "Asana_ListTeamsTheCurrentUserIsAMemberOf",
    ]);

    const url = new URL(http.url);
    url.searchParams.set("toolsets", "default,teams");
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
    const byQuery = await (await fetch(url, { method: "POST", headers, body })).text();
    expect(byQuery).toContain("Asana_GetTeamById");
    expect(byQuery).toContain("Asana_GetTaskById");

    const readOnly = await connectOwn(http, { headers: { "X-MCP-Readonly": "true" } });
    expect((await readOnly.client.listTools()).tools.every((tool) => tool.annotations?.readOnlyHint)).toBe(true);

    url.searchParams.set("toolsets", "nonsense");
    const bad = await fetch(url, { method: "POST", headers, body });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('unknown toolset \\"nonsense\\"; choose from: default, all, tasks');
  });
});

describe("an operator's limits are a ceiling", () => {
  const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
  const rpc = (id: number, method: string, params?: Record<string, unknown>) => JSON.stringify({ jsonrpc: "2.0", id, method, ...(params ? { params } : {}) });

  async function post(url: URL, body: string, extra: Record<string, string> = {}) {
    const response = await fetch(url, { method: "POST", headers: { ...headers, ...extra }, body });
    return { status: response.status, text: await response.text() };
  }

  test("over HTTP with --toolsets tags: a request narrows it, never widens it", async () => {
    const http = await spawnHttpServer({}, ["--sandbox", "--toolsets", "tags"]);
    cleanups.push(() => http.close());
    const url = (toolsets?: string) => {
      const u = new URL(http.url);
      if (toolsets !== undefined) u.searchParams.set("toolsets", toolsets);
      return u;
    };

    const widened = await post(url("projects"), rpc(1, "tools/call", { name: "Asana_DeleteProject", arguments: { project_id: "1" } }));
    expect(widened.status).toBe(400);
    expect(widened.text).toContain("this server offers only the toolsets tags");

    const all = await post(url("all"), rpc(2, "tools/list"));
    expect(all.status).toBe(200);
    expect(
      JSON.parse(all.text)
        .result.tools.map((t: { name: string }) => t.name)
        .sort(),
    ).toEqual(["Asana_CreateTag", "Asana_DeleteTag", "Asana_GetTagById", "Asana_ListTags", "Asana_ListTasksWithTag", "Asana_UpdateTag"]);

    const byHeader = await post(url(), rpc(3, "tools/list"), { "X-MCP-Toolsets": "tags,projects" });
    expect(JSON.parse(byHeader.text).result.tools).toHaveLength(6);
  });

  test("over HTTP: X-MCP-Readonly takes yes/no words, and an unknown value is a 400, not a silent no", async () => {
    const http = await spawnHttpServer({}, ["--sandbox", "--toolsets", "all"]);
    cleanups.push(() => http.close());
    const url = new URL(http.url);
    for (const yes of ["yes", "on", "TRUE", "1"]) {
      const listed = await post(url, rpc(1, "tools/list"), { "X-MCP-Readonly": yes });
      const tools = JSON.parse(listed.text).result.tools as Array<{ name: string; annotations: { readOnlyHint: boolean } }>;
      expect(
        tools.every((t) => t.annotations.readOnlyHint),
        `X-MCP-Readonly: ${yes}`,
      ).toBe(true);
      const deleted = await post(url, rpc(2, "tools/call", { name: "Asana_DeleteTask", arguments: { task_id: "1" } }), { "X-MCP-Readonly": yes });
      expect(deleted.text).toContain("Unknown tool");
    }
    const bad = await post(url, rpc(3, "tools/list"), { "X-MCP-Readonly": "maybe" });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("X-MCP-Readonly");
    const no = await post(url, rpc(4, "tools/list"), { "X-MCP-Readonly": "no" });
    expect(JSON.parse(no.text).result.tools.map((t: { name: string }) => t.name)).toContain("Asana_DeleteTask");
  });

  test("without an operator's --toolsets, the default profile is only a default: a request may choose any toolset", async () => {
    const http = await sharedSandboxHttp();
    const url = new URL(http.url);
    url.searchParams.set("toolsets", "projects");
    const listed = await post(url, rpc(1, "tools/list"));
    expect(JSON.parse(listed.text).result.tools.map((t: { name: string }) => t.name)).toContain("Asana_DeleteProject");
  });

  test("over stdio with --toolsets tags: the model cannot switch on more", async () => {
    const connection = await connectStdio({}, { args: ["--sandbox", "--toolsets", "tags"] });
    cleanups.push(() => connection.close());
    const names = namesOf((await connection.client.listTools()).tools);
    expect(names).not.toContain("Asana_EnableToolset");
    // Refused either way: an unknown tool is a protocol error, a refusal an error result.
    const refused = await call(connection.client, "Asana_EnableToolset", { toolset: "projects" }).catch((error: Error) => ({ isError: true, error }));
    expect(refused.isError).toBe(true);
    expect(namesOf((await connection.client.listTools()).tools)).not.toContain("Asana_DeleteProject");
  });
});
