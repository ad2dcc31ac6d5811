import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, boundedText, defineTool, gidParam, mutationStatus, richTextProblem, ToolInputError } from "../../src/toolkit/index.js";
import { commentDetailShape, commentRichTextFix, findCommentHint, presentStoryDetail, storyDetailOptFields, type AsanaStoryDetail } from "./model.js";

/** The same bound as a new comment's: Asana documents none, and a runaway argument must not become a 10 MB body. */
const maxCommentLength = 65_536;

export const updateComment = defineTool({
  name: "UpdateComment",
  title: "Edit a comment",
  toolset: "comments",
  description:
    "Change the text of one of the user's own comments (text, or html_text as for Asana_AddCommentToTask), or pin or unpin a comment. " +
    "Activity records cannot be edited.",
  input: () =>
    z.strictObject({
      comment_id: gidParam("comment", findCommentHint),
      text: boundedText("the new comment as plain text", maxCommentLength).optional(),
      html_text: boundedText("the new comment as Asana rich text, <body>...</body>", maxCommentLength).optional(),
      is_pinned: z.boolean({ error: "must be true or false" }).optional(),
    }),
  output: () => z.object({ status: mutationStatus, comment: commentDetailShape }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    400: ({ asanaMessage }) => (/html_text/.test(asanaMessage) ? commentRichTextFix : "Only comments can be edited; activity records (type system) cannot."),
    403: "Asana lets people edit only the comments they wrote; this one is someone else's.",
    404: `No comment has this id (it may have been deleted), or the user cannot see it. ${findCommentHint}`,
  },
  async handler(input, { asana }) {
    if (input.text !== undefined && input.html_text !== undefined) {
      throw new ToolInputError("text, html_text", "are both given; Asana takes exactly one of them", "Keep text for plain text, or html_text for rich text.");
    }
    if (input.text === undefined && input.html_text === undefined && input.is_pinned === undefined) {
      throw new ToolInputError("text, html_text, is_pinned", "must change something: none was given", "Pass the new text (or html_text), or is_pinned.");
    }
    const content = input.text ?? input.html_text;
    if (content !== undefined && content.trim() === "") {
      throw new ToolInputError(
        input.text !== undefined ? "text" : "html_text",
        "is empty; a comment cannot be emptied",
        "Write the new text, or delete the comment with Asana_DeleteComment.",
      );
    }
    if (input.html_text !== undefined) {
      const problem = richTextProblem(input.html_text, "story");
      if (problem) throw new ToolInputError("html_text", problem, commentRichTextFix);
    }
    const raw = await asana.put<AsanaStoryDetail>(
      asanaPath`/stories/${input.comment_id}`,
      { text: input.text, html_text: input.html_text, is_pinned: input.is_pinned },
      { optFields: storyDetailOptFields },
    );
    const changed = [content !== undefined ? "text changed" : "", input.is_pinned === undefined ? "" : input.is_pinned ? "pinned" : "unpinned"].filter(Boolean);
    return { status: { success: true, message: `comment ${input.comment_id} ${changed.join(" and ")}` }, comment: presentStoryDetail(raw) };
  },
});
