import * as z from "zod";
import { compact, namedRef, refOf, type AsanaRef } from "../../src/toolkit/index.js";

export const findTimeEntryHint = "Find time tracking entry ids with Asana_ListTimeTrackingEntries.";

/**
 * Time tracking comes with Asana's Advanced and Enterprise plans only. Below that Asana answers 402
 * (its wording for every paid feature since 2018) or, where time tracking is switched off, 403.
 */
export const timePlanHint =
  "Time tracking needs Asana's Advanced or Enterprise plan, and this workspace's plan does not include it. Other paid features are not affected; " +
  "the time cannot be logged through Asana here, so note it in a comment (Asana_AddCommentToTask) if it must be kept.";
export const timeAccessHint =
  "Asana refused time tracking for this user or task: it is an Advanced and Enterprise plan feature, and an admin may have turned it off or limited it. Ask a workspace admin.";

export interface AsanaTimeEntry {
  gid: string;
  duration_minutes?: number;
  entered_on?: string;
  created_by?: AsanaRef | null;
  description?: string;
  attributable_to?: AsanaRef | null;
  billable_status?: string;
  approval_status?: string;
  created_at?: string;
}

export const timeEntryOptFields = [
  "duration_minutes",
  "entered_on",
  "created_by.name",
  "description",
  "attributable_to.name",
  "billable_status",
  "approval_status",
] as const;
/** A task's list of entries offers only the compact fields (getTimeTrackingEntriesForTask's opt_fields). */
export const timeEntryListOptFields = ["duration_minutes", "entered_on", "created_by.name", "attributable_to.name"] as const;

export const timeEntryShape = z.object({
  id: z.string(),
  minutes: z.number().int().optional(),
  entered_on: z.string().optional().describe("The day the time counts for, YYYY-MM-DD."),
  user: namedRef.optional().describe("Who logged it."),
  description: z.string().optional(),
  project: namedRef.optional().describe("The project the time counts toward."),
  billable_status: z.string().optional(),
  approval_status: z.string().optional(),
});

export function presentTimeEntry(raw: AsanaTimeEntry): z.infer<typeof timeEntryShape> {
  return {
    id: raw.gid,
    ...compact({
      minutes: raw.duration_minutes,
      entered_on: raw.entered_on,
      user: refOf(raw.created_by),
      description: raw.description,
      project: refOf(raw.attributable_to),
      billable_status: raw.billable_status,
      approval_status: raw.approval_status,
    }),
  };
}
