import * as z from "zod";
import { asanaPath, type AsanaSession } from "../../src/asana/index.js";
import { compact, namedRef, refOf, refsOf, type AsanaRef } from "../../src/toolkit/index.js";
import { rememberTask, taskLookupOptFields } from "../shared/lookup-facts.js";

/** The kinds of object Asana's typeahead finds (it also knows actor: users and agents together). */
export const searchableTypes = ["task", "project", "user", "tag", "team", "portfolio", "goal", "custom_field", "project_template", "agent"] as const;
export type SearchableType = (typeof searchableTypes)[number];

export const foundShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  type: z.string(),
  completed: z.boolean().optional().describe("Tasks and projects."),
  due_on: z.string().optional(),
  assignee: namedRef.optional().describe("Tasks."),
  projects: z.array(namedRef).optional().describe("Tasks: the projects it is in."),
  parent: namedRef.optional().describe("Tasks: set for a subtask."),
  email: z.string().optional().describe("Users."),
  team: namedRef.optional().describe("Projects."),
  archived: z.boolean().optional().describe("Projects."),
});

export type Found = z.infer<typeof foundShape>;

interface AsanaFound {
  gid: string;
  name?: string;
  completed?: boolean;
  due_on?: string | null;
  assignee?: AsanaRef | null;
  projects?: AsanaRef[];
  parent?: AsanaRef | null;
  email?: string;
  team?: AsanaRef | null;
  archived?: boolean;
}

/**
 * Typeahead answers with names only (its opt_fields take nothing else), so what tells two "Launch"
 * tasks apart is read afterwards for the kinds where it matters, through Asana's batch API: ten
 * reads per request instead of one request each.
 */
const context: Partial<
  Record<SearchableType, { path: (gid: string) => string; fields: readonly string[]; remember?: (asana: AsanaSession, raw: AsanaFound) => void }>
> = {
  // A task's lookup facts ride along (its workspace, its fields' options): the call that acts on the task
  // next (a move, a field set) starts from them instead of reading the task again (see lookup-facts.ts).
  task: {
    path: (gid) => asanaPath`/tasks/${gid}`,
    fields: [...new Set(["completed", "due_on", "assignee.name", "projects.name", "parent.name", ...taskLookupOptFields])],
    remember: rememberTask,
  },
  project: { path: (gid) => asanaPath`/projects/${gid}`, fields: ["completed", "archived", "team.name"] },
  user: { path: (gid) => asanaPath`/users/${gid}`, fields: ["email"] },
};

/** Asana's batch API takes at most this many actions per request. */
const maxBatchActions = 10;

interface BatchResult {
  status_code: number;
  body?: { data?: AsanaFound };
}

export function presentFound(type: string, raw: AsanaFound): Found {
  return {
    id: raw.gid,
    type,
    ...compact({
      name: raw.name,
      completed: raw.completed === true ? true : undefined,
      due_on: raw.due_on,
      assignee: refOf(raw.assignee),
      projects: refsOf(raw.projects),
      parent: refOf(raw.parent),
      email: raw.email,
      team: refOf(raw.team),
      archived: raw.archived,
    }),
  };
}

/**
 * Adds the context of each found object. An object that cannot be read (deleted since, or hidden)
 * keeps its id and name: the search itself succeeded.
 */
export async function withContext(asana: AsanaSession, type: SearchableType, found: Array<{ gid: string; name?: string }>): Promise<Found[]> {
  const reads = context[type];
  if (!reads || found.length === 0) return found.map((item) => presentFound(type, item));
  const chunks: Array<Array<{ gid: string; name?: string }>> = [];
  for (let start = 0; start < found.length; start += maxBatchActions) chunks.push(found.slice(start, start + maxBatchActions));
  const answers = await Promise.all(
    chunks.map((chunk) => asana.batchRead(chunk.map((item) => ({ relative_path: reads.path(item.gid), options: { fields: ["name", ...reads.fields] } })))),
  );
  const results = answers.flat() as BatchResult[];
  return found.map((item, index) => {
    const result = results[index];
    const read = result && result.status_code === 200 ? result.body?.data : undefined;
    if (read?.gid === item.gid) reads.remember?.(asana, read);
    return presentFound(type, { ...item, ...(read?.gid === item.gid ? read : {}) });
  });
}
