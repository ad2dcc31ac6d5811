import { afterAll, afterEach, describe, expect, test } from "vitest";
import { AsanaStore, seededGids, type FaultSpec } from "../../src/sandbox/index.js";
import type { AnyToolDefinition } from "../../src/toolkit/index.js";
import { asanaToolkit } from "../../tools/index.js";
import { startAsanaFake, type AsanaFake } from "../support/asana-fake.js";
import { callToolWithRawArguments, closeClients } from "../support/tool-harness.js";
import type { TestWorld } from "../support/world.js";

/**
 * Every write tool against every kind of fault the network and Asana can produce around a write:
 * a 5xx before Asana does anything, the connection reset after Asana did the work, the answer held
 * past the client's timeout after the work, and a storm of 429s. Whatever happens:
 * - no write request reaches Asana twice (no duplicates);
 * - a write that may have happened is never answered with "retry" (canRetry false, "may have taken
 *   effect", and how to check), unless the tool found what it made and answers with it;
 * - the share of lost answers the tools reconciled is printed.
 */
afterEach(closeClients);

/** Builds the arguments of a valid call; may add what the call acts on to the emulator's store first. */
type Call = (world: TestWorld, store: AsanaFake["store"]) => Record<string, unknown>;

/** A valid call of each write tool against the test world. A new write tool needs a line here. */
const validCalls: Record<string, Call> = {
  CreateTag: (w) => ({ name: "chaos-tag", workspace_id: w.premium.gid }),
  UpdateTask: (w) => ({ task_id: w.task.gid, name: "Renamed under chaos" }),
  MarkTaskAsCompleted: (w) => ({ task_id: w.task.gid }),
  CreateTask: (w) => ({ name: "Chaos task", project: w.launch.gid }),
  DeleteTask: (w) => ({ task_id: w.subtasks[0]!.gid }),
  SetTaskParent: (w) => ({ task_id: w.subtasks[0]!.gid, parent_task_id: null }),
  AddTaskToProject: (w) => ({ task_id: w.task.gid, project: w.website.gid }),
  RemoveTaskFromProject: (w) => ({ task_id: w.task.gid, project_id: w.launch.gid }),
  AddTagToTask: (w) => ({ task_id: w.task.gid, tag: w.blocked.gid }),
  RemoveTagFromTask: (w) => ({ task_id: w.task.gid, tag: w.urgent.gid }),
  AttachFileToTask: (w) => ({ task_id: w.task.gid, file_name: "chaos.txt", file_content_str: "hello" }),
  CreateSection: (w) => ({ project: w.launch.gid, name: "Chaos section" }),
  MoveTaskToSection: (w) => ({ task_id: w.task.gid, section_id: w.doing.gid }),
  AddCommentToTask: (w) => ({ task_id: w.task.gid, text: "A comment under chaos" }),
  CreateProject: (w) => ({ name: "Chaos project", team_id: w.team.gid, sections: ["To do", "Done"] }),
  UpdateProject: (w) => ({ project_id: w.website.gid, name: "Website, renamed under chaos" }),
  DeleteProject: (w) => ({ project_id: w.website.gid }),
  AddProjectMembers: (w) => ({ project_id: w.website.gid, members: [w.colleague.gid] }),
  RemoveProjectMembers: (w) => ({ project_id: w.launch.gid, members: [w.me.gid] }),
  DuplicateProject: (w) => ({ project_id: w.launch.gid, name: "Launch, again", wait_seconds: 0 }),
  AddFollowersToTask: (w) => ({ task_id: w.task.gid, followers: [w.colleague.gid] }),
  RemoveFollowersFromTask: (w) => ({ task_id: w.task.gid, followers: ["me"] }),
  AddTaskDependencies: (w) => ({ task_id: w.task.gid, depends_on: [w.subtasks[1]!.gid] }),
  RemoveTaskDependencies: (w) => ({ task_id: w.task.gid, depends_on: [w.subtasks[1]!.gid] }),
  SetTaskCustomFields: (w) => ({ task_id: w.task.gid, fields: { Priority: "Low" } }),
  DuplicateTask: (w) => ({ task_id: w.task.gid, name: "A copy under chaos", wait_seconds: 0 }),
  DeleteAttachment: (w, store) => ({
    attachment_id: store.insert({
      resource_type: "attachment",
      name: "old.txt",
      resource_subtype: "asana",
      host: "asana",
      parent: w.task.gid,
      created_at: store.now(),
      size: 5,
    }).gid,
  }),
  UpdateSection: (w) => ({ section_id: w.doing.gid, name: "In progress" }),
  MoveSection: (w) => ({ section_id: w.doing.gid, before_section_id: w.backlog.gid }),
  DeleteSection: (w, store) => ({ section_id: store.insert({ resource_type: "section", name: "Empty", project: w.launch.gid, created_at: store.now() }).gid }),
  CreateStatusUpdate: (w) => ({ parent_id: w.launch.gid, status_type: "at_risk", title: "Chaos week", text: "Slipping a little." }),
  DeleteStatusUpdate: (w, store) => ({
    status_update_id: store.insert({
      resource_type: "status_update",
      resource_subtype: "project_status_update",
      parent: w.launch.gid,
      title: "Last week",
      text: "Fine.",
      html_text: "<body>Fine.</body>",
      status_type: "on_track",
      author: w.me.gid,
      created_by: w.me.gid,
      created_at: store.now(),
      modified_at: store.now(),
    }).gid,
  }),
  AddItemToPortfolio: (w, store) => ({ portfolio_id: w.portfolio.gid, item_id: store.insert({ ...w.website, gid: undefined, name: "Another project" }).gid }),
  RemoveItemFromPortfolio: (w) => ({ portfolio_id: w.portfolio.gid, item_id: w.website.gid }),
  UpdateGoal: (w) => ({ goal_id: w.goal.gid, current_value: 4500 }),
  AddTimeTrackingEntry: (w) => ({ task_id: w.task.gid, minutes: 30 }),
  DeleteTimeTrackingEntry: (w, store) => ({
    time_tracking_entry_id: store.insert({
      resource_type: "time_tracking_entry",
      task: w.task.gid,
      created_by: w.me.gid,
      created_at: store.now(),
      entered_on: store.now().slice(0, 10),
      duration_minutes: 15,
      approval_status: "DRAFT",
      billable_status: "notApplicable",
      description: "",
      categories: [],
    }).gid,
  }),
  AddProjectFollowers: (w) => ({ project_id: w.website.gid, followers: [w.colleague.gid] }),
  RemoveProjectFollowers: (w) => ({ project_id: w.launch.gid, followers: ["me"] }),
  UpdateTag: (w) => ({ tag_id: w.urgent.gid, name: "very urgent", clear: ["color"] }),
  DeleteTag: (w) => ({ tag_id: w.blocked.gid }),
  UpdateComment: (w, store) => ({
    comment_id: store.insert({
      resource_type: "story",
      resource_subtype: "comment_added",
      type: "comment",
      text: "Frist draft",
      html_text: "<body>Frist draft</body>",
      is_pinned: false,
      created_at: store.now(),
      created_by: w.me.gid,
      target: w.task.gid,
    }).gid,
    text: "First draft",
  }),
  DeleteComment: (w, store) => ({
    comment_id: store.insert({
      resource_type: "story",
      resource_subtype: "comment_added",
      type: "comment",
      text: "Never mind",
      html_text: "<body>Never mind</body>",
      is_pinned: false,
      created_at: store.now(),
      created_by: w.me.gid,
      target: w.task.gid,
    }).gid,
  }),
  CreateCustomField: (w) => ({ name: "Chaos level", type: "enum", workspace_id: w.premium.gid, options: [{ name: "Calm" }, { name: "Stormy", color: "red" }] }),
  UpdateCustomField: (w) => ({ custom_field_id: w.fields.estimate.gid, name: "Effort", precision: 2 }),
  AddCustomFieldToProject: (w) => ({ project_id: w.website.gid, custom_field_id: w.priority.gid }),
  RemoveCustomFieldFromProject: (w) => ({ project_id: w.launch.gid, custom_field_id: w.fields.notes.gid }),
  CreatePortfolio: (w) => ({ name: "Chaos portfolio", workspace_id: w.premium.gid }),
  UpdatePortfolio: (w) => ({ portfolio_id: w.portfolio.gid, name: "Launches, renamed", due_on: "2026-12-31" }),
  DeletePortfolio: (w) => ({ portfolio_id: w.portfolio.gid }),
  AddPortfolioMembers: (w) => ({ portfolio_id: w.portfolio.gid, members: ["grace@acme.test"] }),
  CreateGoal: (w) => ({ name: "Chaos goal", team_id: w.team.gid, time_period_id: w.quarter.gid, due_on: "2026-12-31" }),
  AddGoalSupport: (w) => ({ goal_id: w.goal.gid, supporting_id: w.website.gid, weight: 0.5 }),
  RemoveGoalSupport: (w) => ({ goal_id: w.goal.gid, supporting_id: w.launch.gid }),
  UpdateTimeTrackingEntry: (w, store) => ({
    time_tracking_entry_id: store.insert({
      resource_type: "time_tracking_entry",
      task: w.task.gid,
      created_by: w.me.gid,
      created_at: store.now(),
      entered_on: "2026-11-02",
      duration_minutes: 15,
      approval_status: "DRAFT",
      billable_status: "notApplicable",
      description: "",
      categories: [],
    }).gid,
    minutes: 45,
  }),
  CreateProjectFromTemplate: (w) => ({ template_id: w.projectTemplate.gid, name: "Launch from the template", start_on: "2027-01-04", wait_seconds: 5 }),
  CreateTaskFromTemplate: (w) => ({ template_id: w.taskTemplate.gid, name: "Onboard Dana", wait_seconds: 5 }),
  SaveProjectAsTemplate: (w) => ({ project_id: w.launch.gid, name: "Launch template", wait_seconds: 5 }),
};

