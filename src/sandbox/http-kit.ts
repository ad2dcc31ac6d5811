import type { EventLog } from "./events.js";
import type { JobQueue } from "./jobs.js";
import { isExternalReference, taskByExternalGid } from "./external-data.js";
import type { EmulatedStorage } from "./storage.js";
import type { AsanaStore, StoredObject } from "./store.js";

/** One call into the emulator's routes from inside the emulator (a batch action). */
export interface InnerCall {
  method: string;
  /** Path below the API base, without a query string. */
  path: string;
  query: Record<string, string>;
  /** The JSON body, `{data, options?}`, for writes. */
  body?: unknown;
  /** Position in the batch, recorded on the exchange. */
  batchIndex: number;
}

/** The emulator's moving parts a route may need besides the store. */
export interface EmulatorServices {
  jobs: JobQueue;
  events: EventLog;
  /** Signs download links to attachments' bytes. */
  storage: EmulatedStorage;
  /** Answers a call as the emulator's own router would, as the same user, recording it as an exchange of its own. */
  dispatch(call: InnerCall, me: StoredObject): Promise<EmulatorResponse>;
}

/** What a route handler sees: the request already parsed, the caller already authenticated. */
export interface EmulatorRequest {
  method: string;
  /** Path below the API base, e.g. "/tasks/123". */
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  /** Parsed JSON body, if any. */
  body: unknown;
  /** Parsed multipart body, if any. */
  form?: { fields: Record<string, string>; files: Record<string, { filename: string; contentType: string; size: number; bytes?: Buffer }> };
  optFields?: string[];
  me: StoredObject;
  /** The OAuth app (its client id) the caller's token was issued to; absent for a personal access token. */
  app?: string;
  store: AsanaStore;
  services: EmulatorServices;
}

export interface EmulatorResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (request: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;

export interface EmulatorRoute {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Asana's path template, e.g. "/tasks/{task_gid}/subtasks". */
  path: string;
  handle: RouteHandler;
  /** The route runs other routes (batch), whose changes record their own events. */
  composite?: boolean;
}

export class AsanaFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly help?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function data(value: unknown, status = 200): EmulatorResponse {
  return { status, body: { data: value } };
}

/** Asana's error body: `{errors:[{message, help, phrase}]}`; `phrase` only on 500s. */
export function errorBody(status: number, message: string, help?: string): unknown {
  const error: Record<string, string> = { message };
  if (help) error.help = help;
  if (status >= 500) error.phrase = "6 sad squid snuggle softly";
  return { errors: [error] };
}

export const notFound = (what = "Unknown object") =>
  new AsanaFailure(404, `${what}: The object you are trying to access does not exist or you do not have access to it.`);
export const badRequest = (message: string) =>
  new AsanaFailure(
    400,
    message,
    "For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors",
  );
/** An endpoint of Asana's that the emulator does not implement: 501, never a 404 that passes for Asana's "not found". */
export const notEmulated = (method: string, path: string) =>
  new AsanaFailure(
    501,
    `Not emulated: ${method} ${path} is not an endpoint the asana-mcp emulator answers. Asana may have it; the emulator does not.`,
    "Add the endpoint to src/sandbox/routes, or test this call against the real Asana API.",
  );
export const paymentRequired = (feature: string) =>
  new AsanaFailure(402, `${feature} is only available to premium users.`, "Upgrade the workspace to a paid plan to use this feature.");

/** Looks up an object of a type, or fails the way Asana does for an unknown or wrong-typed gid. */
export function mustGet(request: EmulatorRequest, gid: string | undefined, type: StoredObject["resource_type"], field: string): StoredObject {
  // A task's `external:<gid>` stands for the task wherever its gid would (see external-data.ts).
  if (type === "task" && gid && isExternalReference(gid)) {
    const task = taskByExternalGid(request.store, request.app, gid);
    if (!task) throw notFound(`${field}: Unknown object: ${gid}`);
    return task;
  }
  if (!gid || (!/^\d+$/.test(gid) && gid !== "me")) throw badRequest(`${field}: Not a valid gid: ${gid ?? ""}`);
  const resolved = gid === "me" && type === "user" ? request.me : request.store.get(gid, type);
  if (!resolved) throw notFound(`${field}: Unknown object: ${gid}`);
  return resolved;
}

/** The `{data}` envelope Asana requires on POST and PUT bodies; a bare object is a 400 there too. */
export function bodyData(request: EmulatorRequest): Record<string, unknown> {
  const body = request.body as { data?: unknown } | undefined;
  if (!body || typeof body !== "object" || typeof body.data !== "object" || body.data === null || Array.isArray(body.data)) {
    throw badRequest("data: Missing input");
  }
  return body.data as Record<string, unknown>;
}
