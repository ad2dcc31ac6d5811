import { annotate, defineTool } from "../../src/toolkit/index.js";
import { findProjectHint } from "../shared/hints.js";
import { findPortfolioHint, portfolioPlanHint } from "./model.js";
import { editPortfolioItems, portfolioItemInput, portfolioItemOutput } from "./portfolio-items.js";

export const addItemToPortfolio = defineTool({
  name: "AddItemToPortfolio",
  title: "Add to a portfolio",
  toolset: "portfolios",
  description: "Add a project (or another portfolio) to a portfolio, at the end.",
  input: () => portfolioItemInput,
  output: () => portfolioItemOutput,
  annotations: annotate.idempotentWrite,
  errorHints: {
    400: "The item must be a project or portfolio of the portfolio's workspace, and not the portfolio itself.",
    402: portfolioPlanHint,
    404: `The portfolio or the item is unknown or not visible to the user. ${findPortfolioHint} ${findProjectHint}`,
  },
  async handler(input, { asana }) {
    await editPortfolioItems(asana, "addItem", input.portfolio_id, input.item_id);
    return {
      status: { success: true, message: `${input.item_id} added to portfolio ${input.portfolio_id}` },
      portfolio: { id: input.portfolio_id },
      item: { id: input.item_id },
    };
  },
});
