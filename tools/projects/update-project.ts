import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, clearedFields, clearParam, dateParam, defineTool, gidParam, mutationStatus, ToolInputError, userParam } from "../../src/toolkit/index.js";
import { findProjectHint, findUserHint } from "../shared/hints.js";
import { markdownOrAsGiven, markdownParam } from "../shared/markdown-text.js";
import { presentProject, projectOptFields, projectShape, type AsanaProject } from "./model.js";
import { checkProjectDates, projectColorParam, projectNameParam, projectNotesParam } from "./params.js";

const changeable = ["name", "notes", "start_date", "due_date", "owner", "color", "archived", "completed", "clear"] as const;

export const updateProject = defineTool({
  name: "UpdateProject",
  title: "Update a project",
  toolset: "projects",
  description:
    "Change a project's name, notes, dates, owner or color, archive it or mark it complete; pass only what changes. " +
    'clear empties fields, e.g. ["due_date"].',
  input: () =>
    z.strictObject({
      project_id: gidParam("project", findProjectHint),
      name: projectNameParam.optional(),
      notes: projectNotesParam.optional(),
      start_date: dateParam("Start date").optional(),
      due_date: dateParam("Due date").optional(),
      owner: userParam("Owner", findUserHint).optional(),
      color: projectColorParam.optional(),
      archived: z.boolean({ error: "must be true or false" }).optional(),
      completed: z.boolean({ error: "must be true or false" }).optional(),
      markdown: markdownParam("notes"),
      clear: clearParam(["notes", "start_date", "due_date", "owner", "color"]),
    }),
  output: () => z.object({ status: mutationStatus, project: projectShape }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    400: ({ input, asanaMessage }) =>
      /start/i.test(asanaMessage) && input.start_date && input.due_date === undefined
        ? `The project has no due date, and a start date needs one: call Asana_UpdateProject again with due_date as well (on or after ${input.start_date}).`
        : undefined,
    404: `No project (or owner) has this id, or the user cannot see it. ${findProjectHint}`,
  },
  async handler(input, { asana }) {
    const cleared = clearedFields(input);
    // An empty clear list changes nothing, like a clear left out.
    if (cleared.size === 0 && changeable.every((field) => field === "clear" || input[field] === undefined)) {
      throw new ToolInputError(
        changeable.join(", "),
        "must change at least one field: none of these was given",
        'Pass the fields to change (clear ["due_date"] empties one); to read the project, use Asana_GetProjectById.',
      );
    }
    checkProjectDates({ ...input, ...(cleared.has("due_date") ? { due_date: null } : {}) }, true);
    const data: Record<string, unknown> = {};
    if (input.name !== undefined) data.name = input.name;
    if (input.notes !== undefined) data.notes = input.notes;
    // Asana's notes are text, never null: emptying them is the empty text.
    if (cleared.has("notes")) data.notes = "";
    if (input.start_date !== undefined) data.start_on = input.start_date;
    if (input.due_date !== undefined) data.due_on = input.due_date;
    if (input.owner !== undefined) data.owner = input.owner;
    if (input.color !== undefined) data.color = input.color;
    for (const [field, asanaField] of [
      ["start_date", "start_on"],
      ["due_date", "due_on"],
      ["owner", "owner"],
      ["color", "color"],
    ] as const) {
      if (cleared.has(field)) data[asanaField] = null;
    }
    if (input.archived !== undefined) data.archived = input.archived;
    if (input.completed !== undefined) data.completed = input.completed;
    const richNotes = markdownOrAsGiven(input, { name: "notes", value: input.notes ?? undefined }, { name: "html_notes", value: undefined }, "project");
    if (richNotes) {
      delete data.notes;
      Object.assign(data, richNotes);
    }
    const raw = await asana.put<AsanaProject>(asanaPath`/projects/${input.project_id}`, data, { optFields: projectOptFields });
    return { status: { success: true, message: "project updated successfully" }, project: presentProject(raw) };
  },
});
