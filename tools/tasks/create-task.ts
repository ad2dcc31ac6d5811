import * as z from "zod";
import { AsanaApiError, asanaPath, mayHaveTakenEffect } from "../../src/asana/index.js";
import {
  addErrorNote,
  annotate,
  defineTool,
  gidParam,
  mutationStatus,
  namedRef,
  ToolInputError,
  ToolRetryableError,
  type NamedRef,
} from "../../src/toolkit/index.js";
import { customFieldValuesParam } from "../shared/custom-field-params.js";
import { customFieldsBody, projectFieldSource } from "../shared/custom-field-writes.js";
import { findTaskHint } from "../shared/hints.js";
import { findInPages } from "../shared/lost-answers.js";
import { carriesMarker, sendMarked, takeOutMarker } from "../shared/create-markers.js";
import { markdownParam } from "../shared/markdown-text.js";
import { looksLikeGid, projectIdOf, resolveProject, resolveTagIds, resolveWorkspaceId } from "../shared/lookups.js";
import { projectParam, workspaceIdParam } from "../shared/params.js";
import { resolveSection, sectionParam } from "../shared/section-lookup.js";
import { fileInSection, filedIn } from "./section-filing.js";
import { presentTask, taskOptFields, updatedTaskShape, type AsanaTask } from "./model.js";
import {
  approvalStatusParam,
  checkTaskDates,
  dateFields,
  dateOrTimeParam,
  descriptionParam,
  followersParam,
  htmlNotesParam,
  newTaskAssigneeParam,
  noAssignee,
  notesFields,
  tagsParam,
  taskNameParam,
  taskTypeParam,
  taskTypes,
} from "./params.js";

/**
 * CreateTask makes the missing tags before the task, and Asana cannot undo them, so a failure after
 * that leaves tags behind that the model has not heard of: the error says which, and that a retry with
 * the same names finds them instead of creating them again.
 */
function noteCreatedTags(error: unknown, created: readonly NamedRef[], workspaceId: string): unknown {
  if (created.length === 0) return error;
  const tags = created.map((tag) => `"${tag.name ?? ""}" (id ${tag.id})`).join(", ");
  return addErrorNote(
    error,
    `Before that, ${created.length === 1 ? `tag ${tags} was created in workspace ${workspaceId} and stays` : `tags ${tags} were created in workspace ${workspaceId} and stay`} there; ` +
      "calling Asana_CreateTask again with the same tag names uses them instead of creating new ones.",
  );
}

/**
 * A tag create whose answer was lost, or was a 5xx: the tag may exist, the task was not attempted. The
 * message is about the tag (the task's own "may have taken effect" advice would send the model looking
 * for a task), and a retry is safe: the same names find the tag if it was made.
 */
function tagMayExist(name: string, error: unknown, created: readonly NamedRef[], workspaceId: string): unknown {
  const what = error instanceof AsanaApiError ? `Asana answered with a server error (${error.status})` : "Asana's answer was lost on the way back";
  return noteCreatedTags(
    new ToolRetryableError(
      `Creating tag "${name}" in workspace ${workspaceId} may have happened: ${what} after the request reached Asana. The task was not created. ` +
        "Call Asana_CreateTask again with the same tags: a tag that was made is found by its name and used, not made twice (Asana_ListTags lists them).",
    ),
    created,
    workspaceId,
  );
}

