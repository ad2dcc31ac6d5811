import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, nextPageTokenParam, pagedList, pagedListShape, pageLimitParam } from "../../src/toolkit/index.js";
import { findTaskHint } from "../shared/hints.js";
import { presentTimeEntry, timeAccessHint, timeEntryListOptFields, timeEntryShape, timePlanHint, type AsanaTimeEntry } from "./model.js";

export const listTimeTrackingEntries = defineTool({
  name: "ListTimeTrackingEntries",
  title: "List time entries",
  toolset: "time",
  description: "Time logged on a task: minutes, day and who logged it. Asana Advanced plans and up.",
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      limit: pageLimitParam("entries"),
      next_page_token: nextPageTokenParam,
    }),
  output: () => pagedListShape("entries", timeEntryShape.pick({ id: true, minutes: true, entered_on: true, user: true, project: true })),
  annotations: annotate.read,
  errorHints: { 402: timePlanHint, 403: timeAccessHint, 404: `No task has this id, or the user cannot see it. ${findTaskHint}` },
  async handler(input, { asana }) {
    const page = await asana.getPage<AsanaTimeEntry>(asanaPath`/tasks/${input.task_id}/time_tracking_entries`, {
      limit: input.limit,
      offset: input.next_page_token,
      optFields: timeEntryListOptFields,
    });
    return pagedList("entries", page.items.map(presentTimeEntry), page.nextOffset);
  },
});
