import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam } from "../../src/toolkit/index.js";
import { findStatusUpdateHint, presentStatusUpdate, statusPlanHint, statusUpdateOptFields, statusUpdateShape, type AsanaStatusUpdate } from "./model.js";

export const getStatusUpdate = defineTool({
  name: "GetStatusUpdate",
  title: "Get a status update",
  toolset: "status",
  description: "One status update in full: title, status, text, author, date and what it is about.",
  input: () =>
    z.strictObject({
      status_update_id: gidParam("status update", findStatusUpdateHint),
    }),
  output: () => z.object({ status_update: statusUpdateShape }),
  annotations: annotate.read,
  errorHints: { 402: statusPlanHint, 404: `No status update has this id (it may be deleted), or the user cannot see it. ${findStatusUpdateHint}` },
  async handler(input, { asana }) {
    const raw = await asana.get<AsanaStatusUpdate>(asanaPath`/status_updates/${input.status_update_id}`, { optFields: statusUpdateOptFields });
    return { status_update: presentStatusUpdate(raw) };
  },
});
