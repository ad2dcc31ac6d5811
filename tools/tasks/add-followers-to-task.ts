import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findTaskHint, findUserHint } from "../shared/hints.js";
import { followedTaskShape, followerOptFields, presentFollowedTask, type AsanaTask } from "./model.js";
import { followersParam } from "./params.js";

export const addFollowersToTask = defineTool({
  name: "AddFollowersToTask",
  title: "Add followers to a task",
  toolset: "tasks",
  description: "Make users follow a task, so they are notified of its changes and comments. Answers with all the task's followers.",
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      followers: followersParam(),
    }),
  output: () => z.object({ status: mutationStatus, task: followedTaskShape }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    400: `Each follower must be "me", a user id or the email of a member of the task's workspace. ${findUserHint}`,
    404: `The task or a follower is unknown, or not visible to the user. ${findTaskHint} ${findUserHint}`,
  },
  async handler(input, { asana }) {
    const raw = await asana.post<AsanaTask>(
      asanaPath`/tasks/${input.task_id}/addFollowers`,
      { followers: input.followers },
      { optFields: followerOptFields, idempotent: true },
    );
    return { status: { success: true, message: `followers added to task ${input.task_id}` }, task: presentFollowedTask(raw) };
  },
});
