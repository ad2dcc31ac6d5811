import * as z from "zod";
import { compact, namedRef, refOf, refsOf, type AsanaRef } from "../../src/toolkit/index.js";

export { findPortfolioHint } from "../shared/planning-hints.js";

/**
 * Portfolios are a premium feature: on a free workspace Asana answers 402 to every portfolio call,
 * reads included. What still works is said, so the model can fall back.
 */
export const portfolioPlanHint =
  "Portfolios need a paid Asana plan (Business or Enterprise), and this workspace has none. Its projects can still be listed and read " +
  "(Asana_ListProjects, Asana_GetProjectById), and each project's status updates with Asana_ListStatusUpdates.";

interface AsanaStatusRef extends AsanaRef {
  title?: string;
  status_type?: string;
}

export interface AsanaPortfolio {
  gid: string;
  name?: string;
  owner?: AsanaRef | null;
  members?: AsanaRef[];
  color?: string | null;
  start_on?: string | null;
  due_on?: string | null;
  archived?: boolean;
  workspace?: AsanaRef | null;
  current_status_update?: AsanaStatusRef | null;
  permalink_url?: string;
}

const maxMembersShown = 20;

export const portfolioOptFields = [
  "name",
  "owner.name",
  "members.name",
  "color",
  "start_on",
  "due_on",
  "archived",
  "workspace.name",
  "current_status_update.title",
  "current_status_update.status_type",
  "permalink_url",
] as const;

const currentStatusShape = z.object({ title: z.string().optional(), status_type: z.string().optional() }).describe("The latest status update.");

export const portfolioShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  owner: namedRef.optional(),
  members: z.array(namedRef).optional().describe(`Up to ${maxMembersShown} members.`),
  member_count: z.number().int().optional().describe(`The total, given when there are more than ${maxMembersShown} members.`),
  color: z.string().optional(),
  start_on: z.string().optional(),
  due_on: z.string().optional(),
  archived: z.boolean().optional(),
  workspace: namedRef.optional(),
  current_status: currentStatusShape.optional(),
  permalink_url: z.string().optional(),
});

function currentStatusOf(raw: AsanaStatusRef | null | undefined): z.infer<typeof currentStatusShape> | undefined {
  if (!raw) return undefined;
  const status = compact({ title: raw.title, status_type: raw.status_type });
  return Object.keys(status).length > 0 ? status : undefined;
}

export function presentPortfolio(raw: AsanaPortfolio): z.infer<typeof portfolioShape> {
  const members = refsOf(raw.members);
  return {
    id: raw.gid,
    ...compact({
      name: raw.name,
      owner: refOf(raw.owner),
      members: members?.slice(0, maxMembersShown),
      member_count: members && members.length > maxMembersShown ? members.length : undefined,
      color: raw.color,
      start_on: raw.start_on,
      due_on: raw.due_on,
      archived: raw.archived,
      workspace: refOf(raw.workspace),
      current_status: currentStatusOf(raw.current_status_update),
      permalink_url: raw.permalink_url,
    }),
  };
}

/** A list item: enough to pick a portfolio; Asana_GetPortfolio gives the rest. */
export const portfolioSummaryShape = portfolioShape.pick({ id: true, name: true, owner: true, color: true, current_status: true, permalink_url: true });
export const portfolioSummaryOptFields = ["name", "owner.name", "color", "current_status_update.title", "current_status_update.status_type", "permalink_url"] as const;

export function presentPortfolioSummary(raw: AsanaPortfolio): z.infer<typeof portfolioSummaryShape> {
  const { id, name, owner, color, current_status, permalink_url } = presentPortfolio(raw);
  return { id, ...compact({ name, owner, color, current_status, permalink_url }) };
}

/** An item of a portfolio: a project or another portfolio, with how it is doing. */
export interface AsanaPortfolioItem extends AsanaPortfolio {
  resource_type?: string;
  completed?: boolean;
}

export const portfolioItemOptFields = [
  "resource_type",
  "name",
  "owner.name",
  "due_on",
  "completed",
  "current_status_update.title",
  "current_status_update.status_type",
  "permalink_url",
] as const;

export const portfolioItemShape = z.object({
  id: z.string(),
  type: z.string().optional().describe("project or portfolio"),
  name: z.string().optional(),
  owner: namedRef.optional(),
  due_on: z.string().optional(),
  completed: z.boolean().optional(),
  current_status: currentStatusShape.optional(),
  permalink_url: z.string().optional(),
});

export function presentPortfolioItem(raw: AsanaPortfolioItem): z.infer<typeof portfolioItemShape> {
  return {
    id: raw.gid,
    ...compact({
      type: raw.resource_type,
      name: raw.name,
      owner: refOf(raw.owner),
      due_on: raw.due_on,
      completed: raw.completed,
      current_status: currentStatusOf(raw.current_status_update),
      permalink_url: raw.permalink_url,
    }),
  };
}
