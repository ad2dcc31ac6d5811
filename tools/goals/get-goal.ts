import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam } from "../../src/toolkit/index.js";
import { findGoalHint, goalOptFields, goalPlanHint, goalShape, presentGoal, type AsanaGoal } from "./model.js";

export const getGoal = defineTool({
  name: "GetGoal",
  title: "Get a goal",
  toolset: "goals",
  description: "One goal: status, owner, metric (current, initial and target values), time period, notes and latest status update.",
  input: () =>
    z.strictObject({
      goal_id: gidParam("goal", findGoalHint),
    }),
  output: () => z.object({ goal: goalShape }),
  annotations: annotate.read,
  errorHints: { 402: goalPlanHint, 404: `No goal has this id, or the user cannot see it. ${findGoalHint}` },
  async handler(input, { asana }) {
    return { goal: presentGoal(await asana.get<AsanaGoal>(asanaPath`/goals/${input.goal_id}`, { optFields: goalOptFields })) };
  },
});
