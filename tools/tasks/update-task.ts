import * as z from "zod";
import { annotate, dateParam, defineTool, gidParam, mutationStatus, ToolInputError, userParam } from "../../src/toolkit/index.js";
import { findTaskHint, findUserHint } from "../shared/hints.js";
import { updatedTaskShape, updateTaskFields } from "./model.js";
import { checkStartNotAfterDue, descriptionParam, taskNameParam } from "./params.js";

export const updateTask = defineTool({
  name: "UpdateTask",
  title: "Update a task",
  toolset: "tasks",
  defaultProfile: true,
  description:
    "Change a task's name, completion, dates, notes or assignee; pass only what changes, null clears a date or the assignee. " +
    "A start date needs a due date. Parent, projects, sections and tags have their own tools.",
  input: z.strictObject({
    task_id: gidParam("task", findTaskHint),
    name: taskNameParam.optional(),
    completed: z.boolean({ error: "must be true or false" }).optional(),
    start_date: dateParam().nullable().optional().describe("YYYY-MM-DD, or null."),
    due_date: dateParam().nullable().optional().describe("YYYY-MM-DD, or null."),
    description: descriptionParam.optional(),
    assignee_id: userParam("Assignee", findUserHint).nullable().optional().describe('"me", a user id or an email; null unassigns.'),
  }),
  output: z.object({ status: mutationStatus, task: updatedTaskShape }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    // Asana's rule that a start date needs a due date, said in the tool's own terms.
    400: ({ input, asanaMessage }) => {
      if (!/start/i.test(asanaMessage)) return undefined;
      if (input.start_date && input.due_date === undefined) {
        return `The task has no due date, and a start date needs one: call Asana_UpdateTask again with due_date as well (on or after ${input.start_date}).`;
      }
      if (input.due_date === null && input.start_date === undefined) {
        return "The task has a start date, which Asana keeps only with a due date: call Asana_UpdateTask again with start_date null as well as due_date null to clear both.";
      }
      return "A start date needs a due date: pass due_date too (on or after start_date).";
    },
    404: `No task (or assignee) has this id, or the user cannot see it. ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    const data: Record<string, unknown> = {};
    if (input.name !== undefined) data.name = input.name;
    if (input.completed !== undefined) data.completed = input.completed;
    if (input.due_date !== undefined) data.due_on = input.due_date;
    if (input.start_date !== undefined) data.start_on = input.start_date;
    if (input.description !== undefined) data.notes = input.description;
    if (input.assignee_id !== undefined) data.assignee = input.assignee_id;
    if (Object.keys(data).length === 0) {
      throw new ToolInputError(
        "name, completed, start_date, due_date, description, assignee_id",
        "must change at least one field: none of these was given",
        "Pass the fields to change (null clears start_date, due_date or assignee_id); to read the task without changing it, use Asana_GetTaskById.",
      );
    }
    if (input.start_date && input.due_date === null) {
      throw new ToolInputError(
        "start_date",
        "cannot be set while due_date is cleared: Asana keeps a start date only on a task with a due date",
        "Pass start_date null to clear both dates, or give due_date a date on or after start_date.",
      );
    }
    checkStartNotAfterDue(input.start_date, input.due_date);
    const task = await updateTaskFields(asana, input.task_id, data);
    return { status: { success: true, message: "task updated successfully" }, task };
  },
});
