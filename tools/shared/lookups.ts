import { AsanaApiError, asanaPath, type AsanaSession } from "../../src/asana/index.js";
import { userWorkspaceList } from "./lookup-facts.js";
import { isUserRef, quoted, ToolExecutionError, ToolRetryableError, type ToolContext } from "../../src/toolkit/index.js";

/**
 * Turning what a model knows (a name, or nothing) into the ids Asana needs, the way Arcade's toolkit
 * does, minus its bug: name lookups here stay inside the workspace the caller gave.
 */

/** Arcade scans at most this many projects or tags for a name, and so do we (10 pages of 100). */
export const maxScannedByName = 1000;

interface Named {
  gid: string;
  name?: string;
}

/** Arcade treats a value as an id when it is all digits, and as a name otherwise. */
export function looksLikeGid(value: string): boolean {
  return /^\d+$/.test(value.trim());
}

/**
 * The unique-workspace rule: use the workspace given; else, if the user has exactly one, that one;
 * else ask the model to choose, listing them.
 */
export async function resolveWorkspaceId(asana: AsanaSession, workspaceId: string | undefined): Promise<string> {
  if (workspaceId) return workspaceId;
  // A list remembered from the last minute is used only when it settles the question (one workspace).
  let page = await userWorkspaceList(asana);
  if (page.remembered && page.items.length !== 1) page = await userWorkspaceList(asana, { fresh: true });
  if (page.items.length === 1) return page.items[0]!.gid;
  if (page.items.length === 0) throw new ToolExecutionError("The Asana user belongs to no workspace, so there is nothing to act on.");
  throw new ToolRetryableError(
    "The user has several Asana workspaces; pass workspace_id to say which one (Asana_ListWorkspaces lists them).",
    `Workspaces available: ${JSON.stringify(page.items.map((w) => ({ id: w.gid, name: w.name })))}`,
  );
}

/** What a name lookup needs from the tool's context: Asana, and a way to say it is still working. */
export type LookupContext = Pick<ToolContext, "asana" | "reportProgress">;

/** Pages through a list for names; a large workspace takes up to ten requests, so progress is reported per page. */
async function scanByName(ctx: LookupContext, path: string, query: Record<string, string>, what: string): Promise<Named[]> {
  const found: Named[] = [];
  let offset: string | null = null;
  do {
    const page: { items: Named[]; nextOffset: string | null } = await ctx.asana.getPage<Named>(path, { limit: 100, offset, query, optFields: ["name"] });
    found.push(...page.items);
    offset = page.nextOffset;
    if (offset) await ctx.reportProgress({ progress: found.length, message: `looked through ${found.length} ${what} so far` });
  } while (offset && found.length < maxScannedByName);
  return found.slice(0, maxScannedByName);
}

/**
 * Asana's typeahead finds a project or tag by name in one request on every plan (asana-capabilities.md),
 * where a listing pages through up to ten. Only an exact name (case-insensitive) counts as found: a
 * typeahead hit that merely starts with the name is not what the user named.
 */
async function exactByTypeahead(asana: AsanaSession, workspace: string, type: "project" | "tag" | "project_template", name: string): Promise<Named[]> {
  const found = await asana.get<Named[]>(asanaPath`/workspaces/${workspace}/typeahead`, {
    query: { resource_type: type, query: name.trim(), count: 100 },
    optFields: ["name"],
  });
  const wanted = name.trim().toLowerCase();
  return found.filter((item) => item.name?.trim().toLowerCase() === wanted);
}

export interface ResolvedProject {
  id: string;
  name?: string;
  workspaceId?: string;
}

/**
 * A project given by id is used as is; by name, it is found (case-insensitively) in the workspace.
 * `param`, when given, is named in the errors for a name that matches no project or several.
 */
export async function resolveProject(ctx: LookupContext, project: string, workspaceId: string | undefined, param?: string): Promise<ResolvedProject> {
  const { asana } = ctx;
  if (looksLikeGid(project)) {
    const raw = await asana.get<{ gid: string; name?: string; workspace?: { gid: string } }>(asanaPath`/projects/${project.trim()}`, {
      optFields: ["name", "workspace"],
    });
    return { id: raw.gid, ...(raw.name ? { name: raw.name } : {}), ...(raw.workspace ? { workspaceId: raw.workspace.gid } : {}) };
  }
  const workspace = await resolveWorkspaceId(asana, workspaceId);
  const quick = await exactByTypeahead(asana, workspace, "project", project);
  if (quick.length === 1) return { id: quick[0]!.gid, ...(quick[0]!.name ? { name: quick[0]!.name } : {}), workspaceId: workspace };
  // Typeahead found no exact match (or several): the listing has the final word, and the names to offer.
  const projects = await scanByName(ctx, "/projects", { workspace, archived: "false" }, "projects");
  const wanted = project.trim().toLowerCase();
  const matches = projects.filter((p) => p.name?.trim().toLowerCase() === wanted);
  const available = JSON.stringify(projects.slice(0, 100).map((p) => ({ id: p.gid, name: p.name })));
  if (matches.length === 0) {
    throw new ToolRetryableError(
      `No project named ${quoted(project)} in workspace ${workspace}${param ? ` (${param})` : ""} (the search scans up to ${maxScannedByName} projects). ` +
        "Pass the project id instead, or one of the names listed.",
      `Projects available: ${available}`,
    );
  }
  if (matches.length > 1) {
    throw new ToolRetryableError(
      `${matches.length} projects are named ${quoted(project)} in workspace ${workspace}${param ? ` (${param})` : ""}; pass the project id instead.`,
      `Matching projects: ${JSON.stringify(matches.map((p) => ({ id: p.gid, name: p.name })))}`,
    );
  }
  return { id: matches[0]!.gid, ...(matches[0]!.name ? { name: matches[0]!.name } : {}), workspaceId: workspace };
}

