import type { AsanaSession } from "../../src/asana/index.js";
import type { AsanaRef } from "../../src/toolkit/index.js";
import type { AsanaCustomField } from "./custom-fields.js";

/**
 * The facts tools keep for the user's next call (see LookupCache in src/asana): what SearchByName read to
 * tell found tasks apart, and the user's workspaces. They resolve names to ids and let reads start early;
 * the tool that uses one still reads what it shows, and reads afresh when a fact does not resolve.
 */

/** What a found task's read says about where it is and what its fields take. */
export interface TaskLookupFacts {
  workspace?: string;
  projects: AsanaRef[];
  /** The task's custom fields with their kinds and options, when the read asked for them. */
  customFields?: AsanaCustomField[];
}

/** The fields of a task read that make up its facts: SearchByName asks for these beside its own. */
export const taskLookupOptFields = [
  "workspace",
  "projects.name",
  "custom_fields.name",
  "custom_fields.resource_subtype",
  "custom_fields.enum_options.name",
  "custom_fields.enum_options.enabled",
] as const;

interface RawTask {
  gid: string;
  workspace?: AsanaRef | null;
  projects?: AsanaRef[] | null;
  custom_fields?: AsanaCustomField[] | null;
}

/** Keeps what a read of a task (with taskLookupOptFields) says, for the next call to resolve names with. */
export function rememberTask(asana: AsanaSession, raw: RawTask): void {
  if (!Array.isArray(raw.projects)) return;
  const customFields = Array.isArray(raw.custom_fields)
    ? raw.custom_fields.map((field) => ({
        gid: field.gid,
        ...(field.name !== undefined ? { name: field.name } : {}),
        ...(field.resource_subtype !== undefined ? { resource_subtype: field.resource_subtype } : {}),
        ...(field.enum_options ? { enum_options: field.enum_options } : {}),
      }))
    : undefined;
  const facts: TaskLookupFacts = {
    ...(raw.workspace?.gid ? { workspace: raw.workspace.gid } : {}),
    projects: raw.projects.map((project) => ({ gid: project.gid, ...(project.name !== undefined ? { name: project.name } : {}) })),
    ...(customFields ? { customFields } : {}),
  };
  asana.lookups.set("task", raw.gid, facts);
}

export function rememberedTask(asana: AsanaSession, taskId: string): Readonly<TaskLookupFacts> | undefined {
  return asana.lookups.get<TaskLookupFacts>("task", taskId.trim());
}

export function forgetTask(asana: AsanaSession, taskId: string): void {
  asana.lookups.forget("task", taskId.trim());
}

export interface NamedWorkspace {
  gid: string;
  name?: string;
}

/**
 * The user's workspaces: remembered from a read of the last minute, else read (and remembered). `fresh`
 * reads them again, for a caller whose remembered list did not resolve.
 */
export async function userWorkspaceList(asana: AsanaSession, options: { fresh?: boolean } = {}): Promise<{ items: NamedWorkspace[]; remembered: boolean }> {
  const known = options.fresh ? undefined : asana.lookups.get<NamedWorkspace[]>("workspaces", "");
  if (known) return { items: [...known], remembered: true };
  const page = await asana.getPage<NamedWorkspace>("/workspaces", { limit: 100, optFields: ["name"] });
  const items = page.items.map((workspace) => ({ gid: workspace.gid, ...(workspace.name !== undefined ? { name: workspace.name } : {}) }));
  asana.lookups.set("workspaces", "", items);
  return { items, remembered: false };
}
