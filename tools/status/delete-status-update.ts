import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus } from "../../src/toolkit/index.js";
import { findStatusUpdateHint, statusPlanHint } from "./model.js";

export const deleteStatusUpdate = defineTool({
  name: "DeleteStatusUpdate",
  title: "Delete a status update",
  toolset: "status",
  description: "Delete a status update; the one before it becomes the current status again. Confirm with the user first.",
  input: z.strictObject({
    status_update_id: gidParam("status update", findStatusUpdateHint),
  }),
  output: z.object({ status: mutationStatus, status_update: z.object({ id: z.string() }) }),
  annotations: annotate.destructive,
  errorHints: { 402: statusPlanHint, 404: `No status update has this id (it may already be deleted), or the user cannot see it. ${findStatusUpdateHint}` },
  async handler(input, { asana }) {
    await asana.delete(asanaPath`/status_updates/${input.status_update_id}`);
    return { status: { success: true, message: `status update ${input.status_update_id} deleted` }, status_update: { id: input.status_update_id } };
  },
});
