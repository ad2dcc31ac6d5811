import { badRequest, bodyData, data, mustGet, notFound, type EmulatorRequest, type EmulatorRoute } from "../http-kit.js";
import { metricDisplay } from "../goals.js";
import { listResponse } from "../pagination.js";
import { requirePremium } from "../plans.js";
import { compactOf, project } from "../projection.js";
import type { StoredObject } from "../store.js";
import { readRichText } from "../rich-text.js";
import { userByIdentifier } from "./tasks.js";

/**
 * Goals (premium: 402 on a free workspace; the document declares it on most goal operations) and
 * the time periods they are set for. A goal remembers the projects, portfolios and tasks that
 * support it (hidden `_projects`, `_portfolios`, `_tasks`), which is what getGoals filters on.
 */

/** GoalResponse.status: green/yellow/red while open, the closing states after. */
const goalStatuses = new Set(["green", "yellow", "red", "missed", "achieved", "partial", "dropped"]);
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function premiumGoal(request: EmulatorRequest): StoredObject {
  const goal = mustGet(request, request.params.goal_gid, "goal", "goal");
  requirePremium(mustGet(request, String(goal.workspace), "workspace", "workspace"), "Goals");
  return goal;
}

/** getGoals: by workspace, team, supporting project, portfolio or task; narrowed by time periods and workspace level. */
function listGoals(request: EmulatorRequest) {
  const { workspace, team, project: projectGid, portfolio, task, time_periods: timePeriods, is_workspace_level: workspaceLevel } = request.query;
  if (!workspace && !team && !projectGid && !portfolio && !task)
    throw badRequest("workspace: Missing input. Provide a workspace, team, project, portfolio or task.");
  if (workspaceLevel !== undefined && !workspace) throw badRequest("is_workspace_level: Must be used with the workspace parameter.");
  const scope = workspace
    ? mustGet(request, workspace, "workspace", "workspace")
    : team
      ? mustGet(request, team, "team", "team")
      : projectGid
        ? mustGet(request, projectGid, "project", "project")
        : portfolio
          ? mustGet(request, portfolio, "portfolio", "portfolio")
          : mustGet(request, String(task), "task", "task");
  const workspaceOfScope =
    scope.resource_type === "workspace" ? scope : mustGet(request, String(scope.workspace ?? scope.organization), "workspace", "workspace");
  requirePremium(workspaceOfScope, "Goals");
  const periods = timePeriods
    ?.split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  const has = (goal: StoredObject, key: string, gid: string | undefined) => gid === undefined || ((goal[key] as string[] | undefined) ?? []).includes(gid);
  const goals = request.store.all(
    "goal",
    (g) =>
      g.workspace === workspaceOfScope.gid &&
      (!team || g.team === team) &&
      has(g, "_projects", projectGid) &&
      has(g, "_portfolios", portfolio) &&
      has(g, "_tasks", task) &&
      (!periods || periods.includes(String(g.time_period))) &&
      (workspaceLevel === undefined || String(g.is_workspace_level === true) === workspaceLevel),
  );
  return listResponse(request, goals);
}

