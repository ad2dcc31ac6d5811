import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import {
  annotate,
  compact,
  defineTool,
  gidParam,
  mutationStatus,
  namedRef,
  nonEmptyText,
  quoted,
  refOf,
  ToolExecutionError,
  type AsanaRef,
} from "../../src/toolkit/index.js";
import { findTaskHint } from "../shared/hints.js";
import { looksLikeGid } from "../shared/lookups.js";
import { resolveSection } from "../shared/section-lookup.js";
import { myTasksList } from "./my-tasks-list.js";

const listSectionsHint = "Asana_ListMyTasksSections lists the user's My Tasks sections.";

export const moveTaskToMyTasksSection = defineTool({
  name: "MoveTaskToMyTasksSection",
  title: "Move a task within My Tasks",
  toolset: "tasks",
  description: 'Move one of the user\'s own tasks to a section of their My Tasks, e.g. "Do today". Project sections: Asana_MoveTaskToSection.',
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      section: nonEmptyText("must be a My Tasks section id or name", `Pass a section id or name. ${listSectionsHint}`).describe("Id or name."),
    }),
  output: () =>
    z.object({
      status: mutationStatus,
      task: z.object({ id: z.string(), name: z.string().optional(), my_tasks_section: namedRef.optional() }),
    }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    400: `The task must be assigned to the current user, and the section must be one of their My Tasks sections. ${listSectionsHint}`,
    404: `No task has this id, or the user cannot see it. ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    let sectionId = input.section.trim();
    // A name is looked up in the assignee's own list, which also shows whose task it is; an id goes
    // straight to Asana, which checks the section belongs to the assignee's My Tasks.
    if (!looksLikeGid(sectionId)) {
      const task = await asana.get<{ gid: string; assignee?: AsanaRef | null; workspace?: AsanaRef | null }>(asanaPath`/tasks/${input.task_id}`, {
        optFields: ["assignee.name", "workspace"],
      });
      if (!task.assignee?.gid) {
        throw new ToolExecutionError(
          `Task ${input.task_id} has no assignee, so it is in nobody's My Tasks. Assign it first (Asana_UpdateTask with assignee_id "me"), then move it.`,
        );
      }
      if (!task.workspace?.gid) throw new ToolExecutionError(`Asana did not say which workspace task ${input.task_id} is in; pass the section's id instead.`);
      const list = await myTasksList(asana, task.workspace.gid);
      if (list.owner?.gid && list.owner.gid !== task.assignee.gid) {
        throw new ToolExecutionError(
          `Task ${input.task_id} is assigned to ${task.assignee.name ?? task.assignee.gid}, and only the assignee can sort it in their My Tasks; nothing was changed.`,
        );
      }
      sectionId = (await resolveSection(asana, list.gid, input.section, "My Tasks", "section")).gid;
    }
    const moved = await asana.put<{ gid: string; name?: string; assignee_section?: AsanaRef | null }>(
      asanaPath`/tasks/${input.task_id}`,
      { assignee_section: sectionId },
      { optFields: ["name", "assignee_section.name"] },
    );
    const section = refOf(moved.assignee_section);
    return {
      status: { success: true, message: `task ${input.task_id} is in ${quoted(section?.name ?? sectionId)} in My Tasks` },
      task: { id: moved.gid, ...compact({ name: moved.name, my_tasks_section: section }) },
    };
  },
});
