import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, nextPageTokenParam, pagedList, pagedListShape, pageLimitParam } from "../../src/toolkit/index.js";
import {
  addStatusTypes,
  findPortfolioHint,
  portfolioItemOptFields,
  portfolioItemShape,
  portfolioPlanHint,
  presentPortfolioItem,
  type AsanaPortfolioItem,
} from "./model.js";

export const listPortfolioItems = defineTool({
  name: "ListPortfolioItems",
  title: "List a portfolio's items",
  toolset: "portfolios",
  description: "The projects and portfolios in a portfolio, in its order, each with owner, due date and latest status.",
  input: () =>
    z.strictObject({
      portfolio_id: gidParam("portfolio", findPortfolioHint),
      limit: pageLimitParam("items", 50),
      next_page_token: nextPageTokenParam,
    }),
  output: () => pagedListShape("items", portfolioItemShape),
  annotations: annotate.read,
  errorHints: { 402: portfolioPlanHint, 404: `No portfolio has this id, or the user cannot see it. ${findPortfolioHint}` },
  async handler(input, ctx) {
    const page = await ctx.asana.getPage<AsanaPortfolioItem>(asanaPath`/portfolios/${input.portfolio_id}/items`, {
      limit: input.limit,
      offset: input.next_page_token,
      optFields: portfolioItemOptFields,
    });
    await addStatusTypes(ctx, page.items);
    return pagedList("items", page.items.map(presentPortfolioItem), page.nextOffset);
  },
});
