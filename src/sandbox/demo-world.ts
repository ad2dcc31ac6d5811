import { releaseNotesMarkdown, storeScreenshotPng } from "./demo-files.js";
import {
  addFieldToProject,
  customFieldValue,
  emptyCustomFieldValue,
  insertDateField,
  insertEnumField,
  insertMultiEnumField,
  insertNumberField,
  insertPeopleField,
  insertTextField,
} from "./custom-fields.js";
import { insertGoal, insertPortfolio, insertTimePeriod } from "./goals.js";
import { myTasksOf, myTasksSectionNames } from "./my-tasks.js";
import { insertStatusUpdate } from "./status-updates.js";
import { seededGids, type AsanaStore, type StoredObject } from "./store.js";
import { insertProjectTemplate, insertTaskTemplate } from "./templates.js";

/** The token the sandbox's own server uses against its in-process emulator; it opens nothing real. */
export const sandboxToken = "sandbox-demo-token";

/**
 * Gids of the demo world's well-known objects. They are the same on every `--sandbox` start, so
 * docs and tests can name them ("GET /tasks/1222330792440268"). Everything else in the demo world
 * gets its gid from a fixed seed, so it is stable too, as long as the world is seeded the same way.
 */
export const demoIds = {
  /** "Sandbox Co. (demo data)": an organization on Asana's Advanced plan (premium features and time tracking). */
  workspace: "1252601815908301",
  /** "Sam Sandbox (you)": the user the sandbox token acts as ("me"). */
  me: "1266131860913909",
  /** "Dana Kim": a teammate with work due this week. */
  dana: "1296030824628194",
  priya: "1282199351819093",
  diego: "1278657975432319",
  mei: "1248757491186252",
  /** "Product Team": everyone above. */
  team: "1276018955597971",
  /** "Mobile App Launch": sections To do / In progress / Done; custom fields Priority, Platforms, Estimate, Notes, Launch date, Reviewer. */
  mobileProject: "1214710497465075",
  /** "Website Refresh": sections Backlog / Design / Build. */
  websiteProject: "1229170342366712",
  /** "Onboarding": customers and new hires. */
  onboardingProject: "1276842684656321",
  /** "Launch v2.0 of the mobile app": Sam's, due this week, Priority Medium, followed by Sam, Priya and Dana, waiting for the QA task. */
  launchTask: "1222330792440268",
  /** "Build the v2.0 release candidate": Diego's, in progress. */
  buildTask: "1259952890786666",
  /** "QA the v2.0 release candidate": Dana's, due this week; it does not wait for the build task yet. */
  qaTask: "1217603137215901",
  /** "New hire onboarding (template)": a task with subtasks, made to be duplicated for each new hire. */
  onboardingTemplateTask: "1209281590139624",
  /** The "Priority" enum custom field (High, Medium, Low). */
  priorityField: "1259571177774121",
  /** "Product launches": a portfolio of the Mobile and Website projects. */
  portfolio: "1254728038528084",
  /** "Reach 10,000 weekly active users": a goal with a metric for the current quarter. */
  goal: "1214852538885393",
  /** The current quarter, a time period. */
  quarter: "1236338750047439",
  /** "New hire onboarding": a task template in the Onboarding project. */
  taskTemplate: "1257551313735379",
  /** "Product launch": a project template of the Product Team. */
  projectTemplate: "1290751163726516",
  /** Sam's My Tasks in the workspace. */
  myTaskList: "1276122202972997",
  /** Dana's My Tasks in the workspace. */
  danaTaskList: "1252882001826330",
} as const;

/** The seed of every other demo gid. */
const demoGidSeed = 20_260_101;

/** Dates relative to today, so "overdue" and "due this week" stay true whenever the sandbox runs. */
function dayOffset(today: Date, days: number): string {
  const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days));
  return date.toISOString().slice(0, 10);
}

/** Days from today to this week's Sunday (0 on a Sunday): a task due then is due this week whatever today is. */
function daysToEndOfWeek(today: Date): number {
  return (7 - today.getUTCDay()) % 7;
}

