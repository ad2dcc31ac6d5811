import * as z from "zod";
import { compact, namedRef, refOf, richTextTagsAllowed, type AsanaRef } from "../../src/toolkit/index.js";

/** Asana calls comments and activity alike "stories"; `type` tells a person's comment from a system record. */
export interface AsanaStory {
  gid: string;
  type?: string;
  resource_subtype?: string;
  text?: string;
  created_at?: string;
  created_by?: AsanaRef | null;
  is_pinned?: boolean;
}

export const storyOptFields = ["type", "resource_subtype", "text", "created_at", "created_by.name", "is_pinned"] as const;

export const commentShape = z.object({
  id: z.string(),
  type: z.string().optional().describe('Only with include_activity: "comment" for what a person wrote, "system" for activity Asana recorded.'),
  resource_subtype: z.string().optional().describe("Only with include_activity: what happened, e.g. comment_added, assigned, section_changed."),
  text: z.string().optional().describe("The comment, or the activity, as plain text."),
  created_at: z.string().optional(),
  created_by: namedRef.optional().describe("Who wrote the comment or caused the activity."),
  is_pinned: z.boolean().optional().describe("true when the comment is pinned to the top of the task; absent otherwise."),
});

export function presentStory(raw: AsanaStory, withKind: boolean): z.infer<typeof commentShape> {
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

/** What a comment's rich text may hold, said once for the input check and for Asana's 400. */
export const commentRichTextFix =
  `A comment's html_text is one <body>...</body> using only the tags ${richTextTagsAllowed("story")
    .filter((tag) => tag !== "body")
    .map((tag) => `<${tag}>`)
    .join(" ")}; ` +
  'tags close in order, only <a> may carry attributes (href="...", or data-asana-gid="<user id>" to @-mention), and a literal & or < is ' +
  "written &amp; or &lt;. Or pass plain text as text instead.";

/** One comment (or activity record) in full, as Asana_GetComment and the comment edits answer. */
export interface AsanaStoryDetail extends AsanaStory {
  html_text?: string;
  is_edited?: boolean;
  num_likes?: number;
  target?: AsanaRef | null;
}

export const storyDetailOptFields = [...storyOptFields, "html_text", "is_edited", "num_likes", "target.name"] as const;

export const commentDetailShape = commentShape.extend({
  type: z.string().optional().describe('"comment" for what a person wrote, "system" for activity Asana recorded.'),
  resource_subtype: z.string().optional().describe("e.g. comment_added, assigned, section_changed."),
  html_text: z.string().optional().describe("The rich text, for comments."),
  is_edited: z.boolean().optional().describe("true when the comment was changed after it was posted."),
  likes: z.number().int().optional(),
  task: namedRef.optional().describe("The task it is on."),
});

export function presentStoryDetail(raw: AsanaStoryDetail): z.infer<typeof commentDetailShape> {
  return {
    ...presentStory(raw, true),
    ...compact({
      html_text: raw.type === "comment" ? raw.html_text : undefined,
      is_edited: raw.is_edited === true ? true : undefined,
      likes: raw.num_likes ? raw.num_likes : undefined,
      task: refOf(raw.target),
    }),
  };
}

export const findCommentHint = "Find comment ids with Asana_ListTaskComments.";
