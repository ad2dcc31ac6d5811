import { Blob } from "node:buffer";
import * as z from "zod";
import { loadFormData } from "../../src/asana/index.js";
import {
  annotate,
  boundedText,
  defineTool,
  gidParam,
  maxToolCallBytes,
  maxUploadBytes,
  mutationStatus,
  nonEmptyText,
  ToolInputError,
} from "../../src/toolkit/index.js";
import { findTaskHint } from "../shared/hints.js";
import { findInPages } from "../shared/lost-answers.js";
import { contentTypeFor, decodeBase64, dispositionFileName, encodeText, webUrl } from "./file-content.js";
import { attachmentOptFields, attachmentShape, presentAttachment, type AsanaAttachment } from "./model.js";

/**
 * Content is measured once decoded, with a message that says by how much it is over; this outer bound
 * (the largest tool call a front door accepts) only stops what could never be an upload.
 */
const maxContentChars = maxToolCallBytes;

export const attachFileToTask = defineTool({
  name: "AttachFileToTask",
  title: "Attach a file to a task",
  toolset: "attachments",
  description:
    `Attach a file to a task: text as file_content_str, binary as file_content_base64, or a link as file_content_url (exactly one). ` +
    `Uploads up to ${maxUploadBytes / (1024 * 1024)} MB; the name's extension sets the type.`,
  input: () =>
    z.strictObject({
      task_id: gidParam("task", findTaskHint),
      file_name: nonEmptyText("must be the file's name, such as report.pdf", "Name the file, such as notes.txt", 255).describe(
        "With extension, e.g. report.pdf.",
      ),
      file_content_str: boundedText("the file's content", maxContentChars).optional(),
      file_content_base64: boundedText("the file's content in base64", maxContentChars).optional(),
      file_content_url: boundedText("a web link", 2048).optional(),
      file_encoding: boundedText("an encoding name", 40).default("utf-8").describe("For file_content_str: utf-8, ascii, latin-1 or utf-16le."),
    }),
  output: () =>
    z.object({
      status: mutationStatus,
      attachment: attachmentShape,
    }),
  annotations: annotate.create,
  errorHints: {
    400: "Check the file name and the content Asana names; Asana accepts files up to 100 MB.",
    unknownOutcome: "Open the task in Asana (its permalink from Asana_GetTaskById) and look for the file among its attachments.",
    404: `No task has this id, or the user cannot see it. ${findTaskHint}`,
  },
  async handler(input, { asana }) {
    const given = (["file_content_str", "file_content_base64", "file_content_url"] as const).filter((field) => input[field] !== undefined);
    if (given.length !== 1) {
      throw new ToolInputError(
        given.length === 0 ? "file_content_str" : given.join(", "),
        "Provide exactly one of file_content_str, file_content_base64, or file_content_url",
        given.length === 0 ? "Pass the content (text or base64) or a link." : `You passed ${given.length}; keep only one.`,
      );
    }

    const FormData = await loadFormData();
    const form = new FormData();
    form.append("parent", input.task_id);
    form.append("name", input.file_name);
    if (input.file_content_url !== undefined) {
      form.append("resource_subtype", "external");
      form.append("url", webUrl(input.file_content_url));
    } else {
      const bytes =
        input.file_content_base64 !== undefined ? decodeBase64(input.file_content_base64) : encodeText(input.file_content_str!, input.file_encoding);
      if (bytes.length === 0) {
        throw new ToolInputError(given[0]!, "is empty, so there is nothing to attach", "Pass the file's content.");
      }
      form.append("file", new Blob([bytes], { type: contentTypeFor(input.file_name) }), dispositionFileName(input.file_name));
    }

    const raw = await asana.postForm<AsanaAttachment>("/attachments", form, { optFields: attachmentOptFields });
    return {
      status: { success: true, message: `file successfully attached to task ${input.task_id}` },
      attachment: presentAttachment(raw),
    };
  },
  // Asana's answer was lost: look for an attachment of this name on the task, made since the call started.
  // An attachment cannot be changed once made (no notes, no external data), so it carries no marker of ours.
  async reconcile(input, { asana, madeDuringCall }) {
    const found = await findInPages<AsanaAttachment & { created_at?: string }>(
      asana,
      "/attachments",
      { query: { parent: input.task_id }, optFields: [...attachmentOptFields, "created_at"] },
      (attachment) => attachment.name === input.file_name && madeDuringCall(attachment),
    );
    if (found.length !== 1) return undefined;
    return {
      status: { success: true, message: `file attached to task ${input.task_id} (Asana's answer was lost on the way back; the attachment was found)` },
      attachment: presentAttachment(found[0]!),
    };
  },
});
