import { afterEach, describe, expect, test } from "vitest";
import { connectStdio, spawnHttpServer, type Connected, type SpawnedHttpServer } from "../support/spawn-server.js";
import { call, textOf } from "./scenarios.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function exploreSandbox({ client }: Connected): Promise<void> {
  expect(client.getInstructions()).toMatch(/^SANDBOX MODE/);
  const workspaces = await call(client, "Asana_ListWorkspaces", {});
  expect(workspaces.isError).toBeFalsy();
  expect(workspaces.structuredContent).toMatchObject({ workspaces: [{ name: "Sandbox Co. (demo data)" }] });
  expect(textOf(workspaces)).toContain("Sandbox data: this comes from asana-mcp's built-in emulator");
  expect(workspaces._meta).toEqual({ "asana-mcp/sandbox": true });
}

describe("--sandbox", () => {
  test("serves demo data over stdio with no credentials at all", async () => {
    const connection = await connectStdio({}, { args: ["--sandbox"] });
    cleanups.push(() => connection.close());
    await exploreSandbox(connection);
  });

  test("serves demo data over HTTP with no credentials at all", async () => {
    const http: SpawnedHttpServer = await spawnHttpServer({}, ["--sandbox"]);
    cleanups.push(() => http.close());
    await exploreSandbox(await http.connect());
  });
});

describe("tool selection", () => {
  test("--read-only lists only tools that change nothing", async () => {
    const readOnly = await connectStdio({}, { args: ["--sandbox", "--read-only", "--toolsets", "all"] });
    cleanups.push(() => readOnly.close());
    const { tools } = await readOnly.client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    expect(tools.every((tool) => tool.annotations?.readOnlyHint === true)).toBe(true);
    expect(tools.map((t) => t.name)).not.toContain("Asana_DeleteTask");
  });
});
