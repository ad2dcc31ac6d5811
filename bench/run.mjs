// `npm run bench`: builds the server, then measures every goal of issue 12 against a baseline taken in
// the same run, prints one line per figure (`figure: ours vs baseline → ratio (goal …) PASS|FAIL`) and
// exits 1 when a goal is missed.
//
//   npm run bench                       everything (about 2 minutes on a 2-core machine)
//   npm run bench -- --quick            smaller counts, for development (about a minute)
//   npm run bench -- --only cold-start,call-overhead
//   npm run bench -- --only intents     issue 19's everyday intents, beside RC
//   npm run bench -- --no-build         measure dist/ as it is
import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { startEmulator } from "./lib/emulator.mjs";
import { repoRoot } from "./lib/paths.mjs";
import { formatFigure, nowMs } from "./lib/stats.mjs";

const benches = {
  "output-size": () => import("./output-size.mjs"),
  install: () => import("./install.mjs"),
  "cold-start": () => import("./cold-start.mjs"),
  "start-up-steps": () => import("./start-up-steps.mjs"),
  "call-overhead": () => import("./call-overhead.mjs"),
  "http-throughput": () => import("./http-throughput.mjs"),
  intents: () => import("./intents.mjs"),
  "answer-sizes": () => import("./answer-sizes.mjs"),
};

const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const onlyIndex = argv.indexOf("--only");
const only = onlyIndex >= 0 ? (argv[onlyIndex + 1] ?? "").split(",").filter(Boolean) : Object.keys(benches);
const unknown = only.filter((name) => !(name in benches));
if (unknown.length > 0) {
  console.error(`unknown bench: ${unknown.join(", ")}; choose from ${Object.keys(benches).join(", ")}`);
  process.exit(2);
}

if (!argv.includes("--no-build")) execFileSync(process.execPath, [join(repoRoot, "scripts", "build.mjs")], { stdio: ["ignore", "ignore", "inherit"] });

console.log(
  `asana-mcp bench${quick ? " (--quick)" : ""}: Node ${process.versions.node}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
const emulator = await startEmulator();
const results = [];
const started = nowMs();
try {
  for (const name of only) {
    const benchStarted = nowMs();
    const { measure } = await benches[name]();
    const { figures, notes = [], tables = {} } = await measure({ emulator, quick });
    for (const f of figures) console.log(formatFigure(f));
    for (const note of notes) console.log(`  ${note}`);
    for (const [title, lines] of Object.entries(tables)) console.log(`\n${title}:\n${lines.join("\n")}\n`);
    console.log(`  (${name}: ${((nowMs() - benchStarted) / 1000).toFixed(0)} s)`);
    results.push(...figures);
  }
} finally {
  await emulator.close();
}

const goals = results.filter((f) => f.pass !== undefined);
const failed = goals.filter((f) => !f.pass);
console.log(
  `\n${goals.length - failed.length} of ${goals.length} goals met in ${((nowMs() - started) / 1000).toFixed(0)} s${failed.length ? `; missed: ${failed.map((f) => f.name).join("; ")}` : ""}`,
);
process.exitCode = failed.length > 0 ? 1 : 0;
