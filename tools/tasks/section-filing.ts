import { asanaPath, type AsanaSession } from "../../src/asana/index.js";
import { addErrorNote, quoted, refOf, type AsanaRef } from "../../src/toolkit/index.js";
import type { PresentedTask } from "./model.js";

/**
 * Files a new task in the section asked for. Asana's document marks a task's `memberships` read-only,
 * so the section is set with addProject, which is safe to repeat. A failure here comes after the task
 * exists, and the error says where it is and how to finish.
 */
export async function fileInSection(asana: AsanaSession, taskId: string, projectId: string, section: AsanaRef): Promise<void> {
  try {
    await asana.post(asanaPath`/tasks/${taskId}/addProject`, { project: projectId, section: section.gid }, { idempotent: true });
  } catch (error) {
    throw addErrorNote(
      error,
      `Task ${taskId} was created in project ${projectId}, but not filed in section ${quoted(section.name ?? section.gid)}: move it with ` +
        `Asana_MoveTaskToSection (task_id ${taskId}, section_id ${section.gid}); calling Asana_CreateTask again would make a second task.`,
    );
  }
}

/** The task as Asana answered it, with the section it was filed in (addProject answers with an empty body). */
export function filedIn(task: PresentedTask, projectId: string, section: AsanaRef): PresentedTask {
  const filed = refOf(section) ?? { id: section.gid };
  const memberships = task.memberships?.some((m) => m.project?.id === projectId)
    ? task.memberships.map((m) => (m.project?.id === projectId ? { ...m, section: filed } : m))
    : [...(task.memberships ?? []), { project: { id: projectId }, section: filed }];
  return { ...task, memberships };
}
