import * as z from "zod";
import { gidParam, isCalendarDate, isUserRef, longText, nonEmptyText, richTextProblem, richTextTagsAllowed, ToolInputError } from "../../src/toolkit/index.js";
import { findTaskHint, findUserHint } from "../shared/hints.js";
import { markdownOrAsGiven } from "../shared/markdown-text.js";

/** Parameters several task tools share. */

export const taskNameParam = nonEmptyText("must be the task's name as text", "Give the task a short name");

export const descriptionParam = longText("must be plain text").describe("Plain text; replaces the notes.");

export function tagsParam() {
  return z
    .array(nonEmptyText("must be a tag id or tag name", "Remove empty entries from tags"), { error: 'must be a list of tag ids or names, such as ["urgent"]' })
    .min(1, { error: "must list at least one tag. Leave tags out instead of passing an empty list" })
    .max(20, { error: "must list at most 20 tags" });
}

export function tagParam() {
  return nonEmptyText("must be a tag id or a tag name", "Pass a tag id or name; Asana_ListTags lists them").describe("Id or exact name.");
}

/** Followers as Asana takes them: "me", user ids or emails (Asana resolves emails itself here). */
export function followersParam() {
  const rule = `must be a user's Asana id (a string of digits), "me" for the current user, or the user's email address. ${findUserHint}`;
  const user = z
    .string({ error: rule })
    .trim()
    .refine((value) => value.length <= 254 && isUserRef(value), { error: rule });
  return z
    .array(user, { error: 'must be a list of users: "me", user ids or emails, such as ["me"]' })
    .min(1, { error: 'must list at least one user, such as ["me"]' })
    .max(50, { error: "must list at most 50 users. Split the change into several calls" })
    .describe('"me", user ids or emails.');
}

/**
 * A new task's assignee: "me" unless told otherwise, and the word "none" for no one. A word, not null:
 * strict-mode clients send null for every parameter they leave out, which must mean "me" here.
 */
export const noAssignee = "none";
export const newTaskAssigneeParam = z
  .string({ error: `must be "me", a user's Asana id, an email address, or "none". ${findUserHint}` })
  .trim()
  .refine((value) => value === noAssignee || (value.length <= 254 && isUserRef(value)), {
    error: `must be "me" for the current user, a user's Asana id (a string of digits), the user's email address, or "none" for no assignee. ${findUserHint}`,
  })
  .default("me")
  .describe('"me", a user id, an email, or "none".');

/** The tasks that block a task; Asana allows 30 links per task, so a longer list could never succeed. */
export function dependsOnParam() {
  return z
    .array(gidParam("blocking task", findTaskHint), { error: 'must be a list of task ids, such as ["1204567890123456"]' })
    .min(1, { error: "must list at least one task id" })
    .max(30, { error: "must list at most 30 tasks: Asana allows a task 30 dependencies and dependents together" })
    .describe("Ids of the tasks that block it.");
}

/** A task cannot wait for itself; Asana would answer 400. */
export function checkDependsOn(taskId: string, dependsOn: readonly string[]): void {
  const index = dependsOn.indexOf(taskId);
  if (index >= 0)
    throw new ToolInputError(
      `depends_on[${index}]`,
      "is the task itself, and a task cannot wait for itself",
      "Remove it; list only the other tasks that block this one.",
    );
}

const isoDateTime = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** True for an ISO 8601 date-time with a time zone (Z or an offset), e.g. 2026-07-01T09:00:00Z. */
export function isDateTime(value: string): boolean {
  const match = isoDateTime.exec(value);
  return match !== null && isCalendarDate(match[1]!) && !Number.isNaN(Date.parse(value));
}

/**
 * A date, or a date with a time: Asana keeps the two as `*_on` and `*_at`. A time without a zone
 * would be read in some server's zone, so the zone is required.
 */
export function dateOrTimeParam() {
  const rule = "must be a date written YYYY-MM-DD, or a date and time with a zone such as 2026-07-01T09:00:00Z";
  return z
    .string({ error: rule })
    .trim()
    .refine((value) => isCalendarDate(value) || isDateTime(value), { error: `${rule}. Add Z (UTC) or an offset such as +02:00 to a time` });
}

