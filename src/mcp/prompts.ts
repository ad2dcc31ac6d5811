import { ProtocolError, ProtocolErrorCode, type GetPromptResult, type Prompt, type Server } from "@modelcontextprotocol/server";
import type { CompletionKind } from "./completions.js";
import { resourceOf, type RunTool } from "./resources.js";

/**
 * Prompts for everyday routines. Each embeds the resources it is about (the same compact JSON the
 * tools return), so the model starts with the data instead of spending calls on it, and says which
 * tools finish the job. Arguments that name Asana objects are completed (see completions.ts).
 */
interface PromptArgumentSpec {
  name: string;
  description: string;
  required?: boolean;
  /** What completes it, if anything. */
  completes?: CompletionKind;
}

interface RoutinePrompt {
  name: string;
  title: string;
  description: string;
  arguments: PromptArgumentSpec[];
  /** The tools it reads with (or, for one that is all about writing, writes with): offered only where they are allowed. */
  tools: readonly string[];
  render(args: Record<string, string>, context: RenderContext): Promise<GetPromptResult["messages"]>;
}

interface RenderContext {
  /** Today's date, YYYY-MM-DD (UTC). */
  today: string;
  /** A resource's JSON as an embedded resource, read now. */
  embed(uri: string): Promise<GetPromptResult["messages"][number]["content"]>;
  /** A project's id from an id or a name (through typeahead); throws a clear error when it is not one project. */
  projectId(value: string): Promise<string>;
}

const text = (value: string): GetPromptResult["messages"][number] => ({ role: "user", content: { type: "text", text: value } });
const embedded = (content: GetPromptResult["messages"][number]["content"]): GetPromptResult["messages"][number] => ({ role: "user", content });

/** The Monday of the week before `today`, for "since last week". */
function lastMonday(today: string): string {
  const date = new Date(`${today}T00:00:00Z`);
  const back = ((date.getUTCDay() + 6) % 7) + 7;
  date.setUTCDate(date.getUTCDate() - back);
  return date.toISOString().slice(0, 10);
}

const routines: readonly RoutinePrompt[] = [
  {
    name: "daily_standup",
    title: "Daily stand-up",
    description: "My tasks that are overdue, due today and due this week, as a short stand-up.",
    arguments: [],
    tools: ["ListMyTasks"],
    async render(_args, { today, embed }) {
      return [
        embedded(await embed("asana://me/tasks")),
        text(
          `Today is ${today}. From my open Asana tasks above, write my stand-up: overdue first, then due today, then due this week, ` +
            "each with its project. End with the one or two tasks I should reschedule or hand over, and why. Change nothing in Asana " +
            "unless I ask; to reschedule a task, use Asana_UpdateTask with its id and a new due_date.",
        ),
      ];
    },
  },
  {
    name: "overdue_triage",
    title: "Triage overdue tasks",
    description: "Go through overdue tasks (mine, or a project's) and decide for each: reschedule, reassign, complete or drop.",
    arguments: [{ name: "project", description: "A project's name or id; leave out for my own tasks.", completes: "project" }],
    tools: ["ListMyTasks", "ListTasksInProject"],
    async render(args, { today, embed, projectId }) {
      const uri = args.project ? `asana://project/${await projectId(args.project)}/tasks` : "asana://me/tasks";
      return [
        embedded(await embed(uri)),
        text(
          `Today is ${today}. List the tasks above whose due date is before today, oldest first. For each, propose one of: reschedule ` +
            "(with a date), reassign (to whom), mark complete, or drop, with a one-line reason. Ask me to confirm the list; then apply " +
            "what I confirm with Asana_UpdateTask (due_date, assignee_id or completed), one task at a time.",
        ),
      ];
    },
  },
  {
    name: "weekly_status_update",
    title: "Weekly project status update",
    description: "Draft a project's status update from its tasks and what changed since a date, then post it once approved.",
    arguments: [
      { name: "project", description: "The project's name or id.", required: true, completes: "project" },
      { name: "since", description: "YYYY-MM-DD; default the Monday of last week." },
    ],
    tools: ["GetProjectById", "ListTasksInProject"],
    async render(args, { today, embed, projectId }) {
      const id = await projectId(args.project ?? "");
      const since = args.since && /^\d{4}-\d{2}-\d{2}$/.test(args.since) ? args.since : lastMonday(today);
      return [
        embedded(await embed(`asana://project/${id}`)),
        embedded(await embed(`asana://project/${id}/tasks`)),
        text(
          `Today is ${today}. Draft this week's status update for the project above, covering what changed since ${since}: what was ` +
            "finished, what is in progress, what is at risk (overdue or unassigned tasks), and what comes next. Choose a status_type " +
            "(on_track, at_risk or off_track) and say why in one line. Show me the draft; once I approve it, post it with " +
            `Asana_CreateStatusUpdate (parent_id ${id}).`,
        ),
      ];
    },
  },
  {
    name: "meeting_action_items",
    title: "Meeting notes to tasks",
    description: "Turn a meeting's notes into Asana tasks: who does what by when, confirmed before anything is created.",
    arguments: [
      { name: "notes", description: "The meeting notes, as text.", required: true },
      { name: "project", description: "The project's name or id for the tasks; leave out for my tasks.", completes: "project" },
    ],
    tools: ["CreateTask"],
    async render(args, { today, projectId }) {
      const project = args.project ? await projectId(args.project) : undefined;
      return [
        text(
          `Today is ${today}. Here are the notes of a meeting:\n\n${args.notes ?? ""}\n\nList every action item as a table: task name (an ` +
            "imperative of a few words), owner (a name or email from the notes, or unassigned), due date (YYYY-MM-DD if the notes give " +
            "one), and a one-line description. Ask me to confirm or correct it. Then create each confirmed item with Asana_CreateTask" +
            `${project ? ` in project ${project}` : ""} (assignee_id from the owner's email where you have it), and reply with the created tasks' names and ids.`,
        ),
      ];
    },
  },
];

