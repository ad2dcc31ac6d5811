import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, boundedText, dateParam, defineTool, gidParam, mutationStatus, ToolInputError, clearedFields, clearParam } from "../../src/toolkit/index.js";
import { findProjectHint } from "../shared/hints.js";
import { findTimeEntryHint, presentTimeEntry, timeAccessHint, timeEntryOptFields, timeEntryShape, timePlanHint, type AsanaTimeEntry } from "./model.js";

/** The same bound as a new entry's: a week of minutes. */
const maxMinutes = 7 * 24 * 60;
const minutesRule = `must be a whole number of minutes from 1 to ${maxMinutes}`;
const billableStatuses = ["billable", "nonBillable", "notApplicable"] as const;

export const updateTimeTrackingEntry = defineTool({
  name: "UpdateTimeTrackingEntry",
  title: "Update a time entry",
  toolset: "time",
  description: 'Correct a time entry: its minutes, day, description, project or billable status. clear ["description"] empties the description.',
  input: () =>
    z.strictObject({
      time_tracking_entry_id: gidParam("time tracking entry", findTimeEntryHint),
      minutes: z
        .number({ error: minutesRule })
        .int({ error: minutesRule })
        .refine((value) => value >= 1 && value <= maxMinutes, { error: minutesRule })
        .optional(),
      entered_on: dateParam("Day it counts for").optional(),
      description: boundedText("what the time was spent on", 65_536).optional(),
      project_id: gidParam("project", findProjectHint).optional().describe("One of the task's projects to count it toward."),
      billable_status: z.enum(billableStatuses, { error: `must be one of: ${billableStatuses.join(", ")}` }).optional(),
      clear: clearParam(["description"]),
    }),
  output: () => z.object({ status: mutationStatus, entry: timeEntryShape }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    400: "project_id must be one of the task's own projects (Asana_GetTaskById lists them).",
    402: timePlanHint,
    403: timeAccessHint,
    404: `No time tracking entry (or project) has this id, or the user cannot see it. ${findTimeEntryHint}`,
  },
  async handler(input, { asana }) {
    const cleared = clearedFields(input);
    const data: Record<string, unknown> = {
      ...(input.minutes !== undefined ? { duration_minutes: input.minutes } : {}),
      ...(input.entered_on !== undefined ? { entered_on: input.entered_on } : {}),
      ...(input.description !== undefined || cleared.has("description") ? { description: input.description ?? "" } : {}),
      ...(input.project_id !== undefined ? { attributable_to: input.project_id } : {}),
      ...(input.billable_status !== undefined ? { billable_status: input.billable_status } : {}),
    };
    if (Object.keys(data).length === 0) {
      throw new ToolInputError(
        "minutes, entered_on, description, project_id, billable_status, clear",
        "must change something: none was given",
        "Pass what to correct.",
      );
    }
    const raw = await asana.put<AsanaTimeEntry>(asanaPath`/time_tracking_entries/${input.time_tracking_entry_id}`, data, { optFields: timeEntryOptFields });
    return { status: { success: true, message: `time tracking entry ${input.time_tracking_entry_id} updated` }, entry: presentTimeEntry(raw) };
  },
});
