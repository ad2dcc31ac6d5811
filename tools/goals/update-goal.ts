import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { addErrorNote, annotate, clearedFields, clearParam, defineTool, gidParam, mutationStatus, ToolInputError } from "../../src/toolkit/index.js";
import { asanaGoalStatus, findGoalHint, goalOptFields, goalPlanHint, goalShape, goalStatuses, presentGoal, type AsanaGoal } from "./model.js";

export const updateGoal = defineTool({
  name: "UpdateGoal",
  title: "Update a goal",
  toolset: "goals",
  description:
    "Set a goal's status and/or its metric's current value. Both need the goal to have a metric. " +
    'clear ["status"] empties the status. To explain a status, post a status update (Asana_CreateStatusUpdate) too.',
  input: () =>
    z.strictObject({
      goal_id: gidParam("goal", findGoalHint),
      status: z.enum(goalStatuses, { error: `must be one of: ${goalStatuses.join(", ")}` }).optional(),
      current_value: z
        .number({ error: "must be a number" })
        .refine(Number.isFinite, { error: "must be a finite number" })
        .optional()
        .describe("Percentages as fractions: 0.85 is 85%."),
      clear: clearParam(["status"]),
    }),
  output: () => z.object({ status: mutationStatus, goal: goalShape }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    400: ({ asanaMessage }) =>
      /metric/i.test(asanaMessage)
        ? "This goal has no metric, so neither its status nor a current value can be set through the API; set a metric in Asana first."
        : undefined,
    402: goalPlanHint,
    404: `No goal has this id, or the user cannot see it. ${findGoalHint}`,
  },
  async handler(input, { asana }) {
    const status = clearedFields(input).has("status") ? null : input.status;
    if (status === undefined && input.current_value === undefined) {
      throw new ToolInputError(
        "status, current_value, clear",
        "must change at least one: none was given",
        "Pass status, current_value or both; to read the goal, use Asana_GetGoal.",
      );
    }
    let raw: AsanaGoal | undefined;
    if (status !== undefined) {
      raw = await asana.put<AsanaGoal>(
        asanaPath`/goals/${input.goal_id}`,
        { status: status === null ? null : asanaGoalStatus(status) },
        { optFields: goalOptFields },
      );
    }
    if (input.current_value !== undefined) {
      try {
        raw = await asana.post<AsanaGoal>(
          asanaPath`/goals/${input.goal_id}/setMetricCurrentValue`,
          { current_number_value: input.current_value },
          { optFields: goalOptFields, idempotent: true },
        );
      } catch (error) {
        if (status !== undefined)
          throw addErrorNote(error, `The status was set to ${status ?? "none"} before this failed; only the current value is left to set.`);
        throw error;
      }
    }
    const changed = [
      status !== undefined ? `status ${status ?? "cleared"}` : "",
      input.current_value !== undefined ? `current value ${input.current_value}` : "",
    ].filter(Boolean);
    return { status: { success: true, message: `goal updated: ${changed.join(", ")}` }, goal: presentGoal(raw!) };
  },
});
