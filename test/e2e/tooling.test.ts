import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
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
  // The scenarios a tools-only server can genuinely pass; the rest need the SDK's "everything server".
  const scenarios = ["server-initialize", "ping", "tools-list", "logging-set-level", "dns-rebinding-protection"];

  test(`passes ${scenarios.join(", ")} over HTTP`, async () => {
    // The DNS-rebinding scenario needs a localhost URL. Binding to the name too means server and client
    // resolve it the same way, whether this machine puts ::1 or 127.0.0.1 first.
    const http: SpawnedHttpServer = await spawnHttpServer({}, ["--sandbox", "--host", "localhost"]);
    cleanups.push(() => http.close());
    const url = http.url.replace(/^http:\/\/(\[[^\]]+\]|[^:/]+)/, "http://localhost");
    const output = mkdtempSync(join(tmpdir(), "asana-mcp-conformance-"));
    for (const scenario of scenarios) {
      const result = await run(bin("conformance"), ["server", "--url", url, "--scenario", scenario, "-o", output], { timeout: 60_000 }).catch(
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(result.stdout, `${scenario}:\n${result.stdout}\n${result.stderr}`).toMatch(/Passed: \d+\/\d+, 0 failed/);
    }
  });
});

describe("MCP Inspector CLI (@modelcontextprotocol/inspector-cli 1.0.3) with the repository's mcp.json", () => {
  test("lists and calls tools through the sandbox entry", async () => {
    // inspector-cli 1.0.3 reads its own version through a cwd-relative "../package.json" check, so it
    // must run one level below a folder with a package.json; the config's relative paths are made absolute.
    const config = JSON.parse(readFileSync(join(repoRoot, "mcp.json"), "utf8")) as { mcpServers: Record<string, { args?: string[] }> };
    for (const server of Object.values(config.mcpServers)) server.args = server.args?.map((arg) => (arg.endsWith(".js") ? resolve(repoRoot, arg) : arg));
    const configPath = join(mkdtempSync(join(tmpdir(), "asana-mcp-inspector-")), "mcp.json");
    writeFileSync(configPath, JSON.stringify(config));
    const inspector = (...args: string[]) => run(bin("mcp-inspector-cli"), ["--cli", "--config", configPath, "--server", "asana-sandbox", ...args], { cwd: join(repoRoot, "test"), timeout: 60_000 });

    const listed = JSON.parse((await inspector("--method", "tools/list")).stdout) as { tools: Array<{ name: string }> };
    expect(listed.tools.map((t) => t.name)).toContain("Asana_GetTaskById");
    const called = JSON.parse((await inspector("--method", "tools/call", "--tool-name", "Asana_ListWorkspaces", "--tool-arg", "limit=5")).stdout) as {
      isError?: boolean;
      structuredContent: { workspaces: Array<{ name: string }> };
    };
    expect(called.isError).toBeFalsy();
    expect(called.structuredContent.workspaces[0]?.name).toBe("Sandbox Co. (demo data)");
  });
});
