import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findTaskHint } from "../shared/hints.js";
import { dependenciesPremiumHint, linkedTaskShape, readTaskLinks } from "./model.js";
import { checkNotItself, dependentsParam } from "./params.js";

export const removeTaskDependents = defineTool({
  name: "RemoveTaskDependents",
  title: "Stop other tasks waiting for a task",
  toolset: "tasks",
  description: "Stop the tasks in dependents waiting for this one. Paid plans.",
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      dependents: dependentsParam(),
    }),
  output: () =>
    z.object({
      status: mutationStatus,
      task: z.object({ id: z.string(), dependents: z.array(linkedTaskShape).describe("What still waits for the task.") }),
    }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    402: dependenciesPremiumHint,
    404: `The task or one in dependents is unknown, or not visible to the user. ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    checkNotItself(input.task_id, input.dependents, "dependents");
    await asana.post(asanaPath`/tasks/${input.task_id}/removeDependents`, { dependents: input.dependents }, { idempotent: true });
    const { dependents = [] } = await readTaskLinks(asana, input.task_id, ["dependents"]);
    return {
      status: { success: true, message: `task ${input.task_id} no longer blocks ${input.dependents.join(", ")}` },
      task: { id: input.task_id, dependents },
    };
  },
});
