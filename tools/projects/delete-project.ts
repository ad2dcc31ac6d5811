import * as z from "zod";
import { asanaPath, type AsanaSession } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus, quoted } from "../../src/toolkit/index.js";
import { findProjectHint } from "../shared/hints.js";
import { counted, named } from "../shared/write-previews.js";

/** The project and how many tasks it holds: what the preview shows, and what the answer reports after the delete. */
async function readProject(asana: AsanaSession, projectId: string) {
  return Promise.all([
    asana.get<{ gid: string; name?: string; modified_at?: string }>(asanaPath`/projects/${projectId}`, { optFields: ["name", "modified_at"] }),
    asana.get<{ num_tasks?: number }>(asanaPath`/projects/${projectId}/task_counts`, { optFields: ["num_tasks"] }),
  ]);
}

export const deleteProject = defineTool({
  name: "DeleteProject",
  title: "Delete a project",
  toolset: "projects",
  description:
    "Delete a project with its sections and the tasks that are in no other project. To keep it, archive it with Asana_UpdateProject instead. Confirm with the user first.",
  input: () =>
    z.strictObject({
      project_id: gidParam("project", findProjectHint),
    }),
  output: () =>
    z.object({
      status: mutationStatus,
      project: z.object({ id: z.string(), name: z.string().optional() }),
      tasks_in_project: z.number().int().optional().describe("How many tasks the project held when it was deleted."),
    }),
  annotations: annotate.destructive,
  errorHints: { 404: `No project has this id (it may already be deleted), or the user cannot see it. ${findProjectHint}` },
  preview: {
    async plan(input, { asana }) {
      const [project, counts] = await readProject(asana, input.project_id);
      const tasks = counts.num_tasks === undefined ? "" : ` (${counted(counts.num_tasks, "task")}; those also in other projects stay there)`;
      return {
        summary: `Delete ${named("project", project, input.project_id)} with its sections${tasks}`,
        fingerprint: [project.modified_at, counts.num_tasks],
      };
    },
  },
  async handler(input, { asana }) {
    // Asana's delete answers with nothing, so what goes with the project is read first.
    const [project, counts] = await readProject(asana, input.project_id);
    await asana.delete(asanaPath`/projects/${input.project_id}`);
    const tasks = counts.num_tasks;
    const withTasks =
      tasks === undefined
        ? ""
        : tasks === 0
          ? "; it held no tasks"
          : `; it held ${tasks} task${tasks === 1 ? "" : "s"}: those in no other project were deleted with it, the others stay in their other projects`;
    return {
      status: { success: true, message: `project ${project.name ? quoted(project.name) : input.project_id} deleted${withTasks}` },
      project: { id: input.project_id, ...(project.name ? { name: project.name } : {}) },
      ...(tasks !== undefined ? { tasks_in_project: tasks } : {}),
    };
  },
});
