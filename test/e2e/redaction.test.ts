import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import { mintEngineToken } from "../fakes/engine-client.js";
import { startFakeArcade, type FakeArcade } from "../fakes/arcade.js";
import { startAsanaFake, type AsanaFake } from "../support/asana-fake.js";
import { allPlanted, currentShapePat, leakedSecrets, plantedCredentials } from "../support/credential-shapes.js";
import { legacyOpening, rawStdioRun, toolCall } from "../support/raw-stdio.js";
import { cleanEnv, cliPath, spawnHttpServer, type SpawnedHttpServer } from "../support/spawn-server.js";

/**
 * Credentials planted in everything that comes from outside, in every place a probe found them coming
 * back out: Asana's error messages and help, a batch action's error, an Asana-Change header, Arcade's
 * error texts. Whatever the front door (stdio, HTTP, the Arcade worker, the user-verifier page, the
 * `call` command), none of them may reach a tool result, a log notification, a page or stderr.
 */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Header values cannot hold line breaks: the credentials that fit on one line. */
const plantedOnOneLine = plantedCredentials
  .filter((c) => !c.text.includes("\n"))
  .map((c) => c.text)
  .join(" | ");

/** The server's own token, in Asana's current shape, echoed in every error besides the planted ones. */
async function asanaEchoingCredentials(): Promise<AsanaFake> {
  const asana = await startAsanaFake();
  asana.addToken(currentShapePat, asana.world.me.gid);
  const echoed = `Not Authorized for ${currentShapePat}: ${allPlanted}`;
  const { faults, world } = asana;
  faults.inject({ method: "GET", path: `/tasks/${world.task.gid}`, status: 400, message: echoed, help: allPlanted, times: 5 });
  faults.inject({ method: "GET", path: `/tasks/${world.subtasks[0]!.gid}`, status: 404, message: echoed, inBatch: true, times: 5 });
  faults.inject({ method: "GET", path: "/workspaces", headers: { "asana-change": `name=new_tokens;info=${plantedOnOneLine}` }, times: 5 });
  faults.inject({ method: "POST", path: "/tasks", status: 500, message: echoed, times: 5 });
  return asana;
}

function expectNothingLeaked(where: string, text: string) {
  expect(leakedSecrets(text), `credentials that reached ${where}`).toEqual([]);
  expect(text, `the server's own token in ${where}`).not.toContain(currentShapePat.split(":")[1]);
}

