import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam, mutationStatus, quoted } from "../../src/toolkit/index.js";
import { findAttachmentHint } from "../shared/hints.js";
import { named } from "../shared/write-previews.js";

export const deleteAttachment = defineTool({
  name: "DeleteAttachment",
  title: "Delete an attachment",
  toolset: "attachments",
  description: "Delete an attachment from its task for good (it cannot be restored through the API). Confirm with the user first.",
  input: () => z.strictObject({ attachment_id: gidParam("attachment", findAttachmentHint) }),
  output: () => z.object({ status: mutationStatus, attachment: z.object({ id: z.string() }) }),
  annotations: annotate.destructive,
  errorHints: { 404: `No attachment has this id: it may already be deleted, or the user cannot see it. ${findAttachmentHint}` },
  preview: {
    async plan(input, { asana }) {
      const attachment = await asana.get<{ name?: string; parent?: { name?: string; resource_type?: string } | null }>(
        asanaPath`/attachments/${input.attachment_id}`,
        { optFields: ["name", "parent.name"] },
      );
      const from = attachment.parent?.name ? ` from ${quoted(attachment.parent.name)}` : "";
      return { summary: `Delete ${named("attachment", attachment, input.attachment_id)}${from} for good`, fingerprint: [attachment.name] };
    },
  },
  async handler(input, { asana }) {
    await asana.delete(asanaPath`/attachments/${input.attachment_id}`);
    return { status: { success: true, message: `attachment ${input.attachment_id} deleted` }, attachment: { id: input.attachment_id } };
  },
});
