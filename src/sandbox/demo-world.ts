import { customFieldValue, insertEnumField, insertNumberField } from "./custom-fields.js";
import type { AsanaStore, StoredObject } from "./store.js";

/** The token the sandbox's own server uses against its in-process emulator; it opens nothing real. */
export const sandboxToken = "sandbox-demo-token";

/** Dates relative to today, so "overdue" and "due this week" stay true whenever the sandbox runs. */
function dayOffset(today: Date, days: number): string {
  const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days));
  return date.toISOString().slice(0, 10);
}

/**
 * A believable demo organization for `--sandbox`: a team, projects with sections, tasks with assignees,
 * due dates, subtasks, tags and comments. Every name says "Sandbox" where a person might mistake it
 * for their real data.
 */
export function seedDemoWorld(store: AsanaStore, today = new Date()): { me: StoredObject; workspace: StoredObject } {
  const now = store.now();
  const workspace = store.insert({ resource_type: "workspace", name: "Sandbox Co. (demo data)", is_organization: true, email_domains: ["sandbox.example"], _premium: true });
  const person = (name: string, email: string) => store.insert({ resource_type: "user", name, email, photo: null, workspaces: [workspace.gid] });
  const me = person("Sam Sandbox (you)", "sam@sandbox.example");
  const priya = person("Priya Patel", "priya@sandbox.example");
  const diego = person("Diego Alvarez", "diego@sandbox.example");
  const mei = person("Mei Chen", "mei@sandbox.example");
  const team = store.insert({
    resource_type: "team",
    name: "Product Team",
    description: "Plans and ships the Sandbox Co. app",
    organization: workspace.gid,
    permalink_url: "https://app.asana.com/0/team/sandbox",
    _members: [me.gid, priya.gid, diego.gid, mei.gid],
  });
  const tag = (name: string, color: string) =>
    store.insert({ resource_type: "tag", name, color, notes: "", workspace: workspace.gid, followers: [], created_at: now, permalink_url: "https://app.asana.com/0/tag/sandbox" });
  const tags = { urgent: tag("urgent", "dark-red"), blocked: tag("blocked", "light-orange"), customer: tag("customer-request", "dark-teal") };

  const projectBase = { resource_type: "project" as const, archived: false, notes: "", created_at: now, modified_at: now, start_on: null, completed: false, completed_at: null, public: true, current_status_update: null, workspace: workspace.gid, team: team.gid };
  const project = (name: string, owner: StoredObject, color: string, dueInDays: number, notes: string, sectionNames: string[]) => {
    const created = store.insert({ ...projectBase, name, owner: owner.gid, color, due_on: dayOffset(today, dueInDays), notes, members: [me.gid, priya.gid, diego.gid, mei.gid], followers: [owner.gid], permalink_url: "" });
    created.permalink_url = `https://app.asana.com/0/${created.gid}/list`;
    const sections = sectionNames.map((sectionName) => store.insert({ resource_type: "section", name: sectionName, project: created.gid, created_at: now }));
    return { project: created, sections };
  };

  const launch = project("Mobile App Launch", priya, "dark-purple", 30, "Ship version 2.0 of the app to both stores.", ["To do", "In progress", "Done"]);
  const website = project("Website Refresh", diego, "light-blue", 60, "New landing pages and pricing page.", ["Backlog", "Design", "Build"]);
  const onboarding = project("Customer Onboarding", mei, "dark-green", 14, "Make the first week of new customers smoother.", ["Ideas", "Planned"]);

  const taskBase = { resource_type: "task" as const, resource_subtype: "default_task", completed: false, completed_at: null, completed_by: null, created_by: me.gid, created_at: now, modified_at: now, due_at: null, start_at: null, start_on: null, followers: [me.gid], workspace: workspace.gid };
  const task = (
    name: string,
    options: { in?: { project: StoredObject; section: StoredObject }; assignee?: StoredObject; due?: number; notes?: string; tags?: StoredObject[]; parent?: StoredObject; done?: boolean },
  ) => {
    const created = store.insert({
      ...taskBase,
      name,
      notes: options.notes ?? "",
      assignee: options.assignee?.gid ?? null,
      due_on: options.due === undefined ? null : dayOffset(today, options.due),
      parent: options.parent?.gid ?? null,
      projects: options.in ? [options.in.project.gid] : [],
      memberships: options.in ? [{ project: options.in.project.gid, section: options.in.section.gid }] : [],
      tags: (options.tags ?? []).map((t) => t.gid),
      completed: options.done ?? false,
      completed_at: options.done ? now : null,
      completed_by: options.done ? me.gid : null,
      permalink_url: "",
    });
    created.permalink_url = `https://app.asana.com/0/0/${created.gid}`;
    return created;
  };
  const comment = (on: StoredObject, author: StoredObject, text: string) =>
    store.insert({ resource_type: "story", resource_subtype: "comment_added", type: "comment", text, created_at: now, created_by: author.gid, target: on.gid, is_pinned: false });

  const priority = insertEnumField(store, workspace, "Priority", [
    { name: "High", color: "red" },
    { name: "Medium", color: "yellow" },
    { name: "Low", color: "green" },
  ]);
  const estimate = insertNumberField(store, workspace, "Estimate (hours)", 1);
  const withFields = (target: StoredObject, level: string, hours: number) => void (target.custom_fields = [customFieldValue(priority, level), customFieldValue(estimate, hours)]);

  const [launchTodo, launchDoing, launchDone] = launch.sections;
  const release = task("Submit the app for store review", { in: { project: launch.project, section: launchDoing! }, assignee: me, due: 3, tags: [tags.urgent], notes: "Both the App Store and Google Play. Screenshots are in the shared drive." });
  task("Write release notes", { parent: release, assignee: priya, due: 2 });
  task("Update store screenshots", { parent: release, assignee: mei, due: 1, tags: [tags.blocked] });
  task("Bump the version number", { parent: release, assignee: diego, done: true });
  withFields(release, "High", 4);
  comment(release, priya, "Screenshots are waiting on the final icon.");
  comment(release, me, "Icon lands tomorrow; I will submit right after.");
  const crash = task("Fix crash when opening settings offline", { in: { project: launch.project, section: launchTodo! }, assignee: diego, due: -2, tags: [tags.urgent, tags.customer], notes: "Reported by three customers this week." });
  withFields(crash, "High", 6);
  withFields(task("Plan the launch announcement", { in: { project: launch.project, section: launchTodo! }, assignee: priya, due: 10 }), "Medium", 3);
  task("Set up crash reporting", { in: { project: launch.project, section: launchDone! }, assignee: diego, done: true });

  const [webBacklog, webDesign, webBuild] = website.sections;
  task("Draft the new pricing page copy", { in: { project: website.project, section: webDesign! }, assignee: me, due: 7 });
  task("Build the landing page hero", { in: { project: website.project, section: webBuild! }, assignee: diego, due: 12 });
  task("Audit page load times", { in: { project: website.project, section: webBacklog! }, notes: "Nobody has picked this up yet." });

  const [ideas, planned] = onboarding.sections;
  const checklist = task("Create a welcome checklist", { in: { project: onboarding.project, section: planned! }, assignee: mei, due: 5, tags: [tags.customer] });
  comment(checklist, mei, "First draft is in the notes; feedback welcome.");
  task("Record a five-minute product tour", { in: { project: onboarding.project, section: ideas! } });
  task("Review my open tasks for the week", { assignee: me, due: 0, notes: "A personal task with no project." });
  return { me, workspace };
}
