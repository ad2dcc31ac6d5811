import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { copyFile, link, mkdir, readdir, readlink, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, describe, expect, test } from "vitest";

/**
 * The package as users get it, by the routes the README gives: the packed tarball installed into an
 * empty folder, installed globally, and run by npx; and `npm install -g .` from a fresh clone. None of
 * them needs the network: the tarball is local and has no dependencies, and the clone's build tools
 * come from npm's cache, which `npm install` filled. The tests are independent and mostly wait on npm,
 * so they run side by side.
 */
const run = promisify(execFile);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const { version } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
const scratch = mkdtempSync(join(tmpdir(), "asana-mcp-package-"));
// Asynchronous and with room: the clone's install leaves thousands of files, and a synchronous removal on a busy
// machine held the worker's event loop long enough for vitest's own RPC to time out.
afterAll(() => rm(scratch, { recursive: true, force: true, maxRetries: 3 }), 300_000);

/** npm's own settings from the `npm test` that started this would steer the installs below; they get their own. */
function npmEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !/^npm_/i.test(name)) env[name] = value;
  return { ...env, ...extra };
}

let packing: Promise<{ tarball: string; files: string[] }> | undefined;
/** `npm pack` once (dist/ is already built by pretest), shared by the tests that install the tarball. */
function packed() {
  packing ??= (async () => {
    const out = await run(npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", scratch], { cwd: repoRoot, env: npmEnv(), timeout: 120_000 });
    const [pack] = JSON.parse(out.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    return { tarball: join(scratch, pack!.filename), files: pack!.files.map((f) => f.path) };
  })();
  return packing;
}

function sizeOf(path: string): number {
  const stat = statSync(path);
  return stat.isDirectory() ? readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0) : stat.size;
}

/** The bin npm puts on PATH for a global install into `prefix`. */
const globalBin = (prefix: string) => (process.platform === "win32" ? join(prefix, "asana-mcp.cmd") : join(prefix, "bin", "asana-mcp"));

describe.concurrent("the packed package", () => {
  test("installs with no dependencies, ships no source maps, and its bin serves tools over stdio", async () => {
    const { tarball, files } = await packed();
    expect(files).toContain("dist/bin.js");
    expect(files.filter((path) => path.endsWith(".map"))).toEqual([]);
    expect(files.filter((path) => /^(src|tools|test)\//.test(path))).toEqual([]);

    const project = join(scratch, "app");
    await run(npm, ["install", "--prefix", project, "--omit=dev", "--no-audit", "--no-fund", "--offline", tarball], { env: npmEnv(), timeout: 120_000 });
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

  test("npm install -g of the tarball puts a working asana-mcp on the PATH", async () => {
    const { tarball } = await packed();
    const prefix = join(scratch, "global-from-tarball");
    await run(npm, ["install", "-g", "--prefix", prefix, "--offline", "--no-audit", "--no-fund", tarball], { env: npmEnv(), timeout: 120_000 });
    const { stdout } = await run(globalBin(prefix), ["--version"], { env: npmEnv() });
    expect(stdout).toBe(`${version}\n`);
  });

  test("npx -y ./asana-mcp-<version>.tgz runs it, with an empty npm cache and no network", async () => {
    const { tarball } = await packed();
    const cache = join(scratch, "npx-cache");
    const { stdout } = await run(npm, ["exec", "--yes", "--offline", "--cache", cache, "--package", tarball, "--", "asana-mcp", "--version"], {
      cwd: scratch,
      env: npmEnv(),
      timeout: 120_000,
    });
    expect(stdout.trim().split("\n").at(-1)).toBe(version);
  });
});

/** The files a fresh clone has: git's tracked files (and new ones not ignored), as they are in this checkout. */
function trackedFiles(): string[] | undefined {
  if (!existsSync(join(repoRoot, ".git"))) return undefined;
  try {
    const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: repoRoot, encoding: "utf8" });
    return listed.split("\0").filter((path) => path && existsSync(join(repoRoot, path)));
  } catch {
    return undefined;
  }
}
const clonable = trackedFiles();

/**
 * The build tools `scripts/prepare.mjs` looks for (and their platform binaries), which the clone does
 * not get from this checkout: prepare must find them missing and install them from package-lock.json.
 */
const installedByPrepare = (name: string) => name === "esbuild" || name === "@esbuild";

/**
 * Every other devDependency this checkout has installed, hard-linked into the clone's node_modules
 * (copied where a link cannot be made). Installing all of them from npm's cache took most of this file's
 * time (thousands of files written, about 40 s of CPU) and proved again what `npm ci` proves on every
 * run: that package-lock.json installs. What only a fresh clone shows stays: prepare finds its build
 * tools missing, installs them from the lock into the clone (not into `-g`'s prefix), builds, and the
 * global install runs. The hidden lockfile (`node_modules/.package-lock.json`) stays behind, or npm would
 * take it as a record of the checkout's tree, esbuild included; so does the real clients' cache.
 */
async function linkInstalledDevDependencies(into: string): Promise<void> {
  const linkTree = async (from: string, to: string, leaveOut: (name: string, path: string) => Promise<boolean>): Promise<void> => {
    await mkdir(to, { recursive: true });
    const entries = await readdir(from, { withFileTypes: true });
    await Promise.all(
      entries.map(async (entry) => {
        const [path, copy] = [join(from, entry.name), join(to, entry.name)];
        if (await leaveOut(entry.name, path)) return;
        if (entry.isDirectory()) return linkTree(path, copy, async () => false);
        if (entry.isSymbolicLink()) return symlink(await readlink(path), copy);
        return link(path, copy).catch(() => copyFile(path, copy));
      }),
    );
  };
  const modules = join(repoRoot, "node_modules");
  await linkTree(modules, into, async (name) => installedByPrepare(name) || name.startsWith("."));
  // A command in .bin belongs to the package its link points into (`../esbuild/bin/esbuild`).
  const packageOf = async (name: string, path: string) => (await readlink(path).catch(() => `../${name}`)).split("/")[1] ?? "";
  await linkTree(join(modules, ".bin"), join(into, ".bin"), async (name, path) => installedByPrepare(await packageOf(name, path)));
}

describe.concurrent("a fresh clone", () => {
  test.skipIf(clonable === undefined)(
    `npm install -g . builds and installs it${clonable === undefined ? " (skipped: needs a git checkout to copy)" : ""}`,
    async (context) => {
      const clone = join(scratch, "clone");
      for (const path of clonable!) {
        mkdirSync(dirname(join(clone, path)), { recursive: true });
        copyFileSync(join(repoRoot, path), join(clone, path));
      }
      expect(existsSync(join(clone, "node_modules"))).toBe(false);
      await linkInstalledDevDependencies(join(clone, "node_modules"));
      expect(existsSync(join(clone, "node_modules", "esbuild"))).toBe(false);
      const prefix = join(scratch, "global-from-clone");
      const installed = await run(npm, ["install", "-g", "--prefix", prefix, "--offline", "--no-audit", "--no-fund", "."], {
        cwd: clone,
        env: npmEnv(),
        timeout: 600_000,
      }).catch((error: { stdout?: string; stderr?: string }) => error);
      const output = `${installed.stdout ?? ""}${installed.stderr ?? ""}`;
      // The build tools come from npm's cache; a machine whose cache lacks them needs the network.
      context.skip(/ENOTCACHED/.test(output), "skipped: npm's cache lacks the build tools and the network is off limits here");
      const { stdout } = await run(globalBin(prefix), ["--version"], { env: npmEnv() }).catch((error: unknown) => {
        throw new Error(`asana-mcp did not run after npm install -g .:\n${output}\n${String(error)}`);
      });
      expect(stdout).toBe(`${version}\n`);
      // prepare installed the build tools into the clone, where the build found them.
      expect(existsSync(join(clone, "node_modules", "esbuild", "package.json")), output).toBe(true);
    },
    600_000,
  );
});
