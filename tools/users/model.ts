import * as z from "zod";
import { compact, namedRef, refsOf, type AsanaRef } from "../../src/toolkit/index.js";

export interface AsanaUser {
  gid: string;
  name?: string;
  email?: string;
  workspaces?: AsanaRef[];
}

/** Arcade also asks for `photo`, six image URLs per user that tell a model nothing; we leave it out. */
export const userOptFields = ["name", "email", "workspaces.name"] as const;

export const userShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  email: z.string().optional(),
  workspaces: z.array(namedRef).optional().describe("The workspaces the user belongs to that the current user can see."),
});

export function presentUser(raw: AsanaUser): z.infer<typeof userShape> {
  return { id: raw.gid, ...compact({ name: raw.name, email: raw.email, workspaces: refsOf(raw.workspaces) }) };
}