interface FaultCase {
  name: string;
  spec: Omit<FaultSpec, "path" | "method">;
  /** The answer never arrived: the request may or may not have been done. */
  lostAnswer: boolean;
  /** Asana did the work before the fault. */
  workDone: boolean;
}

const faults: FaultCase[] = [
  // Two 503s, then the real answer: a repeatable write gets through on its third attempt.
  { name: "5xx before the work", spec: { status: 503, times: 2, retryAfterSeconds: 0 }, lostAnswer: false, workDone: false },
  { name: "5xx after the work", spec: { status: 500, afterWork: "error" }, lostAnswer: false, workDone: true },
  { name: "reset after the work", spec: { afterWork: "reset" }, lostAnswer: true, workDone: true },
  { name: "timeout after the work", spec: { afterWork: "hang", latencyMs: 1_000 }, lostAnswer: true, workDone: true },
  { name: "a 429 storm", spec: { status: 429, times: 2, retryAfterSeconds: 0 }, lostAnswer: false, workDone: false },
];

const writeTools = asanaToolkit.filter((tool) => !tool.annotations.readOnlyHint);
const writeMethods = /^(POST|PUT|DELETE)$/;
const tally = { lostCreates: 0, reconciled: 0 };

/** A fake whose new objects get the same ids on every start, so two runs can be compared. */
const repeatableFake = () => startAsanaFake({ store: new AsanaStore({ gids: seededGids(16) }) });

