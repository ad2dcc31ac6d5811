#!/usr/bin/env node
// `npm run inspect -- [--server <name>] <Inspector CLI arguments>`: the MCP Inspector CLI against this
// checkout's build, through the repository's mcp.json, e.g.
//   npm run inspect -- --method tools/list                      (the asana-sandbox entry)
//   npm run inspect -- --server asana --method tools/call --tool-name Asana_ListWorkspaces
//
// mcp.json is written for clients (`npx -y asana-mcp`, `${VAR}` placeholders, VS Code's "http" type);
// the Inspector CLI 1.0.3 runs commands as given, passes placeholders on literally, and calls the HTTP
// type "streamable-http". So this script writes a copy for it: asana-mcp entries run this checkout's
// dist/bin.js, placeholders are filled from the environment (an unset one is an error, never sent
// literally), and "http" becomes "streamable-http". Inspector CLI 1.0.3 finds its own package.json
// relative to the working directory, so it runs from a folder one level below one that has a package.json.
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
if (entry.command === "npx" && entry.args?.[0] === "-y" && entry.args[1] === "asana-mcp") {
  entry.command = process.execPath;
  entry.args = [join(root, "dist", "bin.js"), ...entry.args.slice(2)];
}
for (const [name, value] of Object.entries(entry.env ?? {})) entry.env[name] = expand(value);
if (entry.type === "http") entry.type = "streamable-http";

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
