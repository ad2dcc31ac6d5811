/**
 * The 19 tools of Arcade's hosted Asana toolkit (Asana 1.2.2), whose names and parameters ours keep;
 * every other tool of ours, DeleteTask included, is beyond Arcade's.
 */
export const arcadeHostedToolNames = [
  "GetProjectById",
  "ListProjects",
  "GetTagById",
  "CreateTag",
  "ListTags",
  "GetTasksWithoutId",
  "GetTaskById",
  "GetSubtasksFromATask",
  "UpdateTask",
  "MarkTaskAsCompleted",
  "CreateTask",
  "AttachFileToTask",
  "ListUsers",
  "GetUserById",
  "GetWorkspaceById",
  "ListWorkspaces",
  "GetTeamById",
  "ListTeamsTheCurrentUserIsAMemberOf",
  "ListTeams",
] as const;
