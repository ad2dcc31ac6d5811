import * as z from "zod";
import { longText, nonEmptyText, ToolInputError } from "../../src/toolkit/index.js";

/** Parameters the project tools share. */

export const projectNameParam = nonEmptyText("must be the project's name as text", "Give the project a short name");

/** ProjectBase.color: Asana's palette, or "none". */
export const projectColors: [string, ...string[]] = [
  "none",
  ...["pink", "green", "blue", "red", "teal", "brown", "orange", "purple", "warm-gray"].flatMap((hue) => [`dark-${hue}`, `light-${hue}`]),
];

export const projectColorParam = z.enum(projectColors, { error: `must be one of Asana's project colors. Use one of: ${projectColors.join(", ")}` });

/** The project's notes as plain text; Asana's limit for text is not documented, so tasks' 64 KiB applies. */
export const projectNotesParam = longText("must be plain text").describe("Plain text.");

/**
 * A project's start date needs a due date (ProjectBase.start_on: "due_on or due_at must be present")
 * and may not fall after it; checked before Asana sees it.
 */
export function checkProjectDates(input: { start_date?: string | null | undefined; due_date?: string | null | undefined }, dueDateKnown: boolean): void {
  if (input.start_date && input.due_date === null) {
    throw new ToolInputError(
      "start_date",
      "cannot be set while due_date is cleared: Asana keeps a start date only on a project with a due date",
      'Pass clear ["start_date", "due_date"] to empty both dates, or give due_date a date on or after start_date.',
    );
  }
  if (input.start_date && !input.due_date && !dueDateKnown) {
    throw new ToolInputError(
      "start_date",
      "needs a due date: Asana only accepts a start date on a project that has a due date",
      "Pass due_date too (on or after start_date), or leave start_date out.",
    );
  }
  if (input.start_date && input.due_date && input.start_date > input.due_date) {
    throw new ToolInputError(
      "start_date",
      `must not be after due_date (got start_date ${input.start_date}, due_date ${input.due_date})`,
      "Swap them, or move start_date to on or before due_date.",
    );
  }
}

/** "me", user ids or emails, as Asana takes members; at most 50 per call keeps one request small. */
export const maxMembersPerCall = 50;
