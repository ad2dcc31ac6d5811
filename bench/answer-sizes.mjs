// Issue 20, part 4: every answer within a budget. Each read tool's worst case (the tests' world grown to
// Asana's limits, test/support/worst-case-world.ts: a task with long notes and 100 subtasks, pages of
// 100 tasks with custom fields, 100 events from GetRecentChanges, texts of 20,000 characters…) is read
// through the built server twice, over stdio with the MCP SDK's Client: "before" from a server whose
// operator turned the budget off (ASANA_ANSWER_MAX_BYTES=off, the answers as they were before
// budgets), "after" with the default budget, and at the smallest max_bytes. Then, unless --quick, the
// calls in each cut answer's `truncated.rest` are followed (breadth first, each once) until nothing is
// left: how many calls it takes to read the whole answer within the budget.
import { startEmulator } from "./lib/emulator.mjs";
import { connectSdkClient, serverEnv } from "./lib/server.mjs";
import { figure } from "./lib/stats.mjs";

export const defaultBudget = 8192;
export const smallestBudget = 2048;

const bytesOf = (result) => Buffer.byteLength(result.content?.[0]?.text ?? "", "utf8");

async function caller(emulator, extraEnv) {
  const client = await connectSdkClient({ args: ["--toolsets", "all"], env: serverEnv(emulator, extraEnv) });
  const call = async (name, args) => {
    const result = await client.callTool({ name, arguments: args });
    if (result.isError) throw new Error(`${name}(${JSON.stringify(args).slice(0, 200)}) failed: ${result.content?.[0]?.text}`);
    return result;
  };
  return { client, call };
}

/** Every call a cut answer hands on, and theirs, each once: how many calls read the whole answer, and the largest. */
async function readEverything(call, first, maxCalls) {
  const seen = new Set();
  const queue = [first];
  let calls = 0;
  let largest = 0;
  while (queue.length > 0 && calls < maxCalls) {
    const next = queue.shift();
    const key = JSON.stringify(next);
    if (seen.has(key)) continue;
    seen.add(key);
    const result = await call(next.tool, next.arguments);
    calls += 1;
    largest = Math.max(largest, bytesOf(result));
    queue.push(...(result.structuredContent?.truncated?.rest ?? []));
  }
  return { calls, largest, complete: queue.length === 0 };
}

/** What a cut answer left out, shortest first: `tasks: 93, task.notes: 15171 chars`. */
function leftOutOf(result) {
  const leftOut = result.structuredContent?.truncated?.left_out ?? {};
  const entries = Object.entries(leftOut);
  const shown = entries.slice(0, 3).map(([path, count]) => `${path} ${count}`);
  return entries.length > 3 ? `${shown.join(", ")} (+${entries.length - 3})` : shown.join(", ");
}

export async function measure({ quick }) {
  const emulator = await startEmulator({ world: "worst-case" });
  const before = await caller(emulator, { ASANA_ANSWER_MAX_BYTES: "off" });
  const after = await caller(emulator, {});
  try {
    const { tools } = await after.client.listTools();
    const readTools = tools.filter((tool) => tool.annotations?.readOnlyHint).map((tool) => tool.name);
    const missing = readTools.filter((name) => !emulator.worstCase[name.replace(/^Asana_/, "")]);
    if (missing.length > 0) throw new Error(`test/support/worst-case-world.ts has no worst case for these read tools: ${missing.join(", ")}`);

    const rows = [];
    for (const name of readTools) {
      const args = emulator.worstCase[name.replace(/^Asana_/, "")];
      const whole = bytesOf(await before.call(name, args));
      const cut = await after.call(name, args);
      const small = bytesOf(await after.call(name, { ...args, max_bytes: smallestBudget }));
      const rest = cut.structuredContent?.truncated && !quick ? await readEverything(after.call, { tool: name, arguments: args }, 1000) : undefined;
      rows.push({ name: name.replace(/^Asana_/, ""), whole, cut: bytesOf(cut), small, leftOut: leftOutOf(cut), rest });
    }
    rows.sort((a, b) => b.whole - a.whole);

    const over = (budget, key) => rows.filter((row) => row[key] > budget).map((row) => row.name);
    const overDefault = over(defaultBudget, "cut");
    const overSmall = over(smallestBudget, "small");
    const incomplete = rows.filter((row) => row.rest && !row.rest.complete).map((row) => row.name);
    const wasOver = rows.filter((row) => row.whole > defaultBudget);
    const table = [
      `| tool | before (budget off) | after (default ${defaultBudget} B) | max_bytes ${smallestBudget} | left out at the default | calls to read it all (largest answer) |`,
      "|---|---:|---:|---:|---|---|",
      ...rows.map(
        (r) =>
          `| ${r.name} | ${r.whole} | ${r.cut} | ${r.small} | ${r.leftOut || "(nothing)"} | ${r.rest ? `${r.rest.calls}${r.rest.complete ? "" : "+ (stopped)"} (${r.rest.largest} B)` : r.leftOut ? "(--quick)" : "1"} |`,
      ),
    ];
    return {
      figures: [
        figure({
          name: `read tools whose worst case fits the default ${defaultBudget} B`,
          ours: `${rows.length - overDefault.length} of ${rows.length}`,
          baseline: `${rows.length - wasOver.length} of ${rows.length} before`,
          ratio: `largest before ${rows[0]?.whole} B (${rows[0]?.name})`,
          goal: "all",
          pass: overDefault.length === 0,
        }),
        figure({
          name: `read tools whose worst case fits max_bytes ${smallestBudget}`,
          ours: `${rows.length - overSmall.length} of ${rows.length}`,
          goal: "all",
          pass: overSmall.length === 0,
        }),
        ...(quick
          ? []
          : [
              figure({
                name: "cut answers whose rest calls read the whole answer",
                ours: `${wasOver.length - incomplete.length} of ${wasOver.length}`,
                goal: "all",
                pass: incomplete.length === 0,
              }),
            ]),
      ],
      notes: [
        ...(overDefault.length ? [`over ${defaultBudget} B: ${overDefault.join(", ")}`] : []),
        ...(overSmall.length ? [`over ${smallestBudget} B: ${overSmall.join(", ")}`] : []),
        ...(incomplete.length ? [`rest calls stopped before the end: ${incomplete.join(", ")}`] : []),
      ],
      tables: { "read tools' worst cases, text bytes before and after the budget": table },
    };
  } finally {
    await before.client.close();
    await after.client.close();
    await emulator.close();
  }
}
