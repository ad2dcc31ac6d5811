import { addFieldToProject } from "./custom-fields.js";
import { badRequest } from "./http-kit.js";
import { inManualOrder, placeInOrder } from "./manual-order.js";
import { recentlyAssignedSection } from "./my-tasks.js";
import type { AsanaStore, StoredObject } from "./store.js";
import { membershipsOf, sectionsOf, tasksInProject, tasksInSection } from "./task-placement.js";

/**
 * Copies of projects and tasks, made by duplication jobs. What a copy carries follows the `include`
 * lists of ProjectDuplicateRequest and TaskDuplicateRequest; what those leave unsaid the emulator
 * decides as Asana's app does: a copy keeps its original's name (unless renamed), completion and
 * custom field values, is created and owned by the caller, and links (dependencies, multi-homing)
 * to objects that are copied too point at the copies.
 */

/** TaskDuplicateRequest.include */
export const taskIncludes = ["notes", "assignee", "subtasks", "attachments", "tags", "followers", "projects", "dates", "dependencies", "parent"] as const;
/** ProjectDuplicateRequest.include: the optional parts (tasks, views and rules always come along). */
export const projectIncludes = [
  "allocations",
  "forms",
  "members",
  "notes",
  "permissions",
  "task_assignee",
  "task_attachments",
  "task_dates",
  "task_dependencies",
  "task_followers",
  "task_notes",
  "task_projects",
  "task_subtasks",
  "task_tags",
  "task_templates",
  "task_type_default",
] as const;

/** A comma-separated `include` (an array is taken too), each item one of `allowed`. */
export function parseIncludes<T extends string>(value: unknown, allowed: readonly T[]): Set<T> {
  if (value === undefined || value === null) return new Set();
  const items = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : undefined;
  if (!items || items.some((item) => typeof item !== "string")) throw badRequest("include: Must be a comma-separated list.");
  const cleaned = (items as string[]).map((item) => item.trim()).filter(Boolean);
  for (const item of cleaned) {
    if (!allowed.includes(item as T)) throw badRequest(`include: Invalid value: ${item}. Must be a comma-separated list of ${allowed.join(", ")}.`);
  }
  return new Set(cleaned as T[]);
}

export interface TaskCopyRules {
  notes: boolean;
  assignee: boolean;
  subtasks: boolean;
  attachments: boolean;
  tags: boolean;
  followers: boolean;
  dates: boolean;
  dependencies: boolean;
  /** Shift every date by this many days (schedule_dates); weekends optionally pushed to Monday. */
  shiftDays?: number;
  skipWeekends?: boolean;
}

function addDays(day: string, days: number, skipWeekends: boolean): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  if (skipWeekends) while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function shiftTime(time: string, days: number): string {
  const date = new Date(time);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString();
}

/** Copies tasks (and, per the rules, their subtasks) keeping a map from original to copy gids. */
export class TaskCopier {
  readonly copies = new Map<string, string>();
  readonly #store: AsanaStore;
  readonly #me: string;
  readonly #rules: TaskCopyRules;

  constructor(store: AsanaStore, me: string, rules: TaskCopyRules) {
    this.#store = store;
    this.#me = me;
    this.#rules = rules;
  }

