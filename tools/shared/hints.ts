/**
 * "Where do I get this id?" sentences for error messages (a wrong id, a 404), so each names the same
 * finder tool in the same words. They stay out of descriptions and schemas, which every chat pays
 * for: the server's instructions say once where ids come from.
 */
export const findTaskHint =
  "Find task ids with Asana_ListTasksInProject (any plan) or Asana_GetTasksWithoutId (search, paid plans), or from a parent with Asana_GetSubtasksFromATask.";
export const findAttachmentHint = "Find attachment ids with Asana_ListTaskAttachments.";
export const findProjectHint = "Find project ids with Asana_ListProjects.";
export const findSectionHint = "Find section ids with Asana_ListSections.";
export const findTagHint = "Find tag ids with Asana_ListTags.";
export const findTeamHint = "Find team ids with Asana_ListTeams or Asana_ListTeamsTheCurrentUserIsAMemberOf.";
export const findUserHint = 'Find user ids with Asana_ListUsers, or pass "me" for the current user.';
export const findWorkspaceHint = "Find workspace ids with Asana_ListWorkspaces.";
