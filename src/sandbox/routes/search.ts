import { badRequest, data, mustGet, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { parseLimit } from "../pagination.js";
import { compactOf, project } from "../projection.js";
import type { StoredObject } from "../store.js";
import { customFieldSearchFilters } from "../custom-field-search.js";
import { requirePremium } from "../plans.js";
import { userByIdentifier } from "./tasks.js";

/**
 * `GET /workspaces/{workspace_gid}/tasks/search` (searchTasksForWorkspace), over the store.
 *
 * Asana's quirks kept here: premium workspaces only (402 otherwise); no offset pagination, just a
 * `limit` of at most 100; id lists are comma-separated; a user may be named by gid, email or "me".
 * Date `.before`/`.after` bounds are taken as inclusive, which is what Arcade's `due_on_or_before`
 * style parameter names promise the model.
 */

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const sortKeys = ["due_date", "created_at", "completed_at", "likes", "modified_at", "relevance"] as const;
type SortKey = (typeof sortKeys)[number];

function gidList(request: EmulatorRequest, name: string): string[] | undefined {
  const raw = request.query[name];
  if (raw === undefined) return undefined;
  const items = raw
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  for (const item of items) if (!/^\d+$/.test(item)) throw badRequest(`${name}: Not a valid gid: ${item}`);
  return items;
}

function userList(request: EmulatorRequest, name: string): string[] | undefined {
  const raw = request.query[name];
  if (raw === undefined) return undefined;
  return raw
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean)
    .map((identifier) => userByIdentifier(request, identifier, name).gid);
}

function booleanFilter(request: EmulatorRequest, name: string): boolean | undefined {
  const raw = request.query[name];
  if (raw === undefined) return undefined;
  if (raw !== "true" && raw !== "false") throw badRequest(`${name}: Invalid boolean value: ${raw}`);
  return raw === "true";
}

/** A day filter: the bare form matches one day, or `null` for "not set"; `.before`/`.after` bound it. */
function dayFilter(request: EmulatorRequest, name: string): ((day: string | null) => boolean) | undefined {
  const exact = request.query[name];
  const before = request.query[`${name}.before`];
  const after = request.query[`${name}.after`];
  if (exact === undefined && before === undefined && after === undefined) return undefined;
  for (const [key, value] of [
    [name, exact],
    [`${name}.before`, before],
    [`${name}.after`, after],
  ] as const) {
    if (value === undefined || (key === name && value === "null")) continue;
    if (!isoDate.test(value) || Number.isNaN(Date.parse(value))) throw badRequest(`${key}: Invalid date format, must be YYYY-MM-DD: ${value}`);
  }
  return (day) => {
    if (exact === "null") return day === null;
    if (exact !== undefined && day !== exact) return false;
    if (before !== undefined && (day === null || day > before)) return false;
    if (after !== undefined && (day === null || day < after)) return false;
    return true;
  };
}

function timeFilter(request: EmulatorRequest, name: string): ((time: string | null) => boolean) | undefined {
  const before = request.query[`${name}.before`];
  const after = request.query[`${name}.after`];
  if (before === undefined && after === undefined) return undefined;
  for (const [key, value] of [
    [`${name}.before`, before],
    [`${name}.after`, after],
  ] as const) {
    if (value !== undefined && Number.isNaN(Date.parse(value))) throw badRequest(`${key}: Invalid date-time format: ${value}`);
  }
  return (time) => {
    if (time === null) return false;
    if (before !== undefined && Date.parse(time) >= Date.parse(before)) return false;
    if (after !== undefined && Date.parse(time) <= Date.parse(after)) return false;
    return true;
  };
}

const dayOf = (timestamp: unknown): string | null => (typeof timestamp === "string" ? timestamp.slice(0, 10) : null);
const gidsOf = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : []);
const sectionsOf = (task: StoredObject): string[] =>
  ((task.memberships as Array<{ section?: string | null }> | undefined) ?? []).map((m) => m.section).filter((s): s is string => Boolean(s));

function idFilters(request: EmulatorRequest, name: string, valuesOf: (task: StoredObject) => string[], list = gidList): Array<(task: StoredObject) => boolean> {
  const filters: Array<(task: StoredObject) => boolean> = [];
  const any = list(request, `${name}.any`);
  const not = list(request, `${name}.not`);
  const all = list(request, `${name}.all`);
  if (any) filters.push((task) => valuesOf(task).some((gid) => any.includes(gid)));
  if (not) filters.push((task) => !valuesOf(task).some((gid) => not.includes(gid)));
  if (all) filters.push((task) => all.every((gid) => valuesOf(task).includes(gid)));
  return filters;
}

