import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findProjectHint, findTaskHint } from "../shared/hints.js";
import { readTaskPlacement, taskPlacementShape } from "../shared/task-placement.js";

export const removeTaskFromProject = defineTool({
  name: "RemoveTaskFromProject",
  title: "Remove a task from a project",
  toolset: "tasks",
  description: "Take a task out of one project; the task itself stays (Asana_DeleteTask deletes it).",
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      project_id: gidParam("project", findProjectHint),
    }),
  output: () => z.object({ status: mutationStatus, task: taskPlacementShape }),
  annotations: annotate.idempotentWrite,
  errorHints: { 404: `The task or project is unknown, or the user cannot see it. Asana_GetTaskById lists a task's projects. ${findTaskHint}` },
  async handler(input, { asana }) {
    await asana.post(asanaPath`/tasks/${input.task_id}/removeProject`, { project: input.project_id }, { idempotent: true });
    return {
      status: { success: true, message: `task ${input.task_id} is not in project ${input.project_id} (the task itself still exists)` },
      task: await readTaskPlacement(asana, input.task_id),
    };
  },
});
