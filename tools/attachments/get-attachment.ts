import * as z from "zod";
import { asanaPath } from "../../src/asana/index.js";
import { annotate, defineTool, gidParam } from "../../src/toolkit/index.js";
import { findAttachmentHint } from "../shared/hints.js";
import { attachmentContent, fileShape } from "./attachment-content.js";
import { attachmentDetailOptFields, attachmentShape, presentAttachment, type AsanaAttachment } from "./model.js";

export const getAttachment = defineTool({
  name: "GetAttachment",
  title: "Get an attachment",
  toolset: "attachments",
  description: "One attachment: name, size, host (asana, dropbox, gdrive, …), download_url (expires within minutes) and view_url.",
  input: () =>
    z.strictObject({
      attachment_id: gidParam("attachment", findAttachmentHint),
      // Off unless asked: the answer stays as it always was, and no file lands in a context that did not ask for one.
      include_content: z.boolean().default(false).describe("Also return the file itself (image, text, small file) to clients that show it."),
    }),
  output: () => z.object({ attachment: attachmentShape, file: fileShape.optional() }),
  annotations: annotate.read,
  errorHints: { 404: `No attachment has this id (it may have been deleted), or the user cannot see it. ${findAttachmentHint}` },
  async handler(input, ctx) {
    const read = () => ctx.asana.get<AsanaAttachment>(asanaPath`/attachments/${input.attachment_id}`, { optFields: attachmentDetailOptFields });
    const raw = await read();
    if (!input.include_content) return { attachment: presentAttachment(raw) };
    // Fetched right after the read: the download link expires in about two minutes.
    const { attachment, file } = await attachmentContent(raw, ctx, read);
    return { attachment: presentAttachment(attachment), file };
  },
});