function textFilter(request: EmulatorRequest): ((task: StoredObject) => boolean) | undefined {
  const terms = (request.query.text ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return undefined;
  return (task) => {
    const haystack = `${String(task.name ?? "")} ${String(task.notes ?? "")}`.toLowerCase();
    return terms.every((term) => haystack.includes(term));
  };
}

function sortValue(task: StoredObject, key: SortKey): string | number | null {
  switch (key) {
    case "due_date":
      return (task.due_on as string | null) ?? dayOf(task.due_at);
    case "likes":
      return typeof task.num_likes === "number" ? task.num_likes : 0;
    case "relevance":
      return task.modified_at as string;
    default:
      return (task[key] as string | null | undefined) ?? null;
  }
}

function byKey(key: SortKey, ascending: boolean) {
  return (a: StoredObject, b: StoredObject): number => {
    const [x, y] = [sortValue(a, key), sortValue(b, key)];
    if (x === y) return 0;
    // Tasks without the sort value (no due date, not completed) come last either way.
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : 1) * (ascending ? 1 : -1);
  };
}

function searchTasks(request: EmulatorRequest) {
  const workspace = mustGet(request, request.params.workspace_gid, "workspace", "workspace");
  requirePremium(workspace, "Search");
  const limit = parseLimit(request) ?? 100;
  const sortBy = (request.query.sort_by ?? "modified_at") as SortKey;
  if (!sortKeys.includes(sortBy)) throw badRequest(`sort_by: Invalid value: ${sortBy}. Must be one of ${sortKeys.join(", ")}.`);
  const ascending = booleanFilter(request, "sort_ascending") ?? false;

  const store = request.store;
  const teamOf = (projectGid: string) => store.get(projectGid, "project")?.team as string | null | undefined;
  const attached = new Set(store.all("attachment").map((a) => a.parent as string));
  const isIncomplete = (gid: string) => store.get(gid, "task")?.completed === false;

  const filters: Array<(task: StoredObject) => boolean> = [
    (task) => task.workspace === workspace.gid,
    ...idFilters(request, "projects", (task) => gidsOf(task.projects)),
    ...idFilters(request, "sections", sectionsOf),
    ...idFilters(request, "tags", (task) => gidsOf(task.tags)),
    ...idFilters(request, "teams", (task) =>
      gidsOf(task.projects)
        .map(teamOf)
        .filter((t): t is string => Boolean(t)),
    ),
    ...idFilters(request, "assignee", (task) => (task.assignee ? [task.assignee as string] : []), userList),
    ...idFilters(request, "followers", (task) => gidsOf(task.followers), userList),
    ...idFilters(request, "created_by", (task) => (task.created_by ? [task.created_by as string] : []), userList),
    ...customFieldSearchFilters(request, workspace.gid),
  ];
  const text = textFilter(request);
  if (text) filters.push(text);
  if (request.query.resource_subtype) filters.push((task) => task.resource_subtype === request.query.resource_subtype);
  for (const [field, dayOfTask] of [
    ["due_on", (task: StoredObject) => (task.due_on as string | null) ?? dayOf(task.due_at)],
    ["start_on", (task: StoredObject) => (task.start_on as string | null) ?? dayOf(task.start_at)],
    ["created_on", (task: StoredObject) => dayOf(task.created_at)],
    ["completed_on", (task: StoredObject) => dayOf(task.completed_at)],
    ["modified_on", (task: StoredObject) => dayOf(task.modified_at)],
  ] as const) {
    const filter = dayFilter(request, field);
    if (filter) filters.push((task) => filter(dayOfTask(task)));
  }
  for (const name of ["due_at", "created_at", "completed_at", "modified_at"] as const) {
    const filter = timeFilter(request, name);
    if (filter) filters.push((task) => filter((task[name] as string | null | undefined) ?? null));
  }
  const flags: Array<[string, (task: StoredObject) => boolean]> = [
    ["completed", (task) => task.completed === true],
    ["is_subtask", (task) => Boolean(task.parent)],
    ["has_attachment", (task) => attached.has(task.gid)],
    ["is_blocked", (task) => gidsOf(task.dependencies).some(isIncomplete)],
    ["is_blocking", (task) => task.completed === false && gidsOf(task.dependents).length > 0],
  ];
  for (const [name, holds] of flags) {
    const wanted = booleanFilter(request, name);
    if (wanted !== undefined) filters.push((task) => holds(task) === wanted);
  }

  const found = store
    .all("task", (task) => filters.every((filter) => filter(task)))
    .sort(byKey(sortBy, ascending))
    .slice(0, limit);
  return data(found.map((task) => (request.optFields ? project(store, task, request.optFields) : compactOf(store, task))));
}

export const searchRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/workspaces/{workspace_gid}/tasks/search",
    handle: searchTasks,
  },
];
