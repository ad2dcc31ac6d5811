import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { cleanEnv, cliPath } from "../support/spawn-server.js";

/**
 * The entries `asana-mcp config` writes, read by the clients themselves: Claude Code and Gemini CLI
 * start the server from them and report it connected; Codex parses its TOML. The CLIs come from npm in
 * the versions people run; they are installed once into node_modules/.cache (about 850 MB, so not as
 * devDependencies that every `npm install` would fetch). Without the network and without that cache,
 * the tests show as skipped.
 */
const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const cacheRoot = join(repoRoot, "node_modules", ".cache", "asana-mcp-clients");
const scratch = mkdtempSync(join(tmpdir(), "asana-mcp-real-clients-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const clientPackages = {
  claude: "@anthropic-ai/claude-code@2.1.328",
  gemini: "@google/gemini-cli@0.61.0",
  codex: "@openai/codex@0.169.0",
} as const;

/** Only what the clients need, with a home of their own: nothing of the developer's config is read or changed. */
function clientEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...cleanEnv({}), HOME: home, USERPROFILE: home, DISABLE_AUTOUPDATER: "1", DISABLE_TELEMETRY: "1", CI: "1", ...extra };
}

/** The client's bin, installed into the cache on first use; or why it cannot be had here. */
async function clientBin(bin: keyof typeof clientPackages): Promise<{ path: string } | { missing: string }> {
  const spec = clientPackages[bin];
  const prefix = join(cacheRoot, spec.replace(/[@/]/g, "_"));
  const path = join(prefix, "node_modules", ".bin", process.platform === "win32" ? `${bin}.cmd` : bin);
  if (existsSync(path)) return { path };
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !/^npm_/i.test(name)) env[name] = value;
  try {
    mkdirSync(prefix, { recursive: true });
    await run(npm, ["install", "--prefix", prefix, "--prefer-offline", "--no-audit", "--no-fund", "--no-save", spec], { env, timeout: 280_000 });
  } catch (error) {
    const text = String((error as { stderr?: string }).stderr ?? error);
    if (/ENOTCACHED|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|network/i.test(text))
      return { missing: `skipped: ${spec} is not cached and npm cannot reach its registry` };
    throw error;
  }
  return existsSync(path) ? { path } : { missing: `skipped: ${spec} installed no ${bin} command on this platform` };
}

async function asanaMcpConfig(args: string[], env: Record<string, string>, cwd: string): Promise<void> {
  await run(process.execPath, [cliPath, "config", ...args], { env, cwd });
}

describe("clients read what asana-mcp config writes", () => {
  test("Claude Code starts the server from the project's .mcp.json and reports it connected", async (context) => {
    const claude = await clientBin("claude");
    if ("missing" in claude) return context.skip(true, claude.missing);
    const home = join(scratch, "claude-home");
    const project = join(scratch, "claude-project");
    mkdirSync(home, { recursive: true });
    mkdirSync(project, { recursive: true });
    await asanaMcpConfig(["claude-code", "--write"], clientEnv(home), project);
    // What a person does once in Claude Code: trust the folder and approve the project's server.
    writeFileSync(
      join(home, ".claude.json"),
      JSON.stringify({ projects: { [project]: { hasTrustDialogAccepted: true, enabledMcpjsonServers: ["asana-sandbox"] } } }),
    );
    const { stdout } = await run(claude.path, ["mcp", "list"], { env: clientEnv(home), cwd: project, timeout: 120_000 });
    expect(stdout).toMatch(/asana-sandbox: .*--sandbox - \S* ?Connected/);
  }, 300_000);

  test("Gemini CLI starts the server from ~/.gemini/settings.json and reports it connected", async (context) => {
    const gemini = await clientBin("gemini");
    if ("missing" in gemini) return context.skip(true, gemini.missing);
    const home = join(scratch, "gemini-home");
    mkdirSync(join(home, ".gemini"), { recursive: true });
    await asanaMcpConfig(["gemini-cli", "--write"], clientEnv(home), home);
    // Gemini CLI starts no server in a folder the person has not trusted.
    writeFileSync(join(home, ".gemini", "trustedFolders.json"), JSON.stringify({ [home]: "TRUST_FOLDER" }));
    // It writes the list on stderr.
    const { stdout, stderr } = await run(gemini.path, ["mcp", "list"], { env: clientEnv(home), cwd: home, timeout: 120_000 });
    expect(`${stdout}${stderr}`).toMatch(/asana-sandbox: .*--sandbox \(stdio\) - Connected/);
  }, 300_000);

  test("Codex reads the table appended to its config.toml, env_vars included", async (context) => {
    const codex = await clientBin("codex");
    if ("missing" in codex) return context.skip(true, codex.missing);
    const home = join(scratch, "codex-home");
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, "config.toml"), '# mine\nmodel = "o3"\n\n[mcp_servers.docs]\ncommand = "docs-server"\n');
    const env = clientEnv(home, { CODEX_HOME: home });
    await asanaMcpConfig(["codex", "--token-source", "pat", "--write"], env, home);
    const { stdout } = await run(codex.path, ["mcp", "get", "asana", "--json"], { env, cwd: home, timeout: 120_000 });
    expect(JSON.parse(stdout)).toMatchObject({
      name: "asana",
      enabled: true,
      transport: { type: "stdio", command: process.execPath, args: [cliPath], env_vars: ["ASANA_ACCESS_TOKEN"] },
    });
    expect(readFileSync(join(home, "config.toml"), "utf8")).toContain('[mcp_servers.docs]\ncommand = "docs-server"\n');
  }, 300_000);
});
