import {
  addFieldToProject,
  customFieldValue,
  insertEnumField,
  insertGoal,
  insertPortfolio,
  insertProjectTemplate,
  insertTextField,
  insertTimePeriod,
  type AsanaStore,
  type StoredObject,
} from "../../src/sandbox/index.js";
import type { TestWorld } from "./world.js";

/**
 * The largest answer each read tool can give, on the test world (test/support/world.ts) grown to
 * Asana's own limits: pages of 100, a task with long notes, 100 subtasks and every link Asana allows,
 * comments and status updates of several KB, custom fields with 100 options, 100 events. Texts are
 * costly in JSON (accents, CJK, an emoji, quotes, backslashes and newlines take more than a byte per
 * character). The budget tests and bench/answer-sizes.mjs call each read tool with these arguments.
 */

/** Arguments of each read tool's worst case. */
export type WorstCaseCalls = Record<string, Record<string, unknown>>;

const costlyUnit = 'Überprüfung "Q4" — 漢字 ✓ 🚀 \\ plan\n';

/** `length` characters of text that JSON makes larger, never ending inside a surrogate pair. */
export function costlyText(length: number, lead = ""): string {
  let text = lead;
  while (text.length < length) text += costlyUnit;
  let end = length;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

const now = "2026-11-01T09:00:00.000Z";
/** Names as long as people write them in Asana's web app, with a number that keeps them apart. */
const longName = (what: string, index: number) => costlyText(180, `${what} ${index + 1}: `);

function clone(store: AsanaStore, of: StoredObject, changes: Record<string, unknown>): StoredObject {
  const { gid: _, ...fields } = structuredClone(of);
  return store.insert({ ...fields, ...changes });
}

const times = <T>(count: number, make: (index: number) => T): T[] => Array.from({ length: count }, (_, index) => make(index));

/**
 * Grows the world in place; returns the arguments of each read tool's worst case. GetRecentChanges
 * needs changes Asana recorded after its sync token: `recordWorstCaseChanges` makes them.
 */
export function seedWorstCase(store: AsanaStore, world: TestWorld): WorstCaseCalls {
  const { premium, me, team, launch, task, urgent } = world;
  const people = times(100, (i) =>
    store.insert({ resource_type: "user", name: longName("Person", i), email: `person${i}@acme.test`, photo: null, workspaces: [premium.gid] }),
  );
  team._members = [...(team._members as string[]), ...people.map((p) => p.gid)];
  times(100, (i) => clone(store, team, { name: longName("Team", i), description: costlyText(400), _members: [me.gid] }));
  const workspaces = times(99, (i) => clone(store, premium, { name: longName("Workspace", i), email_domains: [`w${i}.test`] }));
  me.workspaces = [...(me.workspaces as string[]), ...workspaces.map((w) => w.gid)];
  premium.email_domains = times(100, (i) => `division-${i}.acme.test`);
  const projects = times(100, (i) => clone(store, launch, { name: longName("Project", i), notes: costlyText(2000), members: [me.gid], followers: [] }));
  Object.assign(launch, { notes: costlyText(20_000), members: [me.gid, ...people.map((p) => p.gid)], followers: people.slice(0, 50).map((p) => p.gid) });
  const sections = times(100, (i) => store.insert({ resource_type: "section", name: longName("Section", i), project: launch.gid, created_at: now }));
  const tags = times(100, (i) => clone(store, urgent, { name: longName("Tag", i), notes: costlyText(1000) }));
  urgent.notes = costlyText(20_000);

  // Custom fields: many on the launch project, enums with 100 options, a long text value.
  const bigEnums = times(10, (i) =>
    insertEnumField(
      store,
      premium,
      longName("Field", i),
      times(100, (o) => ({ name: longName("Option", o), color: "blue" })),
    ),
  );
  for (const field of bigEnums) addFieldToProject(store, launch, field);
  const remarks = insertTextField(store, premium, "Remarks");
  addFieldToProject(store, launch, remarks);

  // The task: long notes, 100 subtasks, 100 followers, 20 tags, 10 projects, 15 links each way.
  const tasks = times(150, (i) =>
    clone(store, task, {
      name: longName("Task", i),
      notes: costlyText(3000),
      assignee: me.gid,
      due_on: i % 3 === 0 ? "2026-10-01" : i % 3 === 1 ? "2026-11-05" : null,
      projects: [launch.gid, projects[i % 10]!.gid],
      memberships: [{ project: launch.gid, section: sections[i % 100]!.gid }, { project: projects[i % 10]!.gid }],
      tags: [urgent.gid, ...tags.slice(0, 5).map((t) => t.gid)],
      followers: [me.gid],
      parent: null,
      custom_fields: [customFieldValue(world.priority, "High")],
    }),
  );
  const subtasks = times(100, (i) =>
    clone(store, task, {
      name: longName("Subtask", i),
      notes: "",
      assignee: people[i]!.gid,
      parent: task.gid,
      projects: [],
      memberships: [],
      tags: [urgent.gid],
    }),
  );
  Object.assign(task, {
    notes: costlyText(20_000),
    followers: [me.gid, ...people.slice(0, 99).map((p) => p.gid)],
    tags: [urgent.gid, ...tags.slice(0, 19).map((t) => t.gid)],
    projects: [launch.gid, ...projects.slice(0, 9).map((p) => p.gid)],
    memberships: [{ project: launch.gid, section: world.doing.gid }, ...projects.slice(0, 9).map((p) => ({ project: p.gid }))],
    dependencies: tasks.slice(0, 15).map((t) => t.gid),
    dependents: tasks.slice(15, 30).map((t) => t.gid),
    custom_fields: [customFieldValue(world.priority, "High"), customFieldValue(remarks, costlyText(1000))],
  });
  for (const t of tasks.slice(0, 15)) t.dependents = [task.gid];
  for (const t of tasks.slice(15, 30)) t.dependencies = [task.gid];

  // My Tasks with many sections.
  times(30, (i) => {
    const list = store.all("user_task_list", (l) => l.owner === me.gid && l.workspace === premium.gid)[0];
    if (list) store.insert({ resource_type: "section", name: longName("My section", i), project: list.gid, created_at: now });
  });

  // Comments and activity, attachments, time entries, status updates on the task and project.
  const comments = times(100, (i) =>
    store.insert({
      resource_type: "story",
      resource_subtype: "comment_added",
      type: "comment",
      text: costlyText(3000, `Comment ${i + 1}: `),
      html_text: `<body>Comment ${i + 1}</body>`,
      is_pinned: false,
      created_at: now,
      created_by: people[i % 100]!.gid,
      target: task.gid,
      likes: people.slice(0, 20).map((p) => ({ gid: store.newGid(), user: p.gid })),
    }),
  );
  const longComment = comments[0]!;
  longComment.text = costlyText(20_000);
  const attachmentOf = (parent: StoredObject, i: number) =>
    store.insert({
      resource_type: "attachment",
      name: `${longName("Attachment", i)}.pdf`,
      resource_subtype: "external",
      host: "external",
      parent: parent.gid,
      created_at: now,
      download_url: `https://docs.acme.test/${i}/${"d".repeat(200)}`,
      view_url: `https://docs.acme.test/${i}/${"v".repeat(200)}`,
      permanent_url: null,
      connected_to_app: false,
    });
  const attachments = times(100, (i) => attachmentOf(task, i));
  times(100, (i) => attachmentOf(launch, i));
  times(100, (i) =>
    store.insert({
      resource_type: "time_tracking_entry",
      task: task.gid,
      created_by: people[i]!.gid,
      created_at: now,
      attributable_to: launch.gid,
      entered_on: "2026-11-02",
      duration_minutes: 30 + i,
      approval_status: "DRAFT",
      billable_status: "notApplicable",
      description: costlyText(500),
      categories: [],
    }),
  );
  const statusUpdates = times(100, (i) =>
    store.insert({
      resource_type: "status_update",
      resource_subtype: "project_status_update",
      parent: launch.gid,
      title: longName("Week", i),
      text: costlyText(3000),
      html_text: "<body>Fine.</body>",
      status_type: "on_track",
      author: me.gid,
      created_by: me.gid,
      created_at: now,
      modified_at: now,
    }),
  );
  statusUpdates[0]!.text = costlyText(20_000);

  // Portfolios, goals, time periods, templates, an AI teammate.
  times(100, (i) => insertPortfolio(store, { name: longName("Portfolio", i), workspace: premium, owner: me, members: people.slice(0, 3), items: [] }));
  Object.assign(world.portfolio, { members: people.map((p) => p.gid), _items: projects.map((p) => p.gid) });
  const periods = times(100, (i) =>
    insertTimePeriod(store, { workspace: premium, period: "Q1", startOn: "2027-01-01", endOn: "2027-03-31", displayName: longName("Quarter", i) }),
  );
  times(100, (i) =>
    insertGoal(store, {
      name: longName("Goal", i),
      workspace: premium,
      owner: me,
      team,
      timePeriod: periods[i]!,
      dueOn: "2027-03-31",
      metric: { unit: "none", precision: 0, initial: 0, target: 100, current: i },
      status: "green",
      projects: [],
      portfolios: [],
    }),
  );
  Object.assign(world.goal, { notes: costlyText(20_000), html_notes: "<body>Long</body>", followers: people.map((p) => p.gid) });
  times(100, (i) =>
    insertProjectTemplate(store, {
      name: longName("Template", i),
      description: costlyText(2000),
      team,
      owner: me,
      color: "dark-green",
      recipe: { sections: [{ name: "Plan", tasks: [{ name: "Brief", dueAfterDays: 2 }] }] },
    }),
  );
  const agent = store.insert({
    resource_type: "agent",
    resource_subtype: "asana_teammate",
    name: longName("Agent", 0),
    description: costlyText(20_000),
    behavior_guidance: costlyText(20_000),
    workspace: premium.gid,
    photo: null,
  });
  const job = store.insert({ resource_type: "job", resource_subtype: "duplicate_task", status: "succeeded", new_task: subtasks[0]!.gid });

  Object.assign(team, { description: costlyText(20_000) });
  Object.assign(me, { name: longName("Me", 0) });
  const someone = people[0]!;

  return {
    GetAgent: { agent_id: agent.gid },
    GetAttachment: { attachment_id: attachments[0]!.gid },
    GetComment: { comment_id: longComment.gid },
    GetGoal: { goal_id: world.goal.gid },
    GetJob: { job_id: job.gid, wait_seconds: 0 },
    GetPortfolio: { portfolio_id: world.portfolio.gid },
    GetProjectById: { project_id: launch.gid },
    GetStatusUpdate: { status_update_id: statusUpdates[0]!.gid },
    GetSubtasksFromATask: { task_id: task.gid, limit: 100 },
    GetTagById: { tag_id: urgent.gid },
    GetTaskById: { task_id: task.gid },
    GetTaskDependencies: { task_id: task.gid },
    GetTasksByIds: { task_ids: tasks.slice(0, 50).map((t) => t.gid) },
    GetTasksWithoutId: { workspace_id: premium.gid, keywords: "Task", limit: 100 },
    GetTeamById: { team_id: team.gid },
    GetUserById: { user_id: someone.gid },
    GetWorkspaceById: { workspace_id: premium.gid },
    ListCustomFields: { project_id: launch.gid, limit: 100 },
    ListGoals: { workspace_id: premium.gid, limit: 100 },
    ListMyTasks: { workspace_id: premium.gid, include_completed: true, limit: 100 },
    ListMyTasksSections: { workspace_id: premium.gid },
    ListPortfolioItems: { portfolio_id: world.portfolio.gid, limit: 100 },
    ListPortfolios: { workspace_id: premium.gid, limit: 100 },
    ListProjectAttachments: { project_id: launch.gid, limit: 100 },
    ListProjects: { workspace_id: premium.gid, limit: 100 },
    ListSections: { project: launch.gid, limit: 100 },
    ListStatusUpdates: { parent_id: launch.gid, limit: 100 },
    ListTags: { workspace_id: premium.gid, limit: 100 },
    ListTasksInProject: { project: launch.gid, limit: 100 },
    ListTasksWithTag: { tag: urgent.gid, workspace_id: premium.gid, limit: 100 },
    ListTaskAttachments: { task_id: task.gid, limit: 100 },
    ListTaskComments: { task_id: task.gid, include_activity: true, limit: 100 },
    ListTeams: { workspace_id: premium.gid, limit: 100 },
    ListTeamsTheCurrentUserIsAMemberOf: { workspace_id: premium.gid, limit: 100 },
    ListTemplates: { team_id: team.gid, limit: 100 },
    ListTimePeriods: { workspace_id: premium.gid, limit: 100 },
    ListTimeTrackingEntries: { task_id: task.gid, limit: 100 },
    ListUsers: { workspace_id: premium.gid, limit: 100 },
    ListWorkspaces: { limit: 100 },
    SearchByName: { query: "Task", workspace_id: premium.gid, limit: 100 },
    SummarizeWorkload: { workspace_id: premium.gid, days: 90 },
    GetRecentChanges: { resource_id: launch.gid },
  };
}

/**
 * 120 changes to the launch project's tasks, made through the emulator's API so that Asana's event
 * stream records them; returns the sync token they follow (GetRecentChanges' worst-case argument).
 */
export async function recordWorstCaseChanges(baseUrl: string, token: string, world: TestWorld, store: AsanaStore): Promise<string> {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const started = await fetch(`${baseUrl}/events?resource=${world.launch.gid}`, { headers });
  const { sync } = (await started.json()) as { sync: string };
  const tasks = store.all("task", (t) => (t.projects as string[] | undefined)?.includes(world.launch.gid) === true && t.parent === null).slice(0, 120);
  for (const [index, task] of tasks.entries()) {
    const answer = await fetch(`${baseUrl}/tasks/${task.gid}`, {
      method: "PUT",
      headers,
      body: JSON.stringify({ data: { name: longName("Renamed task", index) } }),
    });
    if (!answer.ok) throw new Error(`PUT /tasks/${task.gid}: ${answer.status} ${await answer.text()}`);
  }
  return sync;
}
