import * as z from "zod";
import { compact, namedRef, refOf, type AsanaRef } from "../../src/toolkit/index.js";

/** Arcade's TagColor: Asana's 18 tag colors (Asana also allows no color, which is what omitting it gives). */
export const tagColors = [
  "dark-green",
  "dark-red",
  "dark-blue",
  "dark-purple",
  "dark-pink",
  "dark-orange",
  "dark-teal",
  "dark-brown",
  "dark-warm-gray",
  "light-green",
  "light-red",
  "light-blue",
  "light-purple",
  "light-pink",
  "light-orange",
  "light-teal",
  "light-brown",
  "light-warm-gray",
] as const;

/** Arcade refuses longer names before calling Asana; we keep its limit so the same inputs fail the same way. */
export const maxTagNameLength = 100;

export interface AsanaTag {
  gid: string;
  name?: string;
  workspace?: AsanaRef | null;
  color?: string | null;
  notes?: string;
  permalink_url?: string;
}

export const tagOptFields = ["name", "workspace.name", "color", "notes", "permalink_url"] as const;

export const tagShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  workspace: namedRef.optional(),
  color: z.string().optional().describe("One of Asana's tag colors, e.g. dark-red; absent when the tag has none."),
  notes: z.string().optional().describe("The tag's description."),
  permalink_url: z.string().optional().describe("Link to the tag's task list in Asana's web app."),
});

export function presentTag(raw: AsanaTag): z.infer<typeof tagShape> {
  return {
    id: raw.gid,
    ...compact({ name: raw.name, workspace: refOf(raw.workspace), color: raw.color, notes: raw.notes, permalink_url: raw.permalink_url }),
  };
}
