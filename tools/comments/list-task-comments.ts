import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, nextPageTokenParam, pagedList, pagedListShape, pageLimitParam } from "../../src/toolkit/index.js";
import { findTaskHint } from "../shared/hints.js";
import { commentShape, presentStory, storyOptFields, type AsanaStory } from "./model.js";

export const listTaskComments = defineTool({
  name: "ListTaskComments",
  title: "List a task's comments",
  toolset: "comments",
  defaultProfile: true,
  description: "List a task's comments, oldest first, a page at a time. include_activity adds Asana's activity records (assignments, moves, date changes).",
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      include_activity: z.boolean({ error: "must be true or false" }).default(false),
      limit: pageLimitParam("comments and activity records"),
      next_page_token: nextPageTokenParam,
    }),
  output: () => pagedListShape("comments", commentShape),
  annotations: annotate.read,
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
    return pagedList(
      "comments",
      kept.map((story) => presentStory(story, input.include_activity)),
      page.nextOffset,
    );
  },
});
