import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam } from "../../src/toolkit/index.js";
import { addStatusTypes, findPortfolioHint, portfolioOptFields, portfolioPlanHint, portfolioShape, presentPortfolio, type AsanaPortfolio } from "./model.js";

export const getPortfolio = defineTool({
  name: "GetPortfolio",
  title: "Get a portfolio",
  toolset: "portfolios",
  description: "One portfolio: owner, members, dates, latest status and link. Its projects: Asana_ListPortfolioItems.",
  input: () =>
    z.strictObject({
      portfolio_id: gidParam("portfolio", findPortfolioHint),
    }),
  output: () => z.object({ portfolio: portfolioShape }),
  annotations: annotate.read,
  errorHints: { 402: portfolioPlanHint, 404: `No portfolio has this id, or the user cannot see it. ${findPortfolioHint}` },
  async handler(input, ctx) {
    const raw = await ctx.asana.get<AsanaPortfolio>(asanaPath`/portfolios/${input.portfolio_id}`, { optFields: portfolioOptFields });
    await addStatusTypes(ctx, [raw]);
    return { portfolio: presentPortfolio(raw) };
  },
});
