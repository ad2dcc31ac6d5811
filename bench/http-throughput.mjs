// Goal 3, stateless Streamable HTTP: tools/call throughput of the built server with 32 concurrent loops,
// against raw undici GETs of the same upstream URLs with the same 32 loops; the call chosen makes exactly
// 2 upstream GETs (GetTaskById of a task without dependencies: the task, and its subtasks). Beside it, a
// floor: the MCP SDK's own stateless server (bench/lib/sdk-floor-server.mjs) with one tool that makes the
// same two GETs, driven by the same loops; ours should stay close to what the SDK itself costs. And memory:
// the server's RSS (VmRSS) after 10k calls and after 100k calls, with the heap left by the latest full GC
// beside it (from node --trace-gc), which tells live data from heap that V8 keeps committed.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Pool } from "undici";
import { residentBytes, serverEnv, startHttpServer } from "./lib/server.mjs";
import { figure, mb, nowMs } from "./lib/stats.mjs";

export const goalThroughputRatio = 0.1;
export const goalFloorRatio = 0.8;
export const goalRssGrowth = 0.1;
const loops = 32;

function queryString(query) {
  const search = new URLSearchParams(query).toString();
  return search ? `?${search}` : "";
}

/** Runs `loops` concurrent loops of `step` until `total` steps have been started; returns steps per second. */
async function runLoops(total, step) {
  let started = 0;
  const begin = nowMs();
  const loop = async () => {
    while (started < total) {
      started += 1;
      await step();
    }
  };
  await Promise.all(Array.from({ length: loops }, loop));
  return total / ((nowMs() - begin) / 1000);
}

