import * as z from "zod";
import { nonEmptyText, ToolInputError } from "../../src/toolkit/index.js";

/** Parameters several task tools share. */

export const taskNameParam = nonEmptyText("must be the task's name as text", "Give the task a short name");

export const descriptionParam = z
  .string({ error: "must be plain text" })
  .max(65_536, { error: "must be at most 65536 characters" })
  .describe("Plain text; replaces the notes.");

export function tagsParam() {
  return z
    .array(nonEmptyText("must be a tag id or tag name", "Remove empty entries from tags"), { error: 'must be a list of tag ids or names, such as ["urgent"]' })
    .min(1, { error: "must list at least one tag. Leave tags out instead of passing an empty list" })
    .max(20, { error: "must list at most 20 tags" });
}

export function tagParam() {
  return nonEmptyText("must be a tag id or a tag name", "Pass a tag id or name; Asana_ListTags lists them").describe("Id or exact name.");
}

/** A start date after the due date is refused here, before Asana sees it. */
export function checkStartNotAfterDue(startDate: string | null | undefined, dueDate: string | null | undefined): void {
  if (!startDate || !dueDate || startDate <= dueDate) return;
  throw new ToolInputError("start_date", `must not be after due_date (got start_date ${startDate}, due_date ${dueDate})`, "Swap them, or move start_date to on or before due_date.");
}