function updateGoal(request: EmulatorRequest) {
  const goal = premiumGoal(request);
  const fields = bodyData(request);
  const changes: Record<string, unknown> = {};
  if ("name" in fields) {
    if (typeof fields.name !== "string" || fields.name.trim() === "") throw badRequest("name: Missing input");
    changes.name = fields.name;
  }
  if (typeof fields.html_notes === "string") {
    const read = readRichText(fields.html_notes, "goal");
    if ("problem" in read) throw badRequest(`html_notes: ${read.problem}`);
    Object.assign(changes, { html_notes: fields.html_notes, notes: read.plain });
  } else if (typeof fields.notes === "string") {
    Object.assign(changes, { notes: fields.notes, html_notes: `<body>${fields.notes.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</body>` });
  }
  for (const name of ["due_on", "start_on"]) {
    if (!(name in fields)) continue;
    const value = fields[name];
    if (value !== null && (typeof value !== "string" || !isoDate.test(value) || Number.isNaN(Date.parse(value))))
      throw badRequest(`${name}: Invalid date format, must be YYYY-MM-DD: ${String(value)}`);
    changes[name] = value;
  }
  if ("is_workspace_level" in fields) changes.is_workspace_level = fields.is_workspace_level === true;
  if ("liked" in fields) changes.liked = fields.liked === true;
  if ("owner" in fields) changes.owner = fields.owner === null ? null : userByIdentifier(request, String(fields.owner), "owner").gid;
  if ("team" in fields) {
    const team = fields.team === null ? null : mustGet(request, String(fields.team), "team", "team");
    if (team && team.organization !== goal.workspace) throw badRequest(`team: Team ${team.gid} is not in the goal's workspace.`);
    changes.team = team?.gid ?? null;
  }
  if ("time_period" in fields)
    changes.time_period = fields.time_period === null ? null : mustGet(request, String(fields.time_period), "time_period", "time_period").gid;
  if ("status" in fields) {
    // GoalResponse.status: "you can only write to this property if metric is set".
    if (!goal.metric) throw badRequest("status: A goal's status can only be set once it has a metric. Set one with POST /goals/{goal_gid}/setMetric.");
    if (fields.status !== null && (typeof fields.status !== "string" || !goalStatuses.has(fields.status))) {
      throw badRequest(`status: Invalid value: ${String(fields.status)}. Must be one of ${[...goalStatuses].join(", ")}.`);
    }
    changes.status = fields.status;
  }
  if (typeof changes.start_on === "string" || typeof goal.start_on === "string") {
    const start = (changes.start_on ?? goal.start_on) as string | null;
    const due = ("due_on" in changes ? changes.due_on : goal.due_on) as string | null;
    if (start && due && start > due) throw badRequest(`start_on: The start date (${start}) must not be after the due date (${due}).`);
  }
  Object.assign(goal, changes);
  return data(project(request.store, goal, request.optFields));
}

function setMetricCurrentValue(request: EmulatorRequest) {
  const goal = premiumGoal(request);
  const fields = bodyData(request);
  const metric = goal.metric as Record<string, unknown> | null | undefined;
  if (!metric) throw badRequest("goal: The goal has no metric. Set one with POST /goals/{goal_gid}/setMetric first.");
  const value = fields.current_number_value;
  if (value === undefined) throw badRequest("current_number_value: Missing input");
  if (typeof value !== "number" || !Number.isFinite(value)) throw badRequest(`current_number_value: Must be a number; got ${JSON.stringify(value)}.`);
  goal.metric = {
    ...metric,
    current_number_value: value,
    current_display_value: metricDisplay(metric as { unit: string; precision: number; currency_code?: string | null }, value),
  };
  return data(project(request.store, goal, request.optFields));
}

