import type { AnyToolDefinition } from "../src/toolkit/index.js";
import { attachFileToTask } from "./attachments/attach-file-to-task.js";
import { addCommentToTask } from "./comments/add-comment-to-task.js";
import { listTaskComments } from "./comments/list-task-comments.js";
import { getProjectById } from "./projects/get-project-by-id.js";
import { listProjects } from "./projects/list-projects.js";
import { createSection } from "./sections/create-section.js";
import { listSections } from "./sections/list-sections.js";
import { moveTaskToSection } from "./sections/move-task-to-section.js";
import { createTag } from "./tags/create-tag.js";
import { getTagById } from "./tags/get-tag-by-id.js";
import { listTags } from "./tags/list-tags.js";
import { addTagToTask } from "./tasks/add-tag-to-task.js";
import { addTaskToProject } from "./tasks/add-task-to-project.js";
import { createTask } from "./tasks/create-task.js";
import { deleteTask } from "./tasks/delete-task.js";
import { getSubtasksFromATask } from "./tasks/get-subtasks-from-a-task.js";
import { getTaskById } from "./tasks/get-task-by-id.js";
import { getTasksWithoutId } from "./tasks/get-tasks-without-id.js";
import { listTasksInProject } from "./tasks/list-tasks-in-project.js";
import { markTaskAsCompleted } from "./tasks/mark-task-as-completed.js";
import { removeTagFromTask } from "./tasks/remove-tag-from-task.js";
import { removeTaskFromProject } from "./tasks/remove-task-from-project.js";
import { setTaskParent } from "./tasks/set-task-parent.js";
import { updateTask } from "./tasks/update-task.js";
import { getTeamById } from "./teams/get-team-by-id.js";
import { listTeams } from "./teams/list-teams.js";
import { listTeamsTheCurrentUserIsAMemberOf } from "./teams/list-teams-the-current-user-is-a-member-of.js";
import { toolsetNames } from "./toolsets.js";
import { getUserById } from "./users/get-user-by-id.js";
import { listUsers } from "./users/list-users.js";
import { getWorkspaceById } from "./workspaces/get-workspace-by-id.js";
import { listWorkspaces } from "./workspaces/list-workspaces.js";

/**
 * The registry: every tool, one line each, in the order clients list them (Arcade's resources first,
 * each resource's extensions after it). Adding a tool takes its file, its test and a line here.
 */
export const asanaToolkit: readonly AnyToolDefinition[] = checkedRegistry([
  getProjectById,
  listProjects,
  getTagById,
  createTag,
  listTags,
  getTasksWithoutId,
  getTaskById,
  getSubtasksFromATask,
  updateTask,
  markTaskAsCompleted,
  createTask,
  deleteTask,
  listTasksInProject,
  setTaskParent,
  addTaskToProject,
  removeTaskFromProject,
  addTagToTask,
  removeTagFromTask,
  attachFileToTask,
  listSections,
  createSection,
  moveTaskToSection,
  listTaskComments,
  addCommentToTask,
  listUsers,
  getUserById,
  getWorkspaceById,
  listWorkspaces,
  getTeamById,
  listTeamsTheCurrentUserIsAMemberOf,
  listTeams,
]);

/** A tool in an unknown toolset could never be switched on, and a repeated name would shadow a tool. */
function checkedRegistry(tools: AnyToolDefinition[]): readonly AnyToolDefinition[] {
  const seen = new Set<string>();
  for (const tool of tools) {
    if (!toolsetNames.includes(tool.toolset)) throw new Error(`Tool ${tool.name} names toolset "${tool.toolset}", which tools/toolsets.ts does not list`);
    if (seen.has(tool.name)) throw new Error(`Tool ${tool.name} is registered twice`);
    seen.add(tool.name);
  }
  return Object.freeze(tools);
}
