import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam } from "../../src/toolkit/index.js";
import { commentDetailShape, findCommentHint, presentStoryDetail, storyDetailOptFields, type AsanaStoryDetail } from "./model.js";

export const getComment = defineTool({
  name: "GetComment",
  title: "Get a comment",
  toolset: "comments",
  description: "One comment (or activity record) in full: its rich text, author, task, likes and whether it was edited.",
  input: () =>
    z.strictObject({
      comment_id: gidParam("comment", findCommentHint),
    }),
  output: () => z.object({ comment: commentDetailShape }),
  annotations: annotate.read,
  errorHints: { 404: `No comment has this id (it may have been deleted), or the user cannot see it. ${findCommentHint}` },
  async handler(input, { asana }) {
    return { comment: presentStoryDetail(await asana.get<AsanaStoryDetail>(asanaPath`/stories/${input.comment_id}`, { optFields: storyDetailOptFields })) };
  },
});
