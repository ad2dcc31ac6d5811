import { annotate, defineTool } from "../../src/toolkit/index.js";
import { findProjectHint } from "../shared/hints.js";
import { findPortfolioHint, portfolioPlanHint } from "./model.js";
import { editPortfolioItems, portfolioItemInput, portfolioItemOutput } from "./portfolio-items.js";

export const removeItemFromPortfolio = defineTool({
  name: "RemoveItemFromPortfolio",
  title: "Remove from a portfolio",
  toolset: "portfolios",
  description: "Take a project (or portfolio) out of a portfolio; the project itself stays.",
  input: () => portfolioItemInput,
  output: () => portfolioItemOutput,
  annotations: annotate.idempotentWrite,
  errorHints: {
    402: portfolioPlanHint,
    404: `The portfolio or the item is unknown or not visible to the user. ${findPortfolioHint} ${findProjectHint}`,
  },
  async handler(input, { asana }) {
    await editPortfolioItems(asana, "removeItem", input.portfolio_id, input.item_id);
    return {
      status: { success: true, message: `${input.item_id} removed from portfolio ${input.portfolio_id}` },
      portfolio: { id: input.portfolio_id },
      item: { id: input.item_id },
    };
  },
});
