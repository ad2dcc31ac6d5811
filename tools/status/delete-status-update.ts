import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus, quoted } from "../../src/toolkit/index.js";
import { findStatusUpdateHint, statusPlanHint } from "./model.js";

export const deleteStatusUpdate = defineTool({
  name: "DeleteStatusUpdate",
  title: "Delete a status update",
  toolset: "status",
  description: "Delete a status update; the one before it becomes the current status again. Confirm with the user first.",
  input: () =>
    z.strictObject({
      status_update_id: gidParam("status update", findStatusUpdateHint),
    }),
  output: () => z.object({ status: mutationStatus, status_update: z.object({ id: z.string() }) }),
  annotations: annotate.destructive,
  errorHints: { 402: statusPlanHint, 404: `No status update has this id (it may already be deleted), or the user cannot see it. ${findStatusUpdateHint}` },
  preview: {
    async plan(input, { asana }) {
      const update = await asana.get<{ title?: string; status_type?: string; created_at?: string; modified_at?: string; parent?: { name?: string } | null }>(
        asanaPath`/status_updates/${input.status_update_id}`,
        { optFields: ["title", "text", "status_type", "created_at", "modified_at", "parent.name"] },
      );
      const facts = [update.status_type?.replace(/_/g, " "), update.created_at?.slice(0, 10)].filter(Boolean).join(", ");
      const of = update.parent?.name ? ` of ${quoted(update.parent.name)}` : "";
      const title = update.title ? ` ${quoted(update.title)}` : ` ${input.status_update_id}`;
      return { summary: `Delete status update${title}${facts ? ` (${facts})` : ""}${of}`, fingerprint: [update.modified_at, update.title] };
    },
  },
  async handler(input, { asana }) {
    await asana.delete(asanaPath`/status_updates/${input.status_update_id}`);
    return { status: { success: true, message: `status update ${input.status_update_id} deleted` }, status_update: { id: input.status_update_id } };
  },
});
