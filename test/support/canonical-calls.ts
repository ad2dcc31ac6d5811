import type { AsanaStore } from "../../src/sandbox/index.js";
import type { TestWorld } from "./world.js";

/**
 * One valid call of every tool against the test world (test/support/world.ts), for tests that derive
 * other calls from it: the chaos test runs the write tools under faults, and the argument-quirk test
 * sends each call as clients really send it. A new tool needs a line here.
 */

/** Builds the arguments of a valid call; may add what the call acts on to the emulator's store first. */
export type CanonicalCall = (world: TestWorld, store: AsanaStore) => Record<string, unknown>;

/** A valid call of each write tool against the test world. A new write tool needs a line here. */
export const writeCalls: Record<string, CanonicalCall> = {
  CreateTag: (w) => ({ name: "chaos-tag", workspace_id: w.premium.gid }),
  UpdateTask: (w) => ({ task_id: w.task.gid, name: "Renamed under chaos" }),
  MarkTaskAsCompleted: (w) => ({ task_id: w.task.gid }),
  CreateTask: (w) => ({ name: "Chaos task", project: w.launch.gid }),
  DeleteTask: (w) => ({ task_id: w.subtasks[0]!.gid }),
  SetTaskParent: (w) => ({ task_id: w.subtasks[0]!.gid, to_top_level: true }),
  CreateTasks: (w) => ({ tasks: [{ name: "Chaos task", project: w.launch.gid, section: "Doing" }] }),
  UpdateTasks: (w) => ({ tasks: [{ task_id: w.task.gid, name: "Renamed under chaos" }] }),
  MoveTaskToMyTasksSection: (w) => ({ task_id: w.task.gid, section: "Do today" }),
  AddTaskDependents: (w) => ({ task_id: w.task.gid, dependents: [w.subtasks[2]!.gid] }),
  RemoveTaskDependents: (w) => ({ task_id: w.task.gid, dependents: [w.subtasks[2]!.gid] }),
  AddProjectFollowers: (w) => ({ project_id: w.website.gid, followers: [w.colleague.gid] }),
  RemoveProjectFollowers: (w) => ({ project_id: w.launch.gid, followers: ["me"] }),
  UpdateTag: (w) => ({ tag_id: w.urgent.gid, name: "very urgent", clear: ["color"] }),
  DeleteTag: (w) => ({ tag_id: w.blocked.gid }),
  UpdateComment: (w, store) => ({
    comment_id: store.insert({
      resource_type: "story",
      resource_subtype: "comment_added",
      type: "comment",
      text: "Frist draft",
      html_text: "<body>Frist draft</body>",
      is_pinned: false,
      created_at: store.now(),
      created_by: w.me.gid,
      target: w.task.gid,
    }).gid,
    text: "First draft",
  }),
  DeleteComment: (w, store) => ({
    comment_id: store.insert({
      resource_type: "story",
      resource_subtype: "comment_added",
      type: "comment",
      text: "Never mind",
      html_text: "<body>Never mind</body>",
      is_pinned: false,
      created_at: store.now(),
      created_by: w.me.gid,
      target: w.task.gid,
    }).gid,
  }),
  CreateCustomField: (w) => ({ name: "Chaos level", type: "enum", workspace_id: w.premium.gid, options: [{ name: "Calm" }, { name: "Stormy", color: "red" }] }),
  UpdateCustomField: (w) => ({ custom_field_id: w.fields.estimate.gid, name: "Effort", precision: 2 }),
  AddCustomFieldToProject: (w) => ({ project_id: w.website.gid, custom_field_id: w.priority.gid }),
  RemoveCustomFieldFromProject: (w) => ({ project_id: w.launch.gid, custom_field_id: w.fields.notes.gid }),
  CreatePortfolio: (w) => ({ name: "Chaos portfolio", workspace_id: w.premium.gid }),
  UpdatePortfolio: (w) => ({ portfolio_id: w.portfolio.gid, name: "Launches, renamed", due_on: "2026-12-31" }),
  DeletePortfolio: (w) => ({ portfolio_id: w.portfolio.gid }),
  AddPortfolioMembers: (w) => ({ portfolio_id: w.portfolio.gid, members: ["grace@acme.test"] }),
  CreateGoal: (w) => ({ name: "Chaos goal", team_id: w.team.gid, time_period_id: w.quarter.gid, due_on: "2026-12-31" }),
  AddGoalSupport: (w) => ({ goal_id: w.goal.gid, supporting_id: w.website.gid, weight: 0.5 }),
  RemoveGoalSupport: (w) => ({ goal_id: w.goal.gid, supporting_id: w.launch.gid }),
  UpdateTimeTrackingEntry: (w, store) => ({
    time_tracking_entry_id: store.insert({
      resource_type: "time_tracking_entry",
      task: w.task.gid,
      created_by: w.me.gid,
      created_at: store.now(),
      entered_on: "2026-11-02",
      duration_minutes: 15,
      approval_status: "DRAFT",
      billable_status: "notApplicable",
      description: "",
      categories: [],
    }).gid,
    minutes: 45,
  }),
  CreateProjectFromTemplate: (w) => ({ template_id: w.projectTemplate.gid, name: "Launch from the template", start_on: "2027-01-04", wait_seconds: 5 }),
  CreateTaskFromTemplate: (w) => ({ template_id: w.taskTemplate.gid, name: "Onboard Dana", wait_seconds: 5 }),
  SaveProjectAsTemplate: (w) => ({ project_id: w.launch.gid, name: "Launch template", wait_seconds: 5 }),
  AddTaskToProject: (w) => ({ task_id: w.task.gid, project: w.website.gid }),
  RemoveTaskFromProject: (w) => ({ task_id: w.task.gid, project_id: w.launch.gid }),
  AddTagToTask: (w) => ({ task_id: w.task.gid, tag: w.blocked.gid }),
  RemoveTagFromTask: (w) => ({ task_id: w.task.gid, tag: w.urgent.gid }),
  AttachFileToTask: (w) => ({ task_id: w.task.gid, file_name: "chaos.txt", file_content_str: "hello" }),
  CreateSection: (w) => ({ project: w.launch.gid, name: "Chaos section" }),
  MoveTaskToSection: (w) => ({ task_id: w.task.gid, section_id: w.doing.gid }),
  AddCommentToTask: (w) => ({ task_id: w.task.gid, text: "A comment under chaos" }),
  CreateProject: (w) => ({ name: "Chaos project", team_id: w.team.gid, sections: ["To do", "Done"] }),
  UpdateProject: (w) => ({ project_id: w.website.gid, name: "Website, renamed under chaos" }),
  DeleteProject: (w) => ({ project_id: w.website.gid }),
  AddProjectMembers: (w) => ({ project_id: w.website.gid, members: [w.colleague.gid] }),
  RemoveProjectMembers: (w) => ({ project_id: w.launch.gid, members: [w.me.gid] }),
  DuplicateProject: (w) => ({ project_id: w.launch.gid, name: "Launch, again", wait_seconds: 0 }),
  AddFollowersToTask: (w) => ({ task_id: w.task.gid, followers: [w.colleague.gid] }),
  RemoveFollowersFromTask: (w) => ({ task_id: w.task.gid, followers: ["me"] }),
  AddTaskDependencies: (w) => ({ task_id: w.task.gid, depends_on: [w.subtasks[1]!.gid] }),
  RemoveTaskDependencies: (w) => ({ task_id: w.task.gid, depends_on: [w.subtasks[1]!.gid] }),
  SetTaskCustomFields: (w) => ({ task_id: w.task.gid, fields: [{ field: "Priority", value: "Low" }] }),
  DuplicateTask: (w) => ({ task_id: w.task.gid, name: "A copy under chaos", wait_seconds: 0 }),
  DeleteAttachment: (w, store) => ({
    attachment_id: store.insert({
      resource_type: "attachment",
      name: "old.txt",
      resource_subtype: "asana",
      host: "asana",
      parent: w.task.gid,
      created_at: store.now(),
      size: 5,
    }).gid,
  }),
  UpdateSection: (w) => ({ section_id: w.doing.gid, name: "In progress" }),
  MoveSection: (w) => ({ section_id: w.doing.gid, before_section_id: w.backlog.gid }),
  DeleteSection: (w, store) => ({ section_id: store.insert({ resource_type: "section", name: "Empty", project: w.launch.gid, created_at: store.now() }).gid }),
  CreateStatusUpdate: (w) => ({ parent_id: w.launch.gid, status_type: "at_risk", title: "Chaos week", text: "Slipping a little." }),
  DeleteStatusUpdate: (w, store) => ({
    status_update_id: store.insert({
      resource_type: "status_update",
      resource_subtype: "project_status_update",
      parent: w.launch.gid,
      title: "Last week",
      text: "Fine.",
      html_text: "<body>Fine.</body>",
      status_type: "on_track",
      author: w.me.gid,
      created_by: w.me.gid,
      created_at: store.now(),
      modified_at: store.now(),
    }).gid,
  }),
  AddItemToPortfolio: (w, store) => ({ portfolio_id: w.portfolio.gid, item_id: store.insert({ ...w.website, gid: undefined, name: "Another project" }).gid }),
  RemoveItemFromPortfolio: (w) => ({ portfolio_id: w.portfolio.gid, item_id: w.website.gid }),
  UpdateGoal: (w) => ({ goal_id: w.goal.gid, current_value: 4500 }),
  AddTimeTrackingEntry: (w) => ({ task_id: w.task.gid, minutes: 30 }),
  DeleteTimeTrackingEntry: (w, store) => ({
    time_tracking_entry_id: store.insert({
      resource_type: "time_tracking_entry",
      task: w.task.gid,
      created_by: w.me.gid,
      created_at: store.now(),
      entered_on: store.now().slice(0, 10),
      duration_minutes: 15,
      approval_status: "DRAFT",
      billable_status: "notApplicable",
      description: "",
      categories: [],
    }).gid,
  }),
};

const reportPdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

/** An attachment on the world's task, as Asana stores an uploaded file. */
function attachmentOf(w: TestWorld, store: AsanaStore): string {
  return store.insert({
    resource_type: "attachment",
    name: "report.pdf",
    resource_subtype: "asana",
    host: "asana",
    parent: w.task.gid,
    created_at: "2026-11-01T10:00:00.000Z",
    size: reportPdf.length,
    // Its bytes, so the emulator signs a download link for include_content to fetch.
    _bytes: reportPdf,
    _content_type: "application/pdf",
  }).gid;
}

/** A status update on the launch project. */
function statusUpdateOf(w: TestWorld, store: AsanaStore): string {
  return store.insert({
    resource_type: "status_update",
    resource_subtype: "project_status_update",
    parent: w.launch.gid,
    title: "Week 44",
    text: "On track.",
    html_text: "<body>On track.</body>",
    status_type: "on_track",
    author: w.me.gid,
    created_by: w.me.gid,
    created_at: "2026-11-01T10:00:00.000Z",
    modified_at: "2026-11-01T10:00:00.000Z",
  }).gid;
}

/**
 * A valid call of each read tool, with its optional lists, numbers and booleans given where it has
 * them, so the calls derived from it cover every kind of parameter.
 */
export const readCalls: Record<string, CanonicalCall> = {
  GetAttachment: (w, store) => ({ attachment_id: attachmentOf(w, store), include_content: true }),
  GetAgent: (w, store) => ({
    agent_id: store.insert({
      resource_type: "agent",
      resource_subtype: "asana_teammate",
      name: "Launch Planner",
      description: "Drafts launch plans from a brief",
      behavior_guidance: "Ask before assigning anyone",
      workspace: w.premium.gid,
      photo: null,
    }).gid,
  }),
  GetComment: (w, store) => ({
    comment_id: store.insert({
      resource_type: "story",
      resource_subtype: "comment_added",
      type: "comment",
      text: "Looks good",
      html_text: "<body>Looks good</body>",
      is_pinned: false,
      created_at: "2026-11-01T10:00:00.000Z",
      created_by: w.me.gid,
      target: w.task.gid,
    }).gid,
  }),
  GetGoal: (w) => ({ goal_id: w.goal.gid }),
  GetJob: (w, store) => ({
    job_id: store.insert({ resource_type: "job", resource_subtype: "duplicate_task", status: "succeeded", new_task: w.subtasks[0]!.gid }).gid,
    wait_seconds: 0,
  }),
  GetPortfolio: (w) => ({ portfolio_id: w.portfolio.gid }),
  GetProjectById: (w) => ({ project_id: w.launch.gid }),
  GetRecentChanges: (w) => ({ resource_id: w.launch.gid }),
  GetStatusUpdate: (w, store) => ({ status_update_id: statusUpdateOf(w, store) }),
  GetSubtasksFromATask: (w) => ({ task_id: w.task.gid, limit: 2 }),
  GetTagById: (w) => ({ tag_id: w.urgent.gid }),
  GetTaskById: (w) => ({ task_id: w.task.gid, max_subtasks: 1 }),
  GetTaskDependencies: (w) => ({ task_id: w.task.gid }),
  GetTasksByIds: (w) => ({ task_ids: [w.task.gid] }),
  GetTasksWithoutId: (w) => ({ workspace_id: w.premium.gid, tags: [w.urgent.gid], completed: false, limit: 5 }),
  GetTeamById: (w) => ({ team_id: w.team.gid }),
  GetUserById: (w) => ({ user_id: w.colleague.gid }),
  GetWorkspaceById: (w) => ({ workspace_id: w.premium.gid }),
  ListCustomFields: (w) => ({ project_id: w.launch.gid, limit: 3 }),
  ListGoals: (w) => ({ workspace_id: w.premium.gid, limit: 5 }),
  ListMyTasks: (w) => ({ workspace_id: w.premium.gid, include_completed: true, limit: 10 }),
  ListMyTasksSections: (w) => ({ workspace_id: w.premium.gid }),
  ListPortfolioItems: (w) => ({ portfolio_id: w.portfolio.gid, limit: 1 }),
  ListPortfolios: (w) => ({ workspace_id: w.premium.gid, limit: 5 }),
  ListProjectAttachments: (w) => ({ project_id: w.launch.gid, brief: false, limit: 5 }),
  ListProjects: (w) => ({ workspace_id: w.premium.gid, limit: 1 }),
  ListSections: (w) => ({ project: w.launch.gid, limit: 5 }),
  ListStatusUpdates: (w, store) => {
    statusUpdateOf(w, store);
    return { parent_id: w.launch.gid, limit: 5 };
  },
  ListTags: (w) => ({ workspace_id: w.premium.gid, limit: 5 }),
  ListTasksWithTag: (w) => ({ tag: w.urgent.gid, workspace_id: w.premium.gid, completed: false, limit: 5 }),
  ListTemplates: (w) => ({ team_id: w.team.gid, limit: 5 }),
  ListTimePeriods: (w) => ({ workspace_id: w.premium.gid, start_on: "2026-01-01", limit: 5 }),
  ListTaskAttachments: (w, store) => {
    attachmentOf(w, store);
    return { task_id: w.task.gid, limit: 5 };
  },
  ListTaskComments: (w) => ({ task_id: w.task.gid, include_activity: true, limit: 5 }),
  ListTasksInProject: (w) => ({ project: w.launch.gid, completed: false, limit: 5 }),
  ListTeams: (w) => ({ workspace_id: w.premium.gid, limit: 5 }),
  ListTeamsTheCurrentUserIsAMemberOf: (w) => ({ workspace_id: w.premium.gid, limit: 5 }),
  ListTimeTrackingEntries: (w) => ({ task_id: w.task.gid, limit: 5 }),
  ListUsers: (w) => ({ workspace_id: w.premium.gid, limit: 5 }),
  ListWorkspaces: () => ({ limit: 5 }),
  SearchByName: (w) => ({ query: "report", workspace_id: w.premium.gid, limit: 5 }),
  SummarizeWorkload: (w) => ({ workspace_id: w.premium.gid, days: 14 }),
};

/** Every tool's canonical call. */
export const canonicalCalls: Record<string, CanonicalCall> = { ...readCalls, ...writeCalls };
