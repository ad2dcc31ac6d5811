import { badRequest, data, mustGet, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { project } from "../projection.js";
import type { ResourceType, StoredObject } from "../store.js";
import { templateWorkspace } from "./templates.js";

/**
 * `GET /workspaces/{workspace_gid}/typeahead` (typeaheadForWorkspace): name lookups that work on
 * every plan. One page only (`count` 1–100, default 20), compact records (gid, resource_type, name)
 * unless opt_fields asks for more.
 *
 * Matching: case-insensitive; an exact name first, then names starting with the query, then names
 * with a word starting with it, then names containing it anywhere (users also match on email).
 * Within a rank, the document's orderings as far as the emulator can tell them: tasks the caller
 * follows first, projects most recently modified first, everything else in creation order. An
 * empty query lists in that order too ("Leaving the query string empty or omitted will give you
 * results").
 */

const resourceTypes = ["actor", "agent", "custom_field", "goal", "project", "project_template", "portfolio", "tag", "task", "team", "user"] as const;
type TypeaheadType = (typeof resourceTypes)[number];

function candidates(request: EmulatorRequest, type: TypeaheadType, workspace: StoredObject): StoredObject[] {
  const { store } = request;
  const inWorkspace = (kind: ResourceType) => store.all(kind, (o) => o.workspace === workspace.gid);
  switch (type) {
    case "user":
      return store.all("user", (u) => ((u.workspaces as string[] | undefined) ?? []).includes(workspace.gid));
    case "actor": // "a combined set of users and agents"
      return [...candidates(request, "user", workspace), ...inWorkspace("agent")];
    case "team":
      return store.all("team", (t) => t.organization === workspace.gid);
    case "project_template":
      return store.all("project_template", (t) => templateWorkspace(store, t) === workspace.gid);
    case "task":
      // Section separators are not tasks a person looks for.
      return inWorkspace("task").filter((t) => t.resource_subtype !== "section");
    default:
      return inWorkspace(type);
  }
}

function rank(object: StoredObject, query: string): number | undefined {
  if (query === "") return 3;
  const name = String(object.name ?? "").toLowerCase();
  const email = String(object.email ?? "").toLowerCase();
  if (name === query || email === query) return 0;
  if (name.startsWith(query) || email.startsWith(query)) return 1;
  if (name.split(/[^\p{L}\p{N}]+/u).some((word) => word.startsWith(query))) return 2;
  if (name.includes(query) || email.includes(query)) return 3;
  return undefined;
}

function preference(request: EmulatorRequest, type: TypeaheadType): (a: StoredObject, b: StoredObject) => number {
  if (type === "task") {
    const follows = (t: StoredObject) => (((t.followers as string[] | undefined) ?? []).includes(request.me.gid) ? 0 : 1);
    return (a, b) => follows(a) - follows(b);
  }
  if (type === "project") return (a, b) => String(b.modified_at ?? "").localeCompare(String(a.modified_at ?? ""));
  return () => 0;
}

function typeahead(request: EmulatorRequest) {
  const workspace = mustGet(request, request.params.workspace_gid, "workspace", "workspace");
  // resource_type is required by the document with a default of user; the deprecated `type` still works.
  const type = (request.query.resource_type ?? request.query.type ?? "user") as TypeaheadType;
  if (!resourceTypes.includes(type)) throw badRequest(`resource_type: Invalid value: ${type}. Must be one of ${resourceTypes.join(", ")}.`);
  const count = request.query.count === undefined ? 20 : Number(request.query.count);
  if (!Number.isInteger(count) || count < 1 || count > 100) throw badRequest("count: Value must be between 1 and 100.");
  const query = (request.query.query ?? "").trim().toLowerCase();
  const prefer = preference(request, type);
  const found = candidates(request, type, workspace)
    .map((object) => ({ object, rank: rank(object, query) }))
    .filter((hit): hit is { object: StoredObject; rank: number } => hit.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || prefer(a.object, b.object))
    .slice(0, count)
    .map((hit) => hit.object);
  // AsanaNamedResource: gid, resource_type and name, whatever the type's usual compact form.
  return data(found.map((object) => project(request.store, object, request.optFields ?? ["name"])));
}

export const typeaheadRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/workspaces/{workspace_gid}/typeahead",
    handle: typeahead,
  },
];
