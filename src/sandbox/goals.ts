import type { AsanaStore, StoredObject } from "./store.js";

/**
 * Goal metrics (GoalMetricBase): a number with a unit (none, currency, percentage), an initial, a
 * target and a current value. Percentages are fractions (GoalMetricBase.precision: "a value of
 * 0.25 has a precision of 0"), shown times 100 with a % sign.
 */
export interface GoalMetric {
  unit: "none" | "currency" | "percentage";
  precision: number;
  initial: number;
  target: number;
  current: number;
  currencyCode?: string;
}

export function metricDisplay(metric: { unit: string; precision: number; currency_code?: string | null }, value: number): string {
  if (metric.unit === "percentage") return `${(value * 100).toFixed(metric.precision)}%`;
  const amount = value.toFixed(metric.precision);
  return metric.unit === "currency" ? `${metric.currency_code ?? "USD"} ${amount}` : amount;
}

export function goalMetric(store: AsanaStore, metric: GoalMetric): Record<string, unknown> {
  const stored = {
    gid: store.newGid(),
    resource_type: "goal_metric",
    resource_subtype: "number",
    precision: metric.precision,
    unit: metric.unit,
    currency_code: metric.unit === "currency" ? (metric.currencyCode ?? "USD") : null,
    initial_number_value: metric.initial,
    target_number_value: metric.target,
    current_number_value: metric.current,
    current_display_value: "",
    progress_source: "manual",
    is_custom_weight: false,
    can_manage: true,
  };
  stored.current_display_value = metricDisplay(stored, metric.current);
  return stored;
}

/** A goal for a world, with everything GoalResponse shows. */
export function insertGoal(
  store: AsanaStore,
  fields: {
    name: string;
    workspace: StoredObject;
    owner: StoredObject;
    team?: StoredObject;
    timePeriod?: StoredObject;
    dueOn?: string;
    startOn?: string;
    notes?: string;
    metric?: GoalMetric;
    status?: string | null;
    projects?: StoredObject[];
    portfolios?: StoredObject[];
    gid?: string;
  },
): StoredObject {
  return store.insert({
    ...(fields.gid ? { gid: fields.gid } : {}),
    resource_type: "goal",
    name: fields.name,
    notes: fields.notes ?? "",
    html_notes: `<body>${fields.notes ?? ""}</body>`,
    due_on: fields.dueOn ?? null,
    start_on: fields.startOn ?? null,
    is_workspace_level: !fields.team,
    liked: false,
    likes: [],
    num_likes: 0,
    team: fields.team?.gid ?? null,
    workspace: fields.workspace.gid,
    followers: [fields.owner.gid],
    time_period: fields.timePeriod?.gid ?? null,
    metric: fields.metric ? goalMetric(store, fields.metric) : null,
    owner: fields.owner.gid,
    current_status_update: null,
    status: fields.status ?? null,
    privacy_setting: "public_to_workspace",
    _projects: (fields.projects ?? []).map((p) => p.gid),
    _portfolios: (fields.portfolios ?? []).map((p) => p.gid),
  });
}

/** A time period for a world (TimePeriodResponse): a fiscal year, half or quarter. */
export function insertTimePeriod(
  store: AsanaStore,
  fields: {
    workspace: StoredObject;
    period: "FY" | "H1" | "H2" | "Q1" | "Q2" | "Q3" | "Q4";
    startOn: string;
    endOn: string;
    displayName: string;
    parent?: StoredObject;
    gid?: string;
  },
): StoredObject {
  return store.insert({
    ...(fields.gid ? { gid: fields.gid } : {}),
    resource_type: "time_period",
    period: fields.period,
    start_on: fields.startOn,
    end_on: fields.endOn,
    display_name: fields.displayName,
    parent: fields.parent?.gid ?? null,
    workspace: fields.workspace.gid,
  });
}

/** A portfolio for a world, holding `items` (projects or portfolios) in order. */
export function insertPortfolio(
  store: AsanaStore,
  fields: { name: string; workspace: StoredObject; owner: StoredObject; color?: string; members?: StoredObject[]; items?: StoredObject[]; gid?: string },
): StoredObject {
  const portfolio = store.insert({
    ...(fields.gid ? { gid: fields.gid } : {}),
    resource_type: "portfolio",
    name: fields.name,
    archived: false,
    color: fields.color ?? "light-green",
    start_on: null,
    due_on: null,
    created_at: store.now(),
    created_by: fields.owner.gid,
    current_status_update: null,
    members: [...new Set([fields.owner.gid, ...(fields.members ?? []).map((m) => m.gid)])],
    owner: fields.owner.gid,
    workspace: fields.workspace.gid,
    permalink_url: "",
    public: false,
    _items: (fields.items ?? []).map((item) => item.gid),
  });
  portfolio.permalink_url = `https://app.asana.com/0/portfolio/${portfolio.gid}/list`;
  return portfolio;
}
