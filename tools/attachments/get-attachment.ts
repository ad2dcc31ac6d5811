import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam } from "../../src/toolkit/index.js";
import { findAttachmentHint } from "../shared/hints.js";
import { attachmentDetailOptFields, attachmentShape, presentAttachment, type AsanaAttachment } from "./model.js";

export const getAttachment = defineTool({
  name: "GetAttachment",
  title: "Get an attachment",
  toolset: "attachments",
  description: "One attachment: name, size, host (asana, dropbox, gdrive, …), download_url (expires within minutes) and view_url.",
  input: z.strictObject({ attachment_id: gidParam("attachment", findAttachmentHint) }),
  output: z.object({ attachment: attachmentShape }),
  annotations: annotate.read,
  errorHints: { 404: `No attachment has this id (it may have been deleted), or the user cannot see it. ${findAttachmentHint}` },
  async handler(input, { asana }) {
    const raw = await asana.get<AsanaAttachment>(asanaPath`/attachments/${input.attachment_id}`, { optFields: attachmentDetailOptFields });
    return { attachment: presentAttachment(raw) };
  },
});
