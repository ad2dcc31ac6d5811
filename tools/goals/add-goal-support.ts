import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, compact, defineTool, mutationStatus, type AsanaRef } from "../../src/toolkit/index.js";
import { goalSupportInput, supportingShape } from "./goal-support.js";
import { findGoalHint, goalPlanHint } from "./model.js";

interface AsanaGoalRelationship {
  gid: string;
  resource_subtype?: string;
  contribution_weight?: number;
  supporting_resource?: (AsanaRef & { resource_type?: string }) | null;
}

export const addGoalSupport = defineTool({
  name: "AddGoalSupport",
  title: "Link work to a goal",
  toolset: "goals",
  description: "Make a project, portfolio, task or subgoal support a goal; weight (0-1) is how much its progress counts toward the goal's. Paid plans.",
  input: () =>
    z.strictObject({
      ...goalSupportInput,
      weight: z
        .number({ error: "must be a number from 0 to 1" })
        .refine((value) => value >= 0 && value <= 1, { error: "must be a number from 0 to 1" })
        .optional(),
    }),
  output: () =>
    z.object({
      status: mutationStatus,
      goal: z.object({ id: z.string() }),
      supporting: supportingShape,
      kind: z.string().optional().describe("subgoal or supporting_work."),
      weight: z.number().optional(),
    }),
  annotations: annotate.idempotentWrite,
  errorHints: {
    400: "The supporting work must be in the goal's workspace, and a goal cannot support itself.",
    402: goalPlanHint,
    404: `The goal or the supporting work is unknown or not visible to the user. ${findGoalHint}`,
  },
  async handler(input, { asana }) {
    const raw = await asana.post<AsanaGoalRelationship>(
      asanaPath`/goals/${input.goal_id}/addSupportingRelationship`,
      { supporting_resource: input.supporting_id, ...(input.weight !== undefined ? { contribution_weight: input.weight } : {}) },
      { optFields: ["resource_subtype", "contribution_weight", "supporting_resource.name"], idempotent: true },
    );
    const supporter = raw.supporting_resource;
    return {
      status: { success: true, message: `${supporter?.resource_type ?? "item"} ${input.supporting_id} supports goal ${input.goal_id}` },
      goal: { id: input.goal_id },
      supporting: { id: input.supporting_id, ...compact({ name: supporter?.name, type: supporter?.resource_type }) },
      ...compact({ kind: raw.resource_subtype, weight: raw.contribution_weight }),
    };
  },
});
