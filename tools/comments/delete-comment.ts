import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus, quoted } from "../../src/toolkit/index.js";
import { findCommentHint } from "./model.js";

export const deleteComment = defineTool({
  name: "DeleteComment",
  title: "Delete a comment",
  toolset: "comments",
  description: "Delete one of the user's own comments for good. Confirm with the user first.",
  input: () =>
    z.strictObject({
      comment_id: gidParam("comment", findCommentHint),
    }),
  output: () => z.object({ status: mutationStatus, comment: z.object({ id: z.string() }) }),
  annotations: annotate.destructive,
  errorHints: {
    403: "Asana lets people delete only the comments they wrote; this one is someone else's.",
    404: `No comment has this id (it may already be deleted), or the user cannot see it. ${findCommentHint}`,
  },
  preview: {
    async plan(input, { asana }) {
      const story = await asana.get<{ text?: string; created_by?: { name?: string } | null; target?: { name?: string } | null }>(
        asanaPath`/stories/${input.comment_id}`,
        { optFields: ["text", "created_by.name", "target.name"] },
      );
      const by = story.created_by?.name ? ` by ${story.created_by.name}` : "";
      const on = story.target?.name ? ` on ${quoted(story.target.name)}` : "";
      return { summary: `Delete comment ${quoted(story.text ?? input.comment_id, 80)}${by}${on} for good`, fingerprint: [story.text] };
    },
  },
  async handler(input, { asana }) {
    await asana.delete(asanaPath`/stories/${input.comment_id}`);
    return { status: { success: true, message: `comment ${input.comment_id} deleted` }, comment: { id: input.comment_id } };
  },
});
