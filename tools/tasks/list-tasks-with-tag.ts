import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, nextPageTokenParam, nonEmptyText, pagedList, pagedListShape, pageLimitParam } from "../../src/toolkit/index.js";
import { findTagHint } from "../shared/hints.js";
import { looksLikeGid, resolveTagIds, resolveWorkspaceId, unknownTagsError } from "../shared/lookups.js";
import { workspaceIdParam } from "../shared/params.js";
import { presentTaskSummary, taskSummaryOptFields, taskSummaryShape, type AsanaTask } from "./model.js";

export const listTasksWithTag = defineTool({
  name: "ListTasksWithTag",
  title: "List a tag's tasks",
  toolset: "tags",
  description: "List the tasks that have a tag, a page at a time; works on every plan.",
  input: () =>
    z.strictObject({
      tag: nonEmptyText("must be a tag id or a tag name", "Pass a tag id or name; Asana_ListTags lists them").describe("Id or exact name."),
      workspace_id: workspaceIdParam,
      completed: z.boolean({ error: "must be true or false" }).optional().describe("Omit for both."),
      limit: pageLimitParam("tasks"),
      next_page_token: nextPageTokenParam,
    }),
  output: () => pagedListShape("tasks", taskSummaryShape),
  annotations: annotate.read,
  errorHints: {
    400: "If Asana calls the page token invalid, start again without next_page_token.",
    404: `No tag has this id, or the user cannot see it. ${findTagHint}`,
  },
  async handler(input, ctx) {
    let tagId = input.tag;
    if (!looksLikeGid(input.tag)) {
      const workspace = await resolveWorkspaceId(ctx.asana, input.workspace_id);
      const { ids, missing, available } = await resolveTagIds(ctx, [input.tag], workspace);
      if (missing.length > 0 || !ids[0]) throw unknownTagsError(missing, workspace, available, { fix: "Pass one of these tags' ids or exact names." });
      tagId = ids[0];
    }
    const page = await ctx.asana.getPage<AsanaTask>(asanaPath`/tags/${tagId}/tasks`, {
      limit: input.limit,
      offset: input.next_page_token,
      optFields: taskSummaryOptFields,
    });
    const tasks = page.items.filter((task) => input.completed === undefined || Boolean(task.completed) === input.completed).map(presentTaskSummary);
    return pagedList("tasks", tasks, page.nextOffset);
  },
});
