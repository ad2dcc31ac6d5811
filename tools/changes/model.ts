import * as z from "zod";
import { compact, refOf, type AsanaRef } from "../../src/toolkit/index.js";

interface AsanaResourceRef extends AsanaRef {
  resource_type?: string;
}

/** EventResponse, for the fields the tool reads. */
export interface AsanaEvent {
  created_at?: string;
  user?: AsanaRef | null;
  action?: string;
  resource?: AsanaResourceRef | null;
  parent?: AsanaResourceRef | null;
  change?: {
    field?: string;
    action?: string;
    new_value?: AsanaResourceRef | null;
    added_value?: AsanaResourceRef | null;
    removed_value?: AsanaResourceRef | null;
  } | null;
}

const resourceShape = z.object({ id: z.string(), type: z.string().optional(), name: z.string().optional() });

export const changeShape = z.object({
  at: z.string().optional().describe("When, ISO 8601 UTC."),
  user: z.object({ id: z.string(), name: z.string().optional() }).optional().describe("Who; absent for Asana's own changes."),
  action: z.string().optional().describe("What happened to the resource: added, removed, changed, deleted or undeleted."),
  resource: resourceShape.optional(),
  parent: resourceShape.optional().describe("Where it was added or removed: a project, section or task."),
  field: z.string().optional().describe("The field that changed."),
  field_change: z.string().optional().describe("How the field changed: changed, added or removed (e.g. a follower)."),
  value: resourceShape.optional().describe("The field's new, added or removed value, when it is an Asana object."),
});

function resourceOf(raw: AsanaResourceRef | null | undefined): z.infer<typeof resourceShape> | undefined {
  if (!raw?.gid) return undefined;
  return { id: raw.gid, ...compact({ type: raw.resource_type, name: raw.name }) };
}

export function presentChange(raw: AsanaEvent): z.infer<typeof changeShape> {
  const change = raw.change ?? undefined;
  return compact({
    at: raw.created_at,
    user: refOf(raw.user),
    action: raw.action,
    resource: resourceOf(raw.resource),
    parent: resourceOf(raw.parent),
    field: change?.field,
    field_change: change?.action,
    value: resourceOf(change?.new_value ?? change?.added_value ?? change?.removed_value),
  });
}
