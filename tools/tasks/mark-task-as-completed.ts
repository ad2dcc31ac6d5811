import * as z from "zod";
import { annotate, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findTaskHint } from "../shared/hints.js";
import { updatedTaskShape, updateTaskFields } from "./model.js";

export const markTaskAsCompleted = defineTool({
  name: "MarkTaskAsCompleted",
  title: "Complete a task",
  toolset: "tasks",
  // Not an everyday tool: Asana_UpdateTask's completed does the same in the default profile, so listing
  // this one too would cost every chat its bytes for nothing new.
  defaultProfile: false,
  description: "Mark a task completed. To reopen one, use Asana_UpdateTask with completed false.",
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
    }),
  output: () => z.object({ status: mutationStatus, task: updatedTaskShape }),
  annotations: annotate.idempotentWrite,
  errorHints: { 404: `No task has this id, or the user cannot see it. ${findTaskHint}` },
  async handler(input, { asana }) {
    const task = await updateTaskFields(asana, input.task_id, { completed: true });
    return { status: { success: true, message: "task updated successfully" }, task };
  },
});
