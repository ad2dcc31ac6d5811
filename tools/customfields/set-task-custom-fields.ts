import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus, quoted, ToolInputError } from "../../src/toolkit/index.js";
import { customFieldClearParam, customFieldValuesParam } from "../shared/custom-field-params.js";
import { customFieldsBody, findField, taskFieldSource } from "../shared/custom-field-writes.js";
import { customFieldValueOptFields, customFieldValueShape, presentCustomFieldValue, type AsanaCustomField } from "../shared/custom-fields.js";
import { findTaskHint } from "../shared/hints.js";
import { named, someNames } from "../shared/write-previews.js";
import { customFieldsPremiumHint } from "./model.js";

export const setTaskCustomFields = defineTool({
  name: "SetTaskCustomFields",
  title: "Set a task's custom fields",
  toolset: "customfields",
  description:
    'Set custom fields on a task by field name or id: fields [{"field": "Priority", "value": "High"}], a value being an option, options ["iOS"], ' +
    'a number, text, a date "2026-07-01" or people ["me"]. clear lists fields to empty. Unknown names fail, listing the choices. Paid plans.',
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      fields: customFieldValuesParam('To empty a field, name it in clear, e.g. clear: ["Estimate"]').optional(),
      // Emptying is its own list, never a null value: strict-mode clients send null for whatever they
      // leave out, and that must not empty a field.
      clear: customFieldClearParam.optional(),
    }),
  output: () =>
    z.object({
      status: mutationStatus,
      task: z.object({
        id: z.string(),
        name: z.string().optional(),
        custom_fields: z.array(customFieldValueShape).describe("The fields this call set, as they now are."),
      }),
    }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    400: "Check the field Asana names: a task holds values only for the fields of its projects, and a disabled option can only be cleared.",
    402: customFieldsPremiumHint,
    404: `No task has this id (or a user named in a people field is unknown), or the user cannot see it. ${findTaskHint}`,
  },
  preview: {
    // Emptying a field loses its value for good (Asana keeps no history a tool can restore from): a person sees what goes.
    asks: (input) => (input.clear ?? []).length > 0,
    async plan(input, { asana }) {
      const task = await asana.get<{ name?: string; modified_at?: string; custom_fields?: AsanaCustomField[] }>(asanaPath`/tasks/${input.task_id}`, {
        optFields: ["name", "modified_at", "custom_fields.name", "custom_fields.display_value"],
      });
      const cleared = (input.clear ?? []).map((key, index) => {
        const field = findField(task.custom_fields ?? [], key, `clear[${index}]`);
        if (!field) return { words: `${quoted(key)} (not on this task)`, value: null };
        const now = field.display_value ? `now ${quoted(field.display_value, 60)}` : "already empty";
        return { words: `${quoted(field.name ?? field.gid)} (${now})`, value: field.display_value ?? null };
      });
      const set = (input.fields ?? []).map((pair) => pair.field);
      const parts = [
        ...(cleared.length > 0 ? [`empty ${cleared.map((field) => field.words).join(", ")}`] : []),
        ...(set.length > 0 ? [`set ${someNames(set)}`] : []),
      ];
      return {
        summary: `On ${named("task", task, input.task_id)}: ${parts.join("; ")}`,
        fingerprint: [task.modified_at, cleared.map((field) => field.value)],
      };
    },
  },
  async handler(input, { asana }) {
    if (!input.fields && (input.clear ?? []).length === 0) {
      throw new ToolInputError(
        "fields, clear",
        "must set or clear at least one field: neither was given",
        'Pass e.g. fields [{"field": "Priority", "value": "High"}] or clear ["Estimate"].',
      );
    }
    const changes = { values: input.fields, valuesParam: "fields", clear: input.clear, clearParam: "clear" };
    const body = await customFieldsBody(asana, changes, await taskFieldSource(asana, input.task_id));
    const raw = await asana.put<{ gid: string; name?: string; custom_fields?: AsanaCustomField[] }>(
      asanaPath`/tasks/${input.task_id}`,
      { custom_fields: body },
      { optFields: ["name", ...customFieldValueOptFields] },
    );
    const written = (raw.custom_fields ?? []).filter((field) => field.gid in body).map(presentCustomFieldValue);
    return {
      status: { success: true, message: `${written.length} custom field${written.length === 1 ? "" : "s"} set on task ${input.task_id}` },
      task: { id: raw.gid, ...(raw.name ? { name: raw.name } : {}), custom_fields: written },
    };
  },
});
