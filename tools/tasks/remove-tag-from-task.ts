import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findTaskHint } from "../shared/hints.js";
import { readTaskPlacement, taskPlacementShape } from "../shared/task-placement.js";
import { tagParam } from "./params.js";
import { resolveTaskTag } from "./task-tags.js";

export const removeTagFromTask = defineTool({
  name: "RemoveTagFromTask",
  title: "Untag a task",
  toolset: "tasks",
  description: "Take a tag off a task; the tag itself stays.",
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      tag: tagParam(),
    }),
  output: () => z.object({ status: mutationStatus, task: taskPlacementShape }),
  annotations: annotate.idempotentWrite,
  errorHints: { 404: `The task or tag is unknown, or the user cannot see it. Asana_GetTaskById shows a task's tags. ${findTaskHint}` },
  async handler(input, ctx) {
    const tagId = await resolveTaskTag(ctx, input.task_id, input.tag, false);
    await ctx.asana.post(asanaPath`/tasks/${input.task_id}/removeTag`, { tag: tagId }, { idempotent: true });
    return { status: { success: true, message: `tag ${tagId} is not on task ${input.task_id}` }, task: await readTaskPlacement(ctx.asana, input.task_id) };
  },
});
