import type { ToolsetInfo } from "../src/toolkit/index.js";

/**
 * The groups `--toolsets`, the X-MCP-Toolsets header and Asana_EnableToolset switch on and off. Each
 * tool names one of these; the registry refuses any other. Besides these, `default` names the
 * everyday tools (each tool says whether it is one) and `all` names every tool.
 */
export const toolsets: readonly ToolsetInfo[] = [
  {
    name: "tasks",
    description:
      "Read, find, create, update, complete, move, duplicate and delete tasks, one or many at once; subtasks, projects, tags, followers, dependencies and dependents of a task; My Tasks and its sections; batch reads and workload.",
    // Several tasks in one call: the default profile has CreateTask only.
    example: "CreateTasks",
  },
  {
    name: "projects",
    description: "List, read, create, update, duplicate and delete projects; their members and followers; Asana's jobs.",
    // A project's members, notes and status: the default profile only lists projects.
    example: "GetProjectById",
  },
  { name: "search", description: "Find tasks, projects, people and more by name, on any plan." },
  { name: "sections", description: "List, create, rename, reorder and delete a project's sections, and move tasks between them." },
  { name: "comments", description: "Read, add, edit and delete comments on tasks." },
  { name: "attachments", description: "Attach files and links to tasks; list a task's or a project's attachments, read and delete them." },
  { name: "tags", description: "List, read, create, update and delete tags, and list a tag's tasks." },
  {
    name: "customfields",
    description: "List custom fields and set their values on tasks, by name; create and edit fields and their options, and put them on projects (paid plans).",
  },
  { name: "users", description: "List and read users, and read AI teammates." },
  { name: "workspaces", description: "List and read workspaces." },
  { name: "teams", description: "List and read teams." },
  {
    name: "status",
    description: "Read, post and delete status updates on projects, portfolios and goals.",
    // "Post an at-risk status": the everyday write of this toolset.
    example: "CreateStatusUpdate",
  },
  { name: "portfolios", description: "Read, create, update and delete portfolios; their items and members (paid plans)." },
  {
    name: "goals",
    description: "Read and create goals; set a goal's status or current value; link the work and subgoals that support it; time periods (paid plans).",
  },
  { name: "time", description: "Read, log, correct and delete time on tasks (Asana Advanced plans)." },
  { name: "changes", description: "What changed in a project or task since the last check." },
  { name: "templates", description: "List project and task templates, make projects and tasks from them, and save a project as a template." },
];

export const toolsetNames: readonly string[] = toolsets.map((toolset) => toolset.name);
