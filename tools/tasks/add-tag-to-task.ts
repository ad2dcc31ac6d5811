import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findTaskHint } from "../shared/hints.js";
import { readTaskPlacement, taskPlacementShape } from "../shared/task-placement.js";
import { tagParam } from "./params.js";
import { resolveTaskTag } from "./task-tags.js";

export const addTagToTask = defineTool({
  name: "AddTagToTask",
  title: "Tag a task",
  toolset: "tasks",
  description: "Put an existing tag on a task (Asana_CreateTag makes new tags).",
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      tag: tagParam(),
    }),
  output: () => z.object({ status: mutationStatus, task: taskPlacementShape }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    400: "The tag must be in the task's workspace; Asana_ListTags with the task's workspace lists those tags.",
    404: `The task or tag is unknown, or the user cannot see it. Asana_ListTags lists tags. ${findTaskHint}`,
  },
  async handler(input, ctx) {
    const tagId = await resolveTaskTag(ctx, input.task_id, input.tag, true);
    await ctx.asana.post(asanaPath`/tasks/${input.task_id}/addTag`, { tag: tagId }, { idempotent: true });
    return { status: { success: true, message: `tag ${tagId} is on task ${input.task_id}` }, task: await readTaskPlacement(ctx.asana, input.task_id) };
  },
});
