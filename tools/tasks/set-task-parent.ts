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
    "Make a task a subtask of another (parent_task_id), move it to another parent, or make it top-level (to_top_level true). " +
    "It goes last among the parent's subtasks unless insert_before/insert_after.",
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      parent_task_id: gidParam("parent task", findTaskHint).optional(),
      // Top-level is asked for by a flag set to true, not by a null parent: strict-mode clients send null
      // for every parameter they leave out, and a clear list would be a roundabout way to say the one
      // thing this call does. A true is never sent by accident.
      to_top_level: z.boolean({ error: "must be true or false" }).optional(),
      ...insertAnchorParams({ resource: "subtask", howToFind: "List the new parent's subtasks with Asana_GetSubtasksFromATask." }),
    }),
  output: () => z.object({ status: mutationStatus, task: taskPlacementShape }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    400:
      "A task cannot become a subtask of itself or of one of its own subtasks, both tasks must be in the same workspace, and " +
      "insert_before/insert_after must be a current subtask of the new parent (Asana_GetSubtasksFromATask lists them).",
    404: `The task or the parent task is unknown, or the user cannot see it. ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    const topLevel = input.to_top_level === true;
    if (topLevel && input.parent_task_id !== undefined) {
      throw new ToolInputError(
        "parent_task_id, to_top_level",
        "ask for a parent and for none in the same call",
        "Pass parent_task_id to make the task a subtask, or to_top_level true to make it top-level, not both.",
      );
    }
    if (!topLevel && input.parent_task_id === undefined) {
      throw new ToolInputError(
        "parent_task_id",
        "is required unless to_top_level is true",
        "Pass the parent task's id, or to_top_level true to make the task top-level.",
      );
    }
    if (input.parent_task_id === input.task_id) {
      throw new ToolInputError(
        "parent_task_id",
        "is the task itself; a task cannot be its own parent",
        "Pass another task's id, or to_top_level true to make the task top-level.",
      );
    }
    if (topLevel) {
      const anchor = input.insert_before !== undefined ? "insert_before" : input.insert_after !== undefined ? "insert_after" : undefined;
      if (anchor) throw new ToolInputError(anchor, "only applies when the task gets a parent", `Leave ${anchor} out when to_top_level is true.`);
    }
    checkInsertAnchors({ moved: input.task_id, insert_before: input.insert_before, insert_after: input.insert_after }, "new parent's subtasks");
    const raw = await asana.post<AsanaTask>(
      asanaPath`/tasks/${input.task_id}/setParent`,
      { parent: topLevel ? null : input.parent_task_id, insert_before: input.insert_before, insert_after: input.insert_after },
      { optFields: taskPlacementOptFields, idempotent: true },
    );
    const message = topLevel
      ? `task ${input.task_id} is now a top-level task (no parent)`
      : `task ${input.task_id} is now a subtask of task ${input.parent_task_id}`;
    return { status: { success: true, message }, task: presentTaskPlacement(raw) };
  },
});
