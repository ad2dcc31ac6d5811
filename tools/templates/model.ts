import * as z from "zod";
import { compact, namedRef, refOf, type AsanaRef } from "../../src/toolkit/index.js";

export const findTemplateHint = "Find template ids with Asana_ListTemplates, or project templates with Asana_SearchByName (resource_type project_template).";

/**
 * DateVariableCompact: "A value of `1` refers to the project start date, while `2` refers to the
 * project due date." The tools speak of start_on and due_on, as everywhere else.
 */
export const templateDates = { "1": "start_on", "2": "due_on" } as const;

export interface AsanaProjectTemplate {
  gid: string;
  name?: string;
  team?: AsanaRef | null;
  requested_dates?: Array<{ gid: string; name?: string }> | null;
  requested_roles?: Array<{ gid: string; name?: string }> | null;
}

export interface AsanaTaskTemplate {
  gid: string;
  name?: string;
  project?: AsanaRef | null;
}

export const projectTemplateOptFields = ["name", "team.name", "requested_dates.name", "requested_roles.name"] as const;
/** getTaskTemplates offers `project` but not `project.name`; the compact project carries its name. */
export const taskTemplateOptFields = ["name", "project"] as const;

export const templateShape = z.object({
  id: z.string(),
  name: z.string().optional(),
  kind: z.enum(["project", "task"]).describe("project: use with Asana_CreateProjectFromTemplate; task: with Asana_CreateTaskFromTemplate."),
  team: namedRef.optional(),
  project: namedRef.optional().describe("Task templates: the project whose tasks they make."),
  asks_for: z.array(z.string()).optional().describe("Dates the template needs: start_on, due_on."),
  roles: z.array(z.string()).optional().describe("Role names to fill with people."),
});

export function presentProjectTemplate(raw: AsanaProjectTemplate): z.infer<typeof templateShape> {
  const dates = (raw.requested_dates ?? []).map((date) => templateDates[date.gid as keyof typeof templateDates] ?? date.name ?? date.gid);
  const roles = (raw.requested_roles ?? []).map((role) => role.name ?? role.gid);
  return {
    id: raw.gid,
    kind: "project",
    ...compact({ name: raw.name, team: refOf(raw.team), asks_for: dates.length > 0 ? dates : undefined, roles: roles.length > 0 ? roles : undefined }),
  };
}

export function presentTaskTemplate(raw: AsanaTaskTemplate): z.infer<typeof templateShape> {
  return { id: raw.gid, kind: "task", ...compact({ name: raw.name, project: refOf(raw.project) }) };
}