describe("credentials from outside never come back out", () => {
  test("over stdio: tool results, log notifications and stderr", async () => {
    const asana = await asanaEchoingCredentials();
    const { world } = asana;
    const run = await rawStdioRun(
      { ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: currentShapePat, ASANA_MCP_LOG_LEVEL: "debug" },
      [
        ...legacyOpening(),
        { jsonrpc: "2.0", id: "level", method: "logging/setLevel", params: { level: "debug" } },
        toolCall(1, "Asana_GetTaskById", { task_id: world.task.gid }),
        toolCall(2, "Asana_GetTasksByIds", { task_ids: [world.subtasks[0]!.gid, world.subtasks[1]!.gid] }),
        toolCall(3, "Asana_ListWorkspaces", {}),
        toolCall(4, "Asana_CreateTask", { name: "Leaky", project: world.launch.gid }),
      ],
      { awaitIds: ["init", "level", 1, 2, 3, 4] },
    );
    // Each call met its planted answer (so the test proves something), and the answers are whole.
    const results = new Map(run.messages.filter((m) => "id" in m).map((m) => [m.id, m]));
    expect(JSON.stringify(results.get(1))).toContain("400");
    expect(JSON.stringify(results.get(2))).toContain("missing");
    expect(JSON.stringify(results.get(3))).toContain("workspaces");
    expect(JSON.stringify(results.get(4))).toContain("500");
    expect(run.stderr).toMatch(/API change/);
    expectNothingLeaked("stdout (results and log notifications)", run.stdout);
    expectNothingLeaked("stderr", run.stderr);
  });

  test("over HTTP and the Arcade worker: answers and stderr", async () => {
    const asana = await asanaEchoingCredentials();
    const secret = "worker-secret-0123456789abcdef0123456789";
    const server: SpawnedHttpServer = await spawnHttpServer({
      ASANA_BASE_URL: asana.baseUrl,
      ASANA_ACCESS_TOKEN: currentShapePat,
      ARCADE_WORKER_SECRET: secret,
      ASANA_MCP_LOG_LEVEL: "debug",
    });
    cleanups.push(() => server.close());
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-11-25" };
    const mcp = await fetch(server.url, {
      method: "POST",
      headers,
      body: JSON.stringify(toolCall(1, "Asana_GetTaskById", { task_id: asana.world.task.gid })),
    });
    const mcpText = await mcp.text();
    expect(mcpText).toContain("400");
    const invoke = await fetch(server.url.replace(/\/mcp$/, "/worker/tools/invoke"), {
      method: "POST",
      headers: { authorization: `Bearer ${await mintEngineToken(secret)}`, "content-type": "application/json" },
      body: JSON.stringify({
        tool: { name: "GetTaskById", toolkit: "Asana" },
        inputs: { task_id: asana.world.task.gid },
        context: { authorization: { token: currentShapePat }, user_id: "ada@acme.test" },
      }),
    });
    const invokeText = await invoke.text();
    expect(invokeText).toContain("UPSTREAM_RUNTIME_BAD_REQUEST");
    expectNothingLeaked("the /mcp answer", mcpText);
    expectNothingLeaked("the worker's answer", invokeText);
    expectNothingLeaked("stderr", server.stderr());
  });

  describe("Arcade's error texts", () => {
    async function arcadeSayingCredentials(): Promise<FakeArcade> {
      const arcade = await startFakeArcade();
      cleanups.push(() => arcade.close());
      return arcade;
    }

    test("in a tool result, when Arcade refuses the authorization", async () => {
      const arcade = await arcadeSayingCredentials();
      arcade.answerWith("POST", "/v1/auth/authorize", 400, { message: allPlanted });
      const run = await rawStdioRun(
        { ARCADE_API_KEY: arcade.apiKey, ARCADE_BASE_URL: arcade.baseUrl, ARCADE_USER_ID: "ada@acme.test", ASANA_MCP_LOG_LEVEL: "debug" },
        [...legacyOpening(), toolCall(1, "Asana_ListWorkspaces", {})],
        { awaitIds: ["init", 1] },
      );
      expect(run.stdout).toContain("Arcade refused the Asana authorization request");
      expectNothingLeaked("stdout", run.stdout);
      expectNothingLeaked("stderr", run.stderr);
    });

    test("on the user-verifier page", async () => {
      const arcade = await arcadeSayingCredentials();
      arcade.answerWith("POST", "/v1/auth/confirm_user", 400, { message: allPlanted });
      const server = await spawnHttpServer({
        ARCADE_API_KEY: arcade.apiKey,
        ARCADE_BASE_URL: arcade.baseUrl,
        ARCADE_USER_ID: "ada@acme.test",
        ARCADE_USER_VERIFIER: "true",
      });
      cleanups.push(() => server.close());
      const page = await fetch(server.url.replace(/\/mcp$/, "/arcade/verify-user?flow_id=af_123"));
      const text = await page.text();
      expect(page.status).toBe(400);
      expect(text).toContain("Arcade did not confirm this authorization");
      expectNothingLeaked("the verifier page", text);
      expectNothingLeaked("stderr", server.stderr());
    });

    test("in what `asana-mcp call` prints, without terminal escapes", async () => {
      const arcade = await arcadeSayingCredentials();
      arcade.answerWith("POST", "/v1/tools/authorize", 200, { id: "ar_1", status: "completed" });
      arcade.answerWith("POST", "/v1/tools/execute", 200, {
        id: "te_1",
        success: false,
        status: "failed",
        output: {
          error: { message: `\u001b[2J\u001b[31m${allPlanted}`, kind: "TOOL_RUNTIME_FATAL", can_retry: false, additional_prompt_content: allPlanted },
        },
      });
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [cliPath, "call", "ListWorkspaces"], {
        env: cleanEnv({ ARCADE_API_KEY: arcade.apiKey, ARCADE_BASE_URL: arcade.baseUrl, ARCADE_USER_ID: "ada@acme.test" }),
      }).catch((error: { stdout: string; stderr: string }) => error);
      expect(stderr).toContain("Asana.ListWorkspaces failed");
      expect(stderr).not.toContain("\u001b");
      expectNothingLeaked("call's stdout", stdout);
      expectNothingLeaked("call's stderr", stderr);
    });
  });
});
