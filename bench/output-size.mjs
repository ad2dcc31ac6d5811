// Goal 5, output size: GetTaskById's text content for the sandbox's demo tasks (median and max over the
// demo world's top-level tasks), the text being compact JSON and no pretty copy of structuredContent;
// and every read tool's text per item returned, as a table (it goes into bench/README.md).
// Driven through the MCP SDK's Client against `--sandbox --toolsets all`, so every structuredContent is
// also checked by the client against the tool's outputSchema.
import { connectSdkClient } from "./lib/server.mjs";
import { figure, median } from "./lib/stats.mjs";

export const goalTaskBytes = 1100;

const bytesOf = (text) => Buffer.byteLength(text, "utf8");

/** The first item of a list result: its id, for the single-object tools that need one. */
const firstId = (output) => Object.values(output).find((value) => Array.isArray(value) && value.length > 0)?.[0]?.id;

/**
 * Arguments for every read tool over the demo world, in the order they run: a tool may take an id from
 * an earlier tool's answer (`found`). A read tool missing here fails the bench, so a new tool gets a row.
 */
function readToolCalls(ids) {
  return [
    ["ListWorkspaces", () => ({})],
    ["GetWorkspaceById", () => ({ workspace_id: ids.workspace })],
    ["ListUsers", () => ({})],
    ["GetUserById", () => ({ user_id: "me" })],
    ["ListTeams", () => ({})],
    ["ListTeamsTheCurrentUserIsAMemberOf", () => ({})],
    ["GetTeamById", () => ({ team_id: ids.team })],
    ["ListProjects", () => ({})],
    ["GetProjectById", () => ({ project_id: ids.mobileProject })],
    ["ListSections", () => ({ project: ids.mobileProject })],
    ["ListCustomFields", () => ({ project_id: ids.mobileProject })],
    ["ListTasksInProject", () => ({ project: ids.mobileProject })],
    ["GetTasksWithoutId", () => ({ keywords: "release" })],
    ["SearchByName", () => ({ query: "launch" })],
    ["ListMyTasks", () => ({})],
    ["SummarizeWorkload", () => ({})],
    ["GetTaskById", () => ({ task_id: ids.launchTask })],
    ["GetTasksByIds", () => ({ task_ids: [ids.launchTask, ids.buildTask, ids.qaTask] })],
    ["GetSubtasksFromATask", () => ({ task_id: ids.launchTask })],
    ["GetTaskDependencies", () => ({ task_id: ids.launchTask })],
    ["ListTaskComments", () => ({ task_id: ids.launchTask })],
    ["ListTaskAttachments", () => ({ task_id: ids.launchTask })],
    ["GetAttachment", (found) => ({ attachment_id: found.ListTaskAttachments })],
    ["ListTimeTrackingEntries", () => ({ task_id: ids.launchTask })],
    ["ListTags", () => ({})],
    ["GetTagById", (found) => ({ tag_id: found.ListTags })],
    ["ListStatusUpdates", () => ({ parent_id: ids.mobileProject })],
    ["GetStatusUpdate", (found) => ({ status_update_id: found.ListStatusUpdates })],
    ["ListPortfolios", () => ({})],
    ["GetPortfolio", () => ({ portfolio_id: ids.portfolio })],
    ["ListPortfolioItems", () => ({ portfolio_id: ids.portfolio })],
    ["ListGoals", () => ({})],
    ["GetGoal", () => ({ goal_id: ids.goal })],
    ["GetRecentChanges", () => ({ resource_id: ids.mobileProject })],
    // Needs a job, which only a write makes: last, so the copy shows up in no other row.
    ["GetJob", (found) => ({ job_id: found.DuplicateProject })],
  ];
}

/** Items in a result: the lengths of its top-level lists, or 1 for a single object. */
function itemsOf(name, output) {
  // A summary of someone's open tasks: its lists are per project, its items the tasks it counts.
  if (name === "SummarizeWorkload") return { items: output.open_tasks, lists: `open_tasks:${output.open_tasks}` };
  const lists = Object.entries(output).filter(([, value]) => Array.isArray(value));
  if (lists.length === 0) return { items: 1, lists: "" };
  return { items: lists.reduce((sum, [, value]) => sum + value.length, 0), lists: lists.map(([key, value]) => `${key}:${value.length}`).join(" ") };
}

