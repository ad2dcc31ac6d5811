import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findTaskHint } from "../shared/hints.js";
import { dependenciesPremiumHint, linkedTaskShape, maxDependencyLinks, readTaskLinks } from "./model.js";
import { checkDependsOn, dependsOnParam } from "./params.js";

export const addTaskDependencies = defineTool({
  name: "AddTaskDependencies",
  title: "Make a task wait for others",
  toolset: "tasks",
  description: "Make a task wait for other tasks: depends_on are the tasks that block it. Paid plans.",
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      depends_on: dependsOnParam(),
    }),
  output: () =>
    z.object({
      status: mutationStatus,
      task: z.object({ id: z.string(), dependencies: z.array(linkedTaskShape).describe("Everything the task now waits for.") }),
    }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    400: ({ asanaMessage }) =>
      /\b30\b|at most|limit|too many/i.test(asanaMessage)
        ? `Asana allows a task at most ${maxDependencyLinks} dependencies and dependents together, counted on each task of a link. ` +
          "See what a task has with Asana_GetTaskDependencies and remove links it no longer needs with Asana_RemoveTaskDependencies, or link fewer tasks."
        : "The tasks must be in the same workspace, and a task cannot wait for itself or for a task that already waits for it.",
    402: dependenciesPremiumHint,
    404: `The task or one in depends_on is unknown, or not visible to the user. ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    checkDependsOn(input.task_id, input.depends_on);
    await asana.post(asanaPath`/tasks/${input.task_id}/addDependencies`, { dependencies: input.depends_on }, { idempotent: true });
    // Asana answers with an empty body; the list read back shows what the task now waits for.
    const { dependencies = [] } = await readTaskLinks(asana, input.task_id, ["dependencies"]);
    return {
      status: { success: true, message: `task ${input.task_id} now waits for ${input.depends_on.join(", ")}` },
      task: { id: input.task_id, dependencies },
    };
  },
});
