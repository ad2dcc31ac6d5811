import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findTimeEntryHint, timeAccessHint, timePlanHint } from "./model.js";

export const deleteTimeTrackingEntry = defineTool({
  name: "DeleteTimeTrackingEntry",
  title: "Delete a time entry",
  toolset: "time",
  description: "Delete a time tracking entry; the task's total time drops by its minutes. Confirm with the user first.",
  input: z.strictObject({
    time_tracking_entry_id: gidParam("time tracking entry", findTimeEntryHint),
  }),
  output: z.object({ status: mutationStatus, entry: z.object({ id: z.string() }) }),
  annotations: annotate.destructive,
  errorHints: { 402: timePlanHint, 403: timeAccessHint, 404: `No time tracking entry has this id (it may already be deleted). ${findTimeEntryHint}` },
  async handler(input, { asana }) {
    await asana.delete(asanaPath`/time_tracking_entries/${input.time_tracking_entry_id}`);
    return { status: { success: true, message: `time tracking entry ${input.time_tracking_entry_id} deleted` }, entry: { id: input.time_tracking_entry_id } };
  },
});
