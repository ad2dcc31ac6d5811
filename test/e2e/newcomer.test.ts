import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { LoggingMessageNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, test } from "vitest";
import { startAsanaFake } from "../support/asana-fake.js";
import { cleanEnv, cliPath, connectStdio, spawnHttpServer } from "../support/spawn-server.js";
import { call } from "./scenarios.js";

/** What a new user meets in their first hour: the command line, the logs, and what the server says. */
const run = promisify(execFile);
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("a newcomer's first hour", () => {
  test("--help and --version print to stdout and exit 0", async () => {
    const help = await run(process.execPath, [cliPath, "--help"], { env: cleanEnv({}) });
    expect(help.stdout).toContain("Usage:");
    expect(help.stderr).toBe("");
    const version = await run(process.execPath, [cliPath, "--version"], { env: cleanEnv({}) });
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  test("an invalid log level is refused with the choices, exit 2", async () => {
    const error = (await run(process.execPath, [cliPath], { env: cleanEnv({ ASANA_MCP_LOG_LEVEL: "loud" }) }).catch((e: unknown) => e)) as {
      code: number;
      stderr: string;
    };
    expect(error.code).toBe(2);
    expect(error.stderr).toContain("ASANA_MCP_LOG_LEVEL must be one of debug, info, warn, error, silent");
  });

  test("debug logs one line per call (tool, time, outcome) and never its arguments; the start-up line names the token source in use", async () => {
    const asana = await startAsanaFake();
    const connection = await connectStdio({ ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token, ASANA_MCP_LOG_LEVEL: "debug" });
    cleanups.push(() => connection.close());
    await call(connection.client, "Asana_GetTaskById", { task_id: asana.world.task.gid, max_subtasks: 0 });
    await call(connection.client, "Asana_GetTaskById", { task_id: "31337", max_subtasks: 0 });
    await expect
      .poll(() => connection.stderr())
      .toMatch(/debug: call Asana_GetTaskById \{"ms":\d+,"outcome":"UPSTREAM_RUNTIME_NOT_FOUND","asana_status":404\}/);
    expect(connection.stderr()).toMatch(/debug: call Asana_GetTaskById \{"ms":\d+,"outcome":"ok"\}/);
    expect(connection.stderr()).not.toContain(asana.world.task.gid);
    expect(connection.stderr()).toContain('"token_source":"personal access token (ASANA_ACCESS_TOKEN)"');
  });

  test("in the sandbox the start-up line names the sandbox's token, not a credential it does not use", async () => {
    const connection = await connectStdio({ ASANA_ACCESS_TOKEN: "ignored", ASANA_MCP_LOG_LEVEL: "info" }, { args: ["--sandbox"] });
    cleanups.push(() => connection.close());
    await expect.poll(() => connection.stderr()).toContain("serving");
    expect(connection.stderr()).toContain(`"token_source":"the sandbox's demo token"`);
  });

  test("over stdio the server's log records reach the client as MCP log notifications once it asks for them, never before", async () => {
    const asana = await startAsanaFake();
    asana.faults.inject({ path: "/workspaces", status: 503, retryAfterSeconds: 0 });
    const connection = await connectStdio({ ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token });
    cleanups.push(() => connection.close());
    expect(connection.client.getServerCapabilities()?.logging).toBeDefined();
    const messages: unknown[] = [];
    connection.client.setNotificationHandler(LoggingMessageNotificationSchema, async (notification) => void messages.push(notification.params));
    // The retry logs a warning: a client that never asked does not hear it (several clients report an
    // unasked-for notification as an unsupported message).
    const unasked = await connectStdio({ ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token });
    cleanups.push(() => unasked.close());
    const unaskedMessages: unknown[] = [];
    unasked.client.setNotificationHandler(LoggingMessageNotificationSchema, async (notification) => void unaskedMessages.push(notification.params));
    await call(unasked.client, "Asana_ListWorkspaces", {});
    expect(unaskedMessages).toEqual([]);

    asana.faults.inject({ path: "/workspaces", status: 503, retryAfterSeconds: 0 });
    await connection.client.setLoggingLevel("info");
    await call(connection.client, "Asana_ListWorkspaces", {});
    await expect
      .poll(() => messages)
      .toContainEqual(expect.objectContaining({ level: "warning", logger: "asana-mcp", data: expect.objectContaining({ message: "retrying Asana request" }) }));
  });

  test("a token that is still a ${...} placeholder is called out at start", async () => {
    const connection = await connectStdio({ ASANA_ACCESS_TOKEN: "${ASANA_ACCESS_TOKEN}", ASANA_MCP_LOG_LEVEL: "warn" });
    cleanups.push(() => connection.close());
    await expect.poll(() => connection.stderr()).toContain('ASANA_ACCESS_TOKEN is the placeholder "${ASANA_ACCESS_TOKEN}", not a value');
  });

  test("the start-up line counts the tools a client is offered: over stdio the two toolset switches too", async () => {
    const servedCount = (stderr: string) => Number(/serving (\d+) tools/.exec(stderr)?.[1]);
    const stdio = await connectStdio({ ASANA_MCP_LOG_LEVEL: "info" }, { args: ["--sandbox"] });
    cleanups.push(() => stdio.close());
    const overStdio = (await stdio.client.listTools()).tools;
    expect(overStdio.map((tool) => tool.name)).toContain("Asana_EnableToolset");
    await expect.poll(() => servedCount(stdio.stderr())).toBe(overStdio.length);

    const http = await spawnHttpServer({}, ["--sandbox"]);
    cleanups.push(() => http.close());
    const overHttp = (await (await http.connect()).client.listTools()).tools;
    expect(servedCount(http.stderr())).toBe(overHttp.length);
  });
});