/** Whether the text content is exactly the compact JSON of structuredContent, with no pretty copy beside it. */
function compactOnly(result) {
  const [first, ...rest] = result.content;
  if (first?.type !== "text" || first.text !== JSON.stringify(result.structuredContent)) return false;
  const pretty = JSON.stringify(result.structuredContent, null, 2);
  return !rest.some((item) => item.type === "text" && (item.text === pretty || item.text === first.text));
}

export async function measure({ emulator }) {
  const client = await connectSdkClient({ args: ["--sandbox", "--toolsets", "all"], env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" } });
  const { tools } = await client.listTools();
  const call = async (name, args) => {
    const result = await client.callTool({ name: `Asana_${name}`, arguments: args });
    if (result.isError) throw new Error(`${name}(${JSON.stringify(args)}) failed: ${result.content?.[0]?.text}`);
    return result;
  };
  const notCompact = [];
  let checked = 0;
  let noticeBytes = 0;
  const check = (name, result) => {
    checked += 1;
    if (!compactOnly(result)) notCompact.push(name);
    noticeBytes = result.content.slice(1).reduce((sum, item) => sum + bytesOf(item.text ?? ""), 0);
  };

  // GetTaskById over every top-level task of the demo world, as a model calls it (default max_subtasks).
  const tasks = [];
  for (const task of emulator.topLevelTasks) {
    const result = await call("GetTaskById", { task_id: task.gid });
    check("GetTaskById", result);
    tasks.push({ name: task.name, bytes: bytesOf(result.content[0].text) });
  }
  tasks.sort((a, b) => a.bytes - b.bytes);
  const largest = tasks[tasks.length - 1];
  const typical = median(tasks.map((t) => t.bytes));

  // Every read tool once.
  const readTools = tools.filter((tool) => tool.annotations?.readOnlyHint).map((tool) => tool.name.replace(/^Asana_/, ""));
  const calls = readToolCalls(emulator.demoIds);
  const missing = readTools.filter((name) => !calls.some(([known]) => known === name));
  if (missing.length > 0) throw new Error(`bench/output-size.mjs has no arguments for these read tools: ${missing.join(", ")}`);
  const found = {};
  const rows = [];
  for (const [name, argsOf] of calls) {
    if (!readTools.includes(name)) continue;
    if (name === "GetJob") {
      const started = await call("DuplicateProject", { project_id: emulator.demoIds.websiteProject, name: "Bench copy", wait_seconds: 0 });
      found.DuplicateProject = started.structuredContent.job.id;
    }
    const args = argsOf(found);
    const result = await call(name, args);
    check(name, result);
    found[name] = firstId(result.structuredContent);
    const bytes = bytesOf(result.content[0].text);
    const { items, lists } = itemsOf(name, result.structuredContent);
    // Ids taken from an earlier answer differ from run to run; the table names where they come from.
    const shownArgs = argsOf(new Proxy({}, { get: (_, from) => `‹from ${String(from)}›` }));
    rows.push({ tool: name, args: shownArgs, bytes, items, lists, perItem: items > 0 ? Math.round(bytes / items) : bytes });
  }
  await client.close();

  const table = [
    "| tool | arguments | text bytes | items | bytes per item |",
    "|---|---|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.tool} | \`${JSON.stringify(r.args)}\` | ${r.bytes} | ${r.lists ? `${r.items} (${r.lists})` : "1"} | ${r.items > 0 ? r.perItem : `${r.bytes} (no items)`} |`,
    ),
  ];
  return {
    figures: [
      figure({
        name: `GetTaskById text, median over the ${tasks.length} top-level demo tasks`,
        ours: `${typical} B`,
        ratio: `max ${largest.bytes} B ("${largest.name}")`,
        goal: `≤ ${goalTaskBytes} B`,
        pass: typical <= goalTaskBytes,
      }),
      figure({
        name: "text content is the compact JSON of structuredContent, no pretty copy",
        ours: `${checked - notCompact.length} of ${checked} results`,
        goal: "all",
        pass: notCompact.length === 0,
      }),
    ],
    notes: [
      `GetTaskById text per task: ${tasks.map((t) => `${t.bytes}`).join(", ")} B (sorted); sandbox mode adds a separate ${noticeBytes} B notice item to every result`,
      ...(notCompact.length ? [`not compact: ${[...new Set(notCompact)].join(", ")}`] : []),
    ],
    tables: { "read tools, text per item (sandbox)": table },
  };
}
