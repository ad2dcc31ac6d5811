import type { AsanaStore, StoredObject } from "./store.js";

/** What a project template makes: sections of tasks, each due some days after the project starts. */
export interface ProjectTemplateRecipe {
  sections: Array<{ name: string; tasks: Array<{ name: string; notes?: string; dueAfterDays?: number }> }>;
}

/** A project template for a world: owned by `owner`, in `team`, asking for a start date (requested date "1"). */
export function insertProjectTemplate(
  store: AsanaStore,
  fields: { name: string; description: string; team: StoredObject; owner: StoredObject; color?: string; recipe: ProjectTemplateRecipe; gid?: string },
): StoredObject {
  return store.insert({
    ...(fields.gid ? { gid: fields.gid } : {}),
    resource_type: "project_template",
    name: fields.name,
    description: fields.description,
    html_description: `<body>${fields.description}</body>`,
    public: true,
    owner: fields.owner.gid,
    team: fields.team.gid,
    color: fields.color ?? null,
    requested_dates: [{ gid: "1", name: "Start Date", description: "Choose a start date for your project." }],
    requested_roles: [],
    _recipe: fields.recipe,
  });
}

/** A task template in `project`: a task due `dueAfterDays` after it is made, with named subtasks. */
export function insertTaskTemplate(
  store: AsanaStore,
  fields: {
    name: string;
    description: string;
    project: StoredObject;
    createdBy: StoredObject;
    subtasks: string[];
    followers?: StoredObject[];
    dueAfterDays?: number;
    gid?: string;
  },
): StoredObject {
  return store.insert({
    ...(fields.gid ? { gid: fields.gid } : {}),
    resource_type: "task_template",
    name: fields.name,
    project: fields.project.gid,
    created_by: fields.createdBy.gid,
    created_at: store.now(),
    template: {
      name: fields.name,
      task_resource_subtype: "default_task",
      description: fields.description,
      html_description: `<body>${fields.description}</body>`,
      memberships: [{ gid: fields.project.gid, resource_type: "project", name: fields.project.name }],
      relative_start_on: null,
      relative_due_on: fields.dueAfterDays ?? null,
      due_time: null,
      dependencies: [],
      dependents: [],
      followers: (fields.followers ?? []).map((user) => ({ gid: user.gid, resource_type: "user", name: user.name })),
      attachments: [],
      subtasks: fields.subtasks.map((name) => ({ gid: store.newGid(), resource_type: "task_template", name })),
      custom_fields: [],
    },
  });
}
