// Goal 1, cold start: spawn → initialize → tools/list over stdio, against spawning `node -e 0` (until it
// exits), alternating the two so that drift on a shared machine hits both alike. Medians of each.
import { spawn } from "node:child_process";
import { serverBin } from "./lib/paths.mjs";
import { RawStdioSession, connectSdkClient, serverEnv } from "./lib/server.mjs";
import { figure, median, ms, nowMs } from "./lib/stats.mjs";

export const goalRatio = 2.2;

function timeNodeOnly() {
  return new Promise((resolve, reject) => {
    const started = nowMs();
    const child = spawn(process.execPath, ["-e", "0"], { stdio: "ignore" });
    child.once("error", reject);
    child.once("exit", () => resolve(nowMs() - started));
  });
}

/** Spawn to the tools/list answer, with the minimal client (its own cost is two JSON lines each way). */
async function timeServerStart(env) {
  const started = nowMs();
  const session = RawStdioSession.spawn(process.execPath, [serverBin], { env });
  await session.initialize();
  const listed = await session.request("tools/list");
  const elapsed = nowMs() - started;
  if (!listed.result?.tools?.length) throw new Error(`tools/list answered without tools: ${JSON.stringify(listed).slice(0, 200)}`);
  await session.close();
  return { elapsed, tools: listed.result.tools.length };
}

/** Spawn to the first tool call's answer: what a user waits for before the first thing the model reads. */
async function timeFirstCall(env) {
  const started = nowMs();
  const session = RawStdioSession.spawn(process.execPath, [serverBin], { env });
  await session.initialize();
  await session.request("tools/list");
  // callTool throws on an error answer, so every timed call reached the (emulated) Asana and back.
  await session.callTool("ListWorkspaces", {});
  const elapsed = nowMs() - started;
  await session.close();
  return elapsed;
}

async function timeSdkClientStart(env) {
  const started = nowMs();
  const client = await connectSdkClient({ env });
  await client.listTools();
  const elapsed = nowMs() - started;
  await client.close();
  return elapsed;
}

export async function measure({ emulator, quick }) {
  const runs = quick ? 15 : 25;
  const env = serverEnv(emulator);
  // One of each first, not counted: the file system cache holds node and dist/ afterwards, as it would
  // for anybody who starts the server twice.
  await timeNodeOnly();
  const { tools } = await timeServerStart(env);
  const baseline = [];
  const ours = [];
  for (let i = 0; i < runs; i++) {
    baseline.push(await timeNodeOnly());
    ours.push((await timeServerStart(env)).elapsed);
  }
  const firstCall = [];
  for (let i = 0; i < Math.min(runs, 10); i++) firstCall.push(await timeFirstCall(env));
  const sdk = [];
  for (let i = 0; i < Math.min(runs, 10); i++) sdk.push(await timeSdkClientStart(env));
  const ratio = median(ours) / median(baseline);
  return {
    figures: [
      figure({
        name: `cold start, spawn → initialize → tools/list over stdio (${tools} tools, median of ${runs}, interleaved)`,
        ours: ms(median(ours)),
        baseline: `node -e 0 ${ms(median(baseline))}`,
        ratio: `${ratio.toFixed(2)}×`,
        goal: `≤ ${goalRatio}×`,
        pass: ratio <= goalRatio,
      }),
    ],
    notes: [
      `cold start spread: ours min ${ms(Math.min(...ours))} max ${ms(Math.max(...ours))}; node -e 0 min ${ms(Math.min(...baseline))} max ${ms(Math.max(...baseline))}`,
      `spawn → the first tool call's answer (ListWorkspaces, toolkit and Asana client loaded): median ${ms(median(firstCall))} of ${firstCall.length}, ${(median(firstCall) / median(baseline)).toFixed(2)}× node -e 0`,
      `the same start through the MCP SDK's Client + StdioClientTransport (client-side schema work included): median ${ms(median(sdk))} of ${sdk.length}, ${(median(sdk) / median(baseline)).toFixed(2)}× node -e 0`,
    ],
  };
}
