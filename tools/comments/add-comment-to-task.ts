import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, boundedText, defineTool, gidParam, mutationStatus, richTextProblem, ToolInputError } from "../../src/toolkit/index.js";
import { findTaskHint } from "../shared/hints.js";
import { currentUserId, findInPages } from "../shared/lost-answers.js";
import { markdownOrAsGiven, markdownParam } from "../shared/markdown-text.js";
import { commentRichTextFix, commentShape, presentStory, type AsanaStory } from "./model.js";

/** Asana documents no limit on a comment's length; this one keeps a runaway argument from becoming a 10 MB body. */
const maxCommentLength = 65_536;

/** What the comment is sent as: text, html_text, or Markdown text as html_text. */
function commentContent(input: { text?: string | undefined; html_text?: string | undefined; markdown?: boolean | undefined }): Record<string, string> {
  const rich = markdownOrAsGiven(input, { name: "text", value: input.text }, { name: "html_text", value: input.html_text }, "story");
  return rich ?? (input.text !== undefined ? { text: input.text } : { html_text: input.html_text! });
}

export const addCommentToTask = defineTool({
  name: "AddCommentToTask",
  title: "Comment on a task",
  toolset: "comments",
  defaultProfile: true,
  description:
    "Comment on a task as the user; followers are notified. Give text, or html_text: Asana rich text, <body> with strong, em, u, s, " +
    'code, ol, ul, li, <a href>, and <a data-asana-gid="user id"/> to @-mention. Each call posts a new comment.',
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      text: boundedText("the comment as plain text", maxCommentLength).optional(),
      html_text: boundedText("the comment as Asana rich text, <body>...</body>", maxCommentLength).optional(),
      is_pinned: z.boolean({ error: "must be true or false" }).optional(),
      markdown: markdownParam("text"),
    }),
  output: () => z.object({ status: mutationStatus, comment: commentShape }),
  annotations: annotate.create,
  errorHints: {
    400: commentRichTextFix,
    unknownOutcome: "Look at the task's latest comments with Asana_ListTaskComments.",
    404: `No task has this id, or the user cannot see it. ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    if ((input.text === undefined) === (input.html_text === undefined)) {
      throw new ToolInputError(
        input.text === undefined ? "text" : "text, html_text",
        input.text === undefined ? "is missing: a comment needs text or html_text" : "are both given; Asana takes exactly one of them",
        input.text === undefined ? "Pass the comment as text (plain) or html_text (rich text)." : "Keep text for plain text, or html_text for rich text.",
      );
    }
    const content = input.text ?? input.html_text!;
    if (content.trim() === "") {
      throw new ToolInputError(input.text !== undefined ? "text" : "html_text", "is empty, so there is nothing to post", "Write the comment.");
    }
    if (input.html_text !== undefined) {
      const problem = richTextProblem(input.html_text, "story");
      if (problem) throw new ToolInputError("html_text", problem, commentRichTextFix);
    }
    const raw = await asana.post<AsanaStory>(
      asanaPath`/tasks/${input.task_id}/stories`,
      { ...commentContent(input), is_pinned: input.is_pinned },
      { optFields: ["text", "created_at", "created_by.name", "is_pinned"] },
    );
    return { status: { success: true, message: `comment added to task ${input.task_id}` }, comment: presentStory(raw, false) };
  },
  // Asana's answer was lost: look for this user's comment with this text, made since the call started.
  // A marker in a comment could only be taken out by editing it, which Asana shows to everyone as "edited":
  // comments carry none, and the check by author, text and time stays.
  async reconcile(input, { asana, madeDuringCall }) {
    const me = await currentUserId(asana);
    const [[field, wanted]] = Object.entries(commentContent(input)) as [["text" | "html_text", string]];
    const found = await findInPages<AsanaStory & { html_text?: string }>(
      asana,
      asanaPath`/tasks/${input.task_id}/stories`,
      { optFields: ["type", "text", "html_text", "created_at", "created_by.name", "is_pinned"] },
      (story) => story.type === "comment" && story.created_by?.gid === me && story[field] === wanted && madeDuringCall(story),
      10,
    );
    if (found.length !== 1) return undefined;
    return {
      status: { success: true, message: `comment added to task ${input.task_id} (Asana's answer was lost on the way back; the comment was found)` },
      comment: presentStory(found[0]!, false),
    };
  },
});
