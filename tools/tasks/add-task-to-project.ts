import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findSectionHint, findTaskHint } from "../shared/hints.js";
import { projectIdOf } from "../shared/lookups.js";
import { projectParam } from "../shared/params.js";
import { readTaskPlacement, taskPlacementShape } from "../shared/task-placement.js";
import { workspaceOfTask } from "./model.js";

export const addTaskToProject = defineTool({
  name: "AddTaskToProject",
  title: "Add a task to a project",
  toolset: "tasks",
  description:
    "Add a task to a project (a task can be in several), at the end or at the end of section_id. " +
    "To move a task between sections, use Asana_MoveTaskToSection.",
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      project: projectParam(),
      section_id: gidParam("section", findSectionHint).optional(),
    }),
  output: () => z.object({ status: mutationStatus, task: taskPlacementShape }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    400: "The project (and section) must be in the task's workspace, the section must belong to the project, and a task can be in at most 20 projects.",
    404: `The task, project or section is unknown, or the user cannot see it. Find projects with Asana_ListProjects. ${findSectionHint}`,
  },
  async handler(input, ctx) {
    const { asana } = ctx;
    const projectId = await projectIdOf(ctx, input.project, () => workspaceOfTask(asana, input.task_id));
    await asana.post(asanaPath`/tasks/${input.task_id}/addProject`, { project: projectId, section: input.section_id }, { idempotent: true });
    const where = input.section_id ? `project ${projectId}, section ${input.section_id}` : `project ${projectId}`;
    return { status: { success: true, message: `task ${input.task_id} is in ${where}` }, task: await readTaskPlacement(asana, input.task_id) };
  },
});
