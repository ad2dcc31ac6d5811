import * as z from "zod";
import { compact, shortened, type AsanaRef } from "../../src/toolkit/index.js";

/** GET /events returns at most this many events per answer (Asana's Events API documentation). */
export const maxEventsPerAnswer = 100;

/** A name in a change identifies what changed; past this it is cut (Asana's answer is input too). */
const maxNameLength = 200;

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

/** A string of Asana's answer, kept only if it is one, and cut to `max` characters. */
function text(value: unknown, max = maxNameLength): string | undefined {
  return typeof value === "string" ? shortened(value, max) : undefined;
}

function resourceOf(raw: AsanaResourceRef | null | undefined): z.infer<typeof resourceShape> | undefined {
  const id = text(raw?.gid, 40);
  if (!id) return undefined;
  return { id, ...compact({ type: text(raw?.resource_type, 40), name: text(raw?.name) }) };
}

function userOf(raw: AsanaRef | null | undefined): z.infer<typeof changeShape>["user"] {
  const id = text(raw?.gid, 40);
  return id ? { id, ...compact({ name: text(raw?.name) }) } : undefined;
}

/** One event as the model reads it. Asana's answer is input: every field is checked and bounded. */
export function presentChange(raw: unknown): z.infer<typeof changeShape> {
  const event = (typeof raw === "object" && raw !== null ? raw : {}) as AsanaEvent;
  const change = typeof event.change === "object" && event.change !== null ? event.change : undefined;
  return compact({
    at: text(event.created_at, 40),
    user: userOf(event.user),
    action: text(event.action, 40),
    resource: resourceOf(event.resource),
    parent: resourceOf(event.parent),
    field: text(change?.field, 100),
    field_change: text(change?.action, 40),
    value: resourceOf(change?.new_value ?? change?.added_value ?? change?.removed_value),
  });
}