export const createTask = defineTool({
  name: "CreateTask",
  title: "Create a task",
  toolset: "tasks",
  defaultProfile: true,
  description:
    "Create a task, optionally as a subtask (parent_task_id) or in a project and section. Unknown tag names are created. Each call makes a new task.",
  input: () =>
    z.strictObject({
      name: taskNameParam,
      start_date: dateOrTimeParam().optional().describe("YYYY-MM-DD or a date-time; needs due_date."),
      due_date: dateOrTimeParam().optional().describe("YYYY-MM-DD or a date-time."),
      description: descriptionParam.optional(),
      html_notes: htmlNotesParam.optional(),
      markdown: markdownParam("description"),
      task_type: taskTypeParam().default("default"),
      approval_status: approvalStatusParam().optional(),
      parent_task_id: gidParam("parent task", findTaskHint).optional(),
      workspace_id: workspaceIdParam,
      project: projectParam().optional(),
      section: sectionParam.optional(),
      assignee_id: newTaskAssigneeParam,
      tags: tagsParam().optional().describe("Tag ids or names."),
      followers: followersParam().optional(),
      custom_fields: customFieldValuesParam("A new task's fields start empty: leave the field out")
        .optional()
        .describe('By name or id, e.g. [{"field":"Priority","value":"High"}]; needs project.'),
    }),
  output: () =>
    z.object({
      status: mutationStatus,
      task: updatedTaskShape,
      created_tags: z.array(namedRef).optional().describe("Tags that did not exist in the workspace and were created for this task."),
    }),
  annotations: annotate.create,
  errorHints: {
    400: "Check the field Asana names. The project, parent task and tags must all be in the task's workspace.",
    402: "Custom fields need a paid Asana plan: create the task without custom_fields.",
    unknownOutcome: "Look for a task with this name in the project (Asana_ListTasksInProject) or under the parent (Asana_GetSubtasksFromATask).",
    404: "The parent task, project, workspace, assignee or a tag id is unknown or not visible to the user. Asana_ListProjects, Asana_ListTags, Asana_ListUsers and Asana_ListWorkspaces list valid ids.",
  },
  async handler(input, ctx) {
    const { asana } = ctx;
    if (input.start_date && !input.due_date) {
      throw new ToolInputError(
        "start_date",
        "needs a due date: Asana only accepts a start date on a task that has a due date",
        "Pass due_date too (on or after start_date), or leave start_date out.",
      );
    }
    checkTaskDates(input);
    if (input.approval_status && input.task_type !== "approval") {
      throw new ToolInputError("approval_status", "applies only to approval tasks", 'Pass task_type "approval" as well, or leave approval_status out.');
    }
    if (input.section && !input.project) {
      throw new ToolInputError("section", "needs project: a section belongs to one project", "Pass the project whose section this is.");
    }
    if (input.custom_fields && !input.project) {
      throw new ToolInputError(
        "custom_fields",
        "needs project: a task holds values only for the custom fields of its projects",
        "Pass the project whose fields these are, or set them later with Asana_SetTaskCustomFields.",
      );
    }
    const notes = notesFields(input);

    // Arcade's association rules, with the name lookups kept inside the workspace: a project id says
    // where the task goes; else a parent task does; a project name is then looked up in that workspace.
    let workspaceId = input.workspace_id;
    let projectId: string | undefined;
    if (input.project && looksLikeGid(input.project)) {
      const found = await resolveProject(ctx, input.project, undefined);
      if (workspaceId && found.workspaceId && found.workspaceId !== workspaceId) {
        throw new ToolRetryableError(
          `Project ${found.id}${found.name ? ` ("${found.name}")` : ""} is in workspace ${found.workspaceId}, not in workspace_id ${workspaceId}. ` +
            "Leave workspace_id out to create the task in the project's workspace, or pass a project from that workspace.",
        );
      }
      projectId = found.id;
      workspaceId ??= found.workspaceId;
    }
    if (!workspaceId && input.parent_task_id) {
      const parent = await asana.get<AsanaTask>(asanaPath`/tasks/${input.parent_task_id}`, { optFields: ["workspace"] });
      workspaceId = parent.workspace?.gid;
    }
    if (input.project && !projectId) {
      const found = await resolveProject(ctx, input.project, workspaceId);
      projectId = found.id;
      workspaceId ??= found.workspaceId;
    }
    workspaceId = await resolveWorkspaceId(asana, workspaceId);
    // Checked before any tag is created, so an unknown section, field or option leaves nothing behind.
    const section = input.section && projectId ? await resolveSection(asana, projectId, input.section, `project ${projectId}`, "section") : undefined;
    const customFields =
      input.custom_fields && projectId
        ? await customFieldsBody(asana, { values: input.custom_fields, valuesParam: "custom_fields" }, await projectFieldSource(asana, projectId))
        : undefined;

    let tagIds: string[] | undefined;
    let createdTags: NamedRef[] = [];
    if (input.tags) {
      // resolveTagIds lists each missing name once, case-insensitively: ["Urgent", "urgent"] makes one tag.
      const resolved = await resolveTagIds(ctx, input.tags, workspaceId);
      const settled = await Promise.allSettled(
        resolved.missing.map((name) => asana.post<{ gid: string; name?: string }>("/tags", { name, workspace: workspaceId }, { optFields: ["name"] })),
      );
      createdTags = settled.flatMap((result) =>
        result.status === "fulfilled" ? [{ id: result.value.gid, ...(result.value.name ? { name: result.value.name } : {}) }] : [],
      );
      const lost = settled.findIndex((result) => result.status === "rejected" && mayHaveTakenEffect(result.reason));
      if (lost >= 0) throw tagMayExist(resolved.missing[lost]!, (settled[lost] as PromiseRejectedResult).reason, createdTags, workspaceId);
      const failed = settled.find((result) => result.status === "rejected");
      if (failed) throw noteCreatedTags(failed.reason, createdTags, workspaceId);
      tagIds = [...resolved.ids, ...createdTags.map((tag) => tag.id)];
    }

    // This call's marker (see CreateMarker): in the task's external data for an OAuth app's token,
    // invisible to people and every other app; else at the end of its notes, taken out once the answer is in.
    const marker = ctx.createMarker;
    let raw: AsanaTask;
    try {
      raw = await sendMarked(notes, marker, (markerFields) =>
        asana.post<AsanaTask>(
          "/tasks",
          {
            name: input.name,
            ...markerFields,
            ...dateFields("due", input.due_date),
            ...dateFields("start", input.start_date),
            resource_subtype: input.task_type === "default" ? undefined : taskTypes[input.task_type],
            approval_status: input.approval_status,
            parent: input.parent_task_id,
            projects: projectId ? [projectId] : undefined,
            workspace: workspaceId,
            assignee: input.assignee_id === noAssignee ? undefined : input.assignee_id,
            tags: tagIds,
            followers: input.followers,
            custom_fields: customFields,
          },
          { optFields: taskOptFields },
        ),
      );
    } catch (error) {
      throw noteCreatedTags(error, createdTags, workspaceId);
    }
    // Taking the marker out and filing in the section touch different things: they go at once, one round
    // instead of two. The placement's failure is the one to report (the marker's never fails the call).
    const [unmarked, placed] = await Promise.allSettled([
      takeOutMarker<AsanaTask>(asana, asanaPath`/tasks/${raw.gid}`, notes, "notes", marker, taskOptFields),
      section && projectId ? fileInSection(asana, raw.gid, projectId, section) : undefined,
    ]);
    if (placed.status === "rejected") throw placed.reason;
    const removal = unmarked.status === "fulfilled" ? unmarked.value : undefined;
    const made = presentTask(removal?.raw ?? raw);
    const task = section && projectId ? filedIn(made, projectId, section) : made;
    return {
      status: { success: true, message: `task successfully created${removal?.note ? `; ${removal.note}` : ""}` },
      task,
      ...(createdTags.length > 0 ? { created_tags: createdTags } : {}),
    };
  },
  // Asana's answer was lost (or was a 5xx after a marked create): find the task this call made. By its
  // marker when it carried one, which finds exactly it; else by name, only among tasks made during the
  // call where it would be (under the parent, in the project, or in the assignee's tasks).
  async reconcile(input, ctx) {
    const { asana, madeDuringCall, asanaSince } = ctx;
    const marker = ctx.createMarker?.placed ? ctx.createMarker : undefined;
    let raw: AsanaTask | undefined;
    if (marker?.placed === "external") {
      // Asana reads a task by its external gid wherever its gid goes: one request, no search.
      raw = await asana.get<AsanaTask>(asanaPath`/tasks/external:${marker.id}`, { optFields: taskOptFields }).catch((error: unknown) => {
        if (error instanceof AsanaApiError && error.status === 404) return undefined;
        throw error;
      });
    } else {
      const isIt = marker
        ? (task: AsanaTask & { notes?: string }) => carriesMarker(task.notes, marker)
        : (task: AsanaTask & { created_at?: string }) => task.name === input.name && madeDuringCall(task);
      const optFields = marker ? ["notes"] : ["name", "created_at"];
      let candidates: AsanaTask[];
      if (input.parent_task_id) {
        candidates = await findInPages(asana, asanaPath`/tasks/${input.parent_task_id}/subtasks`, { optFields }, isIt);
      } else {
        let query: Record<string, string>;
        if (input.project) query = { project: await projectIdOf(ctx, input.project, input.workspace_id) };
        else if (input.assignee_id !== noAssignee) query = { assignee: input.assignee_id, workspace: await resolveWorkspaceId(asana, input.workspace_id) };
        else return undefined;
        candidates = await findInPages(asana, "/tasks", { query: { ...query, modified_since: asanaSince() }, optFields }, isIt);
      }
      // Two tasks of that name made in the last minutes: which is this call's cannot be told, so say nothing.
      if (candidates.length !== 1) return undefined;
      raw = await asana.get<AsanaTask>(asanaPath`/tasks/${candidates[0]!.gid}`, { optFields: taskOptFields });
    }
    if (!raw) return undefined;
    const unmarked = await takeOutMarker<AsanaTask>(asana, asanaPath`/tasks/${raw.gid}`, notesFields(input), "notes", marker, taskOptFields);
    let task = presentTask(unmarked?.raw ?? raw);
    // The lost answer was the create's, so filing it in its section is still to do (and safe to repeat).
    if (input.section && input.project) {
      const projectId = await projectIdOf(ctx, input.project, input.workspace_id);
      const section = await resolveSection(asana, projectId, input.section, `project ${projectId}`, "section");
      await fileInSection(asana, task.id, projectId, section);
      task = filedIn(task, projectId, section);
    }
    const how = marker ? "the task was found by the marker this call put on it" : "the task was found by name";
    return {
      status: { success: true, message: `task created (Asana's answer was lost on the way back; ${how})${unmarked?.note ? `; ${unmarked.note}` : ""}` },
      task,
    };
  },
  marks: "the task's external data (OAuth apps), else the end of its notes",
});