/** createGoal: in a workspace (and a team, or at the workspace's level), owned by the caller unless `owner` says otherwise. */
function createGoal(request: EmulatorRequest) {
  const fields = bodyData(request);
  if (fields.workspace === undefined || fields.workspace === null) throw badRequest("workspace: Missing input");
  const workspace = mustGet(request, String(fields.workspace), "workspace", "workspace");
  requirePremium(workspace, "Goals");
  if (typeof fields.name !== "string" || fields.name.trim() === "") throw badRequest("name: Missing input");
  const team = fields.team === undefined || fields.team === null ? undefined : mustGet(request, String(fields.team), "team", "team");
  if (team && team.organization !== workspace.gid) throw badRequest(`team: Team ${team.gid} is not in workspace ${workspace.gid}.`);
  for (const name of ["due_on", "start_on"]) {
    const value = fields[name];
    if (value !== undefined && value !== null && (typeof value !== "string" || !isoDate.test(value) || Number.isNaN(Date.parse(value))))
      throw badRequest(`${name}: Invalid date format, must be YYYY-MM-DD: ${String(value)}`);
  }
  // GoalBase.start_on "cannot be set unless there is an accompanying due date".
  if (typeof fields.start_on === "string" && typeof fields.due_on !== "string") throw badRequest("start_on: A start date needs a due date (due_on).");
  if (typeof fields.start_on === "string" && typeof fields.due_on === "string" && fields.start_on > fields.due_on)
    throw badRequest(`start_on: The start date (${fields.start_on}) must not be after the due date (${fields.due_on}).`);
  const period =
    fields.time_period === undefined || fields.time_period === null ? undefined : mustGet(request, String(fields.time_period), "time_period", "time_period");
  const owner = fields.owner === undefined || fields.owner === null ? request.me : userByIdentifier(request, String(fields.owner), "owner");
  let notes = "";
  let htmlNotes = "<body></body>";
  if (typeof fields.html_notes === "string") {
    const read = readRichText(fields.html_notes, "goal");
    if ("problem" in read) throw badRequest(`html_notes: ${read.problem}`);
    [notes, htmlNotes] = [read.plain, fields.html_notes];
  } else if (typeof fields.notes === "string") {
    [notes, htmlNotes] = [fields.notes, `<body>${fields.notes.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</body>`];
  }
  const goal = request.store.insert({
    resource_type: "goal",
    name: fields.name,
    notes,
    html_notes: htmlNotes,
    due_on: (fields.due_on as string | null | undefined) ?? null,
    start_on: (fields.start_on as string | null | undefined) ?? null,
    is_workspace_level: typeof fields.is_workspace_level === "boolean" ? fields.is_workspace_level : !team,
    liked: false,
    likes: [],
    num_likes: 0,
    team: team?.gid ?? null,
    workspace: workspace.gid,
    followers: [
      ...new Set([owner.gid, ...(Array.isArray(fields.followers) ? fields.followers.map((f) => userByIdentifier(request, String(f), "followers").gid) : [])]),
    ],
    time_period: period?.gid ?? null,
    metric: null,
    owner: owner.gid,
    current_status_update: null,
    status: null,
    privacy_setting: "public_to_workspace",
    _projects: [],
    _portfolios: [],
  });
  return data(project(request.store, goal, request.optFields), 201);
}

/** Where a goal keeps what supports it, by the supporting resource's type. */
const supportKeys: Partial<Record<StoredObject["resource_type"], string>> = { goal: "_goals", project: "_projects", portfolio: "_portfolios", task: "_tasks" };

function supporterOf(request: EmulatorRequest, goal: StoredObject): { supporter: StoredObject; key: string } {
  const fields = bodyData(request);
  if (fields.supporting_resource === undefined || fields.supporting_resource === null) throw badRequest("supporting_resource: Missing input");
  const gid = String(fields.supporting_resource);
  if (!/^\d+$/.test(gid)) throw badRequest(`supporting_resource: Not a valid gid: ${gid}`);
  const found = request.store.get(gid);
  if (!found) throw notFound(`supporting_resource: Unknown object: ${gid}`);
  const key = supportKeys[found.resource_type];
  if (!key) throw badRequest(`supporting_resource: ${gid} is a ${found.resource_type}; it must be a goal, project, task or portfolio.`);
  if (found.workspace !== goal.workspace) throw badRequest(`supporting_resource: ${found.resource_type} ${gid} is in another workspace than the goal.`);
  if (found.gid === goal.gid) throw badRequest("supporting_resource: A goal cannot support itself.");
  return { supporter: found, key };
}

/**
 * addSupportingRelationship: the relationship (GoalRelationshipResponse). Adding a resource that
 * already supports the goal answers with the relationship it has, its weight updated if one is sent.
 */
