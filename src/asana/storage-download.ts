import type { Dispatcher } from "undici";
import { Agent } from "./undici-parts.js";
import { silentLogger, type Logger } from "../log/index.js";
import { isAsanaStorageUrl, loopbackOrigin } from "./storage-hosts.js";

export interface StorageDownloaderOptions {
  /** The largest file returned whole; 0 turns downloads off. */
  maxBytes: number;
  /** For the whole download, redirects included. */
  timeoutMs: number;
  /** Loopback origins also fetched (over http too): the emulator's storage, for tests and --sandbox. */
  devOrigins?: readonly string[];
  /** Asana's storage may redirect (a regional host, S3); a chain longer than this is not a download. */
  maxRedirects?: number;
  userAgent?: string;
  logger?: Logger;
}

export type StorageProblem = "not_storage" | "redirect_refused" | "too_many_redirects" | "too_large" | "expired" | "failed" | "timed_out";

export type StorageDownload =
  | { ok: true; bytes: Buffer; contentType: string | undefined; truncated: boolean }
  | { ok: false; problem: StorageProblem; message: string };

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

const sized = (bytes: number) => `${bytes.toLocaleString("en-US")} bytes`;

/**
 * Fetches an attachment's bytes from its signed download_url. The link is its own credential: nothing
 * else is sent with it (no Authorization, no cookie, no Asana token: this module is never given one), and
 * it is fetched only from Asana's storage (see storage-hosts.ts), each redirect checked again. Never
 * more than the cap is read, whatever Content-Length says.
 */
export class StorageDownloader {
  readonly maxBytes: number;
  readonly #timeoutMs: number;
  readonly #devOrigins: ReadonlySet<string>;
  readonly #maxRedirects: number;
  readonly #userAgent: string;
  readonly #logger: Logger;
  #agent: Agent | undefined;

  constructor(options: StorageDownloaderOptions) {
    this.maxBytes = options.maxBytes;
    this.#timeoutMs = options.timeoutMs;
    this.#devOrigins = new Set((options.devOrigins ?? []).map(loopbackOrigin));
    this.#maxRedirects = options.maxRedirects ?? 3;
    this.#userAgent = options.userAgent ?? "asana-mcp";
    this.#logger = options.logger ?? silentLogger;
  }

  /** True for a link this downloader would fetch. */
  fetches(url: URL): boolean {
    return isAsanaStorageUrl(url) || this.#devOrigins.has(url.origin);
  }

  /**
   * The file at `url`, whole, when it is at most maxBytes; with `upTo`, its first `upTo` bytes at most
   * (marked truncated when there was more). Throws only when `signal` aborts (the caller cancelled).
   */
  async download(url: string, options: { signal: AbortSignal; upTo?: number }): Promise<StorageDownload> {
    const partial = options.upTo !== undefined;
    const limit = Math.min(options.upTo ?? this.maxBytes, this.maxBytes);
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      return { ok: false, problem: "not_storage", message: "the download link is not a URL" };
    }
    if (!this.fetches(current)) return { ok: false, problem: "not_storage", message: `${current.host} is not Asana's file storage` };

    const timer = new AbortController();
    const onAbort = () => timer.abort(options.signal.reason);
    if (options.signal.aborted) onAbort();
    else options.signal.addEventListener("abort", onAbort, { once: true });
    const timeout = setTimeout(() => timer.abort(new DOMException("storage download timed out", "TimeoutError")), this.#timeoutMs);
    try {
      for (let redirects = 0; ; redirects += 1) {
        const response = await this.#agentOnce().request({
          origin: current.origin,
          path: current.pathname + current.search,
          method: "GET",
          // Exactly these: the signed link carries its own authorization.
          headers: { accept: "*/*", "user-agent": this.#userAgent },
          signal: timer.signal,
        });
        if (redirectStatuses.has(response.statusCode)) {
          discard(response.body);
          const location = response.headers.location;
          const next = typeof location === "string" ? safeUrl(location, current) : undefined;
          if (!next) return { ok: false, problem: "failed", message: `${current.host} answered a redirect without a usable location` };
          if (!this.fetches(next)) {
            this.#logger.warn("attachment download: a redirect away from Asana's file storage was refused", { from: current.host, to: next.host });
            return {
              ok: false,
              problem: "redirect_refused",
              message: `${current.host} redirected to ${next.host}, which is not Asana's file storage; it was not followed`,
            };
          }
          if (redirects >= this.#maxRedirects) {
            return { ok: false, problem: "too_many_redirects", message: `${current.host} redirected more than ${this.#maxRedirects} times` };
          }
          current = next;
          continue;
        }
        if (response.statusCode !== 200) {
          discard(response.body);
          this.#logger.info("attachment download refused by the storage", { at: current.origin + current.pathname, status: response.statusCode });
          // S3 answers an expired (or otherwise refused) presigned link with 403 AccessDenied.
          if (response.statusCode === 403) return { ok: false, problem: "expired", message: `${current.host} refused the link (403): it has expired` };
          return { ok: false, problem: "failed", message: `${current.host} answered ${response.statusCode}` };
        }
        return await readCapped(response, limit, partial);
      }
    } catch (error) {
      if (options.signal.aborted) throw error;
      if (timer.signal.aborted) {
        this.#logger.info("attachment download timed out", { at: current.origin + current.pathname, ms: this.#timeoutMs });
        return { ok: false, problem: "timed_out", message: `${current.host} did not deliver the file within ${this.#timeoutMs / 1000} s` };
      }
      return { ok: false, problem: "failed", message: `the download from ${current.host} failed (${(error as Error).message})` };
    } finally {
      clearTimeout(timeout);
      options.signal.removeEventListener("abort", onAbort);
    }
  }

  async close(): Promise<void> {
    await this.#agent?.close();
  }

  /** Made on the first download: most servers never fetch a file. */
  #agentOnce(): Agent {
    this.#agent ??= new Agent({
      connections: 4,
      keepAliveTimeout: 10_000,
      connect: { timeout: this.#timeoutMs },
      headersTimeout: this.#timeoutMs,
      bodyTimeout: this.#timeoutMs,
    });
    return this.#agent;
  }
}

/** Closes a body not wanted (or wanted no further): the connection goes, and its abort is not an error to anyone. */
function discard(body: Dispatcher.ResponseData["body"]): void {
  body.on("error", () => {});
  body.destroy();
}

function safeUrl(location: string, base: URL): URL | undefined {
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

/** Reads at most `limit` bytes; a declared length over it is refused before any body is read. */
async function readCapped(response: Dispatcher.ResponseData, limit: number, partial: boolean): Promise<StorageDownload> {
  const declared = Number(response.headers["content-length"]);
  const contentType = typeof response.headers["content-type"] === "string" ? response.headers["content-type"] : undefined;
  if (!partial && Number.isFinite(declared) && declared > limit) {
    discard(response.body);
    return { ok: false, problem: "too_large", message: `the storage says the file is ${sized(declared)}, over the limit of ${sized(limit)}` };
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    const buffer = chunk as Buffer;
    if (total + buffer.length > limit) {
      // Stop reading at the cap: the rest is never taken off the socket.
      discard(response.body);
      if (!partial) return { ok: false, problem: "too_large", message: `the file is over the limit of ${sized(limit)} (stopped reading there)` };
      chunks.push(buffer.subarray(0, limit - total));
      return { ok: true, bytes: Buffer.concat(chunks), contentType, truncated: true };
    }
    chunks.push(buffer);
    total += buffer.length;
  }
  return { ok: true, bytes: Buffer.concat(chunks), contentType, truncated: false };
}
