import {
  addFieldToProject,
  customFieldValue,
  emptyCustomFieldValue,
  insertDateField,
  insertEnumField,
  insertMultiEnumField,
  insertNumberField,
  insertPeopleField,
  insertGoal,
  insertPortfolio,
  insertProjectTemplate,
  insertTimePeriod,
  insertTaskTemplate,
  insertTextField,
  type AsanaStore,
  type StoredObject,
} from "../../src/sandbox/index.js";

/** A small, fixed Asana world for tests: one premium organization, one free workspace, two people. */
export interface TestWorld {
  me: StoredObject;
  colleague: StoredObject;
  premium: StoredObject;
  free: StoredObject;
  team: StoredObject;
  /** Two projects in the premium organization, one in the free workspace. */
  launch: StoredObject;
  website: StoredObject;
  home: StoredObject;
  /** Sections of `launch`. */
  backlog: StoredObject;
  doing: StoredObject;
  urgent: StoredObject;
  blocked: StoredObject;
  /** An enum custom field of the premium organization; the world's task has it set to "High". */
  priority: StoredObject;
  task: StoredObject;
  subtasks: StoredObject[];
  /**
   * The premium organization's custom fields, all on `launch` (through custom field settings, in
   * this order): Priority (enum High/Medium/Low), Platforms (multi_enum iOS/Android/Web, with a
   * disabled "Windows Phone"), Estimate (number, 1 decimal), Notes (text), Launch date (date),
   * Reviewer (people).
   */
  fields: { priority: StoredObject; platforms: StoredObject; estimate: StoredObject; notes: StoredObject; launchDate: StoredObject; reviewer: StoredObject };
  /** "Product launch" in the Engineering team: sections Plan (2 tasks) and Ship (1 task), asking for a start date. */
  projectTemplate: StoredObject;
  /** "New hire onboarding" in `launch`: due 7 days after it is used, with 3 subtasks, followed by the colleague. */
  taskTemplate: StoredObject;
  /** "Launches", owned by `me`, holding `launch` then `website`. */
  portfolio: StoredObject;
  /** Q4 FY26 (2026-10-01 – 2026-12-31) of the premium organization. */
  quarter: StoredObject;
  /** "Grow weekly active users to 10,000": Engineering's goal for the quarter, a metric at 4,000, supported by `launch` and `portfolio`. */
  goal: StoredObject;
}

export const testToken = "pat-test-0001";