function addSupport(request: EmulatorRequest) {
  const goal = premiumGoal(request);
  const fields = bodyData(request);
  const { supporter, key } = supporterOf(request, goal);
  const weight = fields.contribution_weight;
  if (weight !== undefined && (typeof weight !== "number" || weight < 0 || weight > 1)) throw badRequest("contribution_weight: Must be a number from 0 to 1.");
  if ((fields.insert_before !== undefined || fields.insert_after !== undefined) && supporter.resource_type !== "goal")
    throw badRequest("insert_before: Ordering is only supported when adding a subgoal.");
  goal[key] = [...new Set([...((goal[key] as string[] | undefined) ?? []), supporter.gid])];
  const existing = request.store.all("goal_relationship", (r) => r.supported_goal === goal.gid && r.supporting_resource === supporter.gid)[0];
  const relationship =
    existing ??
    request.store.insert({
      resource_type: "goal_relationship",
      resource_subtype: supporter.resource_type === "goal" ? "subgoal" : "supporting_work",
      supporting_resource: supporter.gid,
      supported_goal: goal.gid,
      contribution_weight: 0,
    });
  if (typeof weight === "number") relationship.contribution_weight = weight;
  return data(project(request.store, relationship, request.optFields));
}

/** removeSupportingRelationship: a resource that does not support the goal is left as it is. */
function removeSupport(request: EmulatorRequest) {
  const goal = premiumGoal(request);
  const { supporter, key } = supporterOf(request, goal);
  goal[key] = ((goal[key] as string[] | undefined) ?? []).filter((gid) => gid !== supporter.gid);
  for (const relationship of request.store.all("goal_relationship", (r) => r.supported_goal === goal.gid && r.supporting_resource === supporter.gid)) {
    request.store.delete(relationship.gid);
  }
  return data({});
}

export const goalRoutes: EmulatorRoute[] = [
  { method: "GET", path: "/goals", handle: listGoals },
  { method: "GET", path: "/goals/{goal_gid}", handle: (request) => data(project(request.store, premiumGoal(request), request.optFields)) },
  { method: "PUT", path: "/goals/{goal_gid}", handle: updateGoal },
  { method: "POST", path: "/goals/{goal_gid}/setMetricCurrentValue", handle: setMetricCurrentValue },
  {
    method: "GET",
    path: "/time_periods",
    handle: (request) => {
      if (!request.query.workspace) throw badRequest("workspace: Missing input");
      const workspace = mustGet(request, request.query.workspace, "workspace", "workspace");
      const { start_on: startOn, end_on: endOn } = request.query;
      for (const [name, value] of [
        ["start_on", startOn],
        ["end_on", endOn],
      ] as const) {
        if (value !== undefined && (!isoDate.test(value) || Number.isNaN(Date.parse(value))))
          throw badRequest(`${name}: Invalid date format, must be YYYY-MM-DD: ${value}`);
      }
      // start_on / end_on keep the periods that fall within the given bounds.
      const periods = request.store.all(
        "time_period",
        (p) => p.workspace === workspace.gid && (!startOn || String(p.start_on) >= startOn) && (!endOn || String(p.end_on) <= endOn),
      );
      return listResponse(request, periods);
    },
  },
  {
    method: "GET",
    path: "/time_periods/{time_period_gid}",
    handle: (request) => data(project(request.store, mustGet(request, request.params.time_period_gid, "time_period", "time_period"), request.optFields)),
  },
  { method: "POST", path: "/goals", handle: createGoal },
  { method: "POST", path: "/goals/{goal_gid}/addSupportingRelationship", handle: addSupport },
  { method: "POST", path: "/goals/{goal_gid}/removeSupportingRelationship", handle: removeSupport },
  {
    method: "GET",
    path: "/goals/{goal_gid}/parentGoals",
    handle: (request) => {
      const goal = premiumGoal(request);
      // getParentGoalsForGoal takes no paging: every goal this one supports, in one answer.
      const parents = request.store.all("goal", (g) => ((g._goals as string[] | undefined) ?? []).includes(goal.gid));
      return data(parents.map((parent) => (request.optFields ? project(request.store, parent, request.optFields) : compactOf(request.store, parent))));
    },
  },
];