/**
 * A project id is used as is (Asana answers 404 for a wrong one); a name costs a lookup in the
 * workspace. The workspace may be given as a function when finding it costs a request of its own,
 * so that an id costs none.
 */
export async function projectIdOf(ctx: LookupContext, project: string, workspaceId: string | undefined | (() => Promise<string | undefined>)): Promise<string> {
  if (looksLikeGid(project)) return project.trim();
  const workspace = typeof workspaceId === "function" ? await workspaceId() : workspaceId;
  return (await resolveProject(ctx, project, workspace)).id;
}

/**
 * Tags given by id pass through; names are looked up in the workspace. Missing names are either
 * reported (search) or handed back for the caller to create (CreateTask, as Arcade does).
 */
export async function resolveTagIds(
  ctx: LookupContext,
  tags: readonly string[],
  workspaceId: string,
): Promise<{ ids: string[]; missing: string[]; available: Named[] }> {
  const ids = tags.filter(looksLikeGid).map((tag) => tag.trim());
  const named = new Map<string, string>();
  for (const tag of tags) if (!looksLikeGid(tag) && !named.has(tag.trim().toLowerCase())) named.set(tag.trim().toLowerCase(), tag);
  const byTypeahead = await Promise.all(
    [...named.values()].map(async (name) => ({ name, found: await exactByTypeahead(ctx.asana, workspaceId, "tag", name) })),
  );
  for (const { found } of byTypeahead) if (found.length === 1) ids.push(found[0]!.gid);
  const names = byTypeahead.filter(({ found }) => found.length !== 1).map(({ name }) => name);
  if (names.length === 0) return { ids: [...new Set(ids)], missing: [], available: [] };
  const available = await scanByName(ctx, "/tags", { workspace: workspaceId }, "tags");
  const byName = new Map<string, string>();
  for (const tag of available) if (tag.name) byName.set(tag.name.trim().toLowerCase(), tag.gid);
  // Names match case-insensitively, so "Urgent" and "urgent" are one missing tag (kept as first spelled):
  // CreateTask would otherwise create two tags of the same name.
  const missing = new Map<string, string>();
  for (const name of names) {
    const key = name.trim().toLowerCase();
    const gid = byName.get(key);
    if (gid) ids.push(gid);
    else if (!missing.has(key)) missing.set(key, name);
  }
  return { ids: [...new Set(ids)], missing: [...missing.values()], available };
}

/**
 * The answer to tag names that match nothing in the workspace: which names, where, and the tags that
 * do exist (the first 100) for the model to choose from. `where` follows the workspace id, e.g.
 * ", where task 12 is"; `fix` says what to pass instead.
 */
export function unknownTagsError(
  missing: readonly string[],
  workspaceId: string,
  available: readonly Named[],
  options: { where?: string; fix: string },
): ToolRetryableError {
  return new ToolRetryableError(
    `No tag named ${missing
      .slice(0, 10)
      .map((name) => quoted(name))
      .join(", ")} in workspace ${workspaceId}${options.where ?? ""} ` + `(the search scans up to ${maxScannedByName} tags). ${options.fix}`,
    `Tags available: ${JSON.stringify(available.slice(0, 100).map((tag) => ({ id: tag.gid, name: tag.name })))}`,
  );
}

/**
 * A lookup across the user's workspaces, for tools that take no workspace_id. The list remembered from the
 * last minute is tried first; when the lookup does not resolve on it (no match, or a workspace the user has
 * since left, 403 or 404), it runs once more on a fresh list.
 */
async function acrossWorkspaces<T>(asana: AsanaSession, lookup: (workspaces: Named[]) => Promise<T>): Promise<T> {
  const first = await userWorkspaceList(asana);
  if (!first.remembered) return lookup(atLeastOne(first.items));
  if (first.items.length > 0) {
    try {
      return await lookup(first.items);
    } catch (error) {
      const unresolved = error instanceof ToolRetryableError || (error instanceof AsanaApiError && (error.status === 403 || error.status === 404));
      if (!unresolved) throw error;
    }
  }
  return lookup(atLeastOne((await userWorkspaceList(asana, { fresh: true })).items));
}

