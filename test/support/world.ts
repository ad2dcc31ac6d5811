import type { AsanaStore, StoredObject } from "../../src/sandbox/index.js";

/** A small, fixed Asana world for tests: one premium organization, one free workspace, two people. */
export interface TestWorld {
  me: StoredObject;
  colleague: StoredObject;
  premium: StoredObject;
  free: StoredObject;
  task: StoredObject;
  subtasks: StoredObject[];
}

export const testToken = "pat-test-0001";

export function seedTestWorld(store: AsanaStore): TestWorld {
  const premium = store.insert({ resource_type: "workspace", name: "Acme Corp", is_organization: true, email_domains: ["acme.test"], _premium: true });
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
  const task = store.insert({
    ...baseTask,
    name: "Prepare the quarterly report",
    notes: "Numbers from finance, charts from design.",
    due_on: "2026-12-15",
    assignee: me.gid,
    parent: null,
  });
  const subtasks = ["Collect numbers", "Draw charts", "Review with finance"].map((name, index) =>
    store.insert({ ...baseTask, name, notes: "", due_on: null, assignee: index === 1 ? colleague.gid : null, parent: task.gid }),
  );
  return { me, colleague, premium, free, task, subtasks };
}