export interface PromptSurfaceOptions {
  run: RunTool;
  allows(tool: string): boolean;
}

/** Registers prompts/list and prompts/get; returns what completes each prompt argument. */
export function registerPrompts(server: Server, options: PromptSurfaceOptions): (prompt: string, argument: string) => CompletionKind | undefined {
  const offered = routines.filter((prompt) => prompt.tools.every((tool) => options.allows(tool)));
  const listing: Prompt[] = offered.map((prompt) => ({
    name: prompt.name,
    title: prompt.title,
    description: prompt.description,
    arguments: prompt.arguments.map((a) => ({ name: a.name, description: a.description, required: a.required === true })),
  }));
  server.setRequestHandler("prompts/list", async () => ({ prompts: listing }));
  server.setRequestHandler("prompts/get", async (request, ctx) => {
    const prompt = offered.find((p) => p.name === request.params.name);
    if (!prompt)
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        `Unknown prompt "${request.params.name.slice(0, 100)}". Prompts: ${offered.map((p) => p.name).join(", ")}.`,
      );
    const args = (request.params.arguments ?? {}) as Record<string, string>;
    const missing = prompt.arguments.filter((a) => a.required && !args[a.name]?.trim()).map((a) => a.name);
    if (missing.length > 0) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Prompt ${prompt.name} needs ${missing.join(" and ")}.`);
    const signal = ctx.mcpReq.signal;
    const failed = (what: string, message: string) => new ProtocolError(ProtocolErrorCode.InternalError, `Could not ${what}: ${message}`);
    const context: RenderContext = {
      today: new Date().toISOString().slice(0, 10),
      async embed(uri) {
        const read = await readResource(options.run, uri, signal);
        if (!read.ok) throw failed(`read ${uri}`, read.message);
        return { type: "resource", resource: { uri, mimeType: "application/json", text: read.text } };
      },
      async projectId(value) {
        const wanted = value.trim();
        if (/^\d{1,32}$/.test(wanted)) return wanted;
        const outcome = await options.run("SearchByName", { query: wanted, resource_type: "project", limit: 10 }, signal);
        if (!outcome.ok) throw failed(`find the project "${wanted}"`, outcome.error.message);
        const items = (outcome.output as { items?: Array<{ id: string; name?: string }> }).items ?? [];
        const exact = items.filter((item) => item.name?.toLowerCase() === wanted.toLowerCase());
        const chosen = exact.length === 1 ? exact : items.length === 1 ? items : [];
        if (chosen.length === 1) return chosen[0]!.id;
        const names = items.map((item) => `${item.name ?? "(unnamed)"} (${item.id})`).join(", ");
        throw new ProtocolError(
          ProtocolErrorCode.InvalidParams,
          items.length === 0 ? `No project matches "${wanted}".` : `"${wanted}" matches several projects: ${names}. Pass the project's id.`,
        );
      },
    };
    return { description: prompt.description, messages: await prompt.render(args, context) };
  });
  return (name, argument) => offered.find((p) => p.name === name)?.arguments.find((a) => a.name === argument)?.completes;
}

/** The resource's JSON, read through its tool (resources.ts holds which tool reads which URI). */
async function readResource(run: RunTool, uri: string, signal: AbortSignal): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  const found = resourceOf(uri);
  if (!found) return { ok: false, message: "not a resource of this server" };
  const outcome = await run(found.kind.tool, found.kind.args(found.id), signal);
  return outcome.ok ? { ok: true, text: JSON.stringify(outcome.output) } : { ok: false, message: outcome.error.message };
}
