import * as z from "zod";
import type { ToolContext } from "../../src/toolkit/index.js";
import { itemFailureShape, runItems } from "../shared/item-runner.js";
import { looksLikeGid } from "../shared/lookups.js";
import { createTask } from "../tasks/create-task.js";
import { briefTask, briefTaskShape, maxTasksPerCall, readUnchangedByTaskCreates } from "../tasks/task-batches.js";

/**
 * CreateProject's tasks: each as CreateTask takes it, made by CreateTask's own handler in the new
 * project, item by item. Where it goes is the new project (and one of its sections); a new project has
 * no custom fields yet, so those are left out.
 */
const projectTaskInput = createTask.input.omit({ project: true, workspace_id: true, parent_task_id: true, custom_fields: true });
type ProjectTask = z.output<typeof projectTaskInput>;

export const projectTasksParam = z
  .array(projectTaskInput, { error: 'must be a list of tasks, such as [{"name": "Write the brief", "section": "Plan"}]' })
  .refine((tasks) => tasks.length > 0 && tasks.length <= maxTasksPerCall, { error: `must list 1-${maxTasksPerCall} tasks` })
  .optional()
  .describe("Tasks to make in it, as Asana_CreateTask takes them; section: one of sections.");

export const projectTasksShape = z.object({
  succeeded: z.array(z.object({ index: z.number().int(), task: briefTaskShape })),
  failed: z.array(itemFailureShape),
});

export async function createTasksIn(
  ctx: ToolContext,
  projectId: string,
  tasks: readonly ProjectTask[],
): Promise<{ summary: string; tasks: z.infer<typeof projectTasksShape> }> {
  const inProject = (task: ProjectTask) => ({ ...task, project: projectId });
  // As in CreateTasks: one section's tasks in order, all one at a time when they name new tags.
  const makesTags = tasks.some((task) => task.tags?.some((tag) => !looksLikeGid(tag)));
  const outcomes = await runItems(ctx, tasks, {
    run: (task, itemCtx) => createTask.handler(inProject(task), itemCtx),
    reconcile: (task, itemCtx) => createTask.reconcile!(inProject(task), itemCtx),
    madeIdOf: (output) => output.task.id,
    describeAs: (index) => `Asana_CreateTask (tasks[${index}])`,
    hints: createTask.errorHints as never,
    groupOf: (task) => (makesTags ? "" : (task.section?.trim().toLowerCase() ?? "")),
    concurrency: 4,
    sharesRead: readUnchangedByTaskCreates,
  });
  const failed = outcomes.failed.map((item) => item.index);
  const which = failed.length === 1 ? `task ${failed[0]}` : `tasks ${failed.join(", ")}`;
  return {
    summary:
      `${outcomes.succeeded.length} of ${tasks.length} tasks` +
      (failed.length === 0
        ? ""
        : `; ${which} failed (see tasks.failed): add ${failed.length === 1 ? "it" : "them"} with Asana_CreateTask (project ${projectId}). ` +
          "Calling Asana_CreateProject again would make a second project."),
    tasks: { succeeded: outcomes.succeeded.map(({ index, output }) => ({ index, task: briefTask(output.task) })), failed: outcomes.failed },
  };
}
