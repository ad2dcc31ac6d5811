import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { compact, namedRef, refOf, type AsanaRef, type ToolContext } from "../../src/toolkit/index.js";
import { maxMembersShown, presentMembers } from "../shared/members.js";
import { readEachById } from "../shared/batch-reads.js";

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
  "permalink_url",
] as const;

const currentStatusShape = z
  .object({ id: z.string(), title: z.string().optional(), status_type: z.string().optional() })
  .describe("The latest status update (Asana_GetStatusUpdate reads it).");

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
  if (!raw?.gid) return undefined;
  return { id: raw.gid, ...compact({ title: raw.title, status_type: raw.status_type }) };
}

/**
 * The opt_fields of portfolios and their items stop at a status update's title; its type (on_track,
 * at_risk…) takes a read of the update itself. Many items share one batch (see batch-reads.ts).
 */
/** StatusUpdateBase requires `text` beside `status_type`, so an answer with the type alone would not be one Asana documents. */
const statusFields = ["status_type", "text"] as const;

export async function addStatusTypes(
  ctx: Pick<ToolContext, "asana" | "reportProgress">,
  holders: Array<{ current_status_update?: AsanaStatusRef | null }>,
): Promise<void> {
  const updates = holders.flatMap((holder) => (holder.current_status_update?.gid ? [holder.current_status_update] : []));
  if (updates.length === 0) return;
  const answers = await readEachById<{ status_type?: string }>(
    ctx,
    [...new Set(updates.map((u) => u.gid))],
    (gid) => asanaPath`/status_updates/${gid}`,
    statusFields,
    "status updates",
  );
  const types = new Map(answers.flatMap((answer) => (answer.ok && answer.data.status_type ? [[answer.id, answer.data.status_type] as const] : [])));
  for (const update of updates) {
    const type = types.get(update.gid);
    if (type) update.status_type = type;
  }
}

export function presentPortfolio(raw: AsanaPortfolio): z.infer<typeof portfolioShape> {
  return {
    id: raw.gid,
    ...compact({
      name: raw.name,
      owner: refOf(raw.owner),
      ...presentMembers(raw.members),
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
export const portfolioSummaryOptFields = ["name", "owner.name", "color", "current_status_update.title", "permalink_url"] as const;

export function presentPortfolioSummary(raw: AsanaPortfolio): z.infer<typeof portfolioSummaryShape> {
  const { id, name, owner, color, current_status, permalink_url } = presentPortfolio(raw);
  return { id, ...compact({ name, owner, color, current_status, permalink_url }) };
}

/** An item of a portfolio: a project or another portfolio, with how it is doing. */
export interface AsanaPortfolioItem extends AsanaPortfolio {
  resource_type?: string;
  completed?: boolean;
}

/** getItemsForPortfolio offers neither owner.name nor the status update's type: the type is read separately. */
export const portfolioItemOptFields = ["name", "owner", "due_on", "completed", "current_status_update.title", "permalink_url"] as const;

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

/** PortfolioBase.color: Asana's dark and light palette (a portfolio has no "none"). */
export const portfolioColors = ["pink", "green", "blue", "red", "teal", "brown", "orange", "purple", "warm-gray"].flatMap((hue) => [
  `dark-${hue}`,
  `light-${hue}`,
]) as [string, ...string[]];

export const portfolioColorParam = z.enum(portfolioColors, { error: `must be one of Asana's portfolio colors: ${portfolioColors.join(", ")}` });