/** The calendar quarter holding today, and its fiscal year (calendar years, for simplicity). */
function quarterOf(today: Date): { period: "Q1" | "Q2" | "Q3" | "Q4"; start: string; end: string; year: number } {
  const year = today.getUTCFullYear();
  const index = Math.floor(today.getUTCMonth() / 3);
  const start = new Date(Date.UTC(year, index * 3, 1)).toISOString().slice(0, 10);
  const end = new Date(Date.UTC(year, index * 3 + 3, 0)).toISOString().slice(0, 10);
  return { period: (["Q1", "Q2", "Q3", "Q4"] as const)[index]!, start, end, year };
}

/**
 * A believable demo organization for `--sandbox`: a team, projects with sections, tasks with
 * assignees, due dates, subtasks, tags, comments, custom fields, dependencies, followers, My Tasks
 * sections, attachments, a portfolio, goals with metrics, status updates, templates and time
 * entries. Every name says "Sandbox" where a person might mistake it for their real data.
 *
 * The data makes these requests answer something: "what is on my plate this week", "set Priority
 * to High on the launch task", "make the QA task wait for the build task", "who follows this task",
 * "post an at-risk status on the Website project", "duplicate the onboarding template task for the
 * new hire", "what changed in the Mobile project since my last check", "what is on Dana's plate
 * this week".
 */
export function seedDemoWorld(store: AsanaStore, today = new Date()): { me: StoredObject; workspace: StoredObject } {
  return store.withGids(seededGids(demoGidSeed), () => seed(store, today));
}

