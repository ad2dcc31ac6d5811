import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterEach, expect, test } from "vitest";
import { startAsanaFake } from "../../support/asana-fake.js";
import { preparePythonClients } from "../../support/python-clients.js";
import { cleanEnv, cliPath } from "../../support/spawn-server.js";

/**
 * The official Python `mcp` client (2026-07-28, as it negotiates by itself) shows the confirmation of
 * a destructive write through its elicitation callback, and what the person answers is what happens.
 */
const prepared = await preparePythonClients();
const skipped = "skip" in prepared ? prepared.skip : undefined;
const version = "versions" in prepared ? prepared.versions.mcp : undefined;
const driverPath = fileURLToPath(new URL("./python_mcp_client.py", import.meta.url));

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function startDriver(python: string) {
  const driver = spawn(python, [driverPath], { env: cleanEnv({}), stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  driver.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => driver.once("exit", () => resolve()));
  const replies = createInterface({ input: driver.stdout })[Symbol.asyncIterator]();
  cleanups.push(async () => {
    driver.stdin.end();
    await exited;
  });
  return async (request: Record<string, unknown>): Promise<Record<string, unknown>> => {
    driver.stdin.write(`${JSON.stringify(request)}\n`);
    const line = await replies.next();
    if (line.done) throw new Error(`the Python driver exited:\n${stderr}`);
    const reply = JSON.parse(line.value) as Record<string, unknown>;
    if (reply.exception) throw new Error(`mcp raised ${String(reply.exception)}\n${stderr}`);
    return reply;
  };
}

test.skipIf(skipped !== undefined)(
  `mcp (Python) ${version ?? ""}: the person is asked before DeleteTask; a decline writes nothing, an accept deletes${skipped ? ` (skipped: ${skipped})` : ""}`,
  async () => {
    const asana = await startAsanaFake();
    const ask = startDriver((prepared as { python: string }).python);
    const connection = {
      transport: "stdio",
      command: process.execPath,
      args: [cliPath],
      env: cleanEnv({ ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token }),
    };
    const task = asana.world.task.gid;
    for (const [elicit, deleted] of [
      ["decline", false],
      ["accept", true],
    ] as const) {
      await ask({ op: "connect", library: "mcp", connection, elicit });
      const result = await ask({ op: "call", name: "Asana_DeleteTask", arguments: { task_id: task } });
      const { asked } = await ask({ op: "asked" });
      await ask({ op: "disconnect" });
      expect(asked).toEqual(['Delete task "Prepare the quarterly report" (3 subtasks, no comments; restorable from the trash for 30 days). Go ahead?']);
      expect(result.isError).toBe(false);
      expect(asana.store.get(task) === undefined).toBe(deleted);
      if (!deleted) expect(result.text).toMatch(/declined Asana_DeleteTask: nothing was written/);
    }
  },
);
