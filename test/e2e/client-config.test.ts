import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { v1OutputValidator } from "../support/compiled-once-validator.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { clientById } from "../../src/client-config/index.js";
import { startAsanaFake } from "../support/asana-fake.js";
import { cleanEnv, cliPath } from "../support/spawn-server.js";

/** `asana-mcp config <client>` as a person runs it: the built CLI, a home folder of its own, real files. */
const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), "asana-mcp-config-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let homes = 0;
function newHome(): string {
  const home = join(scratch, `home-${++homes}`);
  mkdirSync(home, { recursive: true });
  return home;
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}
async function config(args: string[], env: Record<string, string>, cwd?: string): Promise<Ran> {
  const options = { env: cleanEnv(env), ...(cwd ? { cwd } : {}) };
  return run(process.execPath, [cliPath, "config", ...args], options).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

/** Starts the server exactly as a client would from the entry: its command, its args, its env. */
async function startFromEntry(entry: { command: string; args: string[]; env?: Record<string, string> }, extraEnv: Record<string, string> = {}) {
  const client = new Client({ name: "config-test", version: "1.0.0" }, { jsonSchemaValidator: v1OutputValidator });
  await client.connect(
    new StdioClientTransport({ command: entry.command, args: entry.args, env: { ...cleanEnv({}), ...entry.env, ...extraEnv }, stderr: "ignore" }),
  );
  cleanups.push(() => client.close());
  return client;
}

const claudeDesktopFile = (home: string) =>
  clientById("claude-desktop")!.defaultFile({ home, platform: process.platform, cwd: home, env: { APPDATA: join(home, "AppData", "Roaming") } });

describe("asana-mcp config", () => {
  test("the README's second command, on a fresh machine: a Claude Desktop entry that starts this build with demo data", async () => {
    const home = newHome();
    const result = await config(["claude-desktop", "--write"], { HOME: home, USERPROFILE: home, APPDATA: join(home, "AppData", "Roaming") });
    expect(result.code).toBe(0);
    const file = claudeDesktopFile(home);
    expect(result.stdout).toContain(`Added the "asana-sandbox" server in ${file}`);
    const written = JSON.parse(readFileSync(file, "utf8")) as { mcpServers: Record<string, { command: string; args: string[] }> };
    const entry = written.mcpServers["asana-sandbox"]!;
    expect(entry).toEqual({ command: process.execPath, args: [cliPath, "--sandbox"] });
    const client = await startFromEntry(entry);
    const workspaces = await client.callTool({ name: "Asana_ListWorkspaces", arguments: {} });
    expect(JSON.stringify(workspaces.structuredContent)).toContain("Sandbox Co.");
  });

  test("with a token in the environment, Claude Desktop's entry carries it (Claude Desktop expands no ${VAR}) and works against Asana", async () => {
    const asana = await startAsanaFake();
    const home = newHome();
    const result = await config(["claude-desktop", "--write"], { HOME: home, ASANA_ACCESS_TOKEN: asana.token, APPDATA: join(home, "AppData", "Roaming") });
    expect(result.code).toBe(0);
    expect(`${result.stdout}${result.stderr}`).not.toContain(asana.token);
    const entry = (
      JSON.parse(readFileSync(claudeDesktopFile(home), "utf8")) as {
        mcpServers: Record<string, { command: string; args: string[]; env: Record<string, string> }>;
      }
    ).mcpServers.asana!;
    expect(entry.env).toEqual({ ASANA_ACCESS_TOKEN: asana.token });
    const client = await startFromEntry(entry, { ASANA_BASE_URL: asana.baseUrl });
    const me = await client.callTool({ name: "Asana_ListWorkspaces", arguments: {} });
    expect(me.isError).toBeFalsy();
  });

  test("--write keeps every other server and key, backs the file up first, and never overwrites a same-named entry without --force", async () => {
    const home = newHome();
    const file = join(home, "cursor.json");
    const original = `{\n  "mcpServers": {\n    "github": { "command": "docker", "args": ["run", "-i", "ghcr.io/github/github-mcp-server"] },\n    "asana": { "command": "npx", "args": ["-y", "some-other-asana-server"] }\n  },\n  "theme": "dark"\n}\n`;
    writeFileSync(file, original);
    const env = { HOME: home, ASANA_ACCESS_TOKEN: "2/1234567890/1234567890:abcdef0123456789" };

    const refused = await config(["cursor", "--write", "--file", file], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`left ${file} unchanged: it already has a server named "asana"`);
    expect(readFileSync(file, "utf8")).toBe(original);
    expect(readdirSync(home)).toEqual(["cursor.json"]);

    const beside = await config(["cursor", "--write", "--file", file, "--name", "asana-mcp"], env);
    expect(beside.code).toBe(0);
    const backups = readdirSync(home).filter((name) => name.startsWith("cursor.json.bak-"));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(home, backups[0]!), "utf8")).toBe(original);
    const merged = JSON.parse(readFileSync(file, "utf8")) as { mcpServers: Record<string, { env?: Record<string, string> }>; theme: string };
    expect(Object.keys(merged.mcpServers)).toEqual(["github", "asana", "asana-mcp"]);
    expect(merged.theme).toBe("dark");
    expect(merged.mcpServers["asana-mcp"]!.env).toEqual({ ASANA_ACCESS_TOKEN: "${env:ASANA_ACCESS_TOKEN}" });
    expect(readFileSync(file, "utf8")).not.toContain(env.ASANA_ACCESS_TOKEN);

    const again = await config(["cursor", "--write", "--file", file, "--name", "asana-mcp"], env);
    expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining("nothing changed") });
    const forced = await config(["cursor", "--write", "--file", file, "--force"], env);
    expect(forced.code).toBe(0);
    expect(readdirSync(home).filter((name) => name.startsWith("cursor.json.bak-"))).toHaveLength(2);
    expect((JSON.parse(readFileSync(file, "utf8")) as { mcpServers: Record<string, { command: string }> }).mcpServers.asana!.command).toBe(process.execPath);
  });

  test("printing shows the entry on stdout, never a credential; Claude Code's output also gives the claude mcp add line", async () => {
    const token = "2/1234567890/1234567890:abcdef0123456789";
    const printed = await config(["claude-code"], { HOME: newHome(), ASANA_ACCESS_TOKEN: token });
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout)).toEqual({
      mcpServers: { asana: { type: "stdio", command: process.execPath, args: [cliPath], env: { ASANA_ACCESS_TOKEN: "${ASANA_ACCESS_TOKEN}" } } },
    });
    expect(printed.stderr).toContain("claude mcp add --scope user -e ASANA_ACCESS_TOKEN=${ASANA_ACCESS_TOKEN} asana --");
    const desktop = await config(["claude-desktop", "--token-source", "arcade"], {
      HOME: newHome(),
      ARCADE_API_KEY: "arc_secret",
      ARCADE_USER_ID: "ada@acme.test",
    });
    expect(JSON.parse(desktop.stdout).mcpServers.asana.env).toEqual({ ARCADE_API_KEY: "<Arcade API key>", ARCADE_USER_ID: "ada@acme.test" });
    expect(`${printed.stdout}${printed.stderr}${desktop.stdout}${desktop.stderr}`).not.toMatch(/abcdef0123456789|arc_secret/);
  });

  test("VS Code gets prompts for the credentials; Codex gets env_vars appended to its TOML; server options after -- are passed on", async () => {
    const home = newHome();
    const vscode = await config(["vscode", "--token-source", "pat", "--write", "--file", join(home, "mcp.json"), "--", "--read-only"], { HOME: home });
    expect(vscode.code).toBe(0);
    expect(JSON.parse(readFileSync(join(home, "mcp.json"), "utf8"))).toEqual({
      servers: {
        asana: {
          type: "stdio",
          command: process.execPath,
          args: [cliPath, "--read-only"],
          env: { ASANA_ACCESS_TOKEN: "${input:asana-mcp-asana-access-token}" },
        },
      },
      inputs: [{ type: "promptString", id: "asana-mcp-asana-access-token", description: "Asana personal access token", password: true }],
    });
    const toml = join(home, "config.toml");
    writeFileSync(toml, 'model = "o3"\n');
    const codex = await config(["codex", "--token-source", "pat", "--write", "--file", toml], { HOME: home });
    expect(codex.code).toBe(0);
    expect(readFileSync(toml, "utf8")).toBe(
      `model = "o3"\n\n[mcp_servers.asana]\ncommand = ${JSON.stringify(process.execPath)}\nargs = [${JSON.stringify(cliPath)}]\nenv_vars = ["ASANA_ACCESS_TOKEN"]\n`,
    );
  });

  test("mistakes are named before anything is written: an unknown client, a bad server option, --force without --write, a JSONC file", async () => {
    const home = newHome();
    const unknown = await config(["claude"], { HOME: home });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("config needs one client: claude-desktop, claude-code, cursor, vscode, gemini-cli, windsurf, codex");
    expect((await config(["cursor", "--", "--toolsets", "nonsense"], { HOME: home })).stderr).toContain(
      'the server options after -- are not valid: --toolsets: unknown toolset "nonsense"',
    );
    expect((await config(["cursor", "--force"], { HOME: home })).code).toBe(2);
    const jsonc = join(home, "settings.json");
    writeFileSync(jsonc, '{\n  // Zed-style comment\n  "mcpServers": {}\n}\n');
    const refused = await config(["gemini-cli", "--write", "--file", jsonc], { HOME: home });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("comments (JSONC)");
    expect(JSON.parse(refused.stdout)).toHaveProperty("asana-sandbox");
    expect(readFileSync(jsonc, "utf8")).toContain("// Zed-style comment");
  });
});
