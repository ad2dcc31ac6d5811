import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findTaskHint } from "../shared/hints.js";
import { dependenciesPremiumHint, linkedTaskShape, readTaskLinks } from "./model.js";
import { checkDependsOn, dependsOnParam } from "./params.js";

export const removeTaskDependencies = defineTool({
  name: "RemoveTaskDependencies",
  title: "Stop a task waiting for others",
  toolset: "tasks",
  description: "Stop a task waiting for the tasks in depends_on. Paid plans.",
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      depends_on: dependsOnParam(),
    }),
  output: () =>
    z.object({
      status: mutationStatus,
      task: z.object({ id: z.string(), dependencies: z.array(linkedTaskShape).describe("What the task still waits for.") }),
    }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    402: dependenciesPremiumHint,
    404: `The task or one in depends_on is unknown, or not visible to the user. ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    checkDependsOn(input.task_id, input.depends_on);
    await asana.post(asanaPath`/tasks/${input.task_id}/removeDependencies`, { dependencies: input.depends_on }, { idempotent: true });
    const { dependencies = [] } = await readTaskLinks(asana, input.task_id, ["dependencies"]);
    return {
      status: { success: true, message: `task ${input.task_id} no longer waits for ${input.depends_on.join(", ")}` },
      task: { id: input.task_id, dependencies },
    };
  },
});
