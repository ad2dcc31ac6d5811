import * as z from "zod";
import { annotate, defineTool, nextPageTokenParam, pagedList, pagedListShape, pageLimitParam, userParam } from "../../src/toolkit/index.js";
import { findUserHint, findWorkspaceHint } from "../shared/hints.js";
import { resolveWorkspaceId } from "../shared/lookups.js";
import { workspaceIdParam } from "../shared/params.js";
import { portfolioPlanHint, portfolioSummaryOptFields, portfolioSummaryShape, presentPortfolioSummary, type AsanaPortfolio } from "./model.js";

export const listPortfolios = defineTool({
  name: "ListPortfolios",
  title: "List portfolios",
  toolset: "portfolios",
  description: "List the portfolios an owner (default me) has in a workspace, with the title of each one's latest status. Paid plans.",
  input: () =>
    z.strictObject({
      workspace_id: workspaceIdParam,
      owner: userParam("Owner", findUserHint).default("me").describe('"me" (default), a user id or an email.'),
      limit: pageLimitParam("portfolios"),
      next_page_token: nextPageTokenParam,
    }),
  output: () => pagedListShape("portfolios", portfolioSummaryShape),
  annotations: annotate.read,
  errorHints: { 402: portfolioPlanHint, 404: `The workspace or the owner is unknown or not visible to the user. ${findWorkspaceHint}` },
  async handler(input, { asana }) {
    // getPortfolios: "API users can only get a list of portfolios that they themselves own", unless
    // they are a member of someone else's; so the owner is always sent, "me" by default.
    const page = await asana.getPage<AsanaPortfolio>("/portfolios", {
      limit: input.limit,
      offset: input.next_page_token,
      query: { workspace: await resolveWorkspaceId(asana, input.workspace_id), owner: input.owner },
      optFields: portfolioSummaryOptFields,
    });
    return pagedList("portfolios", page.items.map(presentPortfolioSummary), page.nextOffset);
  },
});
