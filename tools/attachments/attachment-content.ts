import * as z from "zod";
import type { StorageDownload } from "../../src/asana/index.js";
import type { ToolContext } from "../../src/toolkit/index.js";
import { contentTypeFor } from "./file-content.js";
import type { AsanaAttachment } from "./model.js";

/**
 * An attachment's file, for a caller that can show it: an image block, a file's bytes as an embedded
 * resource, or its text. Only files stored in Asana are fetched, from the signed download_url Asana has
 * just given (it expires in about two minutes), never with the Asana token; everything else comes back
 * as the links, with the reason.
 */

/**
 * Text goes into the model's context as it is: 64 KB is about 16k tokens, already a long read. Longer
 * text comes back cut, marked truncated, with download_url for the rest.
 */
export const maxTextBytes = 64 * 1024;

export const fileShape = z.object({
  returned: z
    .enum(["image", "file", "text", "link_only"])
    .describe("How the file came back: a content block after this output, or only the links (see reason)."),
  mime_type: z.string().optional(),
  bytes: z.number().int().optional(),
  truncated: z.boolean().optional().describe("Only the text's start is shown; download_url has all of it."),
  reason: z.string().optional(),
});

export type FileReport = z.infer<typeof fileShape>;

/** Image formats that MCP clients show, by their magic numbers: a name or a served type can say anything. */
export function imageTypeOf(bytes: Uint8Array): string | undefined {
  const starts = (hex: string, at = 0) => Buffer.from(bytes.subarray(at, at + hex.length / 2)).toString("hex") === hex;
  if (starts("89504e470d0a1a0a")) return "image/png";
  if (starts("ffd8ff")) return "image/jpeg";
  if (starts("474946383761") || starts("474946383961")) return "image/gif";
  if (starts("52494646") && starts("57454250", 8)) return "image/webp";
  return undefined;
}

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString("latin1") === "%PDF-";

function isTextType(type: string | undefined): boolean {
  const bare = type?.split(";")[0]?.trim().toLowerCase() ?? "";
  return bare.startsWith("text/") || ["application/json", "application/xml", "application/yaml"].includes(bare) || /\+(xml|json)$/.test(bare);
}

/** The bytes as UTF-8 text, or undefined when they are not; a cut file loses the character the cut split. */
function utf8Text(bytes: Buffer, cut: boolean): string | undefined {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  // A character is at most 4 bytes: a cut can leave at most 3 of one behind.
  const tries = cut ? Math.min(3, bytes.length) : 0;
  for (let drop = 0; drop <= tries; drop += 1) {
    try {
      const text = decoder.decode(bytes.subarray(0, bytes.length - drop));
      return text.includes("\u0000") ? undefined : text;
    } catch {
      // one byte shorter, if the cut may have split a character
    }
  }
  return undefined;
}

const sized = (bytes: number) => `${bytes.toLocaleString("en-US")} bytes`;
const linkOnly = (reason: string): FileReport => ({ returned: "link_only", reason });
const useTheLink = "download_url has the file (it expires in about 2 minutes; read the attachment again for a new one), view_url opens it in a browser";

/**
 * Fetches and presents the file of `attachment` (read just now, with its download_url). An expired link
 * is read again once through `reread`; the attachment returned is the one whose link was last used.
 */
export async function attachmentContent(
  attachment: AsanaAttachment,
  ctx: ToolContext,
  reread: () => Promise<AsanaAttachment>,
): Promise<{ attachment: AsanaAttachment; file: FileReport }> {
  const answer = (file: FileReport) => ({ attachment, file });
  if (!ctx.addContent) return answer(linkOnly(`This caller cannot receive files in a tool result. ${useTheLink}.`));
  const host = attachment.host ?? attachment.resource_subtype ?? "an unknown service";
  if (host !== "asana") {
    return answer(linkOnly(`It is hosted on ${host}, not in Asana: only files stored in Asana are fetched. view_url opens it.`));
  }
  const limit = ctx.asana.maxFileBytes;
  if (limit === 0) return answer(linkOnly(`This server has returning file contents turned off. ${useTheLink}.`));
  const namedType = contentTypeFor(attachment.name ?? "");
  const textLimit = Math.min(maxTextBytes, limit);
  const readInPart = isTextType(namedType) && (attachment.size === undefined || attachment.size > textLimit);
  if (!isTextType(namedType) && attachment.size !== undefined && attachment.size > limit) {
    return answer(linkOnly(`It is ${sized(attachment.size)}, over the ${limit.toLocaleString("en-US")}-byte limit for returning files. ${useTheLink}.`));
  }
  if (!attachment.download_url) return answer(linkOnly("Asana gave no download link for it; view_url opens it in a browser."));

  const fetchFile = (url: string) => ctx.asana.downloadFile(url, readInPart ? { upTo: textLimit } : {});
  let download: StorageDownload = await fetchFile(attachment.download_url);
  if (!download.ok && download.problem === "expired") {
    // The link lives about two minutes; one fresh read gets a new one.
    attachment = await reread();
    download = attachment.download_url ? await fetchFile(attachment.download_url) : download;
    if (!download.ok && download.problem === "expired") {
      return answer(linkOnly(`The download link expired twice before it could be used (${download.message}). ${useTheLink}.`));
    }
  }
  if (!download.ok) return answer(linkOnly(`The file was not fetched: ${download.message}. ${useTheLink}.`));
  return answer(present(download, attachment, namedType, ctx.addContent));
}

function present(
  download: Extract<StorageDownload, { ok: true }>,
  attachment: AsanaAttachment,
  namedType: string,
  add: (block: Parameters<NonNullable<ToolContext["addContent"]>>[0]) => void,
): FileReport {
  const { bytes, truncated } = download;
  const image = truncated ? undefined : imageTypeOf(bytes);
  if (image) {
    add({ type: "image", data: bytes.toString("base64"), mimeType: image });
    return { returned: "image", mime_type: image, bytes: bytes.length };
  }
  const textType = isTextType(namedType) ? namedType : isTextType(download.contentType) ? download.contentType!.split(";")[0]!.trim() : undefined;
  const text = textType ? utf8Text(bytes, truncated) : undefined;
  if (textType && text !== undefined) {
    add({ type: "text", text });
    return { returned: "text", mime_type: textType, bytes: Buffer.byteLength(text), ...(truncated ? { truncated: true } : {}) };
  }
  if (truncated) {
    return linkOnly(`It is not UTF-8 text, and longer than the ${sized(bytes.length)} read of a text file. ${useTheLink}.`);
  }
  // A name that claims an image the bytes are not is not believed.
  const mimeType = isPdf(bytes) ? "application/pdf" : namedType.startsWith("image/") ? "application/octet-stream" : namedType;
  const uri = attachment.permanent_url ?? `asana://attachment/${attachment.gid}`;
  add({ type: "resource", resource: { uri, mimeType, blob: bytes.toString("base64") } });
  return { returned: "file", mime_type: mimeType, bytes: bytes.length };
}