/** The id of what a create made: the first object in its output that has one. */
function madeIdOf(output: Record<string, unknown>): string | undefined {
  for (const value of Object.values(output)) {
    if (value && typeof value === "object" && typeof (value as { id?: unknown }).id === "string") return (value as { id: string }).id;
  }
  return undefined;
}

/** An output without its timestamps, which differ between two runs of the same call. */
function withoutTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimes);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !key.endsWith("_at"))
      .map(([key, item]) => [key, withoutTimes(item)]),
  );
}

async function callUnderFault(tool: AnyToolDefinition, fault: FaultCase) {
  const fake: AsanaFake = await repeatableFake();
  const args = validCalls[tool.name]!(fake.world, fake.store);
  // A create is made once beforehand, just as it will be asked for: an object of the same name, made in
  // the minutes before the call, that the call must never take for its own.
  const earlier = tool.annotations.idempotentHint ? undefined : await callToolWithRawArguments(fake, tool, args);
  const objectsBefore = fake.store.size;
  const arrivalsBefore = fake.arrivals.length;
  // The fault hits the tool's first write, whatever path it takes; reads before it go through.
  for (const method of ["POST", "PUT", "DELETE"]) fake.faults.inject({ method, path: /.*/, ...fault.spec, times: fault.spec.times ?? 1 });
  const outcome = await callToolWithRawArguments(fake, tool, args, { client: { timeoutMs: 300, maxRetries: 2 } });
  const writes = fake.arrivals.slice(arrivalsBefore).filter((a) => writeMethods.test(a.method));
  return { fake, args, earlier, objectsBefore, outcome, writes };
}

