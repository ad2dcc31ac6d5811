import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus, quoted } from "../../src/toolkit/index.js";
import { findProjectHint } from "../shared/hints.js";

export const deleteProject = defineTool({
  name: "DeleteProject",
  title: "Delete a project",
  toolset: "projects",
  description:
    "Delete a project with its sections and the tasks that are in no other project. To keep it, archive it with Asana_UpdateProject instead. Confirm with the user first.",
  input: z.strictObject({
    project_id: gidParam("project", findProjectHint),
  }),
  output: z.object({
    status: mutationStatus,
    project: z.object({ id: z.string(), name: z.string().optional() }),
    tasks_in_project: z.number().int().optional().describe("How many tasks the project held when it was deleted."),
  }),
  annotations: annotate.destructive,
  errorHints: { 404: `No project has this id (it may already be deleted), or the user cannot see it. ${findProjectHint}` },
  async handler(input, { asana }) {
    // Asana's delete answers with nothing, so what goes with the project is read first.
    const [project, counts] = await Promise.all([
      asana.get<{ gid: string; name?: string }>(asanaPath`/projects/${input.project_id}`, { optFields: ["name"] }),
      asana.get<{ num_tasks?: number }>(asanaPath`/projects/${input.project_id}/task_counts`, { optFields: ["num_tasks"] }),
    ]);
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