export function seedTestWorld(store: AsanaStore): TestWorld {
  // Acme is on Asana's Advanced plan, so time tracking works there as well as the premium features.
  const premium = store.insert({
    resource_type: "workspace",
    name: "Acme Corp",
    is_organization: true,
    email_domains: ["acme.test"],
    _premium: true,
    _plan: "advanced",
  });
  const free = store.insert({ resource_type: "workspace", name: "Personal Projects", is_organization: false, email_domains: [], _premium: false });
  const me = store.insert({
    resource_type: "user",
    name: "Ada Lovelace",
    email: "ada@acme.test",
    photo: null,
    workspaces: [premium.gid, free.gid],
  });
  const colleague = store.insert({ resource_type: "user", name: "Grace Hopper", email: "grace@acme.test", photo: null, workspaces: [premium.gid] });
  const now = "2026-11-01T09:00:00.000Z";
  const team = store.insert({
    resource_type: "team",
    name: "Engineering",
    description: "Builds the product",
    organization: premium.gid,
    permalink_url: "https://app.asana.com/0/team/1",
    _members: [me.gid, colleague.gid],
  });
  const baseProject = {
    resource_type: "project" as const,
    archived: false,
    color: "light-green",
    notes: "",
    created_at: now,
    modified_at: now,
    due_on: null,
    start_on: null,
    completed: false,
    completed_at: null,
    public: true,
    current_status_update: null,
    permalink_url: "https://app.asana.com/0/2/list",
  };
  const launch = store.insert({
    ...baseProject,
    name: "Q4 Launch",
    workspace: premium.gid,
    team: team.gid,
    owner: me.gid,
    members: [me.gid, colleague.gid],
    followers: [me.gid],
    due_on: "2026-12-31",
  });
  const website = store.insert({
    ...baseProject,
    name: "Website Redesign",
    workspace: premium.gid,
    team: team.gid,
    owner: colleague.gid,
    members: [colleague.gid],
    followers: [],
  });
  const home = store.insert({ ...baseProject, name: "Home", workspace: free.gid, team: null, owner: me.gid, members: [me.gid], followers: [] });
  const backlog = store.insert({ resource_type: "section", name: "Backlog", project: launch.gid, created_at: now });
  const doing = store.insert({ resource_type: "section", name: "Doing", project: launch.gid, created_at: now });
  const urgent = store.insert({
    resource_type: "tag",
    name: "urgent",
    color: "dark-red",
    notes: "",
    workspace: premium.gid,
    followers: [],
    created_at: now,
    permalink_url: "https://app.asana.com/0/3/list",
  });
  const blocked = store.insert({
    resource_type: "tag",
    name: "blocked",
    color: "light-orange",
    notes: "",
    workspace: premium.gid,
    followers: [],
    created_at: now,
    permalink_url: "https://app.asana.com/0/4/list",
  });
  const baseTask = {
    resource_type: "task" as const,
    resource_subtype: "default_task",
    completed: false,
    completed_at: null,
    completed_by: null,
    created_at: now,
    created_by: me.gid,
    modified_at: now,
    due_at: null,
    start_at: null,
    start_on: null,
    projects: [],
    memberships: [],
    tags: [],
    followers: [me.gid],
    workspace: premium.gid,
    permalink_url: "https://app.asana.com/0/0/1",
  };
  const priority = insertEnumField(store, premium, "Priority", [
    { name: "High", color: "red" },
    { name: "Medium", color: "yellow" },
    { name: "Low", color: "green" },
  ]);
  const task = store.insert({
    ...baseTask,
    name: "Prepare the quarterly report",
    notes: "Numbers from finance, charts from design.",
    due_on: "2026-12-15",
    assignee: me.gid,
    parent: null,
    projects: [launch.gid],
    memberships: [{ project: launch.gid, section: doing.gid }],
    tags: [urgent.gid],
    custom_fields: [customFieldValue(priority, "High")],
  });
  const subtasks = ["Collect numbers", "Draw charts", "Review with finance"].map((name, index) =>
    store.insert({ ...baseTask, name, notes: "", due_on: null, assignee: index === 1 ? colleague.gid : null, parent: task.gid }),
  );
  const fields = {
    priority,
    platforms: insertMultiEnumField(store, premium, "Platforms", [
      { name: "iOS", color: "blue" },
      { name: "Android", color: "green" },
      { name: "Web", color: "purple" },
      { name: "Windows Phone", color: "none", enabled: false },
    ]),
    estimate: insertNumberField(store, premium, "Estimate", 1),
    notes: insertTextField(store, premium, "Notes"),
    launchDate: insertDateField(store, premium, "Launch date"),
    reviewer: insertPeopleField(store, premium, "Reviewer"),
  };
  for (const field of Object.values(fields)) addFieldToProject(store, launch, field);
  const projectTemplate = insertProjectTemplate(store, {
    name: "Product launch",
    description: "Everything a launch needs",
    team,
    owner: me,
    color: "dark-green",
    recipe: {
      sections: [
        {
          name: "Plan",
          tasks: [
            { name: "Write the brief", dueAfterDays: 2 },
            { name: "Book the launch date", notes: "Check the calendar", dueAfterDays: 5 },
          ],
        },
        { name: "Ship", tasks: [{ name: "Announce it", dueAfterDays: 14 }] },
      ],
    },
  });
  const taskTemplate = insertTaskTemplate(store, {
    name: "New hire onboarding",
    description: "The first week of a new teammate",
    project: launch,
    createdBy: me,
    subtasks: ["Laptop and accounts", "Meet the team", "First small task"],
    followers: [colleague],
    dueAfterDays: 7,
  });
  const portfolio = insertPortfolio(store, { name: "Launches", workspace: premium, owner: me, members: [colleague], items: [launch, website] });
  const year = insertTimePeriod(store, { workspace: premium, period: "FY", startOn: "2026-01-01", endOn: "2026-12-31", displayName: "FY26" });
  const quarter = insertTimePeriod(store, {
    workspace: premium,
    period: "Q4",
    startOn: "2026-10-01",
    endOn: "2026-12-31",
    displayName: "Q4 FY26",
    parent: year,
  });
  const goal = insertGoal(store, {
    name: "Grow weekly active users to 10,000",
    workspace: premium,
    owner: me,
    team,
    timePeriod: quarter,
    dueOn: "2026-12-31",
    metric: { unit: "none", precision: 0, initial: 1000, target: 10000, current: 4000 },
    status: "green",
    projects: [launch],
    portfolios: [portfolio],
  });
  return {
    me,
    colleague,
    premium,
    free,
    team,
    launch,
    website,
    home,
    backlog,
    doing,
    urgent,
    blocked,
    priority,
    task,
    subtasks,
    fields,
    projectTemplate,
    taskTemplate,
    portfolio,
    quarter,
    goal,
  };
}

/** A task for one test's own setup, with the world's defaults: made by `me` in the premium organization, nothing else set. */
export function insertTask(store: AsanaStore, world: TestWorld, fields: Record<string, unknown> & { name: string }): StoredObject {
  const now = "2026-11-01T09:00:00.000Z";
  return store.insert({
    resource_type: "task",
    resource_subtype: "default_task",
    notes: "",
    completed: false,
    completed_at: null,
    completed_by: null,
    created_at: now,
    created_by: world.me.gid,
    modified_at: now,
    due_on: null,
    due_at: null,
    start_on: null,
    start_at: null,
    assignee: null,
    parent: null,
    projects: [],
    memberships: [],
    tags: [],
    followers: [world.me.gid],
    workspace: world.premium.gid,
    permalink_url: "https://app.asana.com/0/0/1",
    ...fields,
  });
}

/** A task in the launch project, carrying every field of the project as Asana lists them: empty. */
export function insertLaunchTask(store: AsanaStore, world: TestWorld): StoredObject {
  const { launch, fields } = world;
  return insertTask(store, world, {
    name: "Ship the app",
    projects: [launch.gid],
    memberships: [{ project: launch.gid }],
    custom_fields: Object.values(fields).map(emptyCustomFieldValue),
  });
}

/** The id of an enum field's option, by its name. */
export function optionOf(field: StoredObject, name: string): string {
  return (field.enum_options as Array<{ gid: string; name: string }>).find((option) => option.name === name)!.gid;
}

/** A task in the free workspace's Home project: where premium features (custom fields, dependencies) answer 402. */
export function insertFreeChore(store: AsanaStore, world: TestWorld, fields: Record<string, unknown> = {}): StoredObject {
  const { free, home } = world;
  return insertTask(store, world, {
    name: "Water the plants",
    workspace: free.gid,
    projects: [home.gid],
    memberships: [{ project: home.gid }],
    ...fields,
  });
}
