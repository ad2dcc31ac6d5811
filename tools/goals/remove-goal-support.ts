import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, mutationStatus } from "../../src/toolkit/index.js";
import { goalSupportInput, supportingShape } from "./goal-support.js";
import { findGoalHint, goalPlanHint } from "./model.js";

export const removeGoalSupport = defineTool({
  name: "RemoveGoalSupport",
  title: "Unlink work from a goal",
  toolset: "goals",
  description: "Stop a project, portfolio, task or subgoal supporting a goal; both stay. Paid plans.",
  input: () => z.strictObject(goalSupportInput),
  output: () => z.object({ status: mutationStatus, goal: z.object({ id: z.string() }), supporting: supportingShape }),
  annotations: annotate.idempotentWrite,
  errorHints: { 402: goalPlanHint, 404: `The goal or the supporting work is unknown or not visible to the user. ${findGoalHint}` },
  async handler(input, { asana }) {
    // removeSupportingRelationship answers with an empty record.
    await asana.post(asanaPath`/goals/${input.goal_id}/removeSupportingRelationship`, { supporting_resource: input.supporting_id }, { idempotent: true });
    return {
      status: { success: true, message: `${input.supporting_id} no longer supports goal ${input.goal_id}` },
      goal: { id: input.goal_id },
      supporting: { id: input.supporting_id },
    };
  },
});
