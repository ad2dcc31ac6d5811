// Runs the everyday intents (intent-scripts.mjs) against a server over stdio, each in a fresh session as
// a new chat would be, and counts for each: the tool calls, the Asana requests the emulator saw and the
// sequential rounds they took (round-counter.mjs), and the bytes the model reads: the tool list of the
// session (name, description and input schema of each tool, as the context-budget test counts them;
// tools a call switches on are added when the list changes) and the text of every output. The server's
// instructions are counted apart (`instructionsBytes`): RC has none.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { intentDates, intentScripts } from "./intent-scripts.mjs";
import { repoRoot, serverBin } from "./paths.mjs";
import { startRoundCounter } from "./round-counter.mjs";

const bytesOf = (text) => Buffer.byteLength(text, "utf8");

/** What a model is shown of a tool: the same count as test/mcp/context-budget.test.ts. */
export const modelViewBytes = (tool) => bytesOf(JSON.stringify({ name: tool.name, description: tool.description, inputSchema: tool.inputSchema }));

/** RC's entry, installed as a devDependency pinned to 1.8.0. */
export const rcEntry = join(repoRoot, "node_modules", "@roychri", "mcp-server-asana", "dist", "index.js");
/** Points the asana client's shared ApiClient at ASANA_BASE_URL: RC has no setting for it. */
const rcPreload = join(repoRoot, "bench", "lib", "rc-base-url.mjs");

/** Why RC cannot run here, or undefined when it can. */
export function rcUnavailable() {
  if (!existsSync(rcEntry)) return `${rcEntry} is missing: run npm install (RC is a devDependency)`;
  if (!existsSync(join(repoRoot, "node_modules", "asana"))) return "the asana client RC imports is not installed";
  return undefined;
}

/** How each server is started: as a user with a personal access token would, pointed at `baseUrl`. */
function launch(side, baseUrl, token) {
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ASANA_BASE_URL: baseUrl, ASANA_ACCESS_TOKEN: token };
  if (side === "ours") return { command: process.execPath, args: [serverBin], env, toolName: (name) => `Asana_${name}` };
  return { command: process.execPath, args: ["--import", rcPreload, rcEntry], env, toolName: (name) => name };
}

/** The parsed text of a result; an error (ours: isError; RC: a text `{"error": …}`) throws with its text. */
function outputOf(side, tool, result) {
  const text = result.content?.find((item) => item.type === "text")?.text ?? "";
  if (result.isError) throw new Error(`${side} ${tool} failed: ${text}`);
  // RC answers some writes in prose ("Successfully moved task …").
  let output;
  try {
    output = JSON.parse(text);
  } catch {
    return text;
  }
  if (side === "rc" && output && typeof output === "object" && !Array.isArray(output) && "error" in output) throw new Error(`rc ${tool} failed: ${text}`);
  return output;
}

/**
 * One intent in a fresh session of `side` ("ours" or "rc"): the script's calls through the SDK's Client,
 * counted. Returns calls, tools (the names called), outputs ({tool, bytes} per call), addedTools (name →
 * bytes of each tool a call switched on), profileBytes (the list at the start), instructionsBytes,
 * toolListBytes, outputBytes, bytes (list + outputs), requests (`METHOD path` in order), rounds.
 */
async function runOne(side, script, counter, token) {
  const { command, args, env, toolName } = launch(side, counter.baseUrl, token);
  const client = new Client({ name: "asana-mcp-intent-bench", version: "1.0.0" });
  let listChanged = false;
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    listChanged = true;
  });
  await client.connect(new StdioClientTransport({ command, args, env, stderr: "ignore" }));
  try {
    const listed = new Map((await client.listTools()).tools.map((tool) => [tool.name, tool]));
    const profileBytes = [...listed.values()].reduce((sum, tool) => sum + modelViewBytes(tool), 0);
    let toolListBytes = profileBytes;
    /** Tools a call switched on, with their model view: the model reads them from then on. */
    const addedTools = {};
    const outputs = [];
    const use = async (name, toolArgs) => {
      const result = await client.callTool({ name: toolName(name), arguments: toolArgs });
      outputs.push({ tool: name, bytes: (result.content ?? []).reduce((sum, item) => sum + (item.type === "text" ? bytesOf(item.text) : 0), 0) });
      if (listChanged) {
        listChanged = false;
        for (const tool of (await client.listTools()).tools) {
          if (listed.has(tool.name)) continue;
          listed.set(tool.name, tool);
          addedTools[tool.name] = modelViewBytes(tool);
          toolListBytes += addedTools[tool.name];
        }
      }
      return outputOf(side, name, result);
    };
    const mark = counter.mark();
    await script(use);
    const { requests, rounds } = counter.since(mark);
    const outputBytes = outputs.reduce((sum, output) => sum + output.bytes, 0);
    return {
      calls: outputs.length,
      tools: outputs.map((output) => output.tool),
      outputs,
      addedTools,
      profileBytes,
      instructionsBytes: bytesOf(client.getInstructions() ?? ""),
      toolListBytes,
      outputBytes,
      bytes: toolListBytes + outputBytes,
      requests: requests.map((r) => `${r.method} ${r.path}`),
      requestCount: requests.length,
      rounds,
    };
  } finally {
    await client.close();
  }
}

/**
 * Runs every intent (or those in `only`) for one side against the Asana at `upstreamBaseUrl`, through
 * a round counter with `quietMs`. Intents share the emulator's state, in order, as one user's day would.
 * Returns one row per intent: { id, intent, needs, skipped?, ...counts }.
 */
export async function runIntents({ side, upstreamBaseUrl, token, quietMs = 40, today = new Date(), only }) {
  const counter = await startRoundCounter(upstreamBaseUrl, { quietMs });
  const rows = [];
  try {
    for (const intent of intentScripts(intentDates(today))) {
      if (only && !only.includes(intent.id)) continue;
      const script = side === "ours" ? intent.ours : intent.rc;
      const row = { id: intent.id, intent: intent.intent, needs: intent.needs };
      if (!script) {
        rows.push({ ...row, skipped: intent.rcCannot });
        continue;
      }
      rows.push({ ...row, ...(await runOne(side, script, counter, token)) });
    }
  } finally {
    await counter.close();
  }
  return rows;
}
