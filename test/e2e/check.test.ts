import { spawn } from "node:child_process";
import { afterEach, describe, expect, test } from "vitest";
import { startFakeArcade } from "../fakes/arcade.js";
import { startAsanaFake } from "../support/asana-fake.js";
import { cleanEnv, cliPath } from "../support/spawn-server.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function check(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, "check", ...args], { env: cleanEnv(env), stdio: ["ignore", "pipe", "ignore"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.on("exit", (code) => resolve({ code, stdout }));
  });
}

describe("asana-mcp check", () => {
  test("with a working token: who the user is and which workspaces they have, exit 0", async () => {
    const asana = await startAsanaFake();
    const result = await check({ ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: asana.token }, ["--read-only"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Asana API:    ${asana.baseUrl}`);
    expect(result.stdout).toContain("Token source: personal access token (ASANA_ACCESS_TOKEN)");
    expect(result.stdout).toMatch(/Tools: +\d+ of \d+ offered to MCP clients \(toolsets default, read-only\)/);
    expect(result.stdout).toContain("OK: connected to Asana as Ada Lovelace <ada@acme.test>");
    expect(result.stdout).toContain(`Workspaces:   Acme Corp (${asana.world.premium.gid}), Personal Projects (${asana.world.free.gid})`);
    expect(asana.requestsTo("GET", "/users/me")).toHaveLength(1);
  });

  test("with a revoked token: Asana's 401 and what to check, exit 1", async () => {
    const asana = await startAsanaFake();
    const result = await check({ ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: "revoked" });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("FAILED: Asana did not accept the token (401 Not Authorized). Check ASANA_ACCESS_TOKEN");
  });

  test("with Arcade and no authorization yet: the link to open, exit 1", async () => {
    const arcade = await startFakeArcade();
    cleanups.push(() => arcade.close());
    const result = await check({ ARCADE_API_KEY: arcade.apiKey, ARCADE_BASE_URL: arcade.baseUrl, ARCADE_USER_ID: "ada@acme.test" });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Token source: Arcade (ARCADE_API_KEY) for user ada@acme.test");
    // Written for the person at the terminal, not for a model.
    expect(result.stdout).toMatch(
      /NOT YET AUTHORIZED: .*\nOpen this link in a browser and approve access, then run check again:\n {2}https:\/\/arcade\.test\/oauth\/asana\/authorize/,
    );
    expect(result.stdout).not.toContain("Show the user");
  });
});
