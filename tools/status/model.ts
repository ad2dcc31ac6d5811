import * as z from "zod";
import { compact, namedRef, refOf, richTextTagsAllowed, shortened, type AsanaRef } from "../../src/toolkit/index.js";
import { findProjectHint } from "../shared/hints.js";
import { findGoalHint, findPortfolioHint } from "../shared/planning-hints.js";

export const findStatusParentHint = `${findProjectHint} ${findPortfolioHint} ${findGoalHint}`;
export const findStatusUpdateHint = "Find status update ids with Asana_ListStatusUpdates.";

/** StatusUpdateBase.status_type: the first six for projects and portfolios, on_track to off_track and the last four for goals. */
export const statusTypes = ["on_track", "at_risk", "off_track", "on_hold", "complete", "dropped", "achieved", "partial", "missed"] as const;

export interface AsanaStatusUpdate {
  gid: string;
  resource_subtype?: string;
  title?: string;
  status_type?: string;
  text?: string;
  author?: AsanaRef | null;
  created_at?: string;
  parent?: (AsanaRef & { resource_type?: string }) | null;
}

export const statusUpdateOptFields = ["resource_subtype", "title", "status_type", "text", "author.name", "created_at", "parent.name"] as const;

export const statusUpdateShape = z.object({
  id: z.string(),
  title: z.string().optional(),
  status_type: z.string().optional().describe("on_track, at_risk, off_track, on_hold, complete, dropped; goals also achieved, partial, missed."),
  text: z.string().optional(),
  author: namedRef.optional(),
  created_at: z.string().optional(),
  parent: namedRef.extend({ type: z.string().optional().describe("project, portfolio or goal") }).optional(),
});

/** Lists show the start of each update's text; Asana_GetStatusUpdate gives all of it. */
export const listedTextLength = 300;

export function presentStatusUpdate(raw: AsanaStatusUpdate, textLength = Number.POSITIVE_INFINITY): z.infer<typeof statusUpdateShape> {
  const parent = refOf(raw.parent);
  // resource_subtype names the parent's type (project_status_update, …), also when the parent ref does not.
  const parentType = raw.parent?.resource_type ?? raw.resource_subtype?.replace(/_status_update$/, "");
  return {
    id: raw.gid,
    ...compact({
      title: raw.title,
      status_type: raw.status_type,
      text: raw.text === undefined ? undefined : shortened(raw.text, textLength),
      author: refOf(raw.author),
      created_at: raw.created_at,
      parent: parent ? { ...parent, ...(parentType ? { type: parentType } : {}) } : undefined,
    }),
  };
}

/** Portfolios and goals are premium; a project's status updates work on every plan. */
export const statusPlanHint =
  "Status updates on portfolios and goals need a paid Asana plan, and this workspace has none. Status updates on projects work on every plan.";

const allowedTags = richTextTagsAllowed("story")
  .filter((tag) => tag !== "body")
  .map((tag) => `<${tag}>`)
  .join(" ");

export const statusRichTextFix = `A status update's html_text is one <body>...</body> using only the tags ${allowedTags}; tags close in order, only <a> may carry attributes, and a literal & or < is written &amp; or &lt;. Or pass plain text as text instead.`;
