import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus, ToolInputError } from "../../src/toolkit/index.js";
import { findTaskHint } from "../shared/hints.js";
import { checkInsertAnchors, insertAnchorParams } from "../shared/params.js";
import { presentTaskPlacement, taskPlacementOptFields, taskPlacementShape } from "../shared/task-placement.js";
import type { AsanaTask } from "./model.js";

export const setTaskParent = defineTool({
  name: "SetTaskParent",
  title: "Set a task's parent",
  toolset: "tasks",
  description:
    "Make a task a subtask of another (parent_task_id), move it to another parent, or make it top-level (null). " +
    "It goes last among the parent's subtasks unless insert_before/insert_after.",
  input: z.strictObject({
    task_id: gidParam("task", findTaskHint),
    parent_task_id: gidParam("parent task", findTaskHint).nullable(),
    ...insertAnchorParams({ resource: "subtask", howToFind: "List the new parent's subtasks with Asana_GetSubtasksFromATask." }),
  }),
  output: z.object({ status: mutationStatus, task: taskPlacementShape }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    400:
      "A task cannot become a subtask of itself or of one of its own subtasks, both tasks must be in the same workspace, and " +
      "insert_before/insert_after must be a current subtask of the new parent (Asana_GetSubtasksFromATask lists them).",
    404: `The task or the parent task is unknown, or the user cannot see it. ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    if (input.parent_task_id === input.task_id) {
      throw new ToolInputError(
        "parent_task_id",
        "is the task itself; a task cannot be its own parent",
        "Pass another task's id, or null to make the task top-level.",
      );
    }
    if (input.parent_task_id === null) {
      const anchor = input.insert_before !== undefined ? "insert_before" : input.insert_after !== undefined ? "insert_after" : undefined;
      if (anchor) throw new ToolInputError(anchor, "only applies when the task gets a parent", `Leave ${anchor} out when parent_task_id is null.`);
    }
    checkInsertAnchors({ moved: input.task_id, insert_before: input.insert_before, insert_after: input.insert_after }, "new parent's subtasks");
    const raw = await asana.post<AsanaTask>(
      asanaPath`/tasks/${input.task_id}/setParent`,
      { parent: input.parent_task_id, insert_before: input.insert_before, insert_after: input.insert_after },
      { optFields: taskPlacementOptFields, idempotent: true },
    );
    const message =
      input.parent_task_id === null
        ? `task ${input.task_id} is now a top-level task (no parent)`
        : `task ${input.task_id} is now a subtask of task ${input.parent_task_id}`;
    return { status: { success: true, message }, task: presentTaskPlacement(raw) };
  },
});
