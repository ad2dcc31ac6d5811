import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findTaskHint } from "../shared/hints.js";
import { countFirstPage, counted, named } from "../shared/write-previews.js";

export const deleteTask = defineTool({
  name: "DeleteTask",
  title: "Delete a task",
  toolset: "tasks",
  defaultProfile: true,
  description: "Delete a task and its subtasks. It stays in the user's Asana trash for 30 days. Confirm with the user first.",
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
    }),
  output: () =>
    z.object({
      status: mutationStatus,
      task: z.object({ id: z.string() }),
    }),
  annotations: annotate.destructive,
  errorHints: { 404: `No task has this id (it may already be deleted), or the user cannot see it. ${findTaskHint}` },
  preview: {
    async plan(input, { asana }) {
      // A comment on the task moves its modified_at; a new subtask does not, so the counts are part of the fingerprint.
      const [task, comments] = await Promise.all([
        asana.get<{ name?: string; modified_at?: string; num_subtasks?: number }>(asanaPath`/tasks/${input.task_id}`, {
          optFields: ["name", "modified_at", "num_subtasks"],
        }),
        countFirstPage<{ resource_subtype?: string }>(
          asana,
          asanaPath`/tasks/${input.task_id}/stories`,
          ["resource_subtype"],
          (story) => story.resource_subtype === "comment_added",
        ),
      ]);
      const losing = [...(task.num_subtasks !== undefined ? [counted(task.num_subtasks, "subtask")] : []), counted(comments, "comment")];
      return {
        summary: `Delete ${named("task", task, input.task_id)} (${losing.join(", ")}; restorable from the trash for 30 days)`,
        fingerprint: [task.modified_at, task.num_subtasks, comments],
      };
    },
  },
  async handler(input, { asana }) {
    await asana.delete(asanaPath`/tasks/${input.task_id}`);
    return {
      status: { success: true, message: `task ${input.task_id} deleted (it stays in the user's Asana trash for 30 days)` },
      task: { id: input.task_id },
    };
  },
});
