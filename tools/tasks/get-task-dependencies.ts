import * as z from "zod";
import { annotate, defineTool, gidParam } from "../../src/toolkit/index.js";
import { findTaskHint } from "../shared/hints.js";
import { dependenciesPremiumHint, linkedTaskShape, readTaskLinks } from "./model.js";

export const getTaskDependencies = defineTool({
  name: "GetTaskDependencies",
  title: "Get a task's dependencies",
  toolset: "tasks",
  description: "What a task waits for (dependencies) and what waits for it (dependents), each with completion. Paid plans.",
  input: () => z.strictObject({ task_id: gidParam("task", findTaskHint) }),
  output: () =>
    z.object({
      dependencies: z.array(linkedTaskShape).describe("Tasks that block this one."),
      dependents: z.array(linkedTaskShape).describe("Tasks this one blocks."),
    }),
  annotations: annotate.read,
  errorHints: {
    402: dependenciesPremiumHint,
    404: `No task has this id, or the user cannot see it. ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    const links = await readTaskLinks(asana, input.task_id, ["dependencies", "dependents"]);
    return { dependencies: links.dependencies ?? [], dependents: links.dependents ?? [] };
  },
});
