import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import { spawnHttpServer, type SpawnedHttpServer } from "../support/spawn-server.js";

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const bin = (name: string) => join(repoRoot, "node_modules", ".bin", name);

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("MCP conformance (@modelcontextprotocol/conformance 0.1.13)", () => {
  // Every scenario that applies to this server; the rest need the SDK's "everything server" and its
  // fixtures (tools, prompts and resources named test_*, test://...). logging-set-level is not among them
  // over HTTP: a stateless request has no session to send log notifications on, so the server does not
  // advertise logging there (it does over stdio).
  const scenarios = ["server-initialize", "ping", "tools-list", "resources-list", "prompts-list", "completion-complete", "dns-rebinding-protection"];

  test(`passes ${scenarios.join(", ")} over HTTP`, async () => {
    // The DNS-rebinding scenario needs a localhost URL. Binding to the name too means server and client
    // resolve it the same way, whether this machine puts ::1 or 127.0.0.1 first.
    const http: SpawnedHttpServer = await spawnHttpServer({}, ["--sandbox", "--host", "localhost"]);
    cleanups.push(() => http.close());
    const url = http.url.replace(/^http:\/\/(\[[^\]]+\]|[^:/]+)/, "http://localhost");
    const output = mkdtempSync(join(tmpdir(), "asana-mcp-conformance-"));
    cleanups.push(async () => rmSync(output, { recursive: true, force: true }));
    for (const scenario of scenarios) {
      const result = await run(bin("conformance"), ["server", "--url", url, "--scenario", scenario, "-o", output], { timeout: 60_000 }).catch(
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(result.stdout, `${scenario}:\n${result.stdout}\n${result.stderr}`).toMatch(/Passed: \d+\/\d+, 0 failed/);
    }
    // Seven runs of the conformance CLI, a few seconds each on a busy machine.
  }, 180_000);
});

describe("MCP Inspector CLI (@modelcontextprotocol/inspector-cli 1.0.3) with the repository's mcp.json", () => {
  const inspect = (...args: string[]) =>
    run(process.execPath, [join(repoRoot, "scripts", "inspect.mjs"), ...args], { timeout: 60_000, env: { ...process.env, ASANA_MCP_LOG_LEVEL: "silent" } });

  test("npm run inspect lists and calls tools through the sandbox entry, as documented", async () => {
    const listed = JSON.parse((await inspect("--method", "tools/list")).stdout) as { tools: Array<{ name: string }> };
    expect(listed.tools.map((t) => t.name)).toContain("Asana_GetTaskById");
    const called = JSON.parse((await inspect("--method", "tools/call", "--tool-name", "Asana_ListWorkspaces", "--tool-arg", "limit=5")).stdout) as {
      isError?: boolean;
      structuredContent: { workspaces: Array<{ name: string }> };
    };
    expect(called.isError).toBeFalsy();
    expect(called.structuredContent.workspaces[0]?.name).toBe("Sandbox Co. (demo data)");
  });

  test("an entry whose ${VAR} is unset is refused before anything runs, never sent literally", async () => {
    const env = { ...process.env, ASANA_ACCESS_TOKEN: "" };
    const error = (await run(process.execPath, [join(repoRoot, "scripts", "inspect.mjs"), "--server", "asana", "--method", "tools/list"], { env }).catch(
      (e: unknown) => e,
    )) as {
      code: number;
      stderr: string;
    };
    expect(error.code).toBe(2);
    expect(error.stderr).toContain("ASANA_ACCESS_TOKEN is not set");
  });

  test("npm run -s inspect pipes clean JSON; without -s, npm's banner on stdout is pointed out on stderr", async () => {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const env = { ...process.env, ASANA_MCP_LOG_LEVEL: "silent" };
    const quiet = await run(npm, ["run", "-s", "inspect", "--", "--method", "tools/list"], { cwd: repoRoot, env, timeout: 60_000 });
    expect((JSON.parse(quiet.stdout) as { tools: unknown[] }).tools.length).toBeGreaterThan(0);
    const noisy = await run(npm, ["run", "inspect", "--", "--method", "tools/list"], { cwd: repoRoot, env, timeout: 60_000 });
    expect(noisy.stdout).toMatch(/^\s*> asana-mcp@/);
    expect(noisy.stderr).toContain("npm run -s inspect");
  });
});
