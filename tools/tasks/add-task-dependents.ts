import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findTaskHint } from "../shared/hints.js";
import { dependenciesPremiumHint, linkedTaskShape, maxDependencyLinks, readTaskLinks } from "./model.js";
import { checkNotItself, dependentsParam } from "./params.js";

export const addTaskDependents = defineTool({
  name: "AddTaskDependents",
  title: "Make other tasks wait for a task",
  toolset: "tasks",
  description: "Make other tasks wait for this one: dependents are the tasks it blocks. Paid plans.",
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      dependents: dependentsParam(),
    }),
  output: () =>
    z.object({
      status: mutationStatus,
      task: z.object({ id: z.string(), dependents: z.array(linkedTaskShape).describe("Everything that now waits for the task.") }),
    }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    400: ({ asanaMessage }) =>
      /\b30\b|at most|limit|too many/i.test(asanaMessage)
        ? `Asana allows a task at most ${maxDependencyLinks} dependencies and dependents together, counted on each task of a link. ` +
          "See what a task has with Asana_GetTaskDependencies and remove links it no longer needs with Asana_RemoveTaskDependents, or link fewer tasks."
        : "The tasks must be in the same workspace, and a task cannot wait for itself or for a task that already waits for it.",
    402: dependenciesPremiumHint,
    404: `The task or one in dependents is unknown, or not visible to the user. ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    checkNotItself(input.task_id, input.dependents, "dependents");
    await asana.post(asanaPath`/tasks/${input.task_id}/addDependents`, { dependents: input.dependents }, { idempotent: true });
    // Asana answers with an empty body; the list read back shows what now waits for the task.
    const { dependents = [] } = await readTaskLinks(asana, input.task_id, ["dependents"]);
    return {
      status: { success: true, message: `task ${input.task_id} now blocks ${input.dependents.join(", ")}` },
      task: { id: input.task_id, dependents },
    };
  },
});
