import { afterEach, describe, expect, test } from "vitest";
import { EngineClient } from "../fakes/engine-client.js";
import { startAsanaFake } from "../support/asana-fake.js";
import { spawnHttpServer, type SpawnedHttpServer } from "../support/spawn-server.js";
import { call, textOf } from "./scenarios.js";

/**
 * Arguments as strict-mode clients send them reach the one input check through every front door of the
 * built server, with nothing in front refusing them first: MCP over HTTP through the SDK's own client,
 * and the Arcade worker's invoke route. (test/toolkit/argument-quirks.test.ts covers every tool and quirk.)
 */
const secret = "worker-secret-for-tests-0123456789";
const servers: SpawnedHttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** UpdateTask as OpenAI's strict mode sends it: a new name, and null for every other parameter. */
function strictRename(taskId: string, name: string): Record<string, unknown> {
  const optional = [
    "completed",
    "start_date",
    "due_date",
    "description",
    "html_notes",
    "assignee_id",
    "task_type",
    "approval_status",
    "custom_fields",
    "clear",
  ];
  return { ...Object.fromEntries(optional.map((key) => [key, null])), task_id: taskId, name };
}

describe("arguments as clients send them, through each front door", () => {
  test("MCP over HTTP and the Arcade worker take a strict-mode UpdateTask and an id sent as a number", async () => {
    const asana = await startAsanaFake();
    const http = await spawnHttpServer({ ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token, ARCADE_WORKER_SECRET: secret });
    servers.push(http);
    const { task } = asana.world;
    const before = { ...asana.store.get(task.gid) };

    const { client } = await http.connect();
    const renamed = await call(client, "Asana_UpdateTask", strictRename(task.gid, "Renamed over MCP"));
    expect(renamed.isError, textOf(renamed)).toBeFalsy();
    const byNumber = await call(client, "Asana_GetTasksByIds", { task_ids: Number(task.gid) });
    expect(byNumber.isError, textOf(byNumber)).toBeFalsy();
    expect(byNumber.structuredContent).toMatchObject({ tasks: [{ id: task.gid, name: "Renamed over MCP" }] });

    const engine = new EngineClient(http.url.replace(/\/mcp$/, ""), secret);
    const invoked = await engine.invoke("UpdateTask", strictRename(task.gid, "Renamed by the Engine"), asana.token);
    expect(invoked.body.success, JSON.stringify(invoked.body.output)).toBe(true);
    const read = await engine.invoke("GetTaskById", { task_id: Number(task.gid), max_subtasks: "0" }, asana.token);
    expect(read.body.output.value).toMatchObject({ task: { id: task.gid, name: "Renamed by the Engine" } });

    // Only the name changed: nothing null reached Asana as "empty it".
    expect(asana.requestsTo("PUT", `/tasks/${task.gid}`).map((exchange) => exchange.body)).toEqual([
      { data: { name: "Renamed over MCP" } },
      { data: { name: "Renamed by the Engine" } },
    ]);
    expect(asana.store.get(task.gid)).toMatchObject({ ...before, name: "Renamed by the Engine", modified_at: expect.any(String) });
  });
});
