#!/usr/bin/env node
// `npm run -s inspect -- [--server <name>] <Inspector CLI arguments>`: the MCP Inspector CLI against this
// checkout's build, through the repository's mcp.json, e.g.
//   npm run -s inspect -- --method tools/list                      (the asana-sandbox entry)
//   npm run -s inspect -- --server asana --method tools/call --tool-name Asana_ListWorkspaces
// (-s keeps npm's "> asana-mcp@… inspect" banner off stdout, so the answer pipes into jq.)
//
// mcp.json is written in the Inspector's own format, with paths relative to the repository and ${VAR}
// placeholders. The Inspector CLI 1.0.3 runs commands as given, from its working directory, and passes
// placeholders on literally. So this script writes a copy for it: `node` becomes this Node, relative
// paths become absolute, and placeholders are filled from the environment (an unset one is an error,
// never sent literally). Inspector CLI 1.0.3 finds its own package.json relative to the working
// directory, so it runs from a folder one level below one that has a package.json.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const serverFlag = args.indexOf("--server");
const server = serverFlag >= 0 ? args.splice(serverFlag, 2)[1] : "asana-sandbox";

const config = JSON.parse(readFileSync(join(root, "mcp.json"), "utf8"));
const entry = config.mcpServers[server];
if (!entry) {
  console.error(`inspect: mcp.json has no server "${server}"; it has: ${Object.keys(config.mcpServers).join(", ")}`);
  process.exit(2);
}
const expand = (value) =>
  value.replace(/\$\{([A-Z0-9_]+)\}/g, (_, name) => {
    if (process.env[name] === undefined || process.env[name] === "") {
      console.error(`inspect: ${name} is not set; the "${server}" entry needs it (or try --server asana-sandbox, which needs nothing)`);
      process.exit(2);
    }
    return process.env[name];
  });
if (entry.command === "node") entry.command = process.execPath;
if (entry.args) entry.args = entry.args.map((arg) => (/^[\w.-]+\/[\w./-]+\.m?js$/.test(arg) ? resolve(root, arg) : arg));
for (const [name, value] of Object.entries(entry.env ?? {})) entry.env[name] = expand(value);
if (entry.type === "http") entry.type = "streamable-http";

// `npm run inspect` (without -s) has already printed its banner on stdout; a pipe into jq then fails on
// the banner rather than on anything of ours. Say so where a person sees it.
if (process.env.npm_lifecycle_event === "inspect" && process.env.npm_config_loglevel !== "silent" && !process.stdout.isTTY) {
  console.error("inspect: npm printed its banner on stdout before this output; to pipe it (into jq, say), use npm run -s inspect -- …");
}

const scratch = mkdtempSync(join(tmpdir(), "asana-mcp-inspect-"));
try {
  const configPath = join(scratch, "mcp.json");
  writeFileSync(configPath, JSON.stringify({ mcpServers: { [server]: entry } }));
  const cli = join(root, "node_modules", ".bin", "mcp-inspector-cli");
  const result = spawnSync(cli, ["--cli", "--config", configPath, "--server", server, ...args], { cwd: join(root, "src"), stdio: "inherit" });
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