/** `{start_on}` or `{start_at}` (or due): the field Asana takes for what was given, null clearing the date. */
export function dateFields(prefix: "start" | "due", value: string | null | undefined): Record<string, string | null> {
  if (value === undefined) return {};
  if (value === null) return { [`${prefix}_on`]: null };
  return isDateTime(value) ? { [`${prefix}_at`]: new Date(value).toISOString() } : { [`${prefix}_on`]: value };
}

/**
 * Asana's date rules, checked before any request: a start time needs a due time in the same request
 * (TaskRequestBase: "due_at must be present in the request when setting or unsetting start_at"), a
 * milestone has no start date, and the start is not after the due date.
 */
export function checkTaskDates(input: { start_date?: string | null | undefined; due_date?: string | null | undefined; task_type?: string | undefined }): void {
  const { start_date: start, due_date: due } = input;
  if (start && isDateTime(start) && !(due && isDateTime(due))) {
    throw new ToolInputError(
      "start_date",
      "has a time, and Asana takes a start time only together with a due time",
      "Give due_date a time as well (e.g. 2026-07-03T17:00:00Z), or pass start_date as a plain YYYY-MM-DD date.",
    );
  }
  if (start && input.task_type === "milestone") {
    throw new ToolInputError(
      "start_date",
      "cannot be set on a milestone: a milestone happens on one day",
      "Leave start_date out and give the milestone a due_date.",
    );
  }
  if (!start || !due) return;
  const startsAfter = isDateTime(start) && isDateTime(due) ? Date.parse(start) > Date.parse(due) : start.slice(0, 10) > due.slice(0, 10);
  if (startsAfter) {
    throw new ToolInputError(
      "start_date",
      `must not be after due_date (got start_date ${start}, due_date ${due})`,
      "Swap them, or move start_date to on or before due_date.",
    );
  }
}

export const taskTypes = { default: "default_task", milestone: "milestone", approval: "approval" } as const;

export function taskTypeParam() {
  return z.enum(["default", "milestone", "approval"], { error: "must be default, milestone or approval" });
}

export function approvalStatusParam() {
  return z
    .enum(["pending", "approved", "rejected", "changes_requested"], { error: "must be pending, approved, rejected or changes_requested" })
    .describe("Approval tasks only.");
}

/** Asana documents no limit on notes; this one keeps a runaway argument from becoming a 10 MB body. */
export const htmlNotesParam = longText("must be Asana rich text, <body>...</body>").describe("Asana rich text, <body>…</body>, instead of description.");

/** The notes, plain or rich: at most one of them, rich text checked against Asana's rules first. */
export function notesFields(input: {
  description?: string | undefined;
  html_notes?: string | undefined;
  markdown?: boolean | undefined;
}): Record<string, string> {
  const fromMarkdown = markdownOrAsGiven(input, { name: "description", value: input.description }, { name: "html_notes", value: input.html_notes }, "task");
  if (fromMarkdown) return fromMarkdown;
  if (input.description !== undefined && input.html_notes !== undefined) {
    throw new ToolInputError(
      "description, html_notes",
      "are both given; a task has one set of notes",
      "Keep description for plain text, or html_notes for rich text.",
    );
  }
  if (input.html_notes === undefined) return input.description === undefined ? {} : { notes: input.description };
  const problem = richTextProblem(input.html_notes, "task");
  if (problem) {
    throw new ToolInputError(
      "html_notes",
      problem,
      `Asana accepts <body> wrapping ${richTextTagsAllowed("task")
        .filter((tag) => tag !== "body")
        .join(", ")}; only <a> takes attributes. Or pass plain text as description.`,
    );
  }
  return { html_notes: input.html_notes };
}

/** The tasks that wait for a task (its dependents); the same 30-link limit as dependencies. */
export function dependentsParam() {
  return z
    .array(gidParam("waiting task", findTaskHint), { error: 'must be a list of task ids, such as ["1204567890123456"]' })
    .min(1, { error: "must list at least one task id" })
    .max(30, { error: "must list at most 30 tasks: Asana allows a task 30 dependencies and dependents together" })
    .describe("Ids of the tasks that wait for it.");
}

/** A task cannot be linked to itself, on either side; Asana would answer 400. */
export function checkNotItself(taskId: string, linked: readonly string[], param: "depends_on" | "dependents"): void {
  const index = linked.indexOf(taskId);
  if (index >= 0) {
    throw new ToolInputError(`${param}[${index}]`, "is the task itself, and a task cannot wait for itself", "Remove it; list only the other tasks.");
  }
}
