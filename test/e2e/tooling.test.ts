import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { spawnHttpServer, type SpawnedHttpServer } from "../support/spawn-server.js";

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const bin = (name: string) => join(repoRoot, "node_modules", ".bin", name);

// The conformance run and the Inspector runs wait on their own child processes, so they run side by side.
describe.concurrent("MCP conformance (@modelcontextprotocol/conformance 0.1.13)", () => {
  // Every scenario that applies to this server; the rest need the SDK's "everything server" and its
  // fixtures (tools, prompts and resources named test_*, test://...). logging-set-level is not among them
  // over HTTP: a stateless request has no session to send log notifications on, so the server does not
  // advertise logging there (it does over stdio).
  const scenarios = ["server-initialize", "ping", "tools-list", "resources-list", "prompts-list", "completion-complete", "dns-rebinding-protection"];

  test(`passes ${scenarios.join(", ")} over HTTP`, async ({ onTestFinished }) => {
    // The DNS-rebinding scenario needs a localhost URL. Binding to the name too means server and client
    // resolve it the same way, whether this machine puts ::1 or 127.0.0.1 first.
    const http: SpawnedHttpServer = await spawnHttpServer({}, ["--sandbox", "--host", "localhost"]);
    onTestFinished(() => http.close());
    const url = http.url.replace(/^http:\/\/(\[[^\]]+\]|[^:/]+)/, "http://localhost");
    const output = mkdtempSync(join(tmpdir(), "asana-mcp-conformance-"));
    onTestFinished(() => rmSync(output, { recursive: true, force: true }));
    // One run of the CLI's whole active suite: starting the CLI costs more than a scenario, and seven
    // runs of it took most of this file's time. The scenarios that need the everything server fail
    // here and are not looked at (so the run exits 1); each of ours is read from the checks it wrote to
    // `<output>/server-<scenario>-<time>/checks.json`.
    const result = await run(bin("conformance"), ["server", "--url", url, "-o", output], { timeout: 120_000 }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    const written = readdirSync(output);
    for (const scenario of scenarios) {
      const folders = written.filter((name) => name.startsWith(`server-${scenario}-2`));
      expect(folders, `${scenario} ran once:\n${result.stdout}\n${result.stderr}`).toHaveLength(1);
      const checks = JSON.parse(readFileSync(join(output, folders[0]!, "checks.json"), "utf8")) as Array<{ name: string; status: string }>;
      const failed = checks.filter((check) => check.status === "FAILURE");
      expect(failed, `${scenario}: ${JSON.stringify(checks, null, 2)}`).toEqual([]);
      expect(checks.filter((check) => check.status === "SUCCESS").length, `${scenario} passed no check`).toBeGreaterThan(0);
    }
  }, 180_000);
});

// Each Inspector run starts the CLI and a server under it: on a busy machine that is several seconds.
describe.concurrent("MCP Inspector CLI (@modelcontextprotocol/inspector-cli 1.0.3) with the repository's mcp.json", () => {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const env = { ...process.env, ASANA_MCP_LOG_LEVEL: "silent" };
  const inspect = (...args: string[]) => run(process.execPath, [join(repoRoot, "scripts", "inspect.mjs"), ...args], { timeout: 60_000, env });
  /** `npm run -s inspect -- --method tools/list`, as the README gives it: one run (a few seconds of CPU) that two tests read. */
  let quietList: Promise<{ stdout: string; stderr: string }> | undefined;
  const listQuietly = () => {
    quietList ??= run(npm, ["run", "-s", "inspect", "--", "--method", "tools/list"], { cwd: repoRoot, env, timeout: 60_000 });
    return quietList;
  };

  test("npm run inspect lists and calls tools through the sandbox entry, as documented", async () => {
    const [list, call] = await Promise.all([listQuietly(), inspect("--method", "tools/call", "--tool-name", "Asana_ListWorkspaces", "--tool-arg", "limit=5")]);
    const listed = JSON.parse(list.stdout) as { tools: Array<{ name: string }> };
    expect(listed.tools.map((t) => t.name)).toContain("Asana_GetTaskById");
    const called = JSON.parse(call.stdout) as {
      isError?: boolean;
      structuredContent: { workspaces: Array<{ name: string }> };
    };
    expect(called.isError).toBeFalsy();
    expect(called.structuredContent.workspaces[0]?.name).toBe("Sandbox Co. (demo data)");
  }, 120_000);

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
  }, 120_000);

  test("npm run -s inspect pipes clean JSON; without -s, npm's banner on stdout is pointed out on stderr", async () => {
    const [quiet, noisy] = await Promise.all([
      listQuietly(),
      run(npm, ["run", "inspect", "--", "--method", "tools/list"], { cwd: repoRoot, env, timeout: 60_000 }),
    ]);
    expect((JSON.parse(quiet.stdout) as { tools: unknown[] }).tools.length).toBeGreaterThan(0);
    expect(noisy.stdout).toMatch(/^\s*> asana-mcp@/);
    expect(noisy.stderr).toContain("npm run -s inspect");
  }, 120_000);
});
