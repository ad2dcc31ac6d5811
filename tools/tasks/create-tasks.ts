import * as z from "zod";
import { annotate, bulkConfirmThreshold, defineTool, quoted } from "../../src/toolkit/index.js";
import { itemSummary, runItems } from "../shared/item-runner.js";
import { looksLikeGid } from "../shared/lookups.js";
import { counted, someNames } from "../shared/write-previews.js";
import { createTask } from "./create-task.js";
import { briefTask, maxTasksPerCall, readUnchangedByTaskCreates, taskItemsOutput } from "./task-batches.js";

/**
 * Tasks in flight at once. Asana allows 15 concurrent writes per token, and a task in flight has at most
 * two (taking its marker out and filing it in its section, once created): 7 keeps one call within that.
 */
export const concurrentTaskCreates = 7;

export const createTasks = defineTool({
  name: "CreateTasks",
  title: "Create several tasks",
  toolset: "tasks",
  description:
    `Create up to ${maxTasksPerCall} tasks in one call, each as Asana_CreateTask takes it (e.g. the same project and section). ` +
    "Order in a project or section is not kept. " +
    "Answers per task: succeeded, failed (one failure stops no other), summary. Send only failed ones again.",
  input: () =>
    z.strictObject({
      tasks: z
        .array(createTask.input, { error: 'must be a list of tasks, such as [{"name": "Draft the brief", "project": "Website"}]' })
        .min(1, { error: "must list at least one task" })
        .max(maxTasksPerCall, { error: `must list at most ${maxTasksPerCall} tasks. Split them into several calls` }),
    }),
  output: () => taskItemsOutput,
  annotations: annotate.create,
  marks: "each task's own, as Asana_CreateTask puts it",
  preview: {
    asks: (input) => input.tasks.length > bulkConfirmThreshold,
    // Nothing exists yet to read: the preview is the list itself, where it goes and how long it is.
    async plan(input) {
      const places = [
        ...new Set(
          input.tasks.map((task) =>
            task.parent_task_id ? `under task ${task.parent_task_id}` : task.project ? `in project ${quoted(task.project)}` : "in the workspace",
          ),
        ),
      ];
      const where = places.length === 1 ? places[0] : `in ${places.length} places`;
      return { summary: `Create ${counted(input.tasks.length, "task")} (${someNames(input.tasks.map((task) => task.name))}) ${where}` };
    },
  },
  async handler(input, ctx) {
    // New tag names are made by the first task that names them: the tasks then run one at a time, so
    // the next finds that tag instead of making a second. Otherwise tasks run side by side, subtasks of
    // one parent excepted: they run in order, since a parent lists its subtasks in the order they were
    // made. A section's order cannot be kept by writes sent at once (addProject puts each at the bottom
    // as it arrives, and an insert_after anchor must already be in the section): the description says so.
    const makesTags = input.tasks.some((task) => task.tags?.some((tag) => !looksLikeGid(tag)));
    const outcomes = await runItems(ctx, input.tasks, {
      run: (task, itemCtx) => createTask.handler(task, itemCtx),
      reconcile: createTask.reconcile,
      madeIdOf: (output) => output.task.id,
      describeAs: (index) => `Asana_CreateTask (tasks[${index}])`,
      hints: createTask.errorHints,
      groupOf: (task, index) => (makesTags ? "" : task.parent_task_id ? `parent ${task.parent_task_id}` : String(index)),
      concurrency: concurrentTaskCreates,
      sharesRead: readUnchangedByTaskCreates,
    });
    return {
      succeeded: outcomes.succeeded.map(({ index, output }) => ({
        index,
        task: briefTask(output.task),
        ...(output.created_tags ? { created_tags: output.created_tags } : {}),
      })),
      failed: outcomes.failed,
      summary: itemSummary(outcomes, input.tasks.length, "tasks created"),
    };
  },
});
