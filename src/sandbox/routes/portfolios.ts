import { badRequest, bodyData, data, mustGet, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { checkPlacement, placeInOrder } from "../manual-order.js";
import { listResponse } from "../pagination.js";
import { requirePremium } from "../plans.js";
import { project } from "../projection.js";
import type { StoredObject } from "../store.js";
import { projectColors, projectedProject, userList } from "./projects.js";

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

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** PortfolioBase.color: the project palette without "none". */
function checkColor(value: unknown): void {
  if (value !== undefined && (typeof value !== "string" || value === "none" || !projectColors.has(value)))
    throw badRequest(`color: Invalid value: ${String(value)}.`);
}

/**
 * The dates of a write, checked against PortfolioBase.start_on: "`due_on` must be present in the
 * request when setting or unsetting the `start_on` parameter. Additionally, `start_on` and `due_on`
 * cannot be the same date."
 */
function checkDates(fields: Record<string, unknown>): void {
  for (const name of ["start_on", "due_on"]) {
    const value = fields[name];
    if (value !== undefined && value !== null && (typeof value !== "string" || !isoDate.test(value) || Number.isNaN(Date.parse(value))))
      throw badRequest(`${name}: Invalid date format, must be YYYY-MM-DD: ${String(value)}`);
  }
  if ("start_on" in fields && !("due_on" in fields)) throw badRequest("due_on: due_on must be present in the request when setting or unsetting start_on.");
  if (typeof fields.start_on === "string" && typeof fields.due_on === "string") {
    if (fields.start_on === fields.due_on) throw badRequest("start_on: start_on and due_on cannot be the same date.");
    if (fields.start_on > fields.due_on) throw badRequest(`start_on: The start date (${fields.start_on}) must be before the due date (${fields.due_on}).`);
  }
}

/** createPortfolio: in a workspace, by the caller, who owns it and is its first member. */
function createPortfolio(request: EmulatorRequest) {
  const fields = bodyData(request);
  const workspace = mustGet(request, requiredGid(fields, "workspace"), "workspace", "workspace");
  requirePremium(workspace, "Portfolios");
  if (typeof fields.name !== "string" || fields.name.trim() === "") throw badRequest("name: Missing input");
  checkColor(fields.color);
  checkDates(fields);
  if (fields.public !== undefined && typeof fields.public !== "boolean") throw badRequest("public: Must be true or false.");
  const portfolio = request.store.insert({
    resource_type: "portfolio",
    name: fields.name,
    archived: false,
    color: (fields.color as string | undefined) ?? "light-green",
    start_on: (fields.start_on as string | null | undefined) ?? null,
    due_on: (fields.due_on as string | null | undefined) ?? null,
    created_at: request.store.now(),
    created_by: request.me.gid,
    current_status_update: null,
    members: [request.me.gid],
    owner: request.me.gid,
    workspace: workspace.gid,
    permalink_url: "",
    public: fields.public === true,
    _items: [],
  });
  portfolio.permalink_url = `https://app.asana.com/0/portfolio/${portfolio.gid}/list`;
  return data(project(request.store, portfolio, request.optFields), 201);
}

function updatePortfolio(request: EmulatorRequest) {
  const portfolio = premiumPortfolio(request);
  const fields = bodyData(request);
  const changes: Record<string, unknown> = {};
  if ("name" in fields) {
    if (typeof fields.name !== "string" || fields.name.trim() === "") throw badRequest("name: Must be a non-empty string.");
    changes.name = fields.name;
  }
  checkColor(fields.color);
  checkDates(fields);
  if ("archived" in fields && typeof fields.archived !== "boolean") throw badRequest("archived: Must be true or false.");
  for (const name of ["color", "start_on", "due_on", "archived"]) if (name in fields) changes[name] = fields[name];
  // A due date cleared under a start date that stays would leave the start without its due date.
  if (changes.due_on === null && !("start_on" in fields) && typeof portfolio.start_on === "string")
    throw badRequest("due_on: A portfolio with a start date needs a due date; clear start_on too.");
  Object.assign(portfolio, changes);
  return data(project(request.store, portfolio, request.optFields));
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
  { method: "POST", path: "/portfolios", handle: createPortfolio },
  { method: "PUT", path: "/portfolios/{portfolio_gid}", handle: updatePortfolio },
  {
    method: "DELETE",
    path: "/portfolios/{portfolio_gid}",
    handle: (request) => {
      const portfolio = premiumPortfolio(request);
      // Its projects stay; a portfolio that held this one no longer does.
      for (const holder of request.store.all("portfolio", (p) => ((p._items as string[] | undefined) ?? []).includes(portfolio.gid))) {
        holder._items = (holder._items as string[]).filter((gid) => gid !== portfolio.gid);
      }
      request.store.delete(portfolio.gid);
      return data({});
    },
  },
  {
    method: "POST",
    path: "/portfolios/{portfolio_gid}/addMembers",
    handle: (request) => {
      const portfolio = premiumPortfolio(request);
      const fields = bodyData(request);
      if (fields.members === undefined || fields.members === null) throw badRequest("members: Missing input");
      portfolio.members = [...new Set([...((portfolio.members as string[] | undefined) ?? []), ...userList(request, fields.members, "members")])];
      return data(project(request.store, portfolio, request.optFields));
    },
  },
];
