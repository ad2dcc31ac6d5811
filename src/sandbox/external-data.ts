import { badRequest, type EmulatorRequest } from "./http-kit.js";
import type { AsanaStore, StoredObject } from "./store.js";

/**
 * A task's custom external data, as Asana's document describes it (TaskBase.external, and the guide
 * "Custom external data"):
 * - "*OAuth Required*": only an OAuth app reads or writes it. The document does not say what a
 *   personal access token gets; the emulator refuses the write (400) and shows it nothing, so a client
 *   that sends it with a personal access token is caught here rather than by a real Asana.
 * - It is the app's own: "external data set by one OAuth app will be invisible to all other OAuth apps",
 *   and it is not shown in Asana's web app.
 * - One gid of at most 1,024 characters and one data blob of at most 32,768.
 * - "`external:<gid>` … anywhere in the API where you may use the original object gid". That needs a
 *   gid to name one task of the app, so a second task of the same app may not take it (the document
 *   does not spell this out; a lookup by it could not work otherwise).
 * Stored per app under `_external`, which the projection never shows as is.
 */
const maxGidLength = 1_024;
const maxDataLength = 32_768;
const prefix = "external:";

interface ExternalData {
  gid?: string;
  data?: string;
}

function dataOf(task: StoredObject): Record<string, ExternalData> {
  return (task._external as Record<string, ExternalData> | undefined) ?? {};
}

/** The task whose external gid, for the calling app, is the one in `external:<gid>`. */
export function taskByExternalGid(store: AsanaStore, app: string | undefined, reference: string): StoredObject | undefined {
  if (!app || !reference.startsWith(prefix)) return undefined;
  const wanted = reference.slice(prefix.length);
  return store.all("task", (task) => dataOf(task)[app]?.gid === wanted)[0];
}

export function isExternalReference(reference: string): boolean {
  return reference.startsWith(prefix);
}

/** Applies `external` from a task's create or update body, for the calling app. */
export function writeExternalData(request: EmulatorRequest, task: Record<string, unknown>, value: unknown): void {
  if (!request.app) {
    throw badRequest("external: Custom external data can only be read and written by an OAuth app; this request was made with a personal access token.");
  }
  const current = (task._external as Record<string, ExternalData> | undefined) ?? {};
  if (value === null) {
    const { [request.app]: _dropped, ...others } = current;
    task._external = others;
    return;
  }
  if (typeof value !== "object" || Array.isArray(value)) throw badRequest('external: Must be an object such as {"gid": "…", "data": "…"}.');
  const { gid, data } = value as { gid?: unknown; data?: unknown };
  if (gid !== undefined && (typeof gid !== "string" || gid.length === 0 || gid.length > maxGidLength)) {
    throw badRequest(`external.gid: Must be a string of 1 to ${maxGidLength} characters.`);
  }
  if (data !== undefined && (typeof data !== "string" || data.length > maxDataLength)) {
    throw badRequest(`external.data: Must be a string of at most ${maxDataLength} characters.`);
  }
  if (typeof gid === "string") {
    const holder = request.store.all("task", (other) => other !== task && dataOf(other)[request.app!]?.gid === gid)[0];
    if (holder) throw badRequest(`external.gid: Another task of this app already has the external gid ${gid}.`);
  }
  task._external = { ...current, [request.app]: { ...current[request.app], ...(gid !== undefined ? { gid } : {}), ...(data !== undefined ? { data } : {}) } };
}

/** The task as `app` sees it: its own external data as `external`, no other app's. */
export function withExternalView(task: StoredObject, app: string | undefined): StoredObject {
  const own = app ? dataOf(task)[app] : undefined;
  return own ? { ...task, external: { ...(own.gid !== undefined ? { gid: own.gid } : {}), ...(own.data !== undefined ? { data: own.data } : {}) } } : task;
}
