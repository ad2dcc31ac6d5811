import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findUserHint } from "../shared/hints.js";
import { usersParam } from "../shared/members.js";
import { findPortfolioHint, portfolioPlanHint, portfolioShape, presentPortfolio, type AsanaPortfolio } from "./model.js";

export const addPortfolioMembers = defineTool({
  name: "AddPortfolioMembers",
  title: "Add portfolio members",
  toolset: "portfolios",
  description: "Give people access to a portfolio as members. Answers with the members.",
  input: () =>
    z.strictObject({
      portfolio_id: gidParam("portfolio", findPortfolioHint),
      members: usersParam,
    }),
  output: () => z.object({ status: mutationStatus, portfolio: portfolioShape.pick({ id: true, name: true, members: true, member_count: true }) }),
  annotations: annotate.idempotentWrite,
  errorHints: { 402: portfolioPlanHint, 404: `The portfolio or one of the users is unknown or not visible to the user. ${findPortfolioHint} ${findUserHint}` },
  async handler(input, { asana }) {
    // AddMembersRequest.members: one comma-separated string of users.
    const raw = await asana.post<AsanaPortfolio>(
      asanaPath`/portfolios/${input.portfolio_id}/addMembers`,
      { members: [...new Set(input.members)].join(",") },
      { optFields: ["name", "members.name"], idempotent: true },
    );
    const { id, name, members, member_count } = presentPortfolio(raw);
    return {
      status: { success: true, message: `${input.members.length} member${input.members.length === 1 ? "" : "s"} added` },
      portfolio: { id, ...(name ? { name } : {}), ...(members ? { members } : {}), ...(member_count !== undefined ? { member_count } : {}) },
    };
  },
});
