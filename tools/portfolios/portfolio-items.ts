import * as z from "zod";
import { asanaPath, type AsanaSession } from "../../src/asana/index.js";
import { gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findProjectHint } from "../shared/hints.js";
import { findPortfolioHint } from "./model.js";

/** What AddItemToPortfolio and RemoveItemFromPortfolio share. */

export const portfolioItemInput = z.strictObject({
  portfolio_id: gidParam("portfolio", findPortfolioHint),
  item_id: gidParam("project or portfolio", `${findProjectHint} ${findPortfolioHint}`).describe("A project or portfolio id."),
});

export const portfolioItemOutput = z.object({
  status: mutationStatus,
  portfolio: z.object({ id: z.string() }),
  item: z.object({ id: z.string() }),
});

/** Asana answers addItem and removeItem with an empty body. */
export async function editPortfolioItems(asana: AsanaSession, edit: "addItem" | "removeItem", portfolioId: string, itemId: string): Promise<void> {
  const path = edit === "addItem" ? asanaPath`/portfolios/${portfolioId}/addItem` : asanaPath`/portfolios/${portfolioId}/removeItem`;
  await asana.post(path, { item: itemId }, { idempotent: true });
}
