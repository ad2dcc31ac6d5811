import * as z from "zod";
import { annotate, defineTool, gidParam, nextPageTokenParam, pagedList, pagedListShape, pageLimitParam } from "../../src/toolkit/index.js";
import {
  findStatusParentHint,
  listedTextLength,
  presentStatusUpdate,
  statusPlanHint,
  statusUpdateOptFields,
  statusUpdateShape,
  type AsanaStatusUpdate,
} from "./model.js";

export const listStatusUpdates = defineTool({
  name: "ListStatusUpdates",
  title: "List status updates",
  toolset: "status",
  description: `Status updates of a project, portfolio or goal, newest first, with the first ${listedTextLength} characters of each.`,
  input: () =>
    z.strictObject({
      parent_id: gidParam("project, portfolio or goal", findStatusParentHint),
      limit: pageLimitParam("status updates", 20),
      next_page_token: nextPageTokenParam,
    }),
  output: () => pagedListShape("status_updates", statusUpdateShape),
  annotations: annotate.read,
  errorHints: { 402: statusPlanHint, 404: `No project, portfolio or goal has this id, or the user cannot see it. ${findStatusParentHint}` },
  async handler(input, { asana }) {
    const page = await asana.getPage<AsanaStatusUpdate>("/status_updates", {
      limit: input.limit,
      offset: input.next_page_token,
      query: { parent: input.parent_id },
      optFields: statusUpdateOptFields,
    });
    return pagedList(
      "status_updates",
      page.items.map((raw) => presentStatusUpdate(raw, listedTextLength)),
      page.nextOffset,
    );
  },
});
