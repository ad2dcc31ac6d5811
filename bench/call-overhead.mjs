// Goal 2, per call over stdio: Asana_GetTaskById (max_subtasks 0) through the built server, against raw
// undici sending the very requests the server sent (read back from the emulator's log: same URL with its
// opt_fields, same headers). Both against the same emulator; warmed up; rounds alternate between them.
import { join } from "node:path";
import { repoRoot, serverBin } from "./lib/paths.mjs";
import { Pool } from "undici";
import { RawStdioSession, connectSdkClient, serverEnv } from "./lib/server.mjs";
import { figure, ms, nowMs, quantile } from "./lib/stats.mjs";

export const goalAddedMs = 0.3;

function queryString(query) {
  const search = new URLSearchParams(query).toString();
  return search ? `?${search}` : "";
}

export async function measure({ emulator, quick }) {
  const rounds = quick ? 10 : 40;
  const perRound = 50;
  const warmup = quick ? 300 : 1000;
  const taskId = emulator.demoIds.buildTask;
  const args = { task_id: taskId, max_subtasks: 0 };

  const session = RawStdioSession.spawn(process.execPath, [serverBin], { env: serverEnv(emulator) });
  await session.initialize();
  const sdk = await connectSdkClient({ env: serverEnv(emulator) });
  await sdk.listTools(); // as a client would: the SDK then checks structuredContent against outputSchema

  // The upstream requests of one call, as the emulator received them.
  const before = await emulator.received();
  await session.callTool("Asana_GetTaskById", args);
  const sent = await emulator.received();
  const upstream = await emulator.log(sent - before);
  if (upstream.length === 0) throw new Error("GetTaskById sent no request to the emulator");
  const basePath = new URL(emulator.baseUrl).pathname;
  const requests = upstream.map((exchange) => ({
    method: exchange.method,
    path: `${basePath}${exchange.path}${queryString(exchange.query)}`,
    headers: { authorization: exchange.headers.authorization, accept: exchange.headers.accept, "user-agent": exchange.headers["user-agent"] },
  }));

  // Raw undici: a keep-alive pool like the server's, the body read and parsed as any consumer would.
  const pool = new Pool(emulator.origin, { connections: 10, keepAliveTimeout: 30_000 });
  const raw = async () => {
    for (const request of requests) {
      const { statusCode, body } = await pool.request(request);
      await body.json();
      if (statusCode !== 200) throw new Error(`raw ${request.method} ${request.path} answered ${statusCode}`);
    }
  };
  // The floor: a stdio forwarder with no SDK, schemas or presentation (bench/lib/stdio-forwarder.mjs).
  const forwarder = RawStdioSession.spawn(
    process.execPath,
    [join(repoRoot, "bench", "lib", "stdio-forwarder.mjs"), emulator.origin, JSON.stringify(requests)],
    { stderr: "inherit" },
  );
  await forwarder.initialize();
  const viaForwarder = () => forwarder.callTool("Asana_GetTaskById", args);
  const viaServer = () => session.callTool("Asana_GetTaskById", args);
  const viaSdk = async () => {
    const result = await sdk.callTool({ name: "Asana_GetTaskById", arguments: args });
    if (result.isError) throw new Error(result.content?.[0]?.text);
  };

  const samples = { raw: [], server: [], sdk: [], forwarder: [] };
  const timeRound = async (fn, into, count) => {
    for (let i = 0; i < count; i++) {
      const started = nowMs();
      await fn();
      into?.push(nowMs() - started);
    }
  };
  await timeRound(raw, undefined, warmup);
  await timeRound(viaServer, undefined, warmup);
  await timeRound(viaSdk, undefined, warmup);
  await timeRound(viaForwarder, undefined, warmup);
  for (let round = 0; round < rounds; round++) {
    await timeRound(raw, samples.raw, perRound);
    await timeRound(viaServer, samples.server, perRound);
    await timeRound(viaSdk, samples.sdk, perRound);
    await timeRound(viaForwarder, samples.forwarder, perRound);
  }
  await session.close();
  await sdk.close();
  await forwarder.close();
  await pool.close();

  const p50 = (values) => quantile(values, 0.5);
  const added = p50(samples.server) - p50(samples.raw);
  const addedSdk = p50(samples.sdk) - p50(samples.raw);
  const calls = rounds * perRound;
  return {
    figures: [
      figure({
        name: `per call over stdio, GetTaskById (max_subtasks 0, ${requests.length} upstream GET), p50 of ${calls}`,
        ours: ms(p50(samples.server), 3),
        baseline: `raw undici ${ms(p50(samples.raw), 3)}`,
        ratio: `+${added.toFixed(3)} ms`,
        goal: `≤ +${goalAddedMs} ms`,
        pass: added <= goalAddedMs,
      }),
    ],
    notes: [
      `upstream requests per call: ${upstream.map((e) => `${e.method} ${e.path}${e.query.opt_fields ? `?opt_fields=(${e.query.opt_fields.split(",").length} fields)` : ""}`).join(", ")}`,
      `floor: a bare stdio forwarder (pipes, JSON and the same undici GET; no SDK, schemas or presentation) p50 ${ms(p50(samples.forwarder), 3)}, +${(p50(samples.forwarder) - p50(samples.raw)).toFixed(3)} ms over raw undici; so the server's own work is +${(p50(samples.server) - p50(samples.forwarder)).toFixed(3)} ms`,
      `p90: server ${ms(quantile(samples.server, 0.9), 3)}, raw undici ${ms(quantile(samples.raw, 0.9), 3)}`,
      `the same call through the MCP SDK's Client (it validates structuredContent against the output schema): p50 ${ms(p50(samples.sdk), 3)}, +${addedSdk.toFixed(3)} ms over raw undici`,
    ],
  };
}
