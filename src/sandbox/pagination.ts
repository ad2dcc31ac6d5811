import { createHmac } from "node:crypto";
import { AsanaFailure, badRequest, type EmulatorRequest, type EmulatorResponse } from "./http-kit.js";
import { compactOf, project } from "./projection.js";
import type { StoredObject } from "./store.js";

/**
 * Offset pagination as Asana does it: `limit` 1-100, an opaque `offset` that is only valid as an
 * echo of a previous `next_page.offset` for the same list, and `next_page` only when `limit` was sent.
 */
const offsetKey = "asana-mcp-emulator";

function sign(payload: string): string {
  return createHmac("sha256", offsetKey).update(payload).digest("base64url").slice(0, 16);
}

function encodeOffset(path: string, index: number): string {
  const payload = Buffer.from(JSON.stringify({ p: path, i: index })).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

function decodeOffset(path: string, offset: string): number {
  const [payload, signature] = offset.split(".");
  if (!payload || !signature || sign(payload) !== signature) throw badRequest("offset: Your pagination token is invalid.");
  const decoded = JSON.parse(Buffer.from(payload, "base64url").toString()) as { p: string; i: number };
  if (decoded.p !== path) throw badRequest("offset: Your pagination token is not valid for this request.");
  return decoded.i;
}

export function parseLimit(request: EmulatorRequest): number | undefined {
  const raw = request.query.limit;
  if (raw === undefined) return undefined;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new AsanaFailure(400, "limit: Value must be between 1 and 100.");
  }
  return limit;
}

/** One page of `items`; `present` shapes only the items on it (a list of hundreds is paged 100 at a time). */
export function paginate<T>(request: EmulatorRequest, items: T[], present: (item: T) => unknown = (item) => item): EmulatorResponse {
  const limit = parseLimit(request);
  const start = request.query.offset ? decodeOffset(request.path, request.query.offset) : 0;
  if (limit === undefined) return { status: 200, body: { data: items.slice(start).map(present) } };
  const page = items.slice(start, start + limit).map(present);
  const nextIndex = start + limit;
  const nextPage =
    nextIndex < items.length
      ? (() => {
          const offset = encodeOffset(request.path, nextIndex);
          // Asana's next_page.path repeats the request's other parameters (filters, opt_fields), so it can be followed as is.
          const query = new URLSearchParams(Object.entries(request.query).filter(([name]) => name !== "limit" && name !== "offset"));
          query.set("limit", String(limit));
          query.set("offset", offset);
          const path = `${request.path}?${query.toString()}`;
          return { offset, path, uri: `https://app.asana.com/api/1.0${path}` };
        })()
      : null;
  return { status: 200, body: { data: page, next_page: nextPage } };
}

/** A list endpoint's answer: compact records unless opt_fields asks for more, one page at a time. */
export function listResponse(
  request: EmulatorRequest,
  objects: StoredObject[],
  projectOne: (object: StoredObject) => Record<string, unknown> = (object) => project(request.store, object, request.optFields),
): EmulatorResponse {
  return paginate(request, objects, (object) => (request.optFields ? projectOne(object) : compactOf(request.store, object)));
}
