// Goal 4, install: `npm pack` the project, install the tarball into an empty folder with production
// dependencies only, and count what lands in node_modules (packages, scoped ones included, and bytes).
// Then time the installed package to tools/list: through `npx --yes --package=<tarball> asana-mcp` (a first run, which
// installs into a fresh npm cache, and a second), and through the installed bin. Nothing leaves the
// machine: the tarball is local and the package has no dependencies to fetch. Temp folders are removed.
import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./lib/paths.mjs";
import { RawStdioSession, serverEnv } from "./lib/server.mjs";
import { figure, median, ms, nowMs } from "./lib/stats.mjs";

export const goalPackages = 5;
export const goalBytes = 5_000_000;

function npm(args, cwd, env) {
  return execFileSync("npm", args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
}

/** Packages in node_modules: every entry but dot-entries (.bin, .package-lock.json), scoped ones counted inside their scope. */
function installedPackages(nodeModules) {
  const names = [];
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith(".")) continue;
    if (entry.startsWith("@")) for (const scoped of readdirSync(join(nodeModules, entry))) names.push(`${entry}/${scoped}`);
    else names.push(entry);
  }
  return names;
}

function bytesUnder(path) {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + bytesUnder(join(path, entry)), 0);
}

async function timeToToolsList(command, args, options) {
  const started = nowMs();
  const session = RawStdioSession.spawn(command, args, options);
  await session.initialize();
  const listed = await session.request("tools/list");
  const elapsed = nowMs() - started;
  await session.close();
  if (!listed.result?.tools?.length) throw new Error(`${command} ${args.join(" ")}: tools/list failed: ${JSON.stringify(listed).slice(0, 300)}`);
  return elapsed;
}

export async function measure({ emulator, quick }) {
  const scratch = mkdtempSync(join(tmpdir(), "asana-mcp-bench-install-"));
  try {
    // npm without the user's cache or update checks, so the run is repeatable and leaves nothing behind.
    const npmEnv = {
      PATH: process.env.PATH ?? "",
      HOME: scratch,
      npm_config_cache: join(scratch, "npm-cache"),
      npm_config_update_notifier: "false",
      npm_config_fund: "false",
      npm_config_audit: "false",
    };
    const [packed] = JSON.parse(npm(["pack", "--ignore-scripts", "--json", "--pack-destination", scratch], repoRoot, npmEnv));
    const tarball = join(scratch, packed.filename);

    const app = join(scratch, "app");
    mkdirSync(app);
    const installStarted = nowMs();
    npm(["install", "--omit=dev", "--no-audit", "--no-fund", tarball], app, npmEnv);
    const installMs = nowMs() - installStarted;
    const nodeModules = join(app, "node_modules");
    const packages = installedPackages(nodeModules);
    const bytes = bytesUnder(nodeModules);

    // npx from an empty folder, so it cannot find a local bin; the first run installs into the fresh cache.
    const elsewhere = join(scratch, "elsewhere");
    mkdirSync(elsewhere);
    const runEnv = { ...npmEnv, ...serverEnv(emulator), HOME: scratch };
    const npxFirst = await timeToToolsList("npx", ["--yes", `--package=${tarball}`, "asana-mcp"], { env: runEnv, cwd: elsewhere });
    const npxAgain = [];
    for (let i = 0; i < (quick ? 3 : 5); i++)
      npxAgain.push(await timeToToolsList("npx", ["--yes", `--package=${tarball}`, "asana-mcp"], { env: runEnv, cwd: elsewhere }));
    const bin = [];
    for (let i = 0; i < (quick ? 5 : 9); i++) bin.push(await timeToToolsList(join(nodeModules, ".bin", "asana-mcp"), [], { env: runEnv, cwd: elsewhere }));

    return {
      figures: [
        figure({
          name: "install: packages in node_modules after `npm install --omit=dev <tarball>`",
          ours: `${packages.length} (${packages.join(", ")})`,
          goal: `≤ ${goalPackages}`,
          pass: packages.length <= goalPackages,
        }),
        figure({
          name: "install: bytes in node_modules",
          ours: `${bytes} B (${(bytes / 1e6).toFixed(2)} MB)`,
          goal: `≤ ${goalBytes / 1e6} MB`,
          pass: bytes <= goalBytes,
        }),
        figure({
          name: "npx --yes --package=<tarball> asana-mcp → tools/list",
          ours: `first run ${ms(npxFirst, 0)}, then median ${ms(median(npxAgain), 0)}`,
          baseline: `installed bin ${ms(median(bin), 0)}`,
        }),
      ],
      notes: [
        `tarball ${packed.filename}: ${packed.size} B packed, ${packed.unpackedSize} B unpacked, ${packed.entryCount} files; npm install took ${ms(installMs, 0)}`,
      ],
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
