import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findTaskHint } from "../shared/hints.js";

export const deleteTask = defineTool({
  name: "DeleteTask",
  title: "Delete a task",
  toolset: "tasks",
  defaultProfile: true,
  description: "Delete a task and its subtasks. It stays in the user's Asana trash for 30 days. Confirm with the user first.",
  input: z.strictObject({
    task_id: gidParam("task", findTaskHint),
  }),
  output: z.object({
    status: mutationStatus,
    task: z.object({ id: z.string() }),
  }),
  annotations: annotate.destructive,
  errorHints: { 404: `No task has this id (it may already be deleted), or the user cannot see it. ${findTaskHint}` },
  async handler(input, { asana }) {
    await asana.delete(asanaPath`/tasks/${input.task_id}`);
    return {
      status: { success: true, message: `task ${input.task_id} deleted (it stays in the user's Asana trash for 30 days)` },
      task: { id: input.task_id },
    };
  },
});