describe("write tools under faults", () => {
  test("every write tool has a valid call for this test", () => {
    expect(writeTools.map((tool) => tool.name).filter((name) => !validCalls[name])).toEqual([]);
  });

  for (const tool of writeTools) {
    for (const fault of faults) {
      test.skipIf(!validCalls[tool.name])(`${tool.name}: ${fault.name}`, async () => {
        const { fake, args, earlier, objectsBefore, outcome, writes } = await callUnderFault(tool, fault);
        const idempotent = tool.annotations.idempotentHint;
        if (!outcome.ok) expect(outcome.error.message.length).toBeLessThanOrEqual(2000);

        if (!idempotent) {
          // No duplicates: a create reaches Asana once per distinct path, except after a 429, which
          // Asana refused without doing anything (it is waited out and sent again).
          const posts = writes.filter((w) => w.method === "POST");
          const repeated = posts.filter((w, i) => posts.findIndex((o) => o.path === w.path) !== i);
          if (fault.spec.status !== 429) expect(repeated, "a create sent twice").toEqual([]);
          if (fault.lostAnswer) tally.lostCreates += 1;
          if (outcome.ok) {
            // "Created" only with what this call made: never the object made before it began.
            expect(fault.lostAnswer || fault.spec.status === 429, "a create that failed reported success").toBe(true);
            if (fault.lostAnswer) tally.reconciled += 1;
            expect(madeIdOf(outcome.output), "an older object's id reported as created").not.toBe(earlier?.ok ? madeIdOf(earlier.output) : "");
          } else {
            // Whatever Asana did or did not do, the model hears that it may have happened and how to check.
            expect(outcome.error.canRetry, outcome.error.message).toBe(false);
            expect(outcome.error.message).toMatch(/may have taken effect|was done before/);
          }
          // A 5xx before the work: Asana made nothing, and the tool did not claim it did.
          if (fault.name === "5xx before the work") expect(fake.store.size).toBe(objectsBefore);
          return;
        }

        // Repeatable writes are sent again after a 5xx or a lost answer, and end as a clean call ends.
        expect(outcome.ok, outcome.ok ? "" : outcome.error.message).toBe(true);
        if (fault.name === "5xx before the work") expect(writes.length, "the write was not retried after a 5xx").toBeGreaterThan(1);
        const clean = await repeatableFake();
        const cleanOutcome = await callToolWithRawArguments(clean, tool, validCalls[tool.name]!(clean.world, clean.store));
        expect(outcome.ok && cleanOutcome.ok && withoutTimes(outcome.output)).toEqual(cleanOutcome.ok && withoutTimes(cleanOutcome.output));
        expect(args).toBeDefined();
      });
    }
  }

  afterAll(() => {
    const rate = tally.lostCreates === 0 ? 0 : Math.round((100 * tally.reconciled) / tally.lostCreates);
    console.log(`lost answers to creates: ${tally.lostCreates}; answered "created" after finding what was made: ${tally.reconciled} (${rate}%)`);
  });
});

describe("a failure after the write was done never advises a retry", () => {
  const jobTools: Array<{ tool: string; args: Call }> = [
    { tool: "DuplicateProject", args: (w) => ({ project_id: w.launch.gid, name: "Launch, again", wait_seconds: 5 }) },
    { tool: "DuplicateTask", args: (w) => ({ task_id: w.task.gid, name: "A copy", wait_seconds: 5 }) },
  ];
  for (const { tool: name, args } of jobTools) {
    for (const status of [500, 404]) {
      test(`${name}: the job poll answers ${status}`, async () => {
        const tool = asanaToolkit.find((t) => t.name === name)!;
        const fake = await repeatableFake();
        fake.faults.inject({ method: "GET", path: /^\/jobs\//, status, times: 20 });
        const outcome = await callToolWithRawArguments(fake, tool, args(fake.world, fake.store), { client: { maxRetries: 1 } });
        const jobId = fake.requestsTo("POST", /\/duplicate$/)[0]?.response.body as { data?: { gid?: string } };
        expect(outcome.ok).toBe(false);
        const error = outcome.ok ? undefined : outcome.error;
        expect(error?.canRetry, error?.message).toBe(false);
        expect(error?.message).not.toMatch(/retry later|No (project|task) has this id/i);
        expect(error?.message).toContain(`job ${jobId.data?.gid}`);
        expect(error?.message).toMatch(/Asana_GetJob/);
        expect(error?.message).toMatch(/again.*(second|another) copy|copy.*again/i);
      });
    }
  }

  test("CreateProject with sections: reading the new project's sections fails", async () => {
    const tool = asanaToolkit.find((t) => t.name === "CreateProject")!;
    const fake = await repeatableFake();
    fake.faults.inject({ method: "GET", path: /^\/projects\/\d+\/sections$/, status: 503, retryAfterSeconds: 0, times: 20 });
    const outcome = await callToolWithRawArguments(fake, tool, { name: "Chaos project", team_id: fake.world.team.gid, sections: ["To do", "Done"] });
    const made = fake.store.all("project", (p) => p.name === "Chaos project");
    expect(made).toHaveLength(1);
    expect(outcome.ok).toBe(false);
    const error = outcome.ok ? undefined : outcome.error;
    expect(error?.canRetry, error?.message).toBe(false);
    expect(error?.message).not.toMatch(/retry later/i);
    expect(error?.message).toContain(made[0]!.gid);
  });
});
