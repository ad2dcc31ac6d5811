import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { countFirstPage, counted, named } from "../shared/write-previews.js";
import { findPortfolioHint, portfolioPlanHint } from "./model.js";

export const deletePortfolio = defineTool({
  name: "DeletePortfolio",
  title: "Delete a portfolio",
  toolset: "portfolios",
  description: "Delete a portfolio; the projects in it stay. Confirm with the user first.",
  input: () =>
    z.strictObject({
      portfolio_id: gidParam("portfolio", findPortfolioHint),
    }),
  output: () => z.object({ status: mutationStatus, portfolio: z.object({ id: z.string() }) }),
  annotations: annotate.destructive,
  errorHints: { 402: portfolioPlanHint, 404: `No portfolio has this id (it may already be deleted), or the user cannot see it. ${findPortfolioHint}` },
  preview: {
    async plan(input, { asana }) {
      const [portfolio, items] = await Promise.all([
        asana.get<{ name?: string }>(asanaPath`/portfolios/${input.portfolio_id}`, { optFields: ["name"] }),
        countFirstPage(asana, asanaPath`/portfolios/${input.portfolio_id}/items`, ["name"]),
      ]);
      return {
        summary: `Delete ${named("portfolio", portfolio, input.portfolio_id)} (it holds ${counted(items, "item")}; they stay)`,
        fingerprint: [portfolio.name, items],
      };
    },
  },
  async handler(input, { asana }) {
    await asana.delete(asanaPath`/portfolios/${input.portfolio_id}`);
    return { status: { success: true, message: `portfolio ${input.portfolio_id} deleted; its projects stay` }, portfolio: { id: input.portfolio_id } };
  },
});
