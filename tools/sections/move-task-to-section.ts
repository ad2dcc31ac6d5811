import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findSectionHint, findTaskHint } from "../shared/hints.js";
import { checkInsertAnchors, insertAnchorParams } from "../shared/params.js";
import { readTaskPlacement, taskPlacementShape } from "../shared/task-placement.js";

export const moveTaskToSection = defineTool({
  name: "MoveTaskToSection",
  title: "Move a task to a section",
  toolset: "sections",
  defaultProfile: true,
  description:
    "Move a task into a section (e.g. a board column), adding it to that project if needed; its other projects stay. " +
    "It goes to the top unless insert_before/insert_after.",
  input: z.strictObject({
    task_id: gidParam("task", findTaskHint),
    section_id: gidParam("section", findSectionHint),
    ...insertAnchorParams({ resource: "task", howToFind: "Asana_ListTasksInProject with section_id lists the section's tasks." }),
  }),
  output: z.object({ status: mutationStatus, task: taskPlacementShape }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    400: "The task and the section must be in the same workspace, and insert_before/insert_after must be a task already in that section (Asana_ListTasksInProject with section_id lists them).",
    404: `The task or section is unknown, or the user cannot see it. ${findSectionHint} ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    checkInsertAnchors({ moved: input.task_id, insert_before: input.insert_before, insert_after: input.insert_after }, "tasks already in the section");
    await asana.post(
      asanaPath`/sections/${input.section_id}/addTask`,
      {
        task: input.task_id,
        insert_before: input.insert_before,
        insert_after: input.insert_after,
      },
      { idempotent: true },
    );
    return {
      status: { success: true, message: `task ${input.task_id} is in section ${input.section_id}` },
      task: await readTaskPlacement(asana, input.task_id),
    };
  },
});
