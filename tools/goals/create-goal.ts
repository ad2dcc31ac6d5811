import * as z from "zod";
import { asanaPath, type AsanaSession } from "../../src/asana/index.js";
import {
  annotate,
  boundedText,
  dateParam,
  defineTool,
  gidParam,
  isGid,
  mutationStatus,
  nonEmptyText,
  quoted,
  ToolInputError,
  userParam,
} from "../../src/toolkit/index.js";
import { findTeamHint, findUserHint, findWorkspaceHint } from "../shared/hints.js";
import { carriesMarker, markedNotes, takeOutMarker } from "../shared/create-markers.js";
import { findInPages } from "../shared/lost-answers.js";
import { resolveWorkspaceId } from "../shared/lookups.js";
import { workspaceIdParam } from "../shared/params.js";
import { goalOptFields, goalPlanHint, goalShape, presentGoal, type AsanaGoal } from "./model.js";

export const createGoal = defineTool({
  name: "CreateGoal",
  title: "Create a goal",
  toolset: "goals",
  description:
    "Create a goal in a workspace, for a team (team_id) or the whole workspace, optionally for a time period (Asana_ListTimePeriods). " +
    "Asana_AddGoalSupport links the projects, tasks or subgoals that serve it. Paid plans.",
  input: () =>
    z.strictObject({
      name: nonEmptyText("must be the goal's name", "Give the goal a name"),
      workspace_id: workspaceIdParam,
      team_id: gidParam("team", findTeamHint).optional(),
      time_period_id: gidParam("time period", "Find time period ids with Asana_ListTimePeriods.").optional(),
      owner: userParam("Owner", findUserHint).default("me").describe('"me" (default), a user id or an email.'),
      start_on: dateParam().optional().describe("Needs due_on."),
      due_on: dateParam().optional(),
      notes: boundedText("the goal's description as plain text", 65_536).optional(),
    }),
  output: () => z.object({ status: mutationStatus, goal: goalShape }),
  annotations: annotate.create,
  errorHints: {
    400: "The team and time period must be in the goal's workspace.",
    402: goalPlanHint,
    404: `The workspace, team, time period or owner is unknown or not visible to the user. ${findWorkspaceHint}`,
    unknownOutcome: "Look for a goal of this name with Asana_ListGoals.",
  },
  async handler(input, { asana, createMarker: marker }) {
    // GoalBase.start_on "cannot be set unless there is an accompanying due date".
    if (input.start_on !== undefined && input.due_on === undefined)
      throw new ToolInputError("start_on", "needs a due date: Asana keeps a goal's start only with its due date", "Pass due_on as well.");
    if (input.start_on !== undefined && input.due_on !== undefined && input.start_on > input.due_on)
      throw new ToolInputError("start_on", `falls after due_on (${input.due_on})`, "Give a start date on or before the due date.");
    const workspace = await goalWorkspace(asana, input);
    // The call's marker ends the goal's notes until the answer is in (see CreateMarker).
    const notes = markedNotes(input.notes, marker);
    // GoalRequestBase.owner is "The gid of a user", so "me" and emails are looked up first.
    const owner = isGid(input.owner) ? input.owner : (await asana.get<{ gid: string }>(asanaPath`/users/${input.owner}`, { optFields: ["name"] })).gid;
    const raw = await asana.post<AsanaGoal>(
      "/goals",
      {
        workspace,
        name: input.name,
        owner,
        ...(input.team_id ? { team: input.team_id, is_workspace_level: false } : {}),
        ...(input.time_period_id ? { time_period: input.time_period_id } : {}),
        ...(input.due_on ? { due_on: input.due_on } : {}),
        ...(input.start_on ? { start_on: input.start_on } : {}),
        ...(notes !== undefined ? { notes } : {}),
      },
      { optFields: goalOptFields },
    );
    const unmarked = await takeOutMarker<AsanaGoal>(asana, asanaPath`/goals/${raw.gid}`, { notes: input.notes }, "notes", marker, goalOptFields);
    return {
      status: { success: true, message: `goal ${quoted(input.name)} created${unmarked?.note ? `; ${unmarked.note}` : ""}` },
      goal: presentGoal(unmarked?.raw ?? raw),
    };
  },
  // Asana's answer was lost: the goal that carries this call's marker in its notes is this call's.
  // Goals list no creation time, so without a marker nothing tells this call's goal from another.
  async reconcile(input, { asana, createMarker: marker }) {
    if (!marker?.placed) return undefined;
    const workspace = await goalWorkspace(asana, input);
    const found = await findInPages<AsanaGoal & { notes?: string }>(
      asana,
      "/goals",
      { query: { workspace, ...(input.team_id ? { team: input.team_id } : {}) }, optFields: ["notes"] },
      (goal) => carriesMarker(goal.notes, marker),
      10,
    );
    if (found.length !== 1) return undefined;
    const unmarked = await takeOutMarker<AsanaGoal>(asana, asanaPath`/goals/${found[0]!.gid}`, { notes: input.notes }, "notes", marker, goalOptFields);
    const raw = unmarked?.raw ?? (await asana.get<AsanaGoal>(asanaPath`/goals/${found[0]!.gid}`, { optFields: goalOptFields }));
    return {
      status: {
        success: true,
        message: `goal ${quoted(input.name)} created (Asana's answer was lost on the way back; the goal was found by the marker this call put on it)${unmarked?.note ? `; ${unmarked.note}` : ""}`,
      },
      goal: presentGoal(raw),
    };
  },
  marks: "the end of the goal's notes",
});

function goalWorkspace(asana: AsanaSession, input: { team_id?: string | undefined; workspace_id?: string | undefined }): Promise<string> {
  return input.team_id && !input.workspace_id ? workspaceOfTeam(asana, input.team_id) : resolveWorkspaceId(asana, input.workspace_id);
}

/** A team names its workspace, so a goal for a team needs no workspace_id. */
async function workspaceOfTeam(asana: AsanaSession, teamId: string): Promise<string> {
  const team = await asana.get<{ gid: string; organization?: { gid: string } | null }>(asanaPath`/teams/${teamId}`, { optFields: ["organization"] });
  if (!team.organization?.gid) throw new ToolInputError("team_id", "names a team Asana gives no workspace for", "Pass workspace_id as well.");
  return team.organization.gid;
}
