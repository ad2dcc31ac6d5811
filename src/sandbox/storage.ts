import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AsanaStore, StoredObject } from "./store.js";

/**
 * The emulator's file storage, the way Asana's works: an uploaded file's download_url is a signed link
 * that expires (Asana's: "may only be valid for two minutes", AttachmentResponse.download_url), shaped
 * like asanausercontent.com's (`?e=<expiry>&v=0&t=<signature>`), served outside the API with no API token:
 * a request that also carries an Authorization header is refused, as S3 refuses a presigned link sent
 * with a second way of signing.
 */

/** Where the files are served, below the emulator's origin. */
export const storagePath = "/storage/";

export interface StorageRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  status: number;
}

/** Test hooks for the storage. */
export interface StorageControls {
  /** Every request that reached the storage, with the headers it carried. */
  readonly requests: StorageRequest[];
  /** Every download link handed out, oldest first. */
  readonly issued: string[];
  /** How long a link is valid from its signing, in ms (Asana's: about two minutes). */
  ttlMs: number;
  /** The next `count` downloads find their link expired, as a link read too long before would be. */
  expireNext(count?: number): void;
  /** The next download is answered with a redirect to `location`. */
  redirectNext(location: string): void;
}

/** The bytes a stored attachment holds, if it is a file in the emulated Asana. */
export function storedBytes(attachment: StoredObject): Buffer | undefined {
  const bytes = attachment._bytes;
  return bytes instanceof Uint8Array ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : undefined;
}

/** S3's error body, which is what Asana's storage answers with. */
function s3Error(res: ServerResponse, status: number, code: string, message: string): number {
  res
    .writeHead(status, { "content-type": "application/xml" })
    .end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
  return status;
}

export class EmulatedStorage implements StorageControls {
  readonly requests: StorageRequest[] = [];
  readonly issued: string[] = [];
  ttlMs = 120_000;
  /** Set once the emulator listens. */
  origin = "";
  readonly #store: AsanaStore;
  readonly #secret = randomBytes(32);
  readonly #recordLimit: number;
  #expireNext = 0;
  readonly #redirects: string[] = [];

  constructor(store: AsanaStore, recordLimit: number) {
    this.#store = store;
    this.#recordLimit = recordLimit;
  }

  expireNext(count = 1): void {
    this.#expireNext += count;
  }

  redirectNext(location: string): void {
    this.#redirects.push(location);
  }

  /** A fresh signed link to the attachment's bytes, valid for ttlMs. */
  signedUrl(attachment: StoredObject): string {
    const path = `${storagePath}assets/${attachment.gid}`;
    const expiry = String(Math.floor((Date.now() + this.ttlMs) / 1000));
    const url = `${this.origin}${path}?e=${expiry}&v=0&t=${this.#sign(path, expiry)}`;
    this.#record(this.issued, url);
    return url;
  }

  handle(req: IncomingMessage, res: ServerResponse, url: URL, headers: Record<string, string>): void {
    const status = this.#answer(req, res, url, headers);
    this.#record(this.requests, { method: req.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), headers, status });
  }

  #answer(req: IncomingMessage, res: ServerResponse, url: URL, headers: Record<string, string>): number {
    if (req.method !== "GET") return s3Error(res, 405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
    if (headers.authorization !== undefined) {
      return s3Error(
        res,
        400,
        "InvalidArgument",
        "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified",
      );
    }
    const expiry = url.searchParams.get("e") ?? "";
    const signature = url.searchParams.get("t") ?? "";
    const expected = Buffer.from(this.#sign(url.pathname, expiry));
    if (!/^\d+$/.test(expiry) || signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), expected)) {
      return s3Error(res, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
    }
    if (this.#expireNext > 0 || Number(expiry) * 1000 < Date.now()) {
      this.#expireNext = Math.max(0, this.#expireNext - 1);
      return s3Error(res, 403, "AccessDenied", "Request has expired");
    }
    const redirect = this.#redirects.shift();
    if (redirect !== undefined) {
      res.writeHead(302, { location: redirect }).end();
      return 302;
    }
    const gid = url.pathname.slice(`${storagePath}assets/`.length);
    const attachment = this.#store.get(gid, "attachment");
    const bytes = attachment ? storedBytes(attachment) : undefined;
    if (!attachment || !bytes) return s3Error(res, 404, "NoSuchKey", "The specified key does not exist.");
    const contentType = typeof attachment._content_type === "string" && attachment._content_type ? attachment._content_type : "application/octet-stream";
    res.writeHead(200, { "content-type": contentType, "content-length": String(bytes.length) }).end(bytes);
    return 200;
  }

  #sign(path: string, expiry: string): string {
    return createHmac("sha256", this.#secret).update(`${path}\n${expiry}`).digest("base64url");
  }

  #record<T>(log: T[], entry: T): void {
    log.push(entry);
    if (log.length > this.#recordLimit) log.splice(0, log.length - this.#recordLimit);
  }
}
