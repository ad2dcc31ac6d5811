import type { AnyToolDefinition } from "../src/toolkit/index.js";
import { getAgent } from "./agents/get-agent.js";
import { listProjectAttachments } from "./attachments/list-project-attachments.js";
import { deleteComment } from "./comments/delete-comment.js";
import { getComment } from "./comments/get-comment.js";
import { updateComment } from "./comments/update-comment.js";
import { addCustomFieldToProject } from "./customfields/add-custom-field-to-project.js";
import { createCustomField } from "./customfields/create-custom-field.js";
import { removeCustomFieldFromProject } from "./customfields/remove-custom-field-from-project.js";
import { updateCustomField } from "./customfields/update-custom-field.js";
import { addGoalSupport } from "./goals/add-goal-support.js";
import { createGoal } from "./goals/create-goal.js";
import { listTimePeriods } from "./goals/list-time-periods.js";
import { removeGoalSupport } from "./goals/remove-goal-support.js";
import { addPortfolioMembers } from "./portfolios/add-portfolio-members.js";
import { createPortfolio } from "./portfolios/create-portfolio.js";
import { deletePortfolio } from "./portfolios/delete-portfolio.js";
import { updatePortfolio } from "./portfolios/update-portfolio.js";
import { addProjectFollowers } from "./projects/add-project-followers.js";
import { removeProjectFollowers } from "./projects/remove-project-followers.js";
import { deleteTag } from "./tags/delete-tag.js";
import { updateTag } from "./tags/update-tag.js";
import { listTasksWithTag } from "./tasks/list-tasks-with-tag.js";
import { createProjectFromTemplate } from "./templates/create-project-from-template.js";
import { createTaskFromTemplate } from "./templates/create-task-from-template.js";
import { listTemplates } from "./templates/list-templates.js";
import { saveProjectAsTemplate } from "./templates/save-project-as-template.js";
import { updateTimeTrackingEntry } from "./time/update-time-tracking-entry.js";
import { attachFileToTask } from "./attachments/attach-file-to-task.js";
import { deleteAttachment } from "./attachments/delete-attachment.js";
import { getAttachment } from "./attachments/get-attachment.js";
import { listTaskAttachments } from "./attachments/list-task-attachments.js";
import { getRecentChanges } from "./changes/get-recent-changes.js";
import { addCommentToTask } from "./comments/add-comment-to-task.js";
import { listTaskComments } from "./comments/list-task-comments.js";
import { listCustomFields } from "./customfields/list-custom-fields.js";
import { setTaskCustomFields } from "./customfields/set-task-custom-fields.js";
import { getGoal } from "./goals/get-goal.js";
import { listGoals } from "./goals/list-goals.js";
import { updateGoal } from "./goals/update-goal.js";
import { addItemToPortfolio } from "./portfolios/add-item-to-portfolio.js";
import { getPortfolio } from "./portfolios/get-portfolio.js";
import { listPortfolioItems } from "./portfolios/list-portfolio-items.js";
import { listPortfolios } from "./portfolios/list-portfolios.js";
import { removeItemFromPortfolio } from "./portfolios/remove-item-from-portfolio.js";
import { addProjectMembers } from "./projects/add-project-members.js";
import { createProject } from "./projects/create-project.js";
import { deleteProject } from "./projects/delete-project.js";
import { duplicateProject } from "./projects/duplicate-project.js";
import { getJob } from "./projects/get-job.js";
import { getProjectById } from "./projects/get-project-by-id.js";
import { listProjects } from "./projects/list-projects.js";
import { removeProjectMembers } from "./projects/remove-project-members.js";
import { updateProject } from "./projects/update-project.js";
import { searchByName } from "./search/search-by-name.js";
import { createSection } from "./sections/create-section.js";
import { deleteSection } from "./sections/delete-section.js";
import { listSections } from "./sections/list-sections.js";
import { moveSection } from "./sections/move-section.js";
import { moveTaskToSection } from "./sections/move-task-to-section.js";
import { updateSection } from "./sections/update-section.js";
import { createStatusUpdate } from "./status/create-status-update.js";
import { deleteStatusUpdate } from "./status/delete-status-update.js";
import { getStatusUpdate } from "./status/get-status-update.js";
import { listStatusUpdates } from "./status/list-status-updates.js";
import { createTag } from "./tags/create-tag.js";
import { getTagById } from "./tags/get-tag-by-id.js";
import { listTags } from "./tags/list-tags.js";
import { addFollowersToTask } from "./tasks/add-followers-to-task.js";
import { addTagToTask } from "./tasks/add-tag-to-task.js";
import { addTaskDependencies } from "./tasks/add-task-dependencies.js";
import { addTaskDependents } from "./tasks/add-task-dependents.js";
import { addTaskToProject } from "./tasks/add-task-to-project.js";
import { createTask } from "./tasks/create-task.js";
import { createTasks } from "./tasks/create-tasks.js";
import { deleteTask } from "./tasks/delete-task.js";
import { duplicateTask } from "./tasks/duplicate-task.js";
import { getSubtasksFromATask } from "./tasks/get-subtasks-from-a-task.js";
import { getTaskById } from "./tasks/get-task-by-id.js";
import { getTaskDependencies } from "./tasks/get-task-dependencies.js";
import { getTasksByIds } from "./tasks/get-tasks-by-ids.js";
import { getTasksWithoutId } from "./tasks/get-tasks-without-id.js";
import { listMyTasks } from "./tasks/list-my-tasks.js";
import { listMyTasksSections } from "./tasks/list-my-tasks-sections.js";
import { listTasksInProject } from "./tasks/list-tasks-in-project.js";
import { markTaskAsCompleted } from "./tasks/mark-task-as-completed.js";
import { moveTaskToMyTasksSection } from "./tasks/move-task-to-my-tasks-section.js";
import { removeFollowersFromTask } from "./tasks/remove-followers-from-task.js";
import { removeTagFromTask } from "./tasks/remove-tag-from-task.js";
import { removeTaskDependencies } from "./tasks/remove-task-dependencies.js";
import { removeTaskDependents } from "./tasks/remove-task-dependents.js";
import { removeTaskFromProject } from "./tasks/remove-task-from-project.js";
import { setTaskParent } from "./tasks/set-task-parent.js";
import { summarizeWorkload } from "./tasks/summarize-workload.js";
import { updateTask } from "./tasks/update-task.js";
import { updateTasks } from "./tasks/update-tasks.js";
import { getTeamById } from "./teams/get-team-by-id.js";
import { listTeamsTheCurrentUserIsAMemberOf } from "./teams/list-teams-the-current-user-is-a-member-of.js";
import { listTeams } from "./teams/list-teams.js";
import { addTimeTrackingEntry } from "./time/add-time-tracking-entry.js";
import { deleteTimeTrackingEntry } from "./time/delete-time-tracking-entry.js";
import { listTimeTrackingEntries } from "./time/list-time-tracking-entries.js";
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
  createProject,
  updateProject,
  deleteProject,
  addProjectMembers,
  removeProjectMembers,
  duplicateProject,
  getJob,
  getTagById,
  createTag,
  listTags,
  getTasksWithoutId,
  getTaskById,
  getSubtasksFromATask,
  updateTask,
  markTaskAsCompleted,
  createTask,
  createTasks,
  updateTasks,
  deleteTask,
  listTasksInProject,
  setTaskParent,
  addTaskToProject,
  removeTaskFromProject,
  addTagToTask,
  removeTagFromTask,
  listMyTasks,
  listMyTasksSections,
  moveTaskToMyTasksSection,
  addFollowersToTask,
  removeFollowersFromTask,
  getTaskDependencies,
  addTaskDependencies,
  removeTaskDependencies,
  addTaskDependents,
  removeTaskDependents,
  searchByName,
  listCustomFields,
  setTaskCustomFields,
  duplicateTask,
  getTasksByIds,
  summarizeWorkload,
  attachFileToTask,
  listTaskAttachments,
  getAttachment,
  deleteAttachment,
  listSections,
  createSection,
  moveTaskToSection,
  updateSection,
  moveSection,
  deleteSection,
  listTaskComments,
  addCommentToTask,
  listUsers,
  getUserById,
  getWorkspaceById,
  listWorkspaces,
  getTeamById,
  listTeamsTheCurrentUserIsAMemberOf,
  listTeams,
  listStatusUpdates,
  getStatusUpdate,
  createStatusUpdate,
  deleteStatusUpdate,
  listPortfolios,
  getPortfolio,
  listPortfolioItems,
  addItemToPortfolio,
  removeItemFromPortfolio,
  listGoals,
  getGoal,
  updateGoal,
  listTimeTrackingEntries,
  addTimeTrackingEntry,
  deleteTimeTrackingEntry,
  getRecentChanges,
  addProjectFollowers,
  removeProjectFollowers,
  updateTag,
  deleteTag,
  listTasksWithTag,
  listProjectAttachments,
  getComment,
  updateComment,
  deleteComment,
  getAgent,
  createCustomField,
  updateCustomField,
  addCustomFieldToProject,
  removeCustomFieldFromProject,
  createPortfolio,
  updatePortfolio,
  deletePortfolio,
  addPortfolioMembers,
  createGoal,
  addGoalSupport,
  removeGoalSupport,
  listTimePeriods,
  updateTimeTrackingEntry,
  listTemplates,
  createProjectFromTemplate,
  createTaskFromTemplate,
  saveProjectAsTemplate,
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
