// What the MCP front door costs per call and at start-up, as ratios against baselines in the same run.
// - per call: Asana_ListWorkspaces through the real CLI over stdio, vs the same Asana request made
//   directly with our client (both against the same loopback emulator);
// - start-up: spawn + initialize + tools/list, vs spawning `node -e 0`.
// Usage: npm run build && node bench/call-overhead.mjs [calls=300]
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { AsanaClient } from "../dist/src/asana/index.js";
import { AsanaStore, sandboxToken, seedDemoWorld, startAsanaEmulator } from "../dist/src/sandbox/index.js";

const calls = Number(process.argv[2] ?? 300);
const cli = fileURLToPath(new URL("../dist/src/main.js", import.meta.url));
const store = new AsanaStore();
const { me } = seedDemoWorld(store);
const emulator = await startAsanaEmulator({ store, tokens: { [sandboxToken]: me.gid } });
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timeEach(n, fn) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const started = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

// Baseline: the Asana request alone.
const asana = new AsanaClient({ baseUrl: emulator.baseUrl });
const session = asana.session({ token: sandboxToken });
await timeEach(20, () => session.getPage("/workspaces", { limit: 100, optFields: ["name", "is_organization", "email_domains"] }));
const direct = await timeEach(calls, () => session.getPage("/workspaces", { limit: 100, optFields: ["name", "is_organization", "email_domains"] }));

// Start-up.
const env = { PATH: process.env.PATH ?? "", ASANA_BASE_URL: emulator.baseUrl, ASANA_ACCESS_TOKEN: sandboxToken, ASANA_MCP_LOG_LEVEL: "silent" };
const nodeOnly = await timeEach(5, async () => spawnSync(process.execPath, ["-e", "0"]));
let client;
const startups = await timeEach(5, async () => {
  await client?.close();
  client = new Client({ name: "bench", version: "1.0.0" });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [cli], env }));
  await client.listTools();
});

// Through MCP.
await timeEach(20, () => client.callTool({ name: "Asana_ListWorkspaces", arguments: {} }));
const viaMcp = await timeEach(calls, () => client.callTool({ name: "Asana_ListWorkspaces", arguments: {} }));
await client.close();
await asana.close();
await emulator.close();

const report = (label, ours, base) =>
  console.log(`${label}: median ${median(ours).toFixed(2)} ms vs baseline ${median(base).toFixed(2)} ms, ratio ${(median(ours) / median(base)).toFixed(2)}`);
report(`per call over stdio (${calls} calls)`, viaMcp, direct);
report("start-up to tools/list (5 runs)", startups, nodeOnly);
console.log(`added per call: ${(median(viaMcp) - median(direct)).toFixed(2)} ms (JSON-RPC over pipes, input and output validation, presentation)`);
