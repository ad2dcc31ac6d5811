import * as z from "zod";
import { compact, namedRef, refOf, type AsanaRef } from "../../src/toolkit/index.js";

export interface AsanaSection {
  gid: string;
  name?: string;
  project?: AsanaRef | null;
}

export const sectionShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  project: namedRef.optional().describe("The project the section belongs to."),
});

export function presentSection(raw: AsanaSection): z.infer<typeof sectionShape> {
  return { id: raw.gid, ...compact({ name: raw.name, project: refOf(raw.project) }) };
}
