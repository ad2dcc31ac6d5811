import { badRequest, bodyData, data, mustGet, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { checkPlacement, placeInOrder } from "../manual-order.js";
import { listResponse } from "../pagination.js";
import { requirePremium } from "../plans.js";
import { project } from "../projection.js";
import type { StoredObject } from "../store.js";
import { projectedProject, userList } from "./projects.js";

/**
 * Portfolios (Business plans and up; 402 on a free workspace, as for every premium feature). A
 * portfolio holds projects and other portfolios in a hand-made order (`_items`).
 *
 * getPortfolios: "API users can only get a list of portfolios that they themselves own", so the
 * list defaults to the caller's portfolios; with `owner`, those of that owner the caller is a member of.
 */

function premiumPortfolio(request: EmulatorRequest): StoredObject {
  const portfolio = mustGet(request, request.params.portfolio_gid, "portfolio", "portfolio");
  requirePremium(mustGet(request, String(portfolio.workspace), "workspace", "workspace"), "Portfolios");
  return portfolio;
}

function itemsOf(request: EmulatorRequest, portfolio: StoredObject): StoredObject[] {
  return ((portfolio._items as string[] | undefined) ?? []).map((gid) => request.store.get(gid)).filter((item): item is StoredObject => item !== undefined);
}

function requiredGid(fields: Record<string, unknown>, name: string): string {
  if (fields[name] === undefined || fields[name] === null) throw badRequest(`${name}: Missing input`);
  return String(fields[name]);
}

/** An item of a portfolio: a project or another portfolio of the same workspace. */
function itemFor(request: EmulatorRequest, portfolio: StoredObject, gid: string): StoredObject {
  const item = request.store.get(gid);
  if (!item || (item.resource_type !== "project" && item.resource_type !== "portfolio")) return mustGet(request, gid, "project", "item");
  if (item.workspace !== portfolio.workspace) throw badRequest(`item: ${item.resource_type} ${gid} is in another workspace.`);
  if (item.gid === portfolio.gid) throw badRequest("item: A portfolio cannot contain itself.");
  return item;
}

export const portfolioRoutes: EmulatorRoute[] = [
  {
    method: "GET",
    path: "/portfolios",
    handle: (request) => {
      if (!request.query.workspace) throw badRequest("workspace: Missing input");
      const workspace = mustGet(request, request.query.workspace, "workspace", "workspace");
      requirePremium(workspace, "Portfolios");
      const owner = request.query.owner ? userList(request, request.query.owner, "owner")[0]! : request.me.gid;
      const portfolios = request.store.all(
        "portfolio",
        (p) =>
          p.workspace === workspace.gid &&
          p.owner === owner &&
          (owner === request.me.gid || ((p.members as string[] | undefined) ?? []).includes(request.me.gid)),
      );
      return listResponse(request, portfolios);
    },
  },
  {
    method: "GET",
    path: "/portfolios/{portfolio_gid}",
    handle: (request) => data(project(request.store, premiumPortfolio(request), request.optFields)),
  },
  {
    method: "GET",
    path: "/portfolios/{portfolio_gid}/items",
    handle: (request) => {
      const portfolio = premiumPortfolio(request);
      return listResponse(request, itemsOf(request, portfolio), (item) =>
        item.resource_type === "project" ? projectedProject(request, item) : project(request.store, item, request.optFields),
      );
    },
  },
  {
    method: "POST",
    path: "/portfolios/{portfolio_gid}/addItem",
    handle: (request) => {
      const portfolio = premiumPortfolio(request);
      const fields = bodyData(request);
      const item = itemFor(request, portfolio, requiredGid(fields, "item"));
      const placement = { insert_before: fields.insert_before ?? undefined, insert_after: fields.insert_after ?? undefined };
      const items = itemsOf(request, portfolio);
      checkPlacement(placement, items, item.gid, `items of portfolio ${portfolio.gid}`);
      placeInOrder(portfolio, "_items", items, item.gid, placement, "end");
      return data({});
    },
  },
  {
    method: "POST",
    path: "/portfolios/{portfolio_gid}/removeItem",
    handle: (request) => {
      const portfolio = premiumPortfolio(request);
      const gid = requiredGid(bodyData(request), "item");
      mustGet(request, gid, request.store.get(gid)?.resource_type === "portfolio" ? "portfolio" : "project", "item");
      portfolio._items = ((portfolio._items as string[] | undefined) ?? []).filter((member) => member !== gid);
      return data({});
    },
  },
];
