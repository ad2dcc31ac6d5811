import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, shortened, type RestCall } from "../../src/toolkit/index.js";
import { readEachById } from "../shared/batch-reads.js";
import { findTaskHint } from "../shared/hints.js";
import { presentTaskSummary, taskSummaryOptFields, taskSummaryShape, type AsanaTask } from "./model.js";

const maxIds = 50;

/** The calls of this tool that read these tasks, up to 50 ids each: the rest of a cut list of tasks. */
export function readTasksByIds(ids: readonly string[]): RestCall[] {
  const calls: RestCall[] = [];
  for (let start = 0; start < ids.length; start += maxIds) calls.push({ tool: "GetTasksByIds", arguments: { task_ids: ids.slice(start, start + maxIds) } });
  return calls;
}

const idsOf = (items: unknown[]) => new Set(items.map((item) => (item as { id: string }).id));

export const getTasksByIds = defineTool({
  name: "GetTasksByIds",
  title: "Get tasks by id",
  toolset: "tasks",
  defaultProfile: true,
  description: `Fetch up to ${maxIds} tasks by id in one call. Ids that are unknown or not visible are listed under missing; the others still come back.`,
  input: () =>
    z.strictObject({
      task_ids: z
        .array(gidParam("task", findTaskHint), { error: 'must be a list of task ids, such as ["1204567890123456"]' })
        .min(1, { error: "must list at least one task id" })
        .max(maxIds, { error: `must list at most ${maxIds} task ids. Split them over several calls` }),
    }),
  output: () =>
    z.object({
      tasks: z.array(taskSummaryShape).describe("The tasks found, in the order asked."),
      count: z.number().int(),
      missing: z
        .array(z.object({ id: z.string(), reason: z.enum(["not_found", "no_access", "failed"]), message: z.string() }))
        .optional()
        .describe("Ids Asana did not answer with a task, each with its reason."),
    }),
  annotations: annotate.read,
  answer: {
    list: "tasks",
    // What a cut answer left out is read again by id: the tasks and the misses it did not show whole.
    rest: ({ input, shownWhole }) => {
      const shown = idsOf([...shownWhole("tasks"), ...shownWhole("missing")]);
      return readTasksByIds([...new Set(input.task_ids)].filter((id) => !shown.has(id)));
    },
  },
  async handler(input, ctx) {
    const ids = [...new Set(input.task_ids)];
    const answers = await readEachById<AsanaTask>(ctx, ids, (id) => asanaPath`/tasks/${id}`, taskSummaryOptFields, "tasks");
    const tasks = answers.flatMap((answer) => (answer.ok ? [presentTaskSummary(answer.data)] : []));
    const missing = answers.flatMap((answer) =>
      answer.ok
        ? []
        : [
            {
              id: answer.id,
              reason: answer.statusCode === 404 ? ("not_found" as const) : answer.statusCode === 403 ? ("no_access" as const) : ("failed" as const),
              message: `${answer.statusCode}: ${shortened(answer.message, 200)}`,
            },
          ],
    );
    return { tasks, count: tasks.length, ...(missing.length > 0 ? { missing } : {}) };
  },
});
