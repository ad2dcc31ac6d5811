import * as z from "zod";
import { annotate, clearedFields, clearParam, defineTool, gidParam, mutationStatus, ToolInputError } from "../../src/toolkit/index.js";
import { customFieldValuesParam } from "../shared/custom-field-params.js";
import { AsanaApiError } from "../../src/asana/index.js";
import { taskCustomFieldsBody } from "../shared/custom-field-writes.js";
import { forgetTask } from "../shared/lookup-facts.js";
import { findTaskHint, findUserHint } from "../shared/hints.js";
import { userIdOf } from "../shared/lookups.js";
import { markdownParam } from "../shared/markdown-text.js";
import { personParam } from "../shared/params.js";
import { updatedTaskShape, updateTaskFields } from "./model.js";
import {
  approvalStatusParam,
  checkTaskDates,
  dateFields,
  dateOrTimeParam,
  descriptionParam,
  htmlNotesParam,
  notesFields,
  taskNameParam,
  taskTypeParam,
  taskTypes,
} from "./params.js";

const changeable = "name, completed, start_date, due_date, description, html_notes, assignee_id, task_type, approval_status, custom_fields, clear";
const emptyCustomField = "To empty a custom field, call Asana_SetTaskCustomFields with clear";

export const updateTask = defineTool({
  name: "UpdateTask",
  title: "Update a task",
  toolset: "tasks",
  defaultProfile: true,
  description:
    "Change a task (completed: true completes it); pass only what changes. " +
    'clear empties fields, e.g. ["due_date"]. A start date needs a due date. Parent, projects, sections, tags and followers have their own tools.',
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      name: taskNameParam.optional(),
      completed: z.boolean({ error: "must be true or false" }).optional(),
      start_date: dateOrTimeParam().optional().describe("YYYY-MM-DD or a date-time."),
      due_date: dateOrTimeParam().optional().describe("YYYY-MM-DD or a date-time."),
      description: descriptionParam.optional(),
      html_notes: htmlNotesParam.optional(),
      markdown: markdownParam("description"),
      assignee_id: personParam("Assignee", findUserHint).optional(),
      task_type: taskTypeParam().optional(),
      approval_status: approvalStatusParam().optional(),
      custom_fields: customFieldValuesParam(emptyCustomField).optional().describe('By field name or id, e.g. [{"field": "Priority", "value": "High"}].'),
      clear: clearParam(["start_date", "due_date", "assignee_id"], emptyCustomField),
    }),
  output: () => z.object({ status: mutationStatus, task: updatedTaskShape }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    // Asana's rule that a start date needs a due date, said in the tool's own terms.
    400: ({ input, asanaMessage }) => {
      if (/approval/i.test(asanaMessage)) return 'Only approval tasks have an approval status: pass task_type "approval" as well.';
      if (!/start/i.test(asanaMessage)) return undefined;
      if (input.start_date && input.due_date === undefined) {
        return `The task has no due date, and a start date needs one: call Asana_UpdateTask again with due_date as well (on or after ${input.start_date}).`;
      }
      if (input.clear?.includes("due_date") && !input.clear.includes("start_date") && input.start_date === undefined) {
        return 'The task has a start date, which Asana keeps only with a due date: call Asana_UpdateTask again with clear ["start_date", "due_date"] to empty both.';
      }
      return "A start date needs a due date: pass due_date too (on or after start_date).";
    },
    402: "Custom fields need a paid Asana plan: leave custom_fields out.",
    404: `No task (or assignee) has this id, or the user cannot see it. ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    const cleared = clearedFields(input);
    const dueDate = cleared.has("due_date") ? null : input.due_date;
    const data: Record<string, unknown> = {
      ...notesFields(input),
      ...dateFields("due", dueDate),
      ...dateFields("start", cleared.has("start_date") ? null : input.start_date),
    };
    if (input.name !== undefined) data.name = input.name;
    if (input.completed !== undefined) data.completed = input.completed;
    if (input.assignee_id !== undefined) data.assignee = input.assignee_id;
    if (cleared.has("assignee_id")) data.assignee = null;
    if (input.task_type !== undefined) data.resource_subtype = taskTypes[input.task_type];
    if (input.approval_status !== undefined) data.approval_status = input.approval_status;
    if (Object.keys(data).length === 0 && input.custom_fields === undefined) {
      throw new ToolInputError(
        changeable,
        "must change at least one field: none of these was given",
        'Pass the fields to change (clear ["due_date"] empties one); to read the task without changing it, use Asana_GetTaskById.',
      );
    }
    if (input.start_date && dueDate === null) {
      throw new ToolInputError(
        "start_date",
        "cannot be set while due_date is cleared: Asana keeps a start date only on a task with a due date",
        'Pass clear ["start_date", "due_date"] to empty both dates, or give due_date a date on or after start_date.',
      );
    }
    checkTaskDates(input);
    // A person named by name and the fields' options are looked up at once.
    const fieldChanges = input.custom_fields && { values: input.custom_fields, valuesParam: "custom_fields" };
    const [assignee, customFields] = await Promise.all([
      input.assignee_id === undefined ? undefined : userIdOf(asana, input.assignee_id, "assignee_id"),
      fieldChanges && taskCustomFieldsBody(asana, input.task_id, fieldChanges),
    ]);
    if (assignee !== undefined) data.assignee = assignee;
    const write = (fields: Record<string, unknown> | undefined) => updateTaskFields(asana, input.task_id, fields ? { ...data, custom_fields: fields } : data);
    let task: Awaited<ReturnType<typeof write>>;
    try {
      task = await write(customFields?.body);
    } catch (error) {
      // Field or option ids known from the last call that Asana now refuses (400, or 404 for an object gone):
      // the task's fields are read afresh and the write, which changed nothing, is sent once more.
      const stale = customFields?.remembered && error instanceof AsanaApiError && (error.status === 400 || error.status === 404);
      if (!stale) throw error;
      forgetTask(asana, input.task_id);
      task = await write((await taskCustomFieldsBody(asana, input.task_id, fieldChanges!, { fresh: true })).body);
    }
    return { status: { success: true, message: "task updated successfully" }, task };
  },
});
