import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus, quoted } from "../../src/toolkit/index.js";
import { findTimeEntryHint, timeAccessHint, timePlanHint } from "./model.js";

export const deleteTimeTrackingEntry = defineTool({
  name: "DeleteTimeTrackingEntry",
  title: "Delete a time entry",
  toolset: "time",
  description: "Delete a time tracking entry; the task's total time drops by its minutes. Confirm with the user first.",
  input: () =>
    z.strictObject({
      time_tracking_entry_id: gidParam("time tracking entry", findTimeEntryHint),
    }),
  output: () => z.object({ status: mutationStatus, entry: z.object({ id: z.string() }) }),
  annotations: annotate.destructive,
  errorHints: { 402: timePlanHint, 403: timeAccessHint, 404: `No time tracking entry has this id (it may already be deleted). ${findTimeEntryHint}` },
  preview: {
    async plan(input, { asana }) {
      const entry = await asana.get<{ duration_minutes?: number; entered_on?: string; created_by?: { name?: string } | null; task?: { name?: string } | null }>(
        asanaPath`/time_tracking_entries/${input.time_tracking_entry_id}`,
        { optFields: ["duration_minutes", "entered_on", "created_by.name", "task.name"] },
      );
      const minutes = entry.duration_minutes !== undefined ? `${entry.duration_minutes} minutes` : `time entry ${input.time_tracking_entry_id}`;
      const by = entry.created_by?.name ? ` logged by ${entry.created_by.name}` : "";
      const on = entry.entered_on ? ` on ${entry.entered_on}` : "";
      const task = entry.task?.name ? ` for task ${quoted(entry.task.name)}` : "";
      return { summary: `Delete ${minutes}${by}${on}${task}`, fingerprint: [entry.duration_minutes, entry.entered_on] };
    },
  },
  async handler(input, { asana }) {
    await asana.delete(asanaPath`/time_tracking_entries/${input.time_tracking_entry_id}`);
    return { status: { success: true, message: `time tracking entry ${input.time_tracking_entry_id} deleted` }, entry: { id: input.time_tracking_entry_id } };
  },
});
