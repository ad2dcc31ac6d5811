import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, namedRef, refOf, refsOf, userParam, type AsanaRef, type NamedRef } from "../../src/toolkit/index.js";
import { findUserHint, findWorkspaceHint } from "../shared/hints.js";
import { resolveWorkspaceId } from "../shared/lookups.js";
import { workspaceIdParam } from "../shared/params.js";

/** Pages of 100 open tasks read at most: 1,000 tasks is far past anyone's plate, and bounds the call. */
const maxPages = 10;
/** Tasks listed per bucket; the counts cover them all. */
const maxListed = 25;
const maxDays = 90;

interface WorkloadTask {
  gid: string;
  name?: string;
  due_on?: string | null;
  due_at?: string | null;
  projects?: AsanaRef[];
  permalink_url?: string;
}

const workloadTaskOptFields = ["name", "due_on", "due_at", "projects.name", "permalink_url"] as const;

const workloadTaskShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  due_on: z.string().optional(),
  due_at: z.string().optional(),
  projects: z.array(namedRef).optional(),
  permalink_url: z.string().optional(),
});

const bucketShape = z.object({
  count: z.number().int(),
  tasks: z.array(workloadTaskShape).describe(`Up to ${maxListed}, soonest due first.`),
});

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function present(task: WorkloadTask): z.infer<typeof workloadTaskShape> {
  const projects = refsOf(task.projects);
  return {
    id: task.gid,
    ...(task.name ? { name: task.name } : {}),
    ...(task.due_on ? { due_on: task.due_on } : {}),
    ...(task.due_at ? { due_at: task.due_at } : {}),
    ...(projects ? { projects } : {}),
    ...(task.permalink_url ? { permalink_url: task.permalink_url } : {}),
  };
}

/** The day a task is due (a due time counts on its UTC day), for sorting and the window. */
const dueDay = (task: WorkloadTask): string | undefined => task.due_on ?? task.due_at?.slice(0, 10) ?? undefined;

function bucket(tasks: WorkloadTask[]): z.infer<typeof bucketShape> {
  const sorted = [...tasks].sort((a, b) => (dueDay(a) ?? "").localeCompare(dueDay(b) ?? ""));
  return { count: tasks.length, tasks: sorted.slice(0, maxListed).map(present) };
}

export const summarizeWorkload = defineTool({
  name: "SummarizeWorkload",
  title: "Summarize a workload",
  toolset: "tasks",
  defaultProfile: true,
  description:
    "What is on someone's plate: their open tasks in a workspace, split into overdue, due in the next `days` (default 7) and undated, with counts by project. Works on every plan.",
  input: () =>
    z.strictObject({
      user: userParam("Whose tasks", findUserHint).default("me").describe('"me", a user id or an email.'),
      workspace_id: workspaceIdParam,
      days: z
        .number({ error: `must be a whole number of days from 1 to ${maxDays}` })
        .int({ error: `must be a whole number of days from 1 to ${maxDays}` })
        .default(7)
        .transform((value) => Math.min(maxDays, Math.max(1, value)))
        .describe("Window from today, 1-90."),
    }),
  output: () =>
    z.object({
      user: namedRef,
      workspace_id: z.string(),
      today: z.string().describe("YYYY-MM-DD (UTC) the summary counts from."),
      window_end: z.string().describe("Last day of the window, YYYY-MM-DD."),
      open_tasks: z.number().int(),
      overdue: bucketShape,
      due_in_window: bucketShape,
      no_due_date: bucketShape,
      due_later: z.number().int().describe("Open tasks due after the window."),
      by_project: z
        .array(
          z.object({
            project: namedRef.optional().describe("Absent for tasks in no project."),
            open: z.number().int(),
            overdue: z.number().int(),
            due_in_window: z.number().int(),
          }),
        )
        .describe("Open tasks per project, most first; a task in two projects counts in both."),
      complete: z.boolean().describe("False when the user has more open tasks than were read."),
      note: z.string().optional(),
    }),
  annotations: annotate.read,
  errorHints: { 404: `The user or the workspace is unknown, or not visible to the user. ${findUserHint} ${findWorkspaceHint}` },
  async handler(input, ctx) {
    const { asana } = ctx;
    const [user, workspace] = await Promise.all([
      asana.get<AsanaRef>(asanaPath`/users/${input.user}`, { optFields: ["name"] }),
      resolveWorkspaceId(asana, input.workspace_id),
    ]);
    // GET /tasks by assignee and workspace works on free plans, where search does not; completed_since=now keeps open tasks only.
    const tasks: WorkloadTask[] = [];
    let offset: string | null = null;
    let pages = 0;
    do {
      const page: { items: WorkloadTask[]; nextOffset: string | null } = await asana.getPage<WorkloadTask>("/tasks", {
        limit: 100,
        offset,
        query: { assignee: user.gid, workspace, completed_since: "now" },
        optFields: workloadTaskOptFields,
      });
      tasks.push(...page.items);
      offset = page.nextOffset;
      pages += 1;
      await ctx.reportProgress({ progress: pages, total: maxPages, message: `read ${tasks.length} open tasks so far` });
    } while (offset && pages < maxPages);

    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    const windowEnd = addDays(today, input.days - 1);
    const overdue: WorkloadTask[] = [];
    const inWindow: WorkloadTask[] = [];
    const undated: WorkloadTask[] = [];
    let later = 0;
    const projects = new Map<string, { project?: NamedRef; open: number; overdue: number; due_in_window: number }>();
    for (const task of tasks) {
      const day = dueDay(task);
      const kind = !day ? "undated" : (task.due_at ? Date.parse(task.due_at) < now.getTime() : day < today) ? "overdue" : day <= windowEnd ? "window" : "later";
      if (kind === "undated") undated.push(task);
      else if (kind === "overdue") overdue.push(task);
      else if (kind === "window") inWindow.push(task);
      else later += 1;
      const homes = (task.projects ?? []).length > 0 ? task.projects! : [undefined];
      for (const home of homes) {
        const key = home?.gid ?? "";
        const entry = projects.get(key) ?? { ...(home ? { project: refOf(home) } : {}), open: 0, overdue: 0, due_in_window: 0 };
        entry.open += 1;
        if (kind === "overdue") entry.overdue += 1;
        if (kind === "window") entry.due_in_window += 1;
        projects.set(key, entry);
      }
    }
    const complete = offset === null;
    return {
      user: refOf(user) ?? { id: user.gid },
      workspace_id: workspace,
      today,
      window_end: windowEnd,
      open_tasks: tasks.length,
      overdue: bucket(overdue),
      due_in_window: bucket(inWindow),
      no_due_date: bucket(undated),
      due_later: later,
      by_project: [...projects.values()].sort((a, b) => b.open - a.open),
      complete,
      ...(complete ? {} : { note: `Only the first ${tasks.length} open tasks were read (the limit is ${maxPages} pages of 100); the counts cover those.` }),
    };
  },
});