function atLeastOne(workspaces: Named[]): Named[] {
  if (workspaces.length === 0) throw new ToolExecutionError("The Asana user belongs to no workspace, so there is nothing to act on.");
  return workspaces;
}

/** Exact-name typeahead matches in each workspace at once, each with the workspace it is in. */
async function exactInWorkspaces(asana: AsanaSession, workspaces: Named[], type: "project" | "project_template", name: string) {
  const found = await Promise.all(
    workspaces.map(async (workspace) => (await exactByTypeahead(asana, workspace.gid, type, name)).map((item) => ({ ...item, workspace }))),
  );
  return found.flat();
}

/** One exact match is the id; none, or several, is an error naming the parameter and what to pass instead. */
function oneNamed(matches: Array<Named & { workspace: Named }>, what: string, name: string, param: string): string {
  if (matches.length === 1) return matches[0]!.gid;
  const listed = JSON.stringify(matches.map((m) => ({ id: m.gid, name: m.name, workspace: m.workspace.name })));
  throw new ToolRetryableError(
    matches.length === 0
      ? `No ${what} is named exactly ${quoted(name)} in the user's workspaces (${param}). Pass its id, or its exact name.`
      : `${matches.length} ${what}s are named ${quoted(name)} (${param}); pass the id of the one meant.`,
    matches.length === 0 ? `Asana_SearchByName finds ${what}s by part of their name.` : `Matching: ${listed}`,
  );
}

/**
 * For tools with no workspace_id: a project id is used as is; a name is looked up in the user's only
 * workspace as `resolveProject` does, or, with several, by exact name in all of them at once.
 */
export async function projectIdInAnyWorkspace(ctx: LookupContext, project: string, param: string): Promise<string> {
  if (looksLikeGid(project)) return project.trim();
  return acrossWorkspaces(ctx.asana, async (workspaces) => {
    if (workspaces.length === 1) return (await resolveProject(ctx, project, workspaces[0]!.gid, param)).id;
    return oneNamed(await exactInWorkspaces(ctx.asana, workspaces, "project", project), "project", project, param);
  });
}

/** A project template id is used as is; a name is found by exact name (typeahead) in the user's workspaces. */
export async function projectTemplateIdOf(asana: AsanaSession, template: string, param: string): Promise<string> {
  if (looksLikeGid(template)) return template.trim();
  return acrossWorkspaces(asana, async (workspaces) =>
    oneNamed(await exactInWorkspaces(asana, workspaces, "project_template", template), "project template", template, param),
  );
}

/**
 * A person as Asana takes one ("me", an id, an email) is used as is. A name is looked up with typeahead
 * in each of the user's workspaces (one person in two workspaces is one user): the full name, or else a
 * first name only one person there has ("Dana"). None, or several, is an error naming `param`.
 */
export async function userIdOf(asana: AsanaSession, person: string, param: string): Promise<string> {
  if (isUserRef(person.trim())) return person.trim();
  return acrossWorkspaces(asana, async (workspaces) => onePerson(await peopleNamed(asana, person, workspaces), person, param));
}

/** The people whose full name, or else first name, is `person`, looked up in each workspace at once. */
async function peopleNamed(asana: AsanaSession, person: string, workspaces: readonly Named[]): Promise<{ matches: Named[]; people: Named[] }> {
  const found = await Promise.all(
    workspaces.map((workspace) =>
      // Typeahead answers names only (its opt_fields allow nothing else).
      asana.get<Named[]>(asanaPath`/workspaces/${workspace.gid}/typeahead`, {
        query: { resource_type: "user", query: person.trim(), count: 20 },
        optFields: ["name"],
      }),
    ),
  );
  const people = [...new Map(found.flat().map((user) => [user.gid, user])).values()];
  const wanted = person.trim().toLowerCase();
  const fullName = people.filter((user) => user.name?.trim().toLowerCase() === wanted);
  const firstName = people.filter((user) => user.name?.trim().toLowerCase().split(/\s+/)[0] === wanted);
  return { matches: fullName.length > 0 ? fullName : firstName, people };
}

/** One match is the id; none, or several, is an error naming `param` and listing who there is. */
function onePerson({ matches, people }: { matches: Named[]; people: Named[] }, person: string, param: string): string {
  if (matches.length === 1) return matches[0]!.gid;
  const listed = JSON.stringify((matches.length > 1 ? matches : people).map((user) => ({ id: user.gid, name: user.name })));
  throw new ToolRetryableError(
    matches.length === 0
      ? `No one named ${quoted(person)} is in the user's workspaces (${param}). Pass their email, id, or full name.`
      : `${matches.length} people are named ${quoted(person)} (${param}); pass the email or id of the one meant.`,
    `${matches.length > 1 ? "Matching" : "Close"} people: ${listed}`,
  );
}
