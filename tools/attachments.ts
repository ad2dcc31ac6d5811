import { Blob } from "node:buffer";
import { FormData } from "undici";
import * as z from "zod";
import { Asana, compact, defineTool, gidParam, maxUploadBytes, mutationStatus, ToolInputError } from "../src/toolkit/index.js";
import { findTaskHint } from "./id-hints.js";

export { maxUploadBytes };

/** Text encodings file_content_str may be written in, by the names models use for them. */
const textEncodings: Record<string, "utf8" | "ascii" | "latin1" | "utf16le"> = {
  "utf-8": "utf8",
  utf8: "utf8",
  ascii: "ascii",
  "us-ascii": "ascii",
  "latin-1": "latin1",
  latin1: "latin1",
  "iso-8859-1": "latin1",
  "utf-16le": "utf16le",
  utf16le: "utf16le",
};

/** Content types by extension; Asana shows a preview for the ones it recognises (PDFs, images, text). */
const contentTypes: Record<string, string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  svg: "image/svg+xml",
  txt: "text/plain",
  log: "text/plain",
  csv: "text/csv",
  tsv: "text/tab-separated-values",
  json: "application/json",
  md: "text/markdown",
  html: "text/html",
  htm: "text/html",
  xml: "application/xml",
  yaml: "application/yaml",
  yml: "application/yaml",
  zip: "application/zip",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ppt: "application/vnd.ms-powerpoint",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
};

export function contentTypeFor(fileName: string): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return (extension && contentTypes[extension]) ?? "application/octet-stream";
}

function describeSize(bytes: number): string {
  return `${bytes.toLocaleString("en-US")} bytes (${(bytes / (1024 * 1024)).toFixed(1)} MB)`;
}

function tooLarge(field: string, bytes: number): ToolInputError {
  return new ToolInputError(
    field,
    `is ${describeSize(bytes)} once decoded, over this tool's upload limit of ${describeSize(maxUploadBytes)}`,
    "Put the file somewhere the user can open (a shared drive or web link) and pass that link as file_content_url instead, " +
      "or ask the user to upload it in Asana directly (Asana itself accepts up to 100 MB).",
  );
}

function encodeText(text: string, encodingName: string): Buffer {
  const encoding = textEncodings[encodingName.trim().toLowerCase().replace(/_/g, "-")];
  if (!encoding) {
    throw new ToolInputError("file_encoding", `Unknown encoding: ${encodingName}`, "Use utf-8 (the default), ascii, latin-1 or utf-16le.");
  }
  // Node would silently mangle characters the encoding cannot hold; Arcade (Python) refuses them, and so do we.
  const ceiling = encoding === "ascii" ? 0x7f : encoding === "latin1" ? 0xff : Infinity;
  const position = [...text].findIndex((char) => char.codePointAt(0)! > ceiling);
  if (position >= 0) {
    throw new ToolInputError(
      "file_content_str",
      `has a character ${encodingName} cannot encode (${JSON.stringify([...text][position])} at position ${position})`,
      "Use file_encoding utf-8, or remove the character.",
    );
  }
  const size = Buffer.byteLength(text, encoding);
  if (size > maxUploadBytes) throw tooLarge("file_content_str", size);
  return Buffer.from(text, encoding);
}

/** Strict base64 (standard or URL-safe alphabet, whitespace ignored, data: URL prefix allowed). */
function decodeBase64(text: string): Buffer {
  const fix = "Pass the file's bytes as base64 (A-Z, a-z, 0-9, + and /, with = padding), or pass text with file_content_str.";
  let body = text.trim().replace(/^data:[^,]*;base64,/i, "").replace(/\s+/g, "");
  body = body.replace(/-/g, "+").replace(/_/g, "/");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) {
    const bad = /[^A-Za-z0-9+/=]/.exec(body)?.[0] ?? "=";
    throw new ToolInputError("file_content_base64", `Failed to decode base64 file content: it contains ${JSON.stringify(bad)}, which is not base64`, fix);
  }
  const unpadded = body.replace(/=+$/, "");
  if (unpadded.length % 4 === 1 || (body.length !== unpadded.length && body.length % 4 !== 0)) {
    throw new ToolInputError("file_content_base64", "Failed to decode base64 file content: incorrect length or padding (is it cut short?)", fix);
  }
  // Measured before decoding, so an oversized upload is refused without allocating it.
  const size = Math.floor((unpadded.length * 3) / 4);
  if (size > maxUploadBytes) throw tooLarge("file_content_base64", size);
  return Buffer.from(unpadded, "base64");
}

function webUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ToolInputError("file_content_url", `must be a full web address such as https://example.com/report.pdf (got ${JSON.stringify(value.slice(0, 60))})`, "Pass an http or https link, or the content itself with file_content_str or file_content_base64.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ToolInputError("file_content_url", `must be an http or https link (got a ${url.protocol} URL)`, "Asana attaches web links only; pass the content itself with file_content_str or file_content_base64.");
  }
  return url.toString();
}

/**
 * Asana asks for non-ASCII file names to be URL-encoded in Content-Disposition (createAttachmentForObject);
 * the readable name travels in the `name` field as well.
 */
function dispositionFileName(fileName: string): string {
  return /^[\x20-\x7e]*$/.test(fileName) ? fileName : encodeURIComponent(fileName);
}

interface AsanaAttachment {
  gid: string;
  name?: string;
  resource_subtype?: string;
  host?: string;
  permanent_url?: string | null;
  view_url?: string | null;
  size?: number;
}

const attachmentOptFields = ["name", "resource_subtype", "host", "permanent_url", "view_url", "size"] as const;

export const attachmentShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  resource_subtype: z.string().optional().describe("asana for an uploaded file, external for a link."),
  host: z.string().optional(),
  permanent_url: z.string().optional().describe("A lasting link to the file in Asana (for uploads)."),
  view_url: z.string().optional().describe("Where the attachment can be viewed in a browser."),
  size: z.number().int().optional().describe("Size in bytes, for uploaded files."),
});

const textParam = z.string({ error: "must be text" });

export const attachFileToTask = defineTool({
  name: "AttachFileToTask",
  title: "Attach a file to a task",
  toolset: "tasks",
  description:
    "Attach a file to an Asana task. Give the content in exactly one way: file_content_str for text you have (notes, CSV, " +
    "Markdown, JSON), file_content_base64 for binary files (PDF, images), or file_content_url to attach a web link instead of " +
    `uploading. Uploads are limited to ${maxUploadBytes / (1024 * 1024)} MB; for bigger files attach a link. The file name's ` +
    `extension sets the file type (report.pdf, notes.md). ${findTaskHint}`,
  input: z.strictObject({
    task_id: gidParam("task", findTaskHint),
    file_name: z
      .string({ error: "must be the file's name, such as report.pdf" })
      .trim()
      .min(1, { error: "must not be empty. Name the file, such as notes.txt" })
      .max(255, { error: "must be at most 255 characters" })
      .describe("The file's name as Asana shows it, with an extension (report.pdf, notes.md); for a link, its title."),
    file_content_str: textParam.optional().describe("The file's content as text, encoded with file_encoding."),
    file_content_base64: textParam.optional().describe("The file's content as base64, for binary files."),
    file_content_url: textParam.optional().describe("An http(s) link to attach instead of uploading content."),
    file_encoding: textParam
      .default("utf-8")
      .describe("How to turn file_content_str into bytes: utf-8 (default), ascii, latin-1 or utf-16le."),
  }),
  output: z.object({
    status: mutationStatus,
    attachment: attachmentShape,
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  auth: Asana({ scopes: ["default"] }),
  errorHints: {
    400: "Check the file name and the content Asana names; Asana accepts files up to 100 MB.",
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
      attachment: {
        id: raw.gid,
        ...compact({
          name: raw.name,
          resource_subtype: raw.resource_subtype,
          host: raw.host,
          permanent_url: raw.permanent_url,
          view_url: raw.view_url,
          size: raw.size,
        }),
      },
    };
  },
});
