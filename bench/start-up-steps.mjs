// What each step of the build buys at start-up: the full build against builds that leave one step out
// (prebuilt tool descriptors, the ajv stub, lazily loaded chunks, minification) and one that leaves all
// four out (a plain bundle). Each is timed like goal 1: spawn → initialize → tools/list over stdio,
// interleaved with `node -e 0`, medians. Reported only; goal 1 gates the full build.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./lib/paths.mjs";
import { RawStdioSession, serverEnv } from "./lib/server.mjs";
import { figure, median, ms, nowMs } from "./lib/stats.mjs";

const variants = [
  { name: "full build", without: [] },
  { name: "without prebuilt descriptors", without: ["prebuilt-descriptors"] },
  { name: "without the ajv stub", without: ["ajv-stub"] },
  { name: "without lazy chunks", without: ["lazy-chunks"] },
  { name: "without minification", without: ["minify"] },
  { name: "a plain bundle (none of the four)", without: ["prebuilt-descriptors", "ajv-stub", "lazy-chunks", "minify"] },
];

function timeNodeOnly() {
  return new Promise((resolve, reject) => {
    const started = nowMs();
    const child = spawn(process.execPath, ["-e", "0"], { stdio: "ignore" });
    child.once("error", reject);
    child.once("exit", () => resolve(nowMs() - started));
  });
}

async function timeStart(bin, env) {
  const started = nowMs();
  const session = RawStdioSession.spawn(process.execPath, [bin], { env });
  await session.initialize();
  const listed = await session.request("tools/list");
  const elapsed = nowMs() - started;
  if (!listed.result?.tools?.length) throw new Error(`${bin}: tools/list answered without tools`);
  await session.close();
  return elapsed;
}

export async function measure({ emulator, quick }) {
  const runs = quick ? 7 : 15;
  const env = serverEnv(emulator);
  const scratch = mkdtempSync(join(tmpdir(), "asana-mcp-steps-"));
  try {
    for (const [index, variant] of variants.entries()) {
      variant.bin = join(scratch, String(index), "bin.js");
      const args = [join(repoRoot, "scripts", "build.mjs"), "--outdir", join(scratch, String(index))];
      if (variant.without.length > 0) args.push("--without", variant.without.join(","));
      execFileSync(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] });
      variant.times = [];
      await timeStart(variant.bin, env); // warms the file system cache, not counted
    }
    const baseline = [];
    for (let i = 0; i < runs; i++) {
      baseline.push(await timeNodeOnly());
      for (const variant of variants) variant.times.push(await timeStart(variant.bin, env));
    }
    const base = median(baseline);
    const full = median(variants[0].times);
    return {
      figures: variants.map((variant) =>
        figure({
          name: `start-up, ${variant.name} (median of ${runs})`,
          ours: ms(median(variant.times)),
          baseline: `node -e 0 ${ms(base)}`,
          ratio: `${(median(variant.times) / base).toFixed(2)}×${variant.without.length > 0 ? `, +${ms(median(variant.times) - full)} over the full build` : ""}`,
        }),
      ),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
