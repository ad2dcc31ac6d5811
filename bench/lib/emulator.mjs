// The loopback Asana the benchmarks run against: the project's own emulator (src/sandbox), seeded with
// the sandbox's demo world, in a child process of its own so that its CPU is not the bench's.
// The bench cannot import the TypeScript sources, so a tiny entry is bundled with esbuild on the fly
// (the way scripts/build.mjs bundles its descriptor script) and forked; it talks over IPC.
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { repoRoot } from "./paths.mjs";

const requireShim = 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);';

const demoWorld = `
import { AsanaStore, demoIds, sandboxToken, seedDemoWorld, startAsanaEmulator } from "./src/sandbox/index.ts";
const store = new AsanaStore();
const { me } = seedDemoWorld(store);
// The logs keep the latest requests only, so a 100k-call run does not grow the emulator.
const jobDurationMs = process.env.BENCH_EMULATOR_JOB_MS === undefined ? {} : { jobDurationMs: Number(process.env.BENCH_EMULATOR_JOB_MS) };
const emulator = await startAsanaEmulator({ store, tokens: { [sandboxToken]: me.gid }, recordLimit: 200, ...jobDurationMs });
const topLevelTasks = store.all("task", (t) => t.parent === null || t.parent === undefined).map((t) => ({ gid: t.gid, name: t.name }));
process.send({ type: "ready", baseUrl: emulator.baseUrl, token: sandboxToken, demoIds, topLevelTasks });
`;

// The tests' world grown to Asana's limits (test/support/worst-case-world.ts), with each read tool's
// worst-case arguments: what bench/answer-sizes.mjs measures.
const worstCaseWorld = `
import { AsanaStore, startAsanaEmulator } from "./src/sandbox/index.ts";
import { seedTestWorld, testToken } from "./test/support/world.ts";
import { recordWorstCaseChanges, seedWorstCase } from "./test/support/worst-case-world.ts";
const store = new AsanaStore();
const world = seedTestWorld(store);
const worstCase = seedWorstCase(store, world);
const emulator = await startAsanaEmulator({ store, tokens: { [testToken]: world.me.gid }, recordLimit: 200 });
worstCase.GetRecentChanges = { ...worstCase.GetRecentChanges, sync_token: await recordWorstCaseChanges(emulator.baseUrl, testToken, world, store) };
process.send({ type: "ready", baseUrl: emulator.baseUrl, token: testToken, worstCase });
`;

// Both worlds answer requests for their log, and close when the bench goes.
const answerLog = `
process.on("message", (message) => {
  if (message.type === "log") {
    const exchanges = emulator.exchanges.slice(-message.last).map((e) => ({ method: e.method, path: e.path, query: e.query, headers: e.headers, status: e.response.status }));
    process.send({ type: "log", id: message.id, received: emulator.received, exchanges });
  }
});
process.on("disconnect", () => void emulator.close().then(() => process.exit(0)));
`;

/**
 * Starts the emulator, seeded with the sandbox's demo world, or with `world: "worst-case"` the tests'
 * worst-case world (then `worstCase` holds each read tool's arguments). Returns its base URL, the
 * token it accepts, the demo world's ids and top-level tasks, `received()` (requests answered so far)
 * and `log(last)` (the latest requests as it saw them). `jobDurationMs` is how long Asana's jobs
 * (duplications, templates) stay pending in the demo world; 0 finishes them at once.
 */
export async function startEmulator({ world = "demo", jobDurationMs } = {}) {
  const entry = (world === "worst-case" ? worstCaseWorld : demoWorld) + answerLog;
  const scratch = mkdtempSync(join(tmpdir(), "asana-mcp-bench-emulator-"));
  const script = join(scratch, "emulator.mjs");
  await build({
    stdin: { contents: entry, resolveDir: repoRoot, loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: script,
    logLevel: "warning",
    banner: { js: requireShim },
  });
  // Even if the bench dies: the child exits when IPC disconnects, and the bundle goes with the bench.
  const removeScratch = () => rmSync(scratch, { recursive: true, force: true });
  process.once("exit", removeScratch);
  const env = jobDurationMs === undefined ? process.env : { ...process.env, BENCH_EMULATOR_JOB_MS: String(jobDurationMs) };
  const child = fork(script, [], { stdio: ["ignore", "inherit", "inherit", "ipc"], execArgv: [], env });
  const ready = await new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("exit", (code) => reject(new Error(`the emulator exited with code ${code} before it was ready`)));
  });
  let nextId = 0;
  const waiting = new Map();
  child.on("message", (message) => {
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });
  const ask = (message) =>
    new Promise((resolve) => {
      const id = ++nextId;
      waiting.set(id, resolve);
      child.send({ ...message, id });
    });
  return {
    baseUrl: ready.baseUrl,
    origin: new URL(ready.baseUrl).origin,
    token: ready.token,
    demoIds: ready.demoIds,
    topLevelTasks: ready.topLevelTasks,
    worstCase: ready.worstCase,
    pid: child.pid,
    /** How many requests the emulator has received so far. */
    received: async () => (await ask({ type: "log", last: 0 })).received,
    /** The latest `last` requests, oldest first: method, path (below /api/1.0), query, headers, status. */
    log: async (last) => (await ask({ type: "log", last })).exchanges,
    close: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.disconnect();
      await exited;
      removeScratch();
      process.off("exit", removeScratch);
    },
  };
}