  /** A copy of `source` with `placement` (its projects, memberships and parent), named `name` if given. */
  copy(
    source: StoredObject,
    placement: { projects: string[]; memberships: Array<{ project: string; section?: string }>; parent: string | null },
    name?: string,
  ): StoredObject {
    const store = this.#store;
    const rules = this.#rules;
    const now = store.now();
    const shift = (day: unknown) => (typeof day === "string" && rules.shiftDays ? addDays(day, rules.shiftDays, rules.skipWeekends ?? false) : (day ?? null));
    const shiftAt = (time: unknown) => (typeof time === "string" && rules.shiftDays ? shiftTime(time, rules.shiftDays) : (time ?? null));
    const assignee = rules.assignee && typeof source.assignee === "string" ? source.assignee : null;
    const copy = store.insert({
      resource_type: "task",
      name: name ?? source.name,
      resource_subtype: source.resource_subtype ?? "default_task",
      notes: rules.notes ? (source.notes ?? "") : "",
      ...(rules.notes && typeof source.html_notes === "string" ? { html_notes: source.html_notes } : {}),
      completed: source.completed === true,
      completed_at: source.completed === true ? now : null,
      completed_by: source.completed === true ? this.#me : null,
      created_at: now,
      created_by: this.#me,
      modified_at: now,
      due_on: rules.dates ? shift(source.due_on) : null,
      due_at: rules.dates ? shiftAt(source.due_at) : null,
      start_on: rules.dates ? shift(source.start_on) : null,
      start_at: rules.dates ? shiftAt(source.start_at) : null,
      assignee,
      ...(assignee ? { assignee_section: recentlyAssignedSection(store, assignee, String(source.workspace)).gid } : {}),
      parent: placement.parent,
      workspace: source.workspace,
      projects: placement.projects,
      memberships: placement.memberships,
      tags: rules.tags ? [...((source.tags as string[] | undefined) ?? [])] : [],
      followers: rules.followers ? [...new Set([this.#me, ...((source.followers as string[] | undefined) ?? [])])] : [this.#me],
      ...(Array.isArray(source.custom_fields) ? { custom_fields: structuredClone(source.custom_fields) } : {}),
      permalink_url: "",
    });
    copy.permalink_url = `https://app.asana.com/0/0/${copy.gid}`;
    this.copies.set(source.gid, copy.gid);
    if (rules.attachments) {
      for (const attachment of store.all("attachment", (a) => a.parent === source.gid)) {
        const { gid: _gid, ...fields } = attachment;
        store.insert({ ...structuredClone(fields), parent: copy.gid, created_at: now });
      }
    }
    if (rules.subtasks) {
      const subtasks = inManualOrder(
        source,
        "_subtask_order",
        store.all("task", (t) => t.parent === source.gid),
      );
      for (const subtask of subtasks) this.copy(subtask, { projects: [], memberships: [], parent: copy.gid });
    }
    return copy;
  }

  /** Dependencies among the copies, once everything is copied: links to copied tasks point at the copies. */
  linkDependencies(): void {
    if (!this.#rules.dependencies) return;
    for (const [originalGid, copyGid] of this.copies) {
      const original = this.#store.get(originalGid, "task");
      const copy = this.#store.get(copyGid, "task");
      if (!original || !copy) continue;
      for (const side of ["dependencies", "dependents"] as const) {
        const linked = ((original[side] as string[] | undefined) ?? []).map((gid) => this.copies.get(gid) ?? gid);
        copy[side] = [...new Set([...((copy[side] as string[] | undefined) ?? []), ...linked])];
        for (const gid of linked) {
          const other = this.#store.get(gid, "task");
          const back = side === "dependencies" ? "dependents" : "dependencies";
          if (other && !((other[back] as string[] | undefined) ?? []).includes(copy.gid))
            other[back] = [...((other[back] as string[] | undefined) ?? []), copy.gid];
        }
      }
    }
  }
}

/** schedule_dates: how far to move the copied dates so the last due date (or first start date) lands on the given day. */
export function scheduleShift(store: AsanaStore, project: StoredObject, schedule: { due_on?: string; start_on?: string }): number {
  const tasks = tasksInProject(store, project);
  const all = [...tasks, ...tasks.flatMap((t) => store.all("task", (s) => s.parent === t.gid))];
  const days = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
  if (schedule.due_on) {
    const dues = all
      .map((t) => t.due_on)
      .filter((d): d is string => typeof d === "string")
      .sort();
    const last = dues[dues.length - 1] ?? (typeof project.due_on === "string" ? project.due_on : undefined);
    return last ? days(schedule.due_on) - days(last) : 0;
  }
  if (schedule.start_on) {
    const starts = all
      .map((t) => t.start_on ?? t.due_on)
      .filter((d): d is string => typeof d === "string")
      .sort();
    const first = starts[0] ?? (typeof project.start_on === "string" ? project.start_on : undefined);
    return first ? days(schedule.start_on) - days(first) : 0;
  }
  return 0;
}

/** A copy of a project: its settings, its sections in order, and its tasks section by section. */
export function duplicateProject(
  store: AsanaStore,
  me: string,
  source: StoredObject,
  options: { name: string; team: string | null; includes: Set<(typeof projectIncludes)[number]>; shiftDays: number; skipWeekends: boolean },
): StoredObject {
  const now = store.now();
  const has = (item: (typeof projectIncludes)[number]) => options.includes.has(item);
  const shift = (day: unknown) => (typeof day === "string" && options.shiftDays ? addDays(day, options.shiftDays, options.skipWeekends) : (day ?? null));
  const copy = store.insert({
    resource_type: "project",
    name: options.name,
    notes: has("notes") ? (source.notes ?? "") : "",
    ...(has("notes") && typeof source.html_notes === "string" ? { html_notes: source.html_notes } : {}),
    archived: false,
    color: source.color ?? null,
    created_at: now,
    modified_at: now,
    due_on: shift(source.due_on),
    start_on: shift(source.start_on),
    completed: false,
    completed_at: null,
    completed_by: null,
    public: source.public ?? true,
    ...(source.privacy_setting ? { privacy_setting: source.privacy_setting } : {}),
    ...(source.default_view ? { default_view: source.default_view } : {}),
    current_status_update: null,
    workspace: source.workspace,
    team: options.team,
    owner: me,
    members: has("members") ? [...new Set([me, ...((source.members as string[] | undefined) ?? [])])] : [me],
    followers: [me],
    custom_field_settings: [],
    permalink_url: "",
  });
  copy.permalink_url = `https://app.asana.com/0/${copy.gid}/list`;
  for (const settingGid of (source.custom_field_settings as string[] | undefined) ?? []) {
    const setting = store.get(settingGid, "custom_field_setting");
    const field = setting ? store.get(String(setting.custom_field), "custom_field") : undefined;
    if (setting && field) addFieldToProject(store, copy, field, setting.is_important === true);
  }
  const copier = new TaskCopier(store, me, {
    notes: has("task_notes"),
    assignee: has("task_assignee"),
    subtasks: has("task_subtasks"),
    attachments: has("task_attachments"),
    tags: has("task_tags"),
    followers: has("task_followers"),
    dates: has("task_dates"),
    dependencies: has("task_dependencies"),
    shiftDays: options.shiftDays,
    skipWeekends: options.skipWeekends,
  });
  const placeIn = (task: StoredObject, section: StoredObject | undefined) => {
    const here = section ? { project: copy.gid, section: section.gid } : { project: copy.gid };
    // task_projects: the copy is also filed in the original's other projects, in the same sections.
    const elsewhere = has("task_projects") ? membershipsOf(task).filter((m) => m.project !== source.gid) : [];
    return { projects: [copy.gid, ...elsewhere.map((m) => m.project)], memberships: [here, ...elsewhere], parent: null };
  };
  for (const section of sectionsOf(store, source)) {
    const newSection = store.insert({ resource_type: "section", name: section.name, project: copy.gid, created_at: now });
    placeInOrder(copy, "_section_order", sectionsOf(store, copy), newSection.gid, {}, "end");
    for (const task of tasksInSection(store, section)) copier.copy(task, placeIn(task, newSection));
  }
  for (const task of tasksInProject(store, source).filter((t) => !membershipsOf(t).some((m) => m.project === source.gid && m.section))) {
    copier.copy(task, placeIn(task, undefined));
  }
  copier.linkDependencies();
  return copy;
}
