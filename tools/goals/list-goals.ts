import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, nextPageTokenParam, pagedList, pagedListShape, pageLimitParam, ToolInputError } from "../../src/toolkit/index.js";
import { findProjectHint, findTeamHint } from "../shared/hints.js";
import { findGoalHint, findPortfolioHint } from "../shared/planning-hints.js";
import { resolveWorkspaceId } from "../shared/lookups.js";
import { workspaceIdParam } from "../shared/params.js";
import { goalPlanHint, goalSummaryOptFields, goalSummaryShape, presentGoalSummary, type AsanaGoal } from "./model.js";

export const listGoals = defineTool({
  name: "ListGoals",
  title: "List goals",
  toolset: "goals",
  description:
    "Goals of a workspace, or those of a team, or supported by a project or portfolio; optionally for one time period. " +
    "Or the parent goals that a goal (subgoal_id) supports. Each with status, owner and metric. Paid plans.",
  input: () =>
    z.strictObject({
      workspace_id: workspaceIdParam,
      team_id: gidParam("team", findTeamHint).optional(),
      project_id: gidParam("project", findProjectHint).optional(),
      portfolio_id: gidParam("portfolio", findPortfolioHint).optional(),
      time_period_id: gidParam("time period", "Find time period ids with Asana_ListTimePeriods, or in each goal (time_period.id).").optional(),
      subgoal_id: gidParam("goal", findGoalHint).optional().describe("For the goals it supports."),
      limit: pageLimitParam("goals"),
      next_page_token: nextPageTokenParam,
    }),
  output: () => pagedListShape("goals", goalSummaryShape),
  annotations: annotate.read,
  errorHints: { 402: goalPlanHint, 404: "The workspace, team, project, portfolio, time period or goal is unknown or not visible to the user." },
  async handler(input, { asana }) {
    if (input.subgoal_id) {
      const others = (["workspace_id", "team_id", "project_id", "portfolio_id", "time_period_id", "next_page_token"] as const).filter(
        (key) => input[key] !== undefined,
      );
      if (others.length > 0) {
        throw new ToolInputError(
          `subgoal_id, ${others.join(", ")}`,
          "are given together; a goal's parent goals are listed on their own",
          "Pass subgoal_id alone.",
        );
      }
      // getParentGoalsForGoal answers every parent at once, with no paging.
      const parents = await asana.get<AsanaGoal[]>(asanaPath`/goals/${input.subgoal_id}/parentGoals`, { optFields: goalSummaryOptFields });
      return pagedList("goals", parents.map(presentGoalSummary), null);
    }
    // A team, project or portfolio already names the workspace; only without one does the unique-workspace rule apply.
    const scoped = input.team_id ?? input.project_id ?? input.portfolio_id;
    const workspace = scoped && !input.workspace_id ? undefined : await resolveWorkspaceId(asana, input.workspace_id);
    const page = await asana.getPage<AsanaGoal>("/goals", {
      limit: input.limit,
      offset: input.next_page_token,
      query: { workspace, team: input.team_id, project: input.project_id, portfolio: input.portfolio_id, time_periods: input.time_period_id },
      optFields: goalSummaryOptFields,
    });
    return pagedList("goals", page.items.map(presentGoalSummary), page.nextOffset);
  },
});
