import * as z from "zod";
import { annotate, defineTool, mutationStatus, nonEmptyText, quoted } from "../../src/toolkit/index.js";
import { findWorkspaceHint } from "../shared/hints.js";
import { findInPages } from "../shared/lost-answers.js";
import { resolveWorkspaceId } from "../shared/lookups.js";
import { workspaceIdParam } from "../shared/params.js";
import { portfolioColorParam, portfolioOptFields, portfolioPlanHint, portfolioShape, presentPortfolio, type AsanaPortfolio } from "./model.js";

export const createPortfolio = defineTool({
  name: "CreatePortfolio",
  title: "Create a portfolio",
  toolset: "portfolios",
  description: "Create a portfolio owned by the user. Names may repeat, so check Asana_ListPortfolios first; Asana_AddItemToPortfolio fills it. Paid plans.",
  input: () =>
    z.strictObject({
      name: nonEmptyText("must be the portfolio's name", "Give the portfolio a name"),
      workspace_id: workspaceIdParam,
      color: portfolioColorParam.optional(),
      public: z.boolean({ error: "must be true or false" }).optional().describe("Visible to the whole workspace (default: members only)."),
    }),
  output: () => z.object({ status: mutationStatus, portfolio: portfolioShape }),
  annotations: annotate.create,
  errorHints: {
    402: portfolioPlanHint,
    404: `The workspace does not exist or the user is not a member of it. ${findWorkspaceHint}`,
    unknownOutcome: "Look for a portfolio of this name with Asana_ListPortfolios.",
  },
  async handler(input, { asana }) {
    const workspace = await resolveWorkspaceId(asana, input.workspace_id);
    const raw = await asana.post<AsanaPortfolio>(
      "/portfolios",
      { workspace, name: input.name, ...(input.color ? { color: input.color } : {}), ...(input.public !== undefined ? { public: input.public } : {}) },
      { optFields: portfolioOptFields },
    );
    return { status: { success: true, message: `portfolio ${quoted(input.name)} created` }, portfolio: presentPortfolio(raw) };
  },
  // Asana's answer was lost: look among the user's portfolios for one of this name made since the call started.
  // A portfolio has no notes and no external data, so no marker of ours can ride on it: the name check stays, narrow.
  async reconcile(input, { asana, madeDuringCall }) {
    const workspace = await resolveWorkspaceId(asana, input.workspace_id);
    const found = await findInPages<AsanaPortfolio & { created_at?: string }>(
      asana,
      "/portfolios",
      { query: { workspace, owner: "me" }, optFields: [...portfolioOptFields, "created_at"] },
      (portfolio) => portfolio.name === input.name && madeDuringCall(portfolio),
    );
    if (found.length !== 1) return undefined;
    return {
      status: { success: true, message: `portfolio ${quoted(input.name)} created (Asana's answer was lost on the way back; the portfolio was found)` },
      portfolio: presentPortfolio(found[0]!),
    };
  },
});
