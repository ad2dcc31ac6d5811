import * as z from "zod";
import { compact } from "../../src/toolkit/index.js";

export interface AsanaAttachment {
  gid: string;
  name?: string;
  resource_subtype?: string;
  host?: string;
  permanent_url?: string | null;
  view_url?: string | null;
  size?: number;
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
});

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
    }),
  };
}
