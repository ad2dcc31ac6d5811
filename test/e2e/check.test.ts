import { spawn } from "node:child_process";
import { afterEach, describe, expect, test } from "vitest";
import { startFakeArcade } from "../fakes/arcade.js";
import { startAsanaFake } from "../support/asana-fake.js";
import { cleanEnv, cliPath } from "../support/spawn-server.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function check(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, "check", ...args], { env: cleanEnv(env), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
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

  test("a token that is still a ${...} placeholder is named as one, and nothing is sent to Asana", async () => {
    const asana = await startAsanaFake();
    const result = await check({ ASANA_BASE_URL: asana.baseUrl, ASANA_ACCESS_TOKEN: "${ASANA_ACCESS_TOKEN}" });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAILED: ASANA_ACCESS_TOKEN is the placeholder "${ASANA_ACCESS_TOKEN}", not a value');
    expect(result.stdout).not.toContain("revoked");
    expect(asana.requestsTo("GET", "/users/me")).toHaveLength(0);
  });

  test("a malformed URL setting is named, with an example, before anything runs (exit 2)", async () => {
    const arcade = await check({ ARCADE_API_KEY: "key", ARCADE_USER_ID: "ada@acme.test", ARCADE_BASE_URL: "api.arcade.dev" });
    expect(arcade.code).toBe(2);
    expect(arcade.stderr).toContain('ARCADE_BASE_URL must be an absolute URL such as https://api.arcade.dev (got "api.arcade.dev")');
    const jwks = await check({ ASANA_MCP_AUTH_JWKS_URL: "jwks.json", ASANA_MCP_AUTH_ISSUER: "https://id.example.com", ASANA_MCP_AUTH_AUDIENCE: "asana-mcp" });
    expect(jwks.code).toBe(2);
    expect(jwks.stderr).toContain("ASANA_MCP_AUTH_JWKS_URL must be an absolute URL");
    expect(`${arcade.stderr}${jwks.stderr}`).not.toContain("Invalid URL");
  });
});
