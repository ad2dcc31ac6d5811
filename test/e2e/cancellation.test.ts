import { spawn } from "node:child_process";
import { afterEach, describe, expect, test } from "vitest";
import { startFakeArcade, type FakeArcade } from "../fakes/arcade.js";
import { startAsanaFake, type AsanaFake } from "../support/asana-fake.js";
import { cleanEnv, cliPath, connectStdio, spawnHttpServer, type Connected } from "../support/spawn-server.js";
import { call } from "./scenarios.js";

/**
 * A call cancelled as it arrives, or a few milliseconds later, must never take the server down: a shared
 * server serves every user, and with front-door auth any authenticated user could otherwise stop it.
 */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type TokenSource = "personal access token" | "Arcade, not yet authorized" | "Arcade, authorized";
const tokenSources: TokenSource[] = ["personal access token", "Arcade, not yet authorized", "Arcade, authorized"];
const cancelAfterMs = [0, 1, 5];

async function environment(source: TokenSource): Promise<{ asana: AsanaFake; env: Record<string, string> }> {
  const asana = await startAsanaFake();
  if (source === "personal access token") return { asana, env: { ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token } };
  const arcade: FakeArcade = await startFakeArcade();
  cleanups.push(() => arcade.close());
  if (source === "Arcade, authorized") {
    asana.addToken("arcade-token", asana.world.me.gid);
    arcade.approve("ada@acme.test", "arcade-token");
  }
  return {
    asana,
    env: { ASANA_BASE_URL: asana.baseUrl, ARCADE_API_KEY: arcade.apiKey, ARCADE_BASE_URL: arcade.baseUrl, ARCADE_USER_ID: "ada@acme.test" },
  };
}

/** Starts a call and aborts it after `delayMs` (0: in the same tick, so the cancellation arrives with the call). */
async function cancelledCall(connection: Connected, taskId: string, delayMs: number): Promise<void> {
  const controller = new AbortController();
  const pending = call(connection.client, "Asana_GetTaskById", { task_id: taskId, max_subtasks: 0 }, { signal: controller.signal }).catch(() => undefined);
  if (delayMs === 0) controller.abort("cancelled on arrival");
  else setTimeout(() => controller.abort(`cancelled after ${delayMs} ms`), delayMs);
  await pending;
}

describe.each(tokenSources)("cancellation with %s", (source) => {
  test("over stdio: calls cancelled at 0, 1 and 5 ms leave the server alive and serving", async () => {
    const { asana, env } = await environment(source);
    const connection = await connectStdio(env);
    cleanups.push(() => connection.close());
    for (const delay of cancelAfterMs) for (let round = 0; round < 3; round++) await cancelledCall(connection, asana.world.task.gid, delay);
    // The process is still there and still answers: a call that is not cancelled gets its result.
    const after = await call(connection.client, "Asana_ListWorkspaces", {});
    if (source === "Arcade, not yet authorized") expect(after.isError).toBe(true);
    else expect(after.isError).toBeFalsy();
    expect(connection.stderr()).not.toMatch(/Unhandled|failed to start/i);
  });

  test("over stdio: a call and its cancellation in one write (the handler starts already cancelled)", async () => {
    const { asana, env } = await environment(source);
    const child = spawn(process.execPath, [cliPath], { env: cleanEnv({ ...env, ASANA_MCP_LOG_LEVEL: "info" }), stdio: ["pipe", "pipe", "pipe"] });
    cleanups.push(async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGKILL");
        await exited;
      }
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const line = (message: unknown) => `${JSON.stringify(message)}\n`;
    child.stdin.write(
      line({
        jsonrpc: "2.0",
        id: 0,
        method: "initialize",
        params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
      }) + line({ jsonrpc: "2.0", method: "notifications/initialized" }),
    );
    await expect.poll(() => stdout.includes('"id":0'), { timeout: 10_000 }).toBe(true);
    for (let id = 1; id <= 5; id++) {
      child.stdin.write(
        line({ jsonrpc: "2.0", id, method: "tools/call", params: { name: "Asana_GetTaskById", arguments: { task_id: asana.world.task.gid } } }) +
          line({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: id, reason: "cancelled on arrival" } }),
      );
      // Wait until Arcade's "pending" has come back for a call nobody waits for any more: that is the moment
      // an unhandled rejection would end the process.
      if (source === "Arcade, not yet authorized") await expect.poll(() => stderr.split("authorization is pending").length - 1, { timeout: 10_000 }).toBe(id);
    }
    // A call that goes through the same token source is answered after the cancelled ones' round trips
    // have come back; a request sent after that is answered only if the process survived them.
    child.stdin.write(line({ jsonrpc: "2.0", id: 99, method: "tools/call", params: { name: "Asana_ListWorkspaces", arguments: {} } }));
    await expect.poll(() => stdout.includes('"id":99'), { timeout: 10_000 }).toBe(true);
    child.stdin.write(line({ jsonrpc: "2.0", id: 100, method: "tools/list" }));
    await expect.poll(() => stdout.includes('"id":100'), { timeout: 10_000 }).toBe(true);
    expect(child.exitCode).toBeNull();
  });

  test("over HTTP: a batch of [tools/call, notifications/cancelled] and dropped connections leave the server alive", async () => {
    const { asana, env } = await environment(source);
    const http = await spawnHttpServer(env);
    cleanups.push(() => http.close());
    const batch = JSON.stringify([
      { jsonrpc: "2.0", id: 7, method: "tools/call", params: { name: "Asana_GetTaskById", arguments: { task_id: asana.world.task.gid } } },
      { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 7, reason: "cancelled on arrival" } },
    ]);
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
    for (let round = 0; round < 3; round++) {
      const response = await fetch(http.url, { method: "POST", headers, body: batch });
      await response.text();
    }
    for (const delay of cancelAfterMs) {
      const controller = new AbortController();
      const single = JSON.stringify({
        jsonrpc: "2.0",
        id: 8,
        method: "tools/call",
        params: { name: "Asana_GetTaskById", arguments: { task_id: asana.world.task.gid } },
      });
      const request = fetch(http.url, { method: "POST", headers, body: single, signal: controller.signal })
        .then((r) => r.text())
        .catch(() => undefined);
      if (delay === 0) controller.abort();
      else setTimeout(() => controller.abort(), delay);
      await request;
    }
    const { client } = await http.connect();
    const after = await call(client, "Asana_ListWorkspaces", {});
    if (source === "Arcade, not yet authorized") expect(after.isError).toBe(true);
    else expect(after.isError).toBeFalsy();
    expect(http.child.exitCode).toBeNull();
  });
});
