import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, resumeToken } from "../../src/toolkit/index.js";
import { findTaskHint } from "../shared/hints.js";
import { presentSubtask, presentTask, readTaskLinks, subtaskOptFields, taskLinkOptFields, taskOptFields, taskShape, type AsanaTask } from "./model.js";

/** The task's fields and how many tasks it waits on and blocks, in one read. */
const taskWithLinkOptFields = [...taskOptFields, ...taskLinkOptFields];

export const getTaskById = defineTool({
  name: "GetTaskById",
  title: "Get a task",
  toolset: "tasks",
  defaultProfile: true,
  description: "Get one task by id: its fields, people, projects and sections, tags, custom field values, what it waits for and blocks, link, first subtasks.",
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      max_subtasks: z
        .number({ error: "must be a whole number from 0 to 100" })
        .int({ error: "must be a whole number from 0 to 100" })
        .default(100)
        .transform((value) => Math.min(100, Math.max(0, value)))
        .describe("0-100; 0 skips subtasks."),
    }),
  output: () => z.object({ task: taskShape }),
  annotations: annotate.read,
  answer: {
    // Subtasks go first: Asana_GetSubtasksFromATask pages through the ones left out, from where this answer stopped.
    cutFirst: {
      "task.subtasks": (input, shown) => ({
        tool: "GetSubtasksFromATask",
        arguments: { task_id: input.task_id, next_page_token: resumeToken(undefined, shown) },
      }),
    },
    wholeArguments: { max_subtasks: 0 },
  },
  errorHints: {
    402: "The task has dependencies, which Asana shows only on paid plans; Asana_GetSubtasksFromATask and Asana_ListTaskComments still read the rest of it.",
    404: `No task has this id, or the user cannot see it. ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    const [raw, subtasks] = await Promise.all([
      asana.get<AsanaTask>(asanaPath`/tasks/${input.task_id}`, { optFields: taskWithLinkOptFields }),
      input.max_subtasks > 0
        ? asana.getPage<AsanaTask>(asanaPath`/tasks/${input.task_id}/subtasks`, { limit: input.max_subtasks, optFields: subtaskOptFields })
        : undefined,
    ]);
    const task = presentTask(raw);
    // Dependencies are a paid-plan feature: a task that has any is in a workspace that can list them.
    const linked = (["dependencies", "dependents"] as const).filter((side) => (raw[side]?.length ?? 0) > 0);
    const { dependencies, dependents } = linked.length > 0 ? await readTaskLinks(asana, input.task_id, linked) : {};
    if (dependencies?.length) task.dependencies = dependencies;
    if (dependents?.length) task.dependents = dependents;
    if (subtasks && subtasks.items.length > 0) task.subtasks = subtasks.items.map(presentSubtask);
    return { task };
  },
});