export async function measure({ emulator, quick }) {
  const firstCheckpoint = quick ? 2_000 : 10_000;
  const secondCheckpoint = quick ? 10_000 : 100_000;
  const rawGets = quick ? 10_000 : 40_000;
  const args = { task_id: emulator.demoIds.buildTask };
  const server = await startHttpServer({ env: serverEnv(emulator), traceGc: true });
  const endpoint = new URL(server.endpoint);
  const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "Asana_GetTaskById", arguments: args } });
  const headers = { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-06-18" };
  let failures = 0;
  let lastFailure = "";
  const pools = [];
  /** One tools/call at a time per loop against an MCP endpoint, over a pool of as many connections as loops. */
  const caller = (url) => {
    const pool = new Pool(url.origin, { connections: loops, keepAliveTimeout: 30_000 });
    pools.push(pool);
    return async () => {
      const response = await pool.request({ method: "POST", path: url.pathname, headers, body });
      const text = await response.body.text();
      // The answer is one SSE event (or JSON); a tool error is a 200 with isError, so look for it too.
      if (response.statusCode !== 200 || !text.includes('"result"') || text.includes('"isError":true')) {
        failures += 1;
        lastFailure = `${response.statusCode} ${text.slice(0, 300)}`;
      }
    };
  };
  const call = caller(endpoint);

  // One call, to learn its upstream requests; the figure needs exactly two.
  const before = await emulator.received();
  await call();
  const sent = await emulator.received();
  if (failures > 0) throw new Error(`tools/call over HTTP failed: ${lastFailure}`);
  const upstream = await emulator.log(sent - before);
  if (upstream.length !== 2) throw new Error(`GetTaskById made ${upstream.length} upstream requests, not 2: ${upstream.map((e) => e.path).join(", ")}`);
  const basePath = new URL(emulator.baseUrl).pathname;
  const requests = upstream.map((exchange) => ({
    method: exchange.method,
    path: `${basePath}${exchange.path}${queryString(exchange.query)}`,
    headers: { authorization: exchange.headers.authorization, accept: exchange.headers.accept, "user-agent": exchange.headers["user-agent"] },
  }));

  // Raw undici: each loop sends the call's two GETs in turn, over a pool of as many connections as loops.
  const upstreamPool = new Pool(emulator.origin, { connections: loops, keepAliveTimeout: 30_000 });
  let next = 0;
  const rawGet = async () => {
    const request = requests[next++ % requests.length];
    const { statusCode, body: answer } = await upstreamPool.request(request);
    await answer.text();
    if (statusCode !== 200) throw new Error(`raw GET ${request.path} answered ${statusCode}`);
  };

  await runLoops(2_000, rawGet); // warm-up
  const rawBefore = await runLoops(rawGets, rawGet);
  await runLoops(1_000, call); // warm-up, counted in the calls
  const firstRate = await runLoops(firstCheckpoint - 1_001, call);
  const rss10k = residentBytes(server.pid);
  const gc10k = server.lastFullGc();
  const secondRate = await runLoops(secondCheckpoint - firstCheckpoint, call);
  const rss100k = residentBytes(server.pid);
  const gc100k = server.lastFullGc();
  const rawAfter = await runLoops(rawGets, rawGet);

  // The floor, then ours again with the same count, so both are measured under the same load.
  const floor = await startSdkFloor({ requests, origin: emulator.origin });
  const floorCall = caller(new URL(floor.endpoint));
  const floorCalls = quick ? 4_000 : 20_000;
  await runLoops(1_000, floorCall); // warm-up
  const floorRate = await runLoops(floorCalls, floorCall);
  const oursAgain = await runLoops(floorCalls, call);
  floor.close();
  for (const pool of pools) await pool.close();
  await upstreamPool.close();
  await server.close();
  if (failures > 0) throw new Error(`${failures} calls failed over HTTP, the last: ${lastFailure}`);
  const floorRatio = oursAgain / floorRate;

  // The better of the two raw runs (before and after the server's): the stricter baseline.
  const rawRate = Math.max(rawBefore, rawAfter);
  const ratio = secondRate / rawRate;
  const growth = rss100k / rss10k - 1;
  const k = (n) => `${n / 1000}k`;
  return {
    figures: [
      figure({
        name: `stateless HTTP throughput, GetTaskById (2 upstream GETs per call), ${loops} loops, calls ${k(firstCheckpoint)}–${k(secondCheckpoint)}`,
        ours: `${secondRate.toFixed(0)} calls/s`,
        baseline: `raw undici ${rawRate.toFixed(0)} GET/s`,
        ratio: `${ratio.toFixed(3)}×`,
        goal: `≥ ${goalThroughputRatio}×`,
        pass: ratio >= goalThroughputRatio,
      }),
      figure({
        name: `stateless HTTP throughput against the MCP SDK's own stateless server with one tool making the same 2 GETs, ${loops} loops, ${k(floorCalls)} calls each`,
        ours: `${oursAgain.toFixed(0)} calls/s`,
        baseline: `SDK floor ${floorRate.toFixed(0)} calls/s`,
        ratio: `${floorRatio.toFixed(3)}×`,
        goal: `≥ ${goalFloorRatio}×`,
        pass: floorRatio >= goalFloorRatio,
      }),
      figure({
        name: `server RSS after ${k(secondCheckpoint)} HTTP calls vs after ${k(firstCheckpoint)}`,
        ours: mb(rss100k),
        baseline: mb(rss10k),
        ratio: `${growth >= 0 ? "+" : ""}${(growth * 100).toFixed(1)}%`,
        goal: `≤ +${goalRssGrowth * 100}%`,
        pass: growth <= goalRssGrowth,
      }),
    ],
    notes: [
      `per upstream request: ${(2 * secondRate).toFixed(0)} upstream GET/s through the server vs ${rawRate.toFixed(0)} raw → ${((2 * secondRate) / rawRate).toFixed(3)}×`,
      `raw undici before the server's run ${rawBefore.toFixed(0)} GET/s, after ${rawAfter.toFixed(0)} GET/s; the server's first ${k(firstCheckpoint)} calls ran at ${firstRate.toFixed(0)} calls/s`,
      `heap after the latest full GC (node --trace-gc), live/committed: ${gc10k ? `${gc10k.liveMb}/${gc10k.committedMb} MB` : "none yet"} at ${k(firstCheckpoint)}, ${gc100k ? `${gc100k.liveMb}/${gc100k.committedMb} MB` : "none yet"} at ${k(secondCheckpoint)}`,
      `upstream requests per call: ${upstream.map((e) => `${e.method} ${e.path}`).join(", ")}`,
    ],
  };
}

/** The SDK's own stateless server (bench/lib/sdk-floor-server.mjs), as a child process like ours. */
async function startSdkFloor(upstream) {
  const script = fileURLToPath(new URL("./lib/sdk-floor-server.mjs", import.meta.url));
  const child = spawn(process.execPath, [script, JSON.stringify(upstream)], { stdio: ["ignore", "pipe", "inherit"] });
  const endpoint = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /listening (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`the SDK floor server exited with ${code}`)));
  });
  return { endpoint, close: () => child.kill() };
}