function seed(store: AsanaStore, today: Date): { me: StoredObject; workspace: StoredObject } {
  const now = store.now();
  const endOfWeek = daysToEndOfWeek(today);
  const workspace = store.insert({
    gid: demoIds.workspace,
    resource_type: "workspace",
    name: "Sandbox Co. (demo data)",
    is_organization: true,
    email_domains: ["sandbox.example"],
    _premium: true,
    _plan: "advanced",
  });
  const person = (gid: string, name: string, email: string) =>
    store.insert({ gid, resource_type: "user", name, email, photo: null, workspaces: [workspace.gid] });
  const me = person(demoIds.me, "Sam Sandbox (you)", "sam@sandbox.example");
  const priya = person(demoIds.priya, "Priya Patel", "priya@sandbox.example");
  const diego = person(demoIds.diego, "Diego Alvarez", "diego@sandbox.example");
  const mei = person(demoIds.mei, "Mei Chen", "mei@sandbox.example");
  const dana = person(demoIds.dana, "Dana Kim", "dana@sandbox.example");
  const everyone = [me, priya, diego, mei, dana];
  const team = store.insert({
    gid: demoIds.team,
    resource_type: "team",
    name: "Product Team",
    description: "Plans and ships the Sandbox Co. app",
    organization: workspace.gid,
    permalink_url: `https://app.asana.com/0/team/${demoIds.team}`,
    _members: everyone.map((p) => p.gid),
  });

  // My Tasks for the two people the demo talks about, at fixed gids; others get theirs when needed.
  for (const [gid, owner] of [
    [demoIds.myTaskList, me],
    [demoIds.danaTaskList, dana],
  ] as const) {
    store.insert({ gid, resource_type: "user_task_list", name: "My Tasks", owner: owner.gid, workspace: workspace.gid });
    for (const name of myTasksSectionNames) store.insert({ resource_type: "section", name, project: gid, created_at: now });
  }
  const myTasksSection = (owner: StoredObject, name: (typeof myTasksSectionNames)[number]) => {
    const list = myTasksOf(store, owner.gid, workspace.gid);
    return store.all("section", (s) => s.project === list.gid && s.name === name)[0]!;
  };

  const tag = (name: string, color: string) =>
    store.insert({ resource_type: "tag", name, color, notes: "", workspace: workspace.gid, followers: [], created_at: now, permalink_url: "" });
  const tags = { urgent: tag("urgent", "dark-red"), blocked: tag("blocked", "light-orange"), customer: tag("customer-request", "dark-teal") };
  for (const t of Object.values(tags)) t.permalink_url = `https://app.asana.com/0/${t.gid}/list`;

  const projectBase = {
    resource_type: "project" as const,
    archived: false,
    created_at: now,
    modified_at: now,
    start_on: null,
    completed: false,
    completed_at: null,
    completed_by: null,
    public: true,
    privacy_setting: "public_to_workspace",
    default_view: "list",
    current_status_update: null,
    workspace: workspace.gid,
    team: team.gid,
    custom_field_settings: [],
  };
  const project = (gid: string, name: string, owner: StoredObject, color: string, dueInDays: number, notes: string, sectionNames: string[]) => {
    const created = store.insert({
      ...projectBase,
      gid,
      name,
      owner: owner.gid,
      color,
      due_on: dayOffset(today, dueInDays),
      notes,
      html_notes: `<body>${notes}</body>`,
      members: everyone.map((p) => p.gid),
      followers: [owner.gid, me.gid].filter((g, i, all) => all.indexOf(g) === i),
      permalink_url: `https://app.asana.com/0/${gid}/list`,
    });
    const sections = sectionNames.map((sectionName) => store.insert({ resource_type: "section", name: sectionName, project: created.gid, created_at: now }));
    return { project: created, sections };
  };

  const mobile = project(demoIds.mobileProject, "Mobile App Launch", priya, "dark-purple", 30, "Ship version 2.0 of the app to both stores.", [
    "To do",
    "In progress",
    "Done",
  ]);
  const website = project(demoIds.websiteProject, "Website Refresh", diego, "light-blue", 60, "New landing pages and pricing page.", [
    "Backlog",
    "Design",
    "Build",
  ]);
  const onboarding = project(
    demoIds.onboardingProject,
    "Onboarding",
    mei,
    "dark-green",
    14,
    "Make the first week smoother, for new customers and new teammates.",
    ["Customers", "New hires"],
  );

  // Custom fields on the Mobile project, one of each kind.
  const fields = {
    priority: insertEnumField(
      store,
      workspace,
      "Priority",
      [
        { name: "High", color: "red" },
        { name: "Medium", color: "yellow" },
        { name: "Low", color: "green" },
      ],
      demoIds.priorityField,
    ),
    platforms: insertMultiEnumField(store, workspace, "Platforms", [
      { name: "iOS", color: "blue" },
      { name: "Android", color: "green" },
      { name: "Web", color: "purple" },
    ]),
    estimate: insertNumberField(store, workspace, "Estimate", 1),
    notes: insertTextField(store, workspace, "Notes"),
    launchDate: insertDateField(store, workspace, "Launch date"),
    reviewer: insertPeopleField(store, workspace, "Reviewer"),
  };
  for (const field of Object.values(fields)) addFieldToProject(store, mobile.project, field);
  const optionOf = (field: StoredObject, name: string) => (field.enum_options as Array<Record<string, unknown>>).find((o) => o.name === name)!;

  const taskBase = {
    resource_type: "task" as const,
    resource_subtype: "default_task",
    completed_at: null,
    completed_by: null,
    created_by: me.gid,
    created_at: now,
    modified_at: now,
    due_at: null,
    start_at: null,
    start_on: null,
    workspace: workspace.gid,
  };
  const task = (
    name: string,
    options: {
      gid?: string;
      in?: { project: StoredObject; section: StoredObject };
      assignee?: StoredObject;
      myTasks?: (typeof myTasksSectionNames)[number];
      due?: number;
      notes?: string;
      tags?: StoredObject[];
      parent?: StoredObject;
      done?: boolean;
      followers?: StoredObject[];
    },
  ) => {
    const created = store.insert({
      ...taskBase,
      ...(options.gid ? { gid: options.gid } : {}),
      name,
      notes: options.notes ?? "",
      assignee: options.assignee?.gid ?? null,
      ...(options.assignee ? { assignee_section: myTasksSection(options.assignee, options.myTasks ?? "Recently assigned").gid } : {}),
      due_on: options.due === undefined ? null : dayOffset(today, options.due),
      parent: options.parent?.gid ?? null,
      projects: options.in ? [options.in.project.gid] : [],
      memberships: options.in ? [{ project: options.in.project.gid, section: options.in.section.gid }] : [],
      tags: (options.tags ?? []).map((t) => t.gid),
      followers: [...new Set([me.gid, ...(options.followers ?? []).map((f) => f.gid)])],
      completed: options.done ?? false,
      completed_at: options.done ? now : null,
      completed_by: options.done ? me.gid : null,
      dependencies: [],
      dependents: [],
      ...(options.in?.project.gid === mobile.project.gid ? { custom_fields: Object.values(fields).map(emptyCustomFieldValue) } : {}),
      permalink_url: "",
    });
    created.permalink_url = `https://app.asana.com/0/0/${created.gid}`;
    return created;
  };
  const comment = (on: StoredObject, author: StoredObject, text: string) =>
    store.insert({
      resource_type: "story",
      resource_subtype: "comment_added",
      type: "comment",
      text,
      html_text: `<body>${text}</body>`,
      created_at: now,
      created_by: author.gid,
      target: on.gid,
      is_pinned: false,
    });
  const setField = (target: StoredObject, field: StoredObject, value: Record<string, unknown>) => {
    const entries = target.custom_fields as Array<Record<string, unknown>>;
    const index = entries.findIndex((e) => e.gid === field.gid);
    entries[index] = { ...entries[index], ...value };
  };

  // The Mobile project: the launch task waits for QA, which does not wait for the build yet.
  const [mobileTodo, mobileDoing, mobileDone] = mobile.sections;
  const launch = task("Launch v2.0 of the mobile app", {
    gid: demoIds.launchTask,
    in: { project: mobile.project, section: mobileDoing! },
    assignee: me,
    myTasks: "Do today",
    due: endOfWeek,
    tags: [tags.urgent],
    followers: [priya, dana],
    notes: "Submit to the App Store and Google Play once QA signs off. Screenshots are in the shared drive.",
  });
  setField(launch, fields.priority, customFieldValue(fields.priority, "Medium"));
  setField(launch, fields.platforms, {
    multi_enum_values: [optionOf(fields.platforms, "iOS"), optionOf(fields.platforms, "Android")],
    display_value: "iOS, Android",
  });
  setField(launch, fields.estimate, customFieldValue(fields.estimate, 6));
  setField(launch, fields.launchDate, { date_value: { date: dayOffset(today, endOfWeek) }, display_value: dayOffset(today, endOfWeek) });
  setField(launch, fields.reviewer, { people_value: [{ gid: priya.gid, resource_type: "user", name: priya.name }], display_value: priya.name });
  task("Write release notes", { parent: launch, assignee: priya, due: Math.min(2, endOfWeek) });
  task("Update store screenshots", { parent: launch, assignee: dana, due: Math.min(1, endOfWeek), tags: [tags.blocked] });
  task("Bump the version number", { parent: launch, assignee: diego, done: true });
  comment(launch, priya, "Screenshots are waiting on the final icon.");
  comment(launch, me, "Icon lands tomorrow; I will submit right after QA signs off.");

  const build = task("Build the v2.0 release candidate", {
    gid: demoIds.buildTask,
    in: { project: mobile.project, section: mobileDoing! },
    assignee: diego,
    due: 0,
    notes: "Tag the release branch and upload the build to both stores' test tracks.",
  });
  setField(build, fields.priority, customFieldValue(fields.priority, "High"));
  setField(build, fields.estimate, customFieldValue(fields.estimate, 4));
  const qa = task("QA the v2.0 release candidate", {
    gid: demoIds.qaTask,
    in: { project: mobile.project, section: mobileTodo! },
    assignee: dana,
    myTasks: "Do today",
    due: endOfWeek,
    notes: "Run the regression checklist on both platforms.",
  });
  setField(qa, fields.priority, customFieldValue(fields.priority, "High"));
  setField(qa, fields.reviewer, { people_value: [{ gid: mei.gid, resource_type: "user", name: mei.name }], display_value: mei.name });
  Object.assign(launch, { dependencies: [qa.gid] });
  Object.assign(qa, { dependents: [launch.gid] });

  const crash = task("Fix crash when opening settings offline", {
    in: { project: mobile.project, section: mobileTodo! },
    assignee: diego,
    due: -2,
    tags: [tags.urgent, tags.customer],
    notes: "Reported by three customers this week.",
  });
  setField(crash, fields.priority, customFieldValue(fields.priority, "High"));
  setField(crash, fields.estimate, customFieldValue(fields.estimate, 3));
  const announcement = task("Plan the launch announcement", { in: { project: mobile.project, section: mobileTodo! }, assignee: priya, due: endOfWeek + 3 });
  setField(announcement, fields.priority, customFieldValue(fields.priority, "Medium"));
  setField(announcement, fields.notes, customFieldValue(fields.notes, "Blog post, newsletter and a short video."));
  task("Set up crash reporting", { in: { project: mobile.project, section: mobileDone! }, assignee: diego, done: true });

  // Website: Sam's copy is due today; Dana has a task next week, outside "this week".
  const [webBacklog, webDesign, webBuild] = website.sections;
  task("Draft the new pricing page copy", { in: { project: website.project, section: webDesign! }, assignee: me, myTasks: "Do today", due: 0 });
  task("Build the landing page hero", { in: { project: website.project, section: webBuild! }, assignee: diego, due: endOfWeek + 5 });
  task("Review the new navigation with customers", {
    in: { project: website.project, section: webDesign! },
    assignee: dana,
    myTasks: "Do next week",
    due: endOfWeek + 2,
  });
  task("Audit page load times", { in: { project: website.project, section: webBacklog! }, notes: "Nobody has picked this up yet." });

  // Onboarding: customers, and the template task duplicated for each new hire.
  const [customers, newHires] = onboarding.sections;
  const checklist = task("Create a welcome checklist", {
    in: { project: onboarding.project, section: customers! },
    assignee: mei,
    due: 5,
    tags: [tags.customer],
  });
  comment(checklist, mei, "First draft is in the notes; feedback welcome.");
  task("Record a five-minute product tour", { in: { project: onboarding.project, section: customers! } });
  const template = task("New hire onboarding (template)", {
    gid: demoIds.onboardingTemplateTask,
    in: { project: onboarding.project, section: newHires! },
    notes: "Duplicate this task for each new teammate, rename it after them and assign it to their buddy.",
    followers: [mei],
  });
  for (const step of ["Set up the laptop and accounts", "Meet your onboarding buddy", "Ship a first small change"]) task(step, { parent: template });

  // Sam's personal task, due today and in no project.
  task("Review my open tasks for the week", { assignee: me, myTasks: "Do today", due: 0, notes: "A personal task with no project." });
  task("Renew the team's design tool licences", { assignee: me, myTasks: "Do later", due: endOfWeek + 10 });

  // An attachment or two on the launch task.
  store.insert({
    resource_type: "attachment",
    name: "Release checklist",
    resource_subtype: "external",
    host: "external",
    parent: launch.gid,
    created_at: now,
    download_url: "https://docs.sandbox.example/release-checklist",
    permanent_url: null,
    view_url: "https://docs.sandbox.example/release-checklist",
    connected_to_app: false,
  });
  // Files stored in Asana, with real bytes: GetAttachment's include_content shows the picture and the text.
  for (const [name, bytes, contentType] of [
    ["store-screenshot.png", storeScreenshotPng(), "image/png"],
    ["release-notes.md", Buffer.from(releaseNotesMarkdown), "text/markdown"],
  ] as const) {
    const file = store.insert({
      resource_type: "attachment",
      name,
      resource_subtype: "asana",
      host: "asana",
      parent: launch.gid,
      created_at: now,
      size: bytes.length,
      // Signed on every read, as Asana's expiring links are.
      download_url: null,
      _bytes: bytes,
      _content_type: contentType,
    });
    Object.assign(file, {
      permanent_url: `https://app.asana.com/app/asana/-/get_asset?asset_id=${file.gid}`,
      view_url: `https://app.asana.com/app/asana/-/get_asset?asset_id=${file.gid}`,
    });
  }

  // Status updates: the Mobile project is on track, the Website project was on track last week.
  const statusUpdate = (parent: StoredObject, author: StoredObject, statusType: string, title: string, text: string) =>
    insertStatusUpdate(store, parent, author, { statusType, title, text, htmlText: `<body>${text}</body>` });
  statusUpdate(website.project, diego, "on_track", "Design review done", "Landing page designs are approved; build starts next week.");
  statusUpdate(mobile.project, priya, "on_track", "Release candidate in QA", "The build is nearly ready and QA starts this week.");

  // A portfolio, the current quarter and goals with metrics.
  const portfolio = insertPortfolio(store, {
    gid: demoIds.portfolio,
    name: "Product launches",
    workspace,
    owner: me,
    color: "dark-purple",
    members: [priya, diego],
    items: [mobile.project, website.project],
  });
  const quarter = quarterOf(today);
  const year = insertTimePeriod(store, {
    workspace,
    period: "FY",
    startOn: `${quarter.year}-01-01`,
    endOn: `${quarter.year}-12-31`,
    displayName: `FY${String(quarter.year).slice(2)}`,
  });
  const currentQuarter = insertTimePeriod(store, {
    gid: demoIds.quarter,
    workspace,
    period: quarter.period,
    startOn: quarter.start,
    endOn: quarter.end,
    displayName: `${quarter.period} FY${String(quarter.year).slice(2)}`,
    parent: year,
  });
  const activeUsers = insertGoal(store, {
    gid: demoIds.goal,
    name: "Reach 10,000 weekly active users",
    workspace,
    owner: priya,
    team,
    timePeriod: currentQuarter,
    dueOn: quarter.end,
    notes: "Counted from the app's analytics every Monday.",
    metric: { unit: "none", precision: 0, initial: 2500, target: 10000, current: 6200 },
    status: "green",
    projects: [mobile.project],
    portfolios: [portfolio],
  });
  statusUpdate(activeUsers, priya, "on_track", "Ahead of plan", "6,200 weekly active users, up from 5,400 last month.");
  insertGoal(store, {
    name: "Ship 95% of milestones on time",
    workspace,
    owner: me,
    team,
    timePeriod: currentQuarter,
    dueOn: quarter.end,
    metric: { unit: "percentage", precision: 0, initial: 0.7, target: 0.95, current: 0.82 },
    status: "yellow",
    projects: [mobile.project, website.project],
    portfolios: [portfolio],
  });

  // Templates.
  insertProjectTemplate(store, {
    gid: demoIds.projectTemplate,
    name: "Product launch",
    description: "Everything a launch needs, from brief to announcement.",
    team,
    owner: priya,
    color: "dark-purple",
    recipe: {
      sections: [
        {
          name: "Plan",
          tasks: [
            { name: "Write the launch brief", dueAfterDays: 2 },
            { name: "Agree the launch date", dueAfterDays: 5 },
          ],
        },
        {
          name: "Build",
          tasks: [
            { name: "Build the release candidate", dueAfterDays: 12 },
            { name: "QA the release candidate", dueAfterDays: 15 },
          ],
        },
        { name: "Launch", tasks: [{ name: "Announce the launch", notes: "Blog, newsletter, social.", dueAfterDays: 20 }] },
      ],
    },
  });
  insertTaskTemplate(store, {
    gid: demoIds.taskTemplate,
    name: "New hire onboarding",
    description: "The first week of a new teammate.",
    project: onboarding.project,
    createdBy: mei,
    subtasks: ["Set up the laptop and accounts", "Meet your onboarding buddy", "Ship a first small change"],
    followers: [mei],
    dueAfterDays: 7,
  });

  // Time spent on the launch task this week (the workspace is on the Advanced plan).
  for (const [author, minutes, daysAgo, description] of [
    [me, 90, 1, "Prepared the store listings"],
    [priya, 45, 0, "Reviewed the release notes"],
  ] as const) {
    store.insert({
      resource_type: "time_tracking_entry",
      task: launch.gid,
      created_by: author.gid,
      created_at: now,
      attributable_to: mobile.project.gid,
      duration_minutes: minutes,
      entered_on: dayOffset(today, -daysAgo),
      approval_status: "DRAFT",
      billable_status: "notApplicable",
      description,
      categories: [],
    });
  }
  launch.actual_time_minutes = 135;

  return { me, workspace };
}
