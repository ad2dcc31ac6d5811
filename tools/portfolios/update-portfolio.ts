import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, dateParam, defineTool, gidParam, mutationStatus, nonEmptyText, ToolInputError, clearedFields, clearParam } from "../../src/toolkit/index.js";
import {
  addStatusTypes,
  findPortfolioHint,
  portfolioColorParam,
  portfolioOptFields,
  portfolioPlanHint,
  portfolioShape,
  presentPortfolio,
  type AsanaPortfolio,
} from "./model.js";

export const updatePortfolio = defineTool({
  name: "UpdatePortfolio",
  title: "Update a portfolio",
  toolset: "portfolios",
  description: 'Rename a portfolio, change its color or dates, or archive it. clear ["start_on"] or ["due_on"] empties a date. Paid plans.',
  input: () =>
    z.strictObject({
      portfolio_id: gidParam("portfolio", findPortfolioHint),
      name: nonEmptyText("must be the portfolio's new name", "Pass the new name").optional(),
      color: portfolioColorParam.optional(),
      start_on: dateParam().optional(),
      due_on: dateParam().optional(),
      archived: z.boolean({ error: "must be true or false" }).optional(),
      clear: clearParam(["start_on", "due_on"]),
    }),
  output: () => z.object({ status: mutationStatus, portfolio: portfolioShape }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    400: "A portfolio's start date needs a due date after it.",
    402: portfolioPlanHint,
    404: `No portfolio has this id, or the user cannot see it. ${findPortfolioHint}`,
  },
  async handler(input, ctx) {
    const cleared = clearedFields(input);
    const data: Record<string, unknown> = {};
    for (const field of ["name", "color", "archived"] as const) if (input[field] !== undefined) data[field] = input[field];
    const datesChange = input.start_on !== undefined || input.due_on !== undefined || cleared.size > 0;
    if (datesChange) {
      // PortfolioBase.start_on: "due_on must be present in the request when setting or unsetting the start_on parameter.
      // Additionally, start_on and due_on cannot be the same date." Both are sent, the one not changing as it is.
      const current = await ctx.asana.get<AsanaPortfolio>(asanaPath`/portfolios/${input.portfolio_id}`, { optFields: ["start_on", "due_on"] });
      const start = cleared.has("start_on") ? null : (input.start_on ?? current.start_on ?? null);
      const due = cleared.has("due_on") ? null : (input.due_on ?? current.due_on ?? null);
      if (start !== null && due === null) {
        throw new ToolInputError(
          cleared.has("due_on") ? "clear" : "start_on",
          "would leave a start date without a due date, which Asana does not keep",
          cleared.has("due_on") ? 'Clear start_on too: clear ["start_on", "due_on"].' : "Pass due_on as well.",
        );
      }
      if (start !== null && due !== null && start >= due) {
        throw new ToolInputError("start_on, due_on", `put the start (${start}) on or after the due date (${due})`, "Give a start date before the due date.");
      }
      Object.assign(data, { start_on: start, due_on: due });
    }
    if (Object.keys(data).length === 0) {
      throw new ToolInputError(
        "name, color, start_on, due_on, archived, clear",
        "must change something: none was given",
        "Pass what to change; Asana_GetPortfolio reads the portfolio.",
      );
    }
    const raw = await ctx.asana.put<AsanaPortfolio>(asanaPath`/portfolios/${input.portfolio_id}`, data, { optFields: portfolioOptFields });
    await addStatusTypes(ctx, [raw]);
    return { status: { success: true, message: `portfolio ${input.portfolio_id} updated: ${Object.keys(data).join(", ")}` }, portfolio: presentPortfolio(raw) };
  },
});
