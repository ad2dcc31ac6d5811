#!/usr/bin/env node
// `prepare`, which npm runs whenever it installs this folder as a package: `npm install` or `npm ci` in
// a checkout, and `npm install -g .` from a fresh clone. The build needs esbuild, a devDependency. In a
// checkout `npm install` has just installed it; but `npm install -g .` links the folder and installs
// none of its devDependencies, so on a fresh clone the build would fail. Then this script installs them
// first, from package-lock.json and without changing it, as npm itself does before it runs `prepare`
// for a git dependency. The installed package stays dependency-free: dist/ carries everything.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function buildToolsInstalled() {
  try {
    createRequire(join(root, "package.json")).resolve("esbuild");
    return true;
  } catch {
    return false;
  }
}

function run(command, args, env = process.env) {
  // stdout stays npm's: the install's chatter goes to stderr with the build's.
  const result = spawnSync(command, args, { cwd: root, env, stdio: ["ignore", 2, 2] });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!buildToolsInstalled()) {
  console.error("prepare: the build tools (devDependencies) are not installed in this folder; installing them from package-lock.json first");
  // The outer command's settings are for the outer install: `-g` and `--prefix` would send this one
  // elsewhere, and `--omit=dev` would leave out what the build needs. Cache, registry and offline stay.
  const outer = /^npm_config_(global|location|prefix|omit|include|production|only|dev|save.*|workspaces?|install_links|link|dry_run)$/i;
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !outer.test(name)));
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : [process.platform === "win32" ? "npm.cmd" : "npm"];
  run(npm[0], [...npm.slice(1), "install", "--include=dev", "--ignore-scripts", "--no-save", "--no-audit", "--no-fund"], env);
}
run(process.execPath, [join(root, "scripts", "build.mjs")]);
