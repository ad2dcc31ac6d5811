import * as z from "zod";
import { asanaPath, type AsanaSession } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus, nonEmptyText, quoted, ToolRetryableError, type AsanaRef } from "../../src/toolkit/index.js";
import { findSectionHint, findTaskHint } from "../shared/hints.js";
import { rememberedTask } from "../shared/lookup-facts.js";
import { looksLikeGid } from "../shared/lookups.js";
import { checkInsertAnchors, insertAnchorParams } from "../shared/params.js";
import { sectionsIn } from "../shared/section-lookup.js";
import { type AsanaTaskPlacement, presentTaskPlacement, readRawTaskPlacement, readTaskPlacement, taskPlacementShape } from "../shared/task-placement.js";

/**
 * A section named the way people name a board column ("Done") is looked up in the projects the task is
 * already in: that is where "move it to Done" means. One match across them is the section; none, or
 * one in each of several projects, is an error that lists the sections there are. The task's placement
 * is read on the way, so the answer can say where it now sits without reading it again.
 *
 * When the user's last call found the task (SearchByName), its projects are known: their sections are
 * read beside the placement instead of after it. The placement read still decides which projects count,
 * and a project the task has left since is read and ignored; one it joined is read once the placement says so.
 */
async function sectionOfTask(asana: AsanaSession, taskId: string, name: string): Promise<{ section: AsanaRef; project: AsanaRef; task: AsanaTaskPlacement }> {
  const sectionReads = new Map<string, Promise<AsanaRef[]>>();
  const sectionsOf = (projectId: string) => {
    let read = sectionReads.get(projectId);
    if (!read) {
      read = sectionsIn(asana, projectId);
      // A read started early for a project the task is no longer in may fail unheeded.
      read.catch(() => {});
      sectionReads.set(projectId, read);
    }
    return read;
  };
  for (const project of rememberedTask(asana, taskId)?.projects ?? []) void sectionsOf(project.gid);
  const task = await readRawTaskPlacement(asana, taskId);
  const projects = [...new Map((task.memberships ?? []).flatMap((m) => (m.project ? [[m.project.gid, m.project] as const] : []))).values()];
  if (projects.length === 0) {
    throw new ToolRetryableError(
      `Task ${taskId} is in no project, so the section ${quoted(name)} cannot be looked up (section_id); nothing was changed.`,
      "Pass the section's id; Asana_ListSections lists a project's sections.",
    );
  }
  const wanted = name.trim().toLowerCase();
  const sections = await Promise.all(projects.map(async (project) => ({ project, sections: await sectionsOf(project.gid) })));
  const matches = sections.flatMap(({ project, sections }) =>
    sections.filter((section) => section.name?.trim().toLowerCase() === wanted).map((section) => ({ project, section })),
  );
  // No read outlives the call: one started early for a project the task has left ends here too.
  await Promise.allSettled(sectionReads.values());
  if (matches.length === 1) return { ...matches[0]!, task };
  const listed = JSON.stringify(
    sections.map(({ project, sections }) => ({
      project: project.name ?? project.gid,
      sections: sections.slice(0, 100).map((s) => ({ id: s.gid, name: s.name })),
    })),
  );
  throw new ToolRetryableError(
    matches.length === 0
      ? `No section named ${quoted(name)} in the projects of task ${taskId} (section_id); nothing was changed. Pass one of the sections listed, by name or id.`
      : `${matches.length} sections are named ${quoted(name)} in the projects of task ${taskId} (section_id); pass the section's id instead.`,
    `Sections: ${listed}`,
  );
}

export const moveTaskToSection = defineTool({
  name: "MoveTaskToSection",
  title: "Move a task to a section",
  toolset: "sections",
  defaultProfile: true,
  description:
    "Move a task into a section (e.g. a board column), adding it to that project if needed; its other projects stay. " +
    "It goes to the top unless insert_before/insert_after.",
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      section_id: nonEmptyText("must be a section id (digits) or a section name", findSectionHint).describe("Id, or a name in the task's project."),
      ...insertAnchorParams({ resource: "task", howToFind: "Asana_ListTasksInProject with section_id lists the section's tasks." }),
    }),
  output: () => z.object({ status: mutationStatus, task: taskPlacementShape }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    400: "The task and the section must be in the same workspace, and insert_before/insert_after must be a task already in that section (Asana_ListTasksInProject with section_id lists them).",
    404: `The task or section is unknown, or the user cannot see it. ${findSectionHint} ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    checkInsertAnchors({ moved: input.task_id, insert_before: input.insert_before, insert_after: input.insert_after }, "tasks already in the section");
    const named = looksLikeGid(input.section_id) ? undefined : await sectionOfTask(asana, input.task_id, input.section_id);
    const sectionId = named?.section.gid ?? input.section_id;
    await asana.post(
      asanaPath`/sections/${sectionId}/addTask`,
      {
        task: input.task_id,
        insert_before: input.insert_before,
        insert_after: input.insert_after,
      },
      { idempotent: true },
    );
    // A section found by name is in a project the task was already in: only that membership changed.
    const task = named
      ? presentTaskPlacement({
          ...named.task,
          memberships: (named.task.memberships ?? []).map((m) => (m.project?.gid === named.project.gid ? { project: m.project, section: named.section } : m)),
        })
      : await readTaskPlacement(asana, input.task_id);
    return { status: { success: true, message: `task ${input.task_id} is in section ${sectionId}` }, task };
  },
});
