import { maxUploadBytes, shortened, ToolInputError } from "../../src/toolkit/index.js";

/**
 * Turning what a model can write (text in some encoding, base64, a link) into the bytes or URL that
 * Asana's multipart upload takes, refusing what would be mangled or too large before anything is sent.
 */

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

export function encodeText(text: string, encodingName: string): Buffer {
  const encoding = textEncodings[encodingName.trim().toLowerCase().replace(/_/g, "-")];
  if (!encoding) {
    throw new ToolInputError("file_encoding", `Unknown encoding: ${shortened(encodingName, 40)}`, "Use utf-8 (the default), ascii, latin-1 or utf-16le.");
  }
  // Node would silently mangle characters the encoding cannot hold; Arcade (Python) refuses them, and so do we.
  const ceiling = encoding === "ascii" ? 0x7f : encoding === "latin1" ? 0xff : Infinity;
  const position = [...text].findIndex((char) => char.codePointAt(0)! > ceiling);
  if (position >= 0) {
    throw new ToolInputError(
      "file_content_str",
      `has a character ${shortened(encodingName, 40)} cannot encode (${JSON.stringify([...text][position])} at position ${position})`,
      "Use file_encoding utf-8, or remove the character.",
    );
  }
  const size = Buffer.byteLength(text, encoding);
  if (size > maxUploadBytes) throw tooLarge("file_content_str", size);
  return Buffer.from(text, encoding);
}

/** Strict base64 (standard or URL-safe alphabet, whitespace ignored, data: URL prefix allowed). */
export function decodeBase64(text: string): Buffer {
  const fix = "Pass the file's bytes as base64 (A-Z, a-z, 0-9, + and /, with = padding), or pass text with file_content_str.";
  let body = text
    .trim()
    .replace(/^data:[^,]*;base64,/i, "")
    .replace(/\s+/g, "");
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

export function webUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ToolInputError(
      "file_content_url",
      `must be a full web address such as https://example.com/report.pdf (got ${JSON.stringify(value.slice(0, 60))})`,
      "Pass an http or https link, or the content itself with file_content_str or file_content_base64.",
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ToolInputError(
      "file_content_url",
      `must be an http or https link (got a ${url.protocol} URL)`,
      "Asana attaches web links only; pass the content itself with file_content_str or file_content_base64.",
    );
  }
  return url.toString();
}

/**
 * Asana asks for non-ASCII file names to be URL-encoded in Content-Disposition (createAttachmentForObject);
 * the readable name travels in the `name` field as well.
 */
export function dispositionFileName(fileName: string): string {
  return /^[\x20-\x7e]*$/.test(fileName) ? fileName : encodeURIComponent(fileName);
}
