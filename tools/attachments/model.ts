import * as z from "zod";
import { compact, namedRef, refOf, type AsanaRef } from "../../src/toolkit/index.js";

export interface AsanaAttachment {
  gid: string;
  name?: string;
  resource_subtype?: string;
  host?: string;
  permanent_url?: string | null;
  view_url?: string | null;
  size?: number;
  created_at?: string;
  download_url?: string | null;
  parent?: AsanaRef | null;
}

export const attachmentOptFields = ["name", "resource_subtype", "host", "permanent_url", "view_url", "size"] as const;

export const attachmentShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  resource_subtype: z.string().optional().describe("asana for an uploaded file, external for a link."),
  host: z.string().optional(),
  permanent_url: z.string().optional().describe("A lasting link to the file in Asana (for uploads)."),
  view_url: z.string().optional().describe("Where the attachment can be viewed in a browser."),
  size: z.number().int().optional().describe("Size in bytes, for uploaded files."),
  created_at: z.string().optional(),
  download_url: z.string().optional().describe("Direct download link; it expires after a few minutes, so fetch it again when needed."),
  parent: namedRef.optional().describe("The task or project it is attached to."),
});

/** A task's attachments, listed: enough to pick one; Asana_GetAttachment gives the links. */
export const attachmentListOptFields = ["name", "resource_subtype", "host", "size", "created_at"] as const;

/** One attachment, with its links (download_url expires, so it is read only when asked for). */
export const attachmentDetailOptFields = [...attachmentOptFields, "created_at", "download_url", "parent.name"] as const;

export function presentAttachment(raw: AsanaAttachment): z.infer<typeof attachmentShape> {
  return {
    id: raw.gid,
    ...compact({
      name: raw.name,
      resource_subtype: raw.resource_subtype,
      host: raw.host,
      permanent_url: raw.permanent_url,
      view_url: raw.view_url,
      size: raw.size,
      created_at: raw.created_at,
      download_url: raw.download_url,
      parent: refOf(raw.parent),
    }),
  };
}
