import { afterEach, describe, expect, test } from "vitest";
import { insertGoal } from "../../../src/sandbox/index.js";
import { getGoal } from "../../../tools/goals/get-goal.js";
import { listGoals } from "../../../tools/goals/list-goals.js";
import { updateGoal } from "../../../tools/goals/update-goal.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

const freePlanAdvice = "Goals need a paid Asana plan, and this workspace has none.";

describe("ListGoals and GetGoal", () => {
  test("lists a workspace's goals with status and metric, then reads one in full", async () => {
    const fake = await startAsanaFake();
    const { premium, goal, me, team, quarter } = fake.world;
    const listed = outputOf(await callTool(fake, listGoals, { workspace_id: premium.gid, time_period_id: quarter.gid }));
    expect(fake.requestsTo("GET", "/goals")[0]?.query).toMatchObject({ workspace: premium.gid, time_periods: quarter.gid });
    expect(listed.goals).toEqual([
      {
        id: goal.gid,
        name: "Grow weekly active users to 10,000",
        status: "on_track",
        owner: { id: me.gid, name: "Ada Lovelace" },
        due_on: "2026-12-31",
        time_period: { id: quarter.gid, name: "Q4 FY26" },
        metric: { current: "4000", current_value: 4000, initial_value: 1000, target_value: 10000, unit: "none", progress_source: "manual" },
      },
    ]);
    const one = outputOf(await callTool(fake, getGoal, { goal_id: goal.gid }));
    expect(one.goal).toMatchObject({
      id: goal.gid,
      team: { id: team.gid, name: "Engineering" },
      workspace: { id: premium.gid, name: "Acme Corp" },
      time_period: { id: quarter.gid, name: "Q4 FY26", start_on: "2026-10-01", end_on: "2026-12-31" },
    });
  });

  test("a project's goals need no workspace: the project names it", async () => {
    const fake = await startAsanaFake();
    const { launch, website, goal } = fake.world;
    expect(outputOf(await callTool(fake, listGoals, { project_id: launch.gid })).goals.map((g) => g.id)).toEqual([goal.gid]);
    expect(outputOf(await callTool(fake, listGoals, { project_id: website.gid })).goals).toEqual([]);
    expect(fake.requestsTo("GET", "/workspaces")).toHaveLength(0);
    expect(fake.requestsTo("GET", "/goals")[0]?.query).not.toHaveProperty("workspace");
  });

  test("a free workspace gets the explanation, not Asana's bare 402; an unknown goal is a 404", async () => {
    const fake = await startAsanaFake();
    const { free, me } = fake.world;
    const list = errorOf(await callTool(fake, listGoals, { workspace_id: free.gid }));
    expect(list).toMatchObject({ statusCode: 402, canRetry: false });
    expect(list.message).toContain(freePlanAdvice);
    const freeGoal = insertGoal(fake.store, { name: "Run a marathon", workspace: free, owner: me });
    expect(errorOf(await callTool(fake, getGoal, { goal_id: freeGoal.gid })).message).toContain(freePlanAdvice);
    const unknown = errorOf(await callTool(fake, getGoal, { goal_id: "404404" }));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.message).toContain("Find goal ids with Asana_ListGoals.");
  });
});

describe("UpdateGoal", () => {
  test("sets the status in the words of status updates and the metric's current value", async () => {
    const fake = await startAsanaFake();
    const { goal } = fake.world;
    const output = outputOf(await callTool(fake, updateGoal, { goal_id: goal.gid, status: "at_risk", current_value: 4500 }));
    expect(fake.requestsTo("PUT", `/goals/${goal.gid}`)[0]?.body).toEqual({ data: { status: "yellow" } });
    expect(fake.requestsTo("POST", `/goals/${goal.gid}/setMetricCurrentValue`)[0]?.body).toEqual({ data: { current_number_value: 4500 } });
    expect(output.goal).toMatchObject({ status: "at_risk", metric: { current: "4500", current_value: 4500 } });
    expect(output.status).toEqual({ success: true, message: "goal updated: status at_risk, current value 4500" });
  });

  test('clear ["status"] empties the status; a status given and cleared at once is refused naming both', async () => {
    const fake = await startAsanaFake();
    const { goal } = fake.world;
    const output = outputOf(await callTool(fake, updateGoal, { goal_id: goal.gid, clear: ["status"] }));
    expect(fake.requestsTo("PUT", `/goals/${goal.gid}`)[0]?.body).toEqual({ data: { status: null } });
    expect(output.status).toEqual({ success: true, message: "goal updated: status cleared" });
    const both = errorOf(await callTool(fake, updateGoal, { goal_id: goal.gid, status: "on_track", clear: ["status"] }));
    expect(both.message).toContain("`status, clear`: set status and clear it in the same call");
    expect(fake.requestsTo("PUT", `/goals/${goal.gid}`)).toHaveLength(1);
  });

  test("a goal without a metric gets Asana's 400 with the reason; nothing to change is refused before any request", async () => {
    const fake = await startAsanaFake();
    const { premium, me } = fake.world;
    const bare = insertGoal(fake.store, { name: "Be kind", workspace: premium, owner: me });
    const error = errorOf(await callTool(fake, updateGoal, { goal_id: bare.gid, status: "on_track" }));
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain("This goal has no metric");
    const nothing = errorOf(await callTool(fake, updateGoal, { goal_id: bare.gid }));
    expect(nothing.message).toContain("must change at least one");
    expect(fake.requestsTo("PUT", `/goals/${bare.gid}`)).toHaveLength(1);
  });

  test("a free workspace's goal cannot be updated: 402 with the explanation", async () => {
    const fake = await startAsanaFake();
    const goal = insertGoal(fake.store, {
      name: "Save money",
      workspace: fake.world.free,
      owner: fake.world.me,
      metric: { unit: "currency", precision: 0, initial: 0, target: 1000, current: 100 },
    });
    const error = errorOf(await callTool(fake, updateGoal, { goal_id: goal.gid, current_value: 200 }));
    expect(error.statusCode).toBe(402);
    expect(error.message).toContain(freePlanAdvice);
  });
});
