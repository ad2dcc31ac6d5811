import * as z from "zod";
import {
  annotate,
  compact,
  dateParam,
  defineTool,
  nextPageTokenParam,
  pagedList,
  pagedListShape,
  pageLimitParam,
  refOf,
  type AsanaRef,
} from "../../src/toolkit/index.js";
import { findWorkspaceHint } from "../shared/hints.js";
import { resolveWorkspaceId } from "../shared/lookups.js";
import { workspaceIdParam } from "../shared/params.js";
import { goalPlanHint } from "./model.js";

interface AsanaTimePeriod {
  gid: string;
  display_name?: string;
  period?: string;
  start_on?: string;
  end_on?: string;
  parent?: (AsanaRef & { display_name?: string }) | null;
}

const timePeriodShape = z.object({
  id: z.string(),
  name: z.string().optional().describe("e.g. Q1 FY26."),
  period: z.string().optional().describe("FY, H1, H2, Q1…Q4."),
  start_on: z.string().optional(),
  end_on: z.string().optional(),
  parent: z.object({ id: z.string(), name: z.string().optional() }).optional().describe("The half or year it is part of."),
});

export const listTimePeriods = defineTool({
  name: "ListTimePeriods",
  title: "List time periods",
  toolset: "goals",
  description: "The workspace's goal periods (fiscal years, halves, quarters) with their dates; start_on and end_on narrow them.",
  input: () =>
    z.strictObject({
      workspace_id: workspaceIdParam,
      start_on: dateParam("Periods starting on or after").optional(),
      end_on: dateParam("Periods ending on or before").optional(),
      limit: pageLimitParam("time periods"),
      next_page_token: nextPageTokenParam,
    }),
  output: () => pagedListShape("time_periods", timePeriodShape),
  annotations: annotate.read,
  errorHints: { 402: goalPlanHint, 404: `The workspace does not exist or the user is not a member of it. ${findWorkspaceHint}` },
  async handler(input, { asana }) {
    const page = await asana.getPage<AsanaTimePeriod>("/time_periods", {
      limit: input.limit,
      offset: input.next_page_token,
      query: { workspace: await resolveWorkspaceId(asana, input.workspace_id), start_on: input.start_on, end_on: input.end_on },
      optFields: ["display_name", "period", "start_on", "end_on", "parent.display_name"],
    });
    const periods = page.items.map((raw) => {
      const parent = refOf(raw.parent);
      return {
        id: raw.gid,
        ...compact({
          name: raw.display_name,
          period: raw.period,
          start_on: raw.start_on,
          end_on: raw.end_on,
          parent: parent ? { id: parent.id, ...compact({ name: raw.parent?.display_name }) } : undefined,
        }),
      };
    });
    return pagedList("time_periods", periods, page.nextOffset);
  },
});
