import { afterAll, afterEach, describe, expect, test } from "vitest";
import type { FaultSpec } from "../../src/sandbox/index.js";
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
};

const faults: Array<{ name: string; spec: Omit<FaultSpec, "path" | "method">; lostAnswer: boolean }> = [
  { name: "5xx before the work", spec: { status: 503, times: 10, retryAfterSeconds: 0 }, lostAnswer: false },
  { name: "reset after the work", spec: { afterWork: "reset" }, lostAnswer: true },
  { name: "timeout after the work", spec: { afterWork: "hang", latencyMs: 1_000 }, lostAnswer: true },
  { name: "a 429 storm", spec: { status: 429, times: 2, retryAfterSeconds: 0 }, lostAnswer: false },
];

const writeTools = asanaToolkit.filter((tool) => !tool.annotations.readOnlyHint);
const writeMethods = /^(POST|PUT|DELETE)$/;
const tally = { lostCreates: 0, reconciled: 0 };

async function callUnderFault(tool: AnyToolDefinition, fault: (typeof faults)[number]) {
  const fake: AsanaFake = await startAsanaFake();
  const args = validCalls[tool.name]!(fake.world, fake.store);
  // The fault hits the tool's first write, whatever path it takes; reads before it go through.
  for (const method of ["POST", "PUT", "DELETE"]) fake.faults.inject({ method, path: /.*/, ...fault.spec, times: fault.spec.times ?? 1 });
  const outcome = await callToolWithRawArguments(fake, tool, args, { client: { timeoutMs: 300, maxRetries: 2 } });
  const writes = fake.arrivals.filter((a) => writeMethods.test(a.method));
  return { fake, outcome, writes };
}

describe("write tools under faults", () => {
  test("every write tool has a valid call for this test", () => {
    expect(writeTools.map((tool) => tool.name).filter((name) => !validCalls[name])).toEqual([]);
  });

  for (const tool of writeTools) {
    for (const fault of faults) {
      test.skipIf(!validCalls[tool.name])(`${tool.name}: ${fault.name}`, async () => {
        const { outcome, writes } = await callUnderFault(tool, fault);
        const idempotent = tool.annotations.idempotentHint;
        // No duplicates: a write that is not idempotent reaches Asana once per distinct path, except after
        // a 429, which Asana refused without doing anything (it is waited out and sent again). Idempotent
        // writes may be sent again: doing them twice is doing them once.
        const posts = writes.filter((w) => w.method === "POST");
        const repeated = posts.filter((w, i) => posts.findIndex((o) => o.path === w.path) !== i);
        if (!idempotent && fault.spec.status !== 429) expect(repeated, "a create sent twice").toEqual([]);

        if (outcome.ok) {
          if (fault.lostAnswer && !idempotent) tally.reconciled += 1;
        } else {
          const error = outcome.error;
          expect(error.message.length).toBeLessThanOrEqual(2000);
          if (fault.lostAnswer && !idempotent) {
            expect(error.canRetry, error.message).toBe(false);
            expect(error.message).toContain("may have taken effect");
          }
          if (fault.spec.status === 503 && !idempotent) expect(error.canRetry, error.message).toBe(false);
        }
        if (fault.lostAnswer && !idempotent) tally.lostCreates += 1;
        // Idempotent writes are sent again after a lost answer, and succeed.
        if (fault.lostAnswer && idempotent) expect(outcome.ok, outcome.ok ? "" : outcome.error.message).toBe(true);
        if (fault.spec.status === 429) expect(outcome.ok, outcome.ok ? "" : outcome.error.message).toBe(true);
      });
    }
  }

  afterAll(() => {
    const rate = tally.lostCreates === 0 ? 0 : Math.round((100 * tally.reconciled) / tally.lostCreates);
    console.log(`lost answers to creates: ${tally.lostCreates}; answered "created" after finding what was made: ${tally.reconciled} (${rate}%)`);
  });
});
