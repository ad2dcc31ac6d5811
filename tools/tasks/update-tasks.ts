import * as z from "zod";
import { annotate, defineTool, ToolInputError } from "../../src/toolkit/index.js";
import { itemSummary, runItems } from "../shared/item-runner.js";
import { briefTask, maxTasksPerCall, taskItemsOutput } from "./task-batches.js";
import { updateTask } from "./update-task.js";

export const updateTasks = defineTool({
  name: "UpdateTasks",
  title: "Update several tasks",
  toolset: "tasks",
  description:
    `Update up to ${maxTasksPerCall} tasks in one call, each as Asana_UpdateTask takes it (task_id and what changes). ` +
    "Answers per task: succeeded, failed (one failure stops no other), summary.",
  input: z.strictObject({
    tasks: z
      .array(updateTask.input, { error: 'must be a list of changes, such as [{"task_id": "1204567890123456", "completed": true}]' })
      .min(1, { error: "must list at least one task" })
      .max(maxTasksPerCall, { error: `must list at most ${maxTasksPerCall} tasks. Split them into several calls` }),
  }),
  output: taskItemsOutput,
  annotations: annotate.idempotentWrite,
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
