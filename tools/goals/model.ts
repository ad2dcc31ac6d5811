import * as z from "zod";
import { compact, namedRef, refOf, type AsanaRef } from "../../src/toolkit/index.js";

export { findGoalHint } from "../shared/planning-hints.js";

/** Goals are premium: a free workspace gets 402 on every goal call, reads included. */
export const goalPlanHint =
  "Goals need a paid Asana plan, and this workspace has none. Progress can still be followed through projects: Asana_GetProjectById and Asana_ListStatusUpdates.";

/**
 * GoalResponse.status: `green`, `yellow` and `red` while open ("On Track", "At Risk", "Off Track"),
 * then `missed`, `achieved`, `partial` or `dropped`. The tools speak the words of status updates
 * (on_track, at_risk, off_track) so one vocabulary serves both.
 */
export const goalStatuses = ["on_track", "at_risk", "off_track", "achieved", "partial", "missed", "dropped"] as const;
export type GoalStatus = (typeof goalStatuses)[number];
const asanaStatusOf: Record<GoalStatus, string> = {
  on_track: "green",
  at_risk: "yellow",
  off_track: "red",
  achieved: "achieved",
  partial: "partial",
  missed: "missed",
  dropped: "dropped",
};
const statusFromAsana: Record<string, GoalStatus> = Object.fromEntries(Object.entries(asanaStatusOf).map(([ours, asanas]) => [asanas, ours as GoalStatus]));

export function asanaGoalStatus(status: GoalStatus): string {
  return asanaStatusOf[status];
}

interface AsanaMetric {
  unit?: string;
  precision?: number;
  currency_code?: string | null;
  initial_number_value?: number;
  target_number_value?: number;
  current_number_value?: number;
  current_display_value?: string;
  progress_source?: string;
}

export interface AsanaGoal {
  gid: string;
  name?: string;
  notes?: string;
  owner?: AsanaRef | null;
  team?: AsanaRef | null;
  workspace?: AsanaRef | null;
  status?: string | null;
  due_on?: string | null;
  start_on?: string | null;
  time_period?: (AsanaRef & { display_name?: string; start_on?: string; end_on?: string }) | null;
  metric?: AsanaMetric | null;
  current_status_update?: (AsanaRef & { title?: string }) | null;
}

const metricOptFields = [
  "metric.unit",
  "metric.currency_code",
  "metric.initial_number_value",
  "metric.target_number_value",
  "metric.current_number_value",
  "metric.current_display_value",
  "metric.progress_source",
] as const;

export const goalSummaryOptFields = ["name", "owner.name", "status", "due_on", "time_period.display_name", ...metricOptFields] as const;

export const goalOptFields = [
  ...goalSummaryOptFields,
  "notes",
  "team.name",
  "workspace.name",
  "start_on",
  "time_period.start_on",
  "time_period.end_on",
  "current_status_update.title",
] as const;

const metricShape = z.object({
  current: z.string().optional().describe("The current value as Asana shows it."),
  current_value: z.number().optional(),
  initial_value: z.number().optional(),
  target_value: z.number().optional(),
  unit: z.string().optional().describe("none, currency or percentage (values are fractions: 0.85 is 85%)."),
  currency_code: z.string().optional(),
  progress_source: z.string().optional().describe("manual, or what updates it automatically."),
});

export const goalShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  status: z.string().optional().describe("on_track, at_risk, off_track, achieved, partial, missed or dropped; absent when not set."),
  owner: namedRef.optional(),
  due_on: z.string().optional(),
  start_on: z.string().optional(),
  time_period: z.object({ id: z.string(), name: z.string().optional(), start_on: z.string().optional(), end_on: z.string().optional() }).optional(),
  metric: metricShape.optional(),
  notes: z.string().optional(),
  team: namedRef.optional(),
  workspace: namedRef.optional(),
  current_status_update: namedRef.extend({ title: z.string().optional() }).optional(),
});

export const goalSummaryShape = goalShape.pick({ id: true, name: true, status: true, owner: true, due_on: true, time_period: true, metric: true });

export function presentGoal(raw: AsanaGoal): z.infer<typeof goalShape> {
  const metric = raw.metric
    ? compact({
        current: raw.metric.current_display_value,
        current_value: raw.metric.current_number_value,
        initial_value: raw.metric.initial_number_value,
        target_value: raw.metric.target_number_value,
        unit: raw.metric.unit,
        currency_code: raw.metric.currency_code,
        progress_source: raw.metric.progress_source,
      })
    : undefined;
  const period = raw.time_period;
  const update = raw.current_status_update;
  return {
    id: raw.gid,
    ...compact({
      name: raw.name,
      status: raw.status ? (statusFromAsana[raw.status] ?? raw.status) : undefined,
      owner: refOf(raw.owner),
      due_on: raw.due_on,
      start_on: raw.start_on,
      time_period: period?.gid ? { id: period.gid, ...compact({ name: period.display_name, start_on: period.start_on, end_on: period.end_on }) } : undefined,
      metric: metric && Object.keys(metric).length > 0 ? metric : undefined,
      notes: raw.notes,
      team: refOf(raw.team),
      workspace: refOf(raw.workspace),
      current_status_update: update?.gid ? { id: update.gid, ...compact({ title: update.title }) } : undefined,
    }),
  };
}

export function presentGoalSummary(raw: AsanaGoal): z.infer<typeof goalSummaryShape> {
  const { id, name, status, owner, due_on, time_period, metric } = presentGoal(raw);
  return { id, ...compact({ name, status, owner, due_on, time_period, metric }) };
}
