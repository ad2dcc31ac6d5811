import * as z from "zod";
import { annotate, defineTool, gidParam, nextPageTokenParam, pagedList, pagedListShape, pageLimitParam } from "../../src/toolkit/index.js";
import { findTaskHint } from "../shared/hints.js";
import { attachmentListOptFields, attachmentShape, presentAttachment, type AsanaAttachment } from "./model.js";

export const listTaskAttachments = defineTool({
  name: "ListTaskAttachments",
  title: "List a task's attachments",
  toolset: "attachments",
  description: "List the files and links attached to a task; Asana_GetAttachment gives one's download and view links.",
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      limit: pageLimitParam("attachments"),
      next_page_token: nextPageTokenParam,
    }),
  output: () => pagedListShape("attachments", attachmentShape),
  annotations: annotate.read,
  errorHints: {
    400: "If Asana calls the page token invalid, start again without next_page_token.",
    404: `No task has this id, or the user cannot see it. ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    const page = await asana.getPage<AsanaAttachment>("/attachments", {
      limit: input.limit,
      offset: input.next_page_token,
      query: { parent: input.task_id },
      optFields: attachmentListOptFields,
    });
    return pagedList("attachments", page.items.map(presentAttachment), page.nextOffset);
  },
});
