import * as z from "zod";
import { asanaPath } from "../src/asana/index.js";
import {
  Asana,
  compact,
  type AnyToolDefinition,
  type AsanaRef,
  defineTool,
  gidParam,
  mutationStatus,
  namedRef,
  nextPageTokenParam,
  pagedList,
  pagedListShape,
  pageLimitParam,
  readOnlyAnnotations,
  refOf,
  richTextProblem,
  richTextTagsAllowed,
  ToolInputError,
} from "../src/toolkit/index.js";
import { findTaskHint } from "./id-hints.js";

/** Asana calls comments and activity alike "stories"; `type` tells a person's comment from a system record. */
interface AsanaStory {
  gid: string;
  type?: string;
  resource_subtype?: string;
  text?: string;
  created_at?: string;
  created_by?: AsanaRef | null;
  is_pinned?: boolean;
}

const storyOptFields = ["type", "resource_subtype", "text", "created_at", "created_by.name", "is_pinned"] as const;

export const commentShape = z.object({
  id: z.string(),
  type: z.string().optional().describe('Only with include_activity: "comment" for what a person wrote, "system" for activity Asana recorded.'),
  resource_subtype: z.string().optional().describe("Only with include_activity: what happened, e.g. comment_added, assigned, section_changed."),
  text: z.string().optional().describe("The comment, or the activity, as plain text."),
  created_at: z.string().optional(),
  created_by: namedRef.optional().describe("Who wrote the comment or caused the activity."),
  is_pinned: z.boolean().optional().describe("true when the comment is pinned to the top of the task; absent otherwise."),
});

function presentStory(raw: AsanaStory, withKind: boolean): z.infer<typeof commentShape> {
  return {
    id: raw.gid,
    ...compact({
      type: withKind ? raw.type : undefined,
      resource_subtype: withKind ? raw.resource_subtype : undefined,
      text: raw.text,
      created_at: raw.created_at,
      created_by: refOf(raw.created_by),
      is_pinned: raw.is_pinned === true ? true : undefined,
    }),
  };
}

export const listTaskComments = defineTool({
  name: "ListTaskComments",
  title: "List a task's comments",
  toolset: "comments",
  description:
    "List the comments on an Asana task, oldest first, a page at a time: who wrote what, and when. Set include_activity to also get " +
    "what Asana recorded (assignments, due date changes, moves between sections), marked with type and resource_subtype. Asana " +
    "pages comments and activity together and the activity is left out here afterwards, so a page can hold fewer than limit " +
    "comments (even none) while next_page.has_more_pages is still true: keep paging with next_page_token. " +
    `Add a comment with Asana_AddCommentToTask. ${findTaskHint}`,
  input: z.strictObject({
    task_id: gidParam("task", findTaskHint),
    include_activity: z
      .boolean({ error: "must be true or false" })
      .default(false)
      .describe("true to include Asana's activity records (system stories) besides comments. Default false."),
    limit: pageLimitParam("comments and activity records"),
    next_page_token: nextPageTokenParam,
  }),
  output: pagedListShape("comments", commentShape),
  annotations: readOnlyAnnotations,
  auth: Asana({ scopes: ["default"] }),
  errorHints: {
    400: "If Asana calls the page token invalid, start again without next_page_token.",
    404: `No task has this id, or the user cannot see it. ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    const page = await asana.getPage<AsanaStory>(asanaPath`/tasks/${input.task_id}/stories`, {
      limit: input.limit,
      offset: input.next_page_token,
      optFields: storyOptFields,
    });
    const kept = input.include_activity ? page.items : page.items.filter((story) => story.type === "comment");
    return pagedList("comments", kept.map((story) => presentStory(story, input.include_activity)), page.nextOffset);
  },
});

const commentRichTextFix =
  `A comment's html_text is one <body>...</body> using only the tags ${richTextTagsAllowed("story").filter((tag) => tag !== "body").map((tag) => `<${tag}>`).join(" ")}; ` +
  'tags close in order, only <a> may carry attributes (href="...", or data-asana-gid="<user id>" to @-mention), and a literal & or < is ' +
  "written &amp; or &lt;. Or pass plain text as text instead.";

export const addCommentToTask = defineTool({
  name: "AddCommentToTask",
  title: "Comment on a task",
  toolset: "comments",
  description:
    "Post a comment on an Asana task, as the current user; the task's followers are notified. Pass the comment as plain text " +
    "(text), or as Asana rich text (html_text, e.g. \"<body>Done, see <a href=\\\"https://example.com\\\">the report</a></body>\") " +
    "for bold, lists, links and @-mentions. Give exactly one of them. Rich text is checked against Asana's rules before anything " +
    `is sent. Not idempotent: calling it twice posts two comments. ${findTaskHint}`,
  input: z.strictObject({
    task_id: gidParam("task", findTaskHint),
    text: z.string({ error: "must be the comment as plain text" }).optional().describe("The comment as plain text."),
    html_text: z
      .string({ error: "must be the comment as Asana rich text, <body>...</body>" })
      .optional()
      .describe(
        "The comment as Asana rich text: <body>...</body> with <strong>, <em>, <u>, <s>, <code>, <ol>, <ul>, <li> and <a href> or " +
          '<a data-asana-gid="<user id>"/> for an @-mention.',
      ),
    is_pinned: z.boolean({ error: "must be true or false" }).optional().describe("true pins the comment to the top of the task."),
  }),
  output: z.object({ status: mutationStatus, comment: commentShape }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  auth: Asana({ scopes: ["default"] }),
  errorHints: {
    400: commentRichTextFix,
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
      { text: input.text, html_text: input.html_text, is_pinned: input.is_pinned },
      { optFields: ["text", "created_at", "created_by.name", "is_pinned"] },
    );
    return { status: { success: true, message: `comment added to task ${input.task_id}` }, comment: presentStory(raw, false) };
  },
});

/** Comment tools: reading and writing the conversation on a task. */
export const commentTools: AnyToolDefinition[] = [listTaskComments, addCommentToTask];
