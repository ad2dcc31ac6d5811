// How much smaller our tool outputs are than the Asana objects behind them.
// Baseline, in the same run: Asana's own JSON for the same task (GET /tasks/{gid} without opt_fields,
// which returns every field, plus its subtasks), served by the emulator from the sandbox's demo world.
// Usage: npm run build && node bench/output-size.mjs
import { AsanaClient } from "../dist/src/asana/index.js";
import { PersonalAccessTokenResolver } from "../dist/src/auth/index.js";
import { AsanaStore, sandboxToken, seedDemoWorld, startAsanaEmulator } from "../dist/src/sandbox/index.js";
import { invokeTool } from "../dist/src/toolkit/index.js";
import { getTaskById } from "../dist/tools/tasks.js";

const store = new AsanaStore();
const { me } = seedDemoWorld(store);
const emulator = await startAsanaEmulator({ store, tokens: { [sandboxToken]: me.gid } });
const asana = new AsanaClient({ baseUrl: emulator.baseUrl });
const runtime = { asana, tokens: new PersonalAccessTokenResolver(sandboxToken) };
const session = asana.session({ token: sandboxToken });

const rows = [];
for (const task of store.all("task", (t) => t.parent === null)) {
  const raw = await session.get(`/tasks/${task.gid}`);
  const rawSubtasks = (
    await session.getPage(`/tasks/${task.gid}/subtasks`, { limit: 100, optFields: ["name", "completed", "due_on", "assignee", "notes", "tags"] })
  ).items;
  const baseline = JSON.stringify({ data: { ...raw, subtasks: rawSubtasks } }).length;
  const outcome = await invokeTool(runtime, {
    tool: getTaskById,
    displayName: "Asana_GetTaskById",
    arguments: { task_id: task.gid },
    signal: new AbortController().signal,
  });
  if (!outcome.ok) throw new Error(outcome.error.message);
  const ours = JSON.stringify(outcome.output).length;
  rows.push({
    task: String(task.name).slice(0, 40),
    subtasks: rawSubtasks.length,
    asana_bytes: baseline,
    ours_bytes: ours,
    ratio: +(ours / baseline).toFixed(2),
  });
}
console.table(rows);
const total = rows.reduce((sum, row) => ({ asana: sum.asana + row.asana_bytes, ours: sum.ours + row.ours_bytes }), { asana: 0, ours: 0 });
const withSubtasks = rows.filter((r) => r.subtasks > 0);
console.log(
  `GetTaskById output vs Asana's full task JSON: ${total.ours} / ${total.asana} bytes = ratio ${(total.ours / total.asana).toFixed(2)} over ${rows.length} tasks`,
);
console.log(
  `typical task (median of ${rows.length}): ${rows.map((r) => r.ours_bytes).sort((a, b) => a - b)[Math.floor(rows.length / 2)]} bytes; with subtasks: ${withSubtasks.map((r) => r.ours_bytes).join(", ")} bytes`,
);
await asana.close();
await emulator.close();
