import * as z from "zod";
import { compact, namedRef, refOf, type AsanaRef } from "../../src/toolkit/index.js";
import { maxMembersShown, presentMembers } from "../shared/members.js";

export interface AsanaProject {
  gid: string;
  name?: string;
  workspace?: AsanaRef | null;
  team?: AsanaRef | null;
  owner?: AsanaRef | null;
  members?: AsanaRef[];
  notes?: string;
  color?: string | null;
  due_on?: string | null;
  start_on?: string | null;
  completed?: boolean;
  completed_at?: string | null;
  completed_by?: AsanaRef | null;
  archived?: boolean;
  current_status_update?: { gid: string; title?: string } | null;
  permalink_url?: string;
}

/** Arcade's project fields, with references asked for by name only so they come back small. */
export const projectOptFields = [
  "name",
  "workspace.name",
  "team.name",
  "owner",
  "members.name",
  "notes",
  "color",
  "due_on",
  "start_on",
  "completed",
  "completed_at",
  "completed_by.name",
  "archived",
  "current_status_update.title",
  "permalink_url",
] as const;

/** Big projects have hundreds of members; a model needs a sample and the total, not the roster. */

export const projectShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  workspace: namedRef.optional(),
  team: namedRef.optional().describe("The team that owns the project; absent in workspaces that are not organizations."),
  owner: namedRef.optional(),
  members: z.array(namedRef).optional().describe(`Up to ${maxMembersShown} members of the project.`),
  member_count: z.number().int().optional().describe(`The total number of members, given only when there are more than ${maxMembersShown}.`),
  notes: z.string().optional().describe("The project's description, as plain text."),
  color: z.string().optional(),
  due_on: z.string().optional().describe("Due date, YYYY-MM-DD."),
  start_on: z.string().optional().describe("Start date, YYYY-MM-DD."),
  completed: z.boolean().optional(),
  completed_at: z.string().optional(),
  completed_by: namedRef.optional(),
  archived: z.boolean().optional(),
  current_status: z.string().optional().describe("The title of the project's latest status update."),
  permalink_url: z.string().optional().describe("Link to the project in Asana's web app."),
});

export function presentProject(raw: AsanaProject): z.infer<typeof projectShape> {
  return {
    id: raw.gid,
    ...compact({
      name: raw.name,
      workspace: refOf(raw.workspace),
      team: refOf(raw.team),
      owner: refOf(raw.owner),
      ...presentMembers(raw.members),
      notes: raw.notes,
      color: raw.color,
      due_on: raw.due_on,
      start_on: raw.start_on,
      completed: raw.completed,
      completed_at: raw.completed_at,
      completed_by: refOf(raw.completed_by),
      archived: raw.archived,
      current_status: raw.current_status_update?.title,
      permalink_url: raw.permalink_url,
    }),
  };
}

/**
 * A list item: enough to tell projects apart and pick one. Notes and members (up to 20 per project)
 * would multiply a 100-project page many times over; Asana_GetProjectById gives them for one project.
 */
export const projectSummaryShape = projectShape.pick({ id: true, name: true, team: true, archived: true, color: true, due_on: true, permalink_url: true });

export const projectSummaryOptFields = ["name", "team.name", "archived", "color", "due_on", "permalink_url"] as const;

export function presentProjectSummary(raw: AsanaProject): z.infer<typeof projectSummaryShape> {
  return {
    id: raw.gid,
    ...compact({ name: raw.name, team: refOf(raw.team), archived: raw.archived, color: raw.color, due_on: raw.due_on, permalink_url: raw.permalink_url }),
  };
}
