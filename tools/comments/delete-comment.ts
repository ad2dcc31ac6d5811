import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findCommentHint } from "./model.js";

export const deleteComment = defineTool({
  name: "DeleteComment",
  title: "Delete a comment",
  toolset: "comments",
  description: "Delete one of the user's own comments for good. Confirm with the user first.",
  input: z.strictObject({
    comment_id: gidParam("comment", findCommentHint),
  }),
  output: z.object({ status: mutationStatus, comment: z.object({ id: z.string() }) }),
  annotations: annotate.destructive,
  errorHints: {
    403: "Asana lets people delete only the comments they wrote; this one is someone else's.",
    404: `No comment has this id (it may already be deleted), or the user cannot see it. ${findCommentHint}`,
  },
  async handler(input, { asana }) {
    await asana.delete(asanaPath`/stories/${input.comment_id}`);
    return { status: { success: true, message: `comment ${input.comment_id} deleted` }, comment: { id: input.comment_id } };
  },
});
