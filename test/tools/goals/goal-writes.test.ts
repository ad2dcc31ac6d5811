import { afterEach, describe, expect, test } from "vitest";
import { insertGoal } from "../../../src/sandbox/index.js";
import { addGoalSupport } from "../../../tools/goals/add-goal-support.js";
import { createGoal } from "../../../tools/goals/create-goal.js";
import { listGoals } from "../../../tools/goals/list-goals.js";
import { listTimePeriods } from "../../../tools/goals/list-time-periods.js";
import { removeGoalSupport } from "../../../tools/goals/remove-goal-support.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { markedText } from "../../support/create-marker.js";

afterEach(closeClients);

describe("CreateGoal", () => {
  test("creates a team's goal for a period; the team names the workspace and the owner's email is looked up", async () => {
    const fake = await startAsanaFake();
    const { team, quarter, colleague, premium } = fake.world;
    const output = outputOf(
      await callTool(fake, createGoal, {
        name: "Ship the mobile app",
        team_id: team.gid,
        time_period_id: quarter.gid,
        owner: "grace@acme.test",
        start_on: "2026-10-01",
        due_on: "2026-12-31",
        notes: "Both stores",
      }),
    );
    expect(output.status).toEqual({ success: true, message: 'goal "Ship the mobile app" created' });
    expect(output.goal).toMatchObject({
      name: "Ship the mobile app",
      owner: { id: colleague.gid, name: "Grace Hopper" },
      team: { id: team.gid, name: "Engineering" },
      workspace: { id: premium.gid, name: "Acme Corp" },
      time_period: { id: quarter.gid, name: "Q4 FY26" },
      start_on: "2026-10-01",
      due_on: "2026-12-31",
      notes: "Both stores",
    });
    expect(fake.requestsTo("POST", "/goals")[0]?.body).toEqual({
      data: {
        workspace: premium.gid,
        name: "Ship the mobile app",
        owner: colleague.gid,
        team: team.gid,
        is_workspace_level: false,
        time_period: quarter.gid,
        due_on: "2026-12-31",
        start_on: "2026-10-01",
        notes: markedText("Both stores"),
      },
    });
    expect(fake.requestsTo("GET", "/workspaces")).toHaveLength(0);
  });

  test("a start date without a due date is refused before any request; a free workspace gets the 402 explained", async () => {
    const fake = await startAsanaFake();
    const early = errorOf(await callTool(fake, createGoal, { name: "Someday", workspace_id: fake.world.premium.gid, start_on: "2026-10-01" }));
    expect(early.message).toContain("`start_on`: needs a due date");
    expect(fake.exchanges).toHaveLength(0);
    const free = errorOf(await callTool(fake, createGoal, { name: "Tidy up", workspace_id: fake.world.free.gid }));
    expect(free.message).toContain("Goals need a paid Asana plan");
  });
});

describe("AddGoalSupport, RemoveGoalSupport and a goal's parents", () => {
  test("a project and a subgoal come to support a goal; ListGoals with subgoal_id shows the parent; removing leaves both", async () => {
    const fake = await startAsanaFake();
    const { goal, website, premium, me } = fake.world;
    const subgoal = insertGoal(fake.store, { name: "Launch on Android", workspace: premium, owner: me });
    const project = outputOf(await callTool(fake, addGoalSupport, { goal_id: goal.gid, supporting_id: website.gid, weight: 0.25 }));
    expect(project).toEqual({
      status: { success: true, message: `project ${website.gid} supports goal ${goal.gid}` },
      goal: { id: goal.gid },
      supporting: { id: website.gid, name: "Website Redesign", type: "project" },
      kind: "supporting_work",
      weight: 0.25,
    });
    expect(fake.requestsTo("POST", `/goals/${goal.gid}/addSupportingRelationship`)[0]?.body).toEqual({
      data: { supporting_resource: website.gid, contribution_weight: 0.25 },
    });
    const child = outputOf(await callTool(fake, addGoalSupport, { goal_id: goal.gid, supporting_id: subgoal.gid }));
    expect(child).toMatchObject({ kind: "subgoal", supporting: { type: "goal", name: "Launch on Android" } });

    const parents = outputOf(await callTool(fake, listGoals, { subgoal_id: subgoal.gid }));
    expect(parents.goals.map((g) => g.name)).toEqual(["Grow weekly active users to 10,000"]);
    expect(parents.next_page).toEqual({ has_more_pages: false, next_page_token: null });
    expect(fake.requestsTo("GET", `/goals/${subgoal.gid}/parentGoals`)[0]?.query).not.toHaveProperty("limit");
    const byProject = outputOf(await callTool(fake, listGoals, { project_id: website.gid }));
    expect(byProject.goals.map((g) => g.id)).toEqual([goal.gid]);

    const removed = outputOf(await callTool(fake, removeGoalSupport, { goal_id: goal.gid, supporting_id: subgoal.gid }));
    expect(removed.status.message).toBe(`${subgoal.gid} no longer supports goal ${goal.gid}`);
    expect(outputOf(await callTool(fake, listGoals, { subgoal_id: subgoal.gid })).goals).toEqual([]);
    expect(fake.store.get(subgoal.gid)).toBeDefined();
  });

  test("a goal cannot support itself (Asana's 400, explained); subgoal_id is listed on its own", async () => {
    const fake = await startAsanaFake();
    const { goal, team } = fake.world;
    const self = errorOf(await callTool(fake, addGoalSupport, { goal_id: goal.gid, supporting_id: goal.gid }));
    expect(self.message).toContain("a goal cannot support itself");
    const mixed = errorOf(await callTool(fake, listGoals, { subgoal_id: goal.gid, team_id: team.gid }));
    expect(mixed.message).toContain("`subgoal_id, team_id`: are given together");
  });
});

describe("ListTimePeriods", () => {
  test("lists the workspace's periods with their parent, narrowed by dates", async () => {
    const fake = await startAsanaFake();
    const { premium, quarter } = fake.world;
    const all = outputOf(await callTool(fake, listTimePeriods, { workspace_id: premium.gid }));
    expect(all.time_periods).toEqual([
      { id: expect.any(String), name: "FY26", period: "FY", start_on: "2026-01-01", end_on: "2026-12-31" },
      { id: quarter.gid, name: "Q4 FY26", period: "Q4", start_on: "2026-10-01", end_on: "2026-12-31", parent: { id: all.time_periods[0]!.id, name: "FY26" } },
    ]);
    const late = outputOf(await callTool(fake, listTimePeriods, { workspace_id: premium.gid, start_on: "2026-07-01" }));
    expect(late.time_periods.map((p) => p.id)).toEqual([quarter.gid]);
    expect(fake.requestsTo("GET", "/time_periods")[1]?.query).toMatchObject({ workspace: premium.gid, start_on: "2026-07-01" });
  });
});
