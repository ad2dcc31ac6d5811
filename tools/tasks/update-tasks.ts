import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, bulkConfirmThreshold, defineTool, ToolInputError } from "../../src/toolkit/index.js";
import { readEachById } from "../shared/batch-reads.js";
import { itemSummary, runItems } from "../shared/item-runner.js";
import { counted, someNames } from "../shared/write-previews.js";
import { briefTask, maxTasksPerCall, taskItemsOutput } from "./task-batches.js";
import { updateTask } from "./update-task.js";

/** `completed true (12), due_date (3), clear assignee_id (2)`: each field with how many tasks it changes. */
function changesInWords(tasks: ReadonlyArray<Record<string, unknown>>): string {
  const values = new Map<string, unknown[]>();
  for (const task of tasks) {
    for (const [field, value] of Object.entries(task)) {
      if (field === "task_id" || value === undefined) continue;
      const named = field === "clear" && Array.isArray(value) ? value.map((cleared) => [`clear ${cleared}`, true] as const) : [[field, value] as const];
      for (const [key, given] of named) values.set(key, [...(values.get(key) ?? []), given]);
    }
  }
  return [...values]
    .map(([field, given]) => {
      const first = given[0];
      const same = !field.startsWith("clear ") && (typeof first === "boolean" || typeof first === "number") && given.every((value) => value === first);
      return `${field}${same ? ` ${first}` : ""} (${given.length})`;
    })
    .join(", ");
}

export const updateTasks = defineTool({
  name: "UpdateTasks",
  title: "Update several tasks",
  toolset: "tasks",
  description:
    `Update up to ${maxTasksPerCall} tasks in one call, each as Asana_UpdateTask takes it (task_id and what changes). ` +
    "Answers per task: succeeded, failed (one failure stops no other), summary.",
  input: () =>
    z.strictObject({
      tasks: z
        .array(updateTask.input, { error: 'must be a list of changes, such as [{"task_id": "1204567890123456", "completed": true}]' })
        .min(1, { error: "must list at least one task" })
        .max(maxTasksPerCall, { error: `must list at most ${maxTasksPerCall} tasks. Split them into several calls` }),
    }),
  output: () => taskItemsOutput,
  annotations: annotate.idempotentWrite,
  preview: {
    asks: (input) => input.tasks.length > bulkConfirmThreshold,
    async plan(input, ctx) {
      // The tasks' names (for the person) and modified_at (for the fingerprint), ten per batch request.
      const ids = input.tasks.map((task) => task.task_id);
      const read = await readEachById<{ name?: string; modified_at?: string }>(ctx, ids, (id) => asanaPath`/tasks/${id}`, ["name", "modified_at"], "tasks");
      const missing = read.filter((answer) => !answer.ok).length;
      return {
        summary:
          `Update ${counted(ids.length, "task")} (${someNames(read.map((answer) => (answer.ok ? (answer.data.name ?? answer.id) : answer.id)))}): ` +
          `${changesInWords(input.tasks)}${missing > 0 ? `; ${missing} of them not found` : ""}`,
        fingerprint: read.map((answer) => [answer.id, answer.ok ? answer.data.modified_at : answer.statusCode]),
      };
    },
  },
  async handler(input, ctx) {
    const first = new Map<string, number>();
    for (const [index, task] of input.tasks.entries()) {
      const earlier = first.get(task.task_id);
      if (earlier !== undefined) {
        throw new ToolInputError(`tasks[${index}].task_id`, `names the same task as tasks[${earlier}]`, "Put both changes in one item.");
      }
      first.set(task.task_id, index);
    }
    // Each task is its own request, in parallel: Asana's batch API takes writes too, but one lost
    // answer would then leave ten outcomes unknown, and it saves no rate limit (each action counts).
    const outcomes = await runItems(ctx, input.tasks, {
      run: (task, itemCtx) => updateTask.handler(task, itemCtx),
      describeAs: (index) => `Asana_UpdateTask (tasks[${index}])`,
      hints: updateTask.errorHints,
      concurrency: 5,
    });
    return {
      succeeded: outcomes.succeeded.map(({ index, output }) => ({ index, task: briefTask(output.task) })),
      failed: outcomes.failed,
      summary: itemSummary(outcomes, input.tasks.length, "tasks updated"),
    };
  },
});
