import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, describe, expect, test } from "vitest";

/**
 * The package as users get it: `npm pack`, installed into an empty folder with the production
 * dependencies only (there are none: the build carries everything), and its bin started the way
 * `npx asana-mcp` starts it. No network: the tarball is local and the package has no dependencies.
 */
const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "asana-mcp-package-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function sizeOf(path: string): number {
  const stat = statSync(path);
  return stat.isDirectory() ? readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0) : stat.size;
}

describe("the packed package", () => {
  test("installs with no dependencies, ships no source maps, and its bin serves tools over stdio", async () => {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const packed = await run(npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", scratch], { cwd: repoRoot, timeout: 120_000 });
    const [pack] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const { filename, files } = pack!;
    const shipped = files.map((f) => f.path);
    expect(shipped).toContain("dist/bin.js");
    expect(shipped.filter((path) => path.endsWith(".map"))).toEqual([]);
    expect(shipped.filter((path) => /^(src|tools|test)\//.test(path))).toEqual([]);

    const project = join(scratch, "app");
    await run(npm, ["install", "--prefix", project, "--omit=dev", "--no-audit", "--no-fund", "--offline", join(scratch, filename)], { timeout: 120_000 });
    const modules = join(project, "node_modules");
    const installed = readdirSync(modules).filter((name) => !name.startsWith("."));
    expect(installed).toEqual(["asana-mcp"]);
    expect(sizeOf(join(modules, "asana-mcp"))).toBeLessThan(5 * 1024 * 1024);

    const client = new Client({ name: "package-test", version: "1.0.0" });
    await client.connect(
      new StdioClientTransport({
        command: join(modules, ".bin", "asana-mcp"),
        args: ["--sandbox"],
        env: { PATH: process.env.PATH ?? "", ASANA_MCP_LOG_LEVEL: "silent" },
      }),
    );
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain("Asana_GetTaskById");
      const workspaces = await client.callTool({ name: "Asana_ListWorkspaces", arguments: {} });
      expect(workspaces.isError).toBeFalsy();
    } finally {
      await client.close();
    }
  });
});
