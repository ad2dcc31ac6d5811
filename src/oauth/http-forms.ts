import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyTooLargeError } from "../http/index.js";

/** Reads a body of at most `limit` bytes as text, refusing it as soon as it passes the limit. */
async function readText(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError(`request body is larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The parameters of an application/x-www-form-urlencoded POST (OAuth's token, revocation and form posts). */
export async function readForm(req: IncomingMessage, limit = 16 * 1024): Promise<URLSearchParams | undefined> {
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  if (!type.startsWith("application/x-www-form-urlencoded")) return undefined;
  return new URLSearchParams(await readText(req, limit));
}

/** A JSON body (RFC 7591 registration), or undefined when it is not JSON. */
export async function readJsonObject(req: IncomingMessage, limit = 16 * 1024): Promise<unknown> {
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  if (!type.startsWith("application/json")) return undefined;
  return JSON.parse(await readText(req, limit));
}

/** Token and registration answers must never be cached (RFC 6749 5.1). */
export const noStore = { "cache-control": "no-store", pragma: "no-cache" } as const;

export function sendOAuthJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...noStore, ...headers }).end(JSON.stringify(body));
}

/** An OAuth error answer (RFC 6749 5.2): the code, and a description that names what to fix. */
export function sendOAuthError(res: ServerResponse, status: number, error: string, description: string, headers: Record<string, string> = {}): void {
  sendOAuthJson(res, status, { error, error_description: description }, headers);
}

/** The credentials of an `Authorization: Basic` header (RFC 6749 2.3.1: form-encoded, then base64). */
export function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " ")), secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " ")) };
  } catch {
    return undefined;
  }
}
