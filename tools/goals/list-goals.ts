import * as z from "zod";
import { annotate, defineTool, gidParam, nextPageTokenParam, pagedList, pagedListShape, pageLimitParam } from "../../src/toolkit/index.js";
import { findProjectHint, findTeamHint } from "../shared/hints.js";
import { findPortfolioHint } from "../shared/planning-hints.js";
import { resolveWorkspaceId } from "../shared/lookups.js";
import { workspaceIdParam } from "../shared/params.js";
import { goalPlanHint, goalSummaryOptFields, goalSummaryShape, presentGoalSummary, type AsanaGoal } from "./model.js";

export const listGoals = defineTool({
  name: "ListGoals",
  title: "List goals",
  toolset: "goals",
  description:
    "Goals of a workspace, or those of a team, or supported by a project or portfolio; optionally for one time period. Each with status, owner and metric. Paid plans.",
  input: z.strictObject({
    workspace_id: workspaceIdParam,
    team_id: gidParam("team", findTeamHint).optional(),
    project_id: gidParam("project", findProjectHint).optional(),
    portfolio_id: gidParam("portfolio", findPortfolioHint).optional(),
    time_period_id: gidParam("time period", "Time period ids come with each goal (time_period.id).").optional(),
    limit: pageLimitParam("goals"),
    next_page_token: nextPageTokenParam,
  }),
  output: pagedListShape("goals", goalSummaryShape),
  annotations: annotate.read,
  errorHints: { 402: goalPlanHint, 404: "The workspace, team, project, portfolio or time period is unknown or not visible to the user." },
  async handler(input, { asana }) {
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
