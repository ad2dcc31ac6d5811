import * as z from "zod";
import { gidParam } from "../../src/toolkit/index.js";
import { findProjectHint, findTaskHint } from "../shared/hints.js";
import { findGoalHint, findPortfolioHint } from "../shared/planning-hints.js";

/** What AddGoalSupport and RemoveGoalSupport share. */
export const goalSupportInput = {
  goal_id: gidParam("goal", findGoalHint),
  supporting_id: gidParam("project, portfolio, task or goal", `${findProjectHint} ${findPortfolioHint} ${findTaskHint} ${findGoalHint}`).describe(
    "A project, portfolio, task or subgoal id.",
  ),
};

export const supportingShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  type: z.string().optional().describe("project, portfolio, task or goal."),
});
