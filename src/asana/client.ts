import { getMaxListeners, setMaxListeners } from "node:events";
import type { Dispatcher, FormData } from "undici";
import { Pool, interceptors, errors as undiciErrors } from "./undici-parts.js";
import { AsanaApiError, AsanaNetworkError, AsanaRequestAbortedError, isRepeatable } from "./errors.js";
import { createRetryDecision, idempotentMethods, parseRetryAfterMs, retryableErrorCodes, retryableStatusCodes, type RetryContext } from "./retry-policy.js";
import { AsanaClock } from "./asana-clock.js";
import { attemptTimeout } from "./attempt-timeout.js";
import { StorageDownloader, type StorageDownload } from "./storage-download.js";
import { defaultMaxFileBytes } from "./storage-hosts.js";
import { LookupCache, type LookupCacheOptions, type LookupFacts } from "./lookup-cache.js";
import type { Logger } from "../log/index.js";
import { silentLogger } from "../log/index.js";

export const defaultAsanaBaseUrl = "https://app.asana.com/api/1.0";

/** Requests one session may have in flight on one signal before Node warns of a listener leak. */
const maxRequestsPerSignal = 64;

export interface AsanaClientOptions {
  /** Base URL including the API prefix; `ASANA_BASE_URL` in the environment. */
  baseUrl?: string;
  /** Per-attempt limit for headers and for body inactivity, on our own timer (see attemptTimeout). Arcade's toolkit uses 20 s. */
  timeoutMs?: number;
  maxRetries?: number;
  retryBaseDelayMs?: number;
  /** Cap on one wait between attempts, including a Retry-After wait. */
  maxRetryDelayMs?: number;
  /**
   * Sockets to Asana at once. Asana allows 50 concurrent reads and 15 writes per token; a small
   * pool keeps one busy agent well inside that and queues the rest instead of earning 429s.
   */
  maxConnections?: number;
  logger?: Logger;
  userAgent?: string;
  /**
   * Files from Asana's storage (attachments' signed download links): the largest returned (0: none),
   * and loopback origins also fetched, the emulator's, for tests and --sandbox.
   */
  storage?: { maxBytes?: number; devOrigins?: readonly string[] };
  /** What a call read to resolve names, kept briefly per user for the next call (see LookupCache). */
  lookups?: LookupCacheOptions;
}

export type QueryValue = string | number | boolean | undefined | null | readonly string[];
export interface AsanaRequestOptions {
  query?: Record<string, QueryValue>;
  /** Sent as Asana's `opt_fields`, a comma-separated list. */
  optFields?: readonly string[];
  /**
   * For a POST that does the same thing however often it is sent (setParent, addTag, addFollowers,
   * a batch of reads…): it may then be retried after a lost answer or a 5xx, like a PUT.
   */
  idempotent?: boolean;
}

export interface AsanaPage<T> {
  items: T[];
  /** Asana's `next_page.offset`, opaque; null on the last page. */
  nextOffset: string | null;
}

export interface AsanaPageRequest extends AsanaRequestOptions {
  limit: number;
  offset?: string | null | undefined;
}

interface AsanaErrorBody {
  errors?: Array<{ message?: unknown; help?: unknown; phrase?: unknown }>;
}

/**
 * The Asana REST client: one keep-alive pool per process, shared by every caller. A caller gets an
 * {@link AsanaSession} bound to its token and its AbortSignal, so a tool never handles either.
 */
export class AsanaClient {
  readonly baseUrl: string;
  readonly #origin: string;
  readonly #basePath: string;
  readonly #pool: Pool;
  readonly #dispatcher: Dispatcher;
  readonly #timeoutMs: number;
  readonly #logger: Logger;
  readonly #userAgent: string;
  /** Asana's clock, read off its answers' Date headers (see AsanaClock). */
  readonly #clock = new AsanaClock();
  readonly #storage: StorageDownloader;
  readonly #lookups: LookupCache;

  constructor(options: AsanaClientOptions = {}) {
    const base = new URL(options.baseUrl ?? defaultAsanaBaseUrl);
    this.baseUrl = base.toString().replace(/\/$/, "");
    this.#origin = base.origin;
    this.#basePath = base.pathname.replace(/\/$/, "");
    this.#timeoutMs = options.timeoutMs ?? 20_000;
    this.#logger = options.logger ?? silentLogger;
    this.#userAgent = options.userAgent ?? "asana-mcp";
    this.#lookups = new LookupCache(options.lookups);
    this.#pool = new Pool(this.#origin, {
      connections: options.maxConnections ?? 10,
      keepAliveTimeout: 30_000,
      // undici checks these about once a second (300 ms behaved like 1 s): attemptTimeout enforces the
      // same limits on a precise timer, and these stay for what it leaves to them (an upload's sending).
      headersTimeout: this.#timeoutMs,
      bodyTimeout: this.#timeoutMs,
    });
    this.#storage = new StorageDownloader({
      maxBytes: options.storage?.maxBytes ?? defaultMaxFileBytes,
      timeoutMs: this.#timeoutMs,
      userAgent: this.#userAgent,
      logger: this.#logger,
      ...(options.storage?.devOrigins ? { devOrigins: options.storage.devOrigins } : {}),
    });
    const logger = this.#logger;
    this.#dispatcher = this.#pool.compose(
      // Innermost: times each attempt the retry interceptor makes.
      attemptTimeout(this.#timeoutMs),
      interceptors.retry({
        maxRetries: options.maxRetries ?? 3,
        // POST too, so a 429 on a create can be waited out; the decision below refuses every other POST retry.
        methods: [...idempotentMethods, "POST"],
        statusCodes: [...retryableStatusCodes],
        errorCodes: retryableErrorCodes,
        // Hand the last answer (say, the final 429) through, so Asana's own message reaches the model.
        throwOnError: false,
        retry: createRetryDecision({
          maxRetries: options.maxRetries ?? 3,
          baseDelayMs: options.retryBaseDelayMs ?? 500,
          maxDelayMs: options.maxRetryDelayMs ?? 30_000,
          onRetry: (info) => logger.warn("retrying Asana request", info),
        }),
      }),
    );
  }

  /** Asana-Change headers already logged: Asana repeats one on every affected response. */
  readonly #announcedChanges = new Set<string>();

  #noteApiChange(change: string, path: string): void {
    if (this.#announcedChanges.has(change)) return;
    this.#announcedChanges.add(change);
    this.#logger.warn("Asana announced an API change that affects this server's requests", { path, change });
  }

  /**
   * A view of the client that sends this token and stops when this signal aborts. With `refreshToken`,
   * a request Asana answers 401 is sent once more with a fresh token (a 401 means Asana did nothing with
   * it, so only that request is repeated, never the work around it), and later requests use the new token.
   */
  session(auth: {
    token: string;
    signal?: AbortSignal;
    refreshToken?: (rejected: string) => Promise<string | undefined>;
    /** Epoch ms by which the caller must have its answer; no retry wait runs past it. */
    deadline?: number;
  }): AsanaSession {
    // Each request in flight listens on the signal: a call that works on several items at once (CreateTasks)
    // passes Node's default of 10 listeners without leaking any, and the warning would only mislead.
    if (auth.signal && getMaxListeners(auth.signal) < maxRequestsPerSignal) setMaxListeners(maxRequestsPerSignal, auth.signal);
    let token = auth.token;
    let refreshed = false;
    const clock = this.#clock;
    const storage = this.#storage;
    // Hashed only when a tool asks: most calls never use the facts. Follows the token after a refresh.
    let lookups: { token: string; facts: LookupFacts } | undefined;
    const factsOfToken = (): LookupFacts => {
      if (lookups?.token !== token) lookups = { token, facts: this.#lookups.forToken(token) };
      return lookups.facts;
    };
    const files: FileAccess = {
      maxBytes: storage.maxBytes,
      // Never the token: the signed link is its own credential, and the downloader is never given one.
      download: (url, options) => downloadWithin(storage, url, { ...options, signal: auth.signal }),
    };
    return new AsanaSession({ clock, made: recentlyMade, asana: this.baseUrl, files, lookups: factsOfToken }, async (method, path, init) => {
      try {
        return await this.#send(method, path, { ...init, token, signal: auth.signal, deadline: auth.deadline });
      } catch (error) {
        if (!(error instanceof AsanaApiError) || error.status !== 401) throw error;
        // A refused token's facts are dropped: whoever holds the next token, nothing read with this one answers them.
        factsOfToken().forgetAll();
        if (!auth.refreshToken || refreshed) throw error;
        refreshed = true; // at most one refresh per session: a second 401 is the answer
        const fresh = await auth.refreshToken(token);
        if (!fresh || fresh === token) throw error;
        token = fresh;
        this.#logger.info("retrying a request with a refreshed Asana token", { method, path });
        return await this.#send(method, path, { ...init, token, signal: auth.signal, deadline: auth.deadline });
      }
    });
  }

  /** Forgets every user's lookup facts (see LookupCache): a test that counts requests starts each case cold. */
  forgetLookups(): void {
    this.#lookups.clear();
  }

  async close(): Promise<void> {
    await Promise.all([this.#pool.close(), this.#storage.close()]);
  }

  async #send(
    method: string,
    path: string,
    init: {
      token: string;
      signal?: AbortSignal;
      deadline?: number | undefined;
      options?: AsanaRequestOptions;
      json?: unknown;
      form?: FormData;
    },
  ): Promise<Record<string, unknown>> {
    const url = this.#basePath + path + encodeQuery(init.options);
    const headers: Record<string, string> = {
      authorization: `Bearer ${init.token}`,
      accept: "application/json",
      "user-agent": this.#userAgent,
    };
    let body: string | FormData | undefined;
    if (init.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(init.json);
    } else if (init.form) {
      body = init.form;
    }
    if (init.signal?.aborted) {
      // Stopped before anything went out: Asana cannot have seen it.
      if ((init.signal.reason as Error | undefined)?.name === "TimeoutError") throw new AsanaNetworkError(method, path, "CALL_DEADLINE_NOT_SENT", true);
      throw new AsanaRequestAbortedError(method, path);
    }

    const repeatable = isRepeatable(method, init.options?.idempotent === true);
    const retryContext: RetryContext = {
      ...(init.deadline !== undefined ? { deadline: init.deadline } : {}),
      ...(method === "POST" && repeatable ? { idempotentPost: true } : {}),
    };
    let response: Dispatcher.ResponseData;
    try {
      response = await this.#dispatcher.request({
        origin: this.#origin,
        method: method as Dispatcher.HttpMethod,
        path: url,
        headers,
        body: body as Dispatcher.DispatchOptions["body"],
        signal: init.signal,
        // Read back by the retry decision (see RetryContext); undici passes unknown options through.
        retryContext,
      } as Dispatcher.RequestOptions);
    } catch (error) {
      throw translateTransportError(error, method, path, init.signal, repeatable);
    }

    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      throw translateTransportError(error, method, path, init.signal, repeatable);
    }
    this.#clock.observe(response.headers.date);
    const change = response.headers["asana-change"];
    if (change) this.#noteApiChange(String(change), path);

    const parsed = parseJson(text);
    if (response.statusCode >= 200 && response.statusCode < 300) {
      if (parsed === undefined || typeof parsed !== "object" || parsed === null) {
        throw new AsanaApiError(response.statusCode, method, path, "Asana answered with a body that is not JSON", undefined, undefined, undefined, repeatable);
      }
      return parsed as Record<string, unknown>;
    }
    // A DELETE sent again after an attempt that may have done the work (its answer lost, or a 5xx) finds
    // the object gone: the first attempt deleted it. That is the success the caller asked for, not "not found".
    if (method === "DELETE" && response.statusCode === 404 && retryContext.resentAfterPossibleWork) {
      this.#logger.info("a DELETE was sent again after an attempt that may have done it, and the object is gone: the first attempt deleted it", {
        path,
      });
      return { data: {} };
    }
    throw toApiError(response.statusCode, method, path, parsed, response.headers["retry-after"], repeatable);
  }
}

/** Files in Asana's storage, as one session reaches them. */
interface FileAccess {
  maxBytes: number;
  download(url: string, options: { upTo?: number }): Promise<StorageDownload>;
}

/**
 * The session's signal bounds the download: its deadline passing is a timeout (the link goes back to the
 * caller), the caller cancelling is a cancellation.
 */
async function downloadWithin(storage: StorageDownloader, url: string, options: { upTo?: number; signal: AbortSignal | undefined }): Promise<StorageDownload> {
  const signal = options.signal ?? new AbortController().signal;
  try {
    return await storage.download(url, { signal, ...(options.upTo !== undefined ? { upTo: options.upTo } : {}) });
  } catch (error) {
    if ((signal.reason as Error | undefined)?.name === "TimeoutError") {
      return { ok: false, problem: "timed_out", message: "the call's deadline passed during the download" };
    }
    if (signal.aborted) throw new AsanaRequestAbortedError("GET", "(attachment download)");
    throw error;
  }
}

type Send = (method: string, path: string, init: { options?: AsanaRequestOptions; json?: unknown; form?: FormData }) => Promise<Record<string, unknown>>;

/** Asana's batch API takes at most this many actions per request (spec tag "Batch API"). */
export const maxBatchActions = 10;

/** A read for `POST /batch`: a path with no query string, its query parameters in `data`, paging and fields in `options`. */
export interface AsanaBatchRead {
  relative_path: string;
  data?: Record<string, QueryValue>;
  options?: { limit?: number; offset?: string; fields?: readonly string[] };
}

/** One action's answer: its own status and body (`{data}` or `{errors}`), whatever the others got. */
export interface AsanaBatchResult {
  status_code: number;
  body: unknown;
}

/** A write that Asana answered with success and that would make something new if it were sent again. */
export interface CompletedWrite {
  method: string;
  path: string;
  /** What Asana answered (`data`): the object made, or the job started. */
  data: unknown;
}

/**
 * The gids this process's creates made recently, in the order their answers arrived. A lost create is
 * looked for by name among recent objects; one that an earlier call of this process made is never this
 * call's, however close in time (the Date header's one-second resolution cannot tell them apart).
 */
class RecentlyMade {
  readonly #order = new Map<string, number>();
  #next = 1;
  static readonly keep = 4096;

  /** A mark in the order: objects noted before it were made before it. */
  mark(): number {
    return this.#next;
  }

  /** `asana` is the API's base URL: gids are unique within one Asana, not across a test's emulators. */
  note(asana: string, data: unknown): void {
    const gid = (data as { gid?: unknown } | null | undefined)?.gid;
    if (typeof gid !== "string") return;
    if (this.#order.size >= RecentlyMade.keep) this.#order.delete(this.#order.keys().next().value!);
    this.#order.set(`${asana} ${gid}`, this.#next++);
  }

  /** True when this process saw `gid` made before `mark`. */
  before(asana: string, gid: string, mark: number): boolean {
    const at = this.#order.get(`${asana} ${gid}`);
    return at !== undefined && at < mark;
  }
}

/** One per process: whichever client made an object, an earlier call of this process made it. */
const recentlyMade = new RecentlyMade();

/**
 * Reads that the parts of one call share (see AsanaSession.part): each is sent once, by whichever part
 * asks first, and the others get the same answer. Only reads that `shares` accepts: those the call's
 * own writes cannot change (a project's sections while tasks are created in it), never a listing that
 * a part's write adds to (a workspace's tags while a part may create one).
 */
export class SharedReads {
  readonly #answers = new Map<string, Promise<Record<string, unknown>>>();
  constructor(readonly shares: (path: string, query: Readonly<Record<string, QueryValue>>) => boolean) {}

  read(path: string, options: AsanaRequestOptions | undefined, send: () => Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
    if (!this.shares(path, options?.query ?? {})) return send();
    const key = path + encodeQuery(options);
    let answer = this.#answers.get(key);
    if (!answer) {
      answer = send();
      this.#answers.set(key, answer);
      // A failed read is not kept: the next part asks again.
      answer.catch(() => this.#answers.delete(key));
    }
    return answer;
  }
}

/** Asana's REST API as seen by one caller. Bodies go out wrapped in `{data}` and come back unwrapped. */
export class AsanaSession {
  readonly #send: Send;
  readonly #unrecorded: Send;
  readonly #clock: AsanaClock;
  readonly #made: RecentlyMade;
  readonly #asana: string;
  readonly #completedWrites: CompletedWrite[] = [];
  readonly #parent: AsanaSession | undefined;
  readonly #files: FileAccess;
  /** The facts of the token the session sends now (see the lookups getter). */
  readonly #lookups: () => LookupFacts;

  constructor(
    shared: { clock: AsanaClock; made: RecentlyMade; asana: string; files: FileAccess; lookups: () => LookupFacts },
    send: Send,
    parent?: AsanaSession,
  ) {
    this.#files = shared.files;
    this.#lookups = shared.lookups;
    this.#clock = shared.clock;
    this.#made = shared.made;
    this.#asana = shared.asana;
    this.#parent = parent;
    this.#unrecorded = send;
    this.#send = async (method, path, init) => {
      const body = await send(method, path, init);
      // Only writes that are not safe to repeat: these are what a retry of the whole call would duplicate.
      if (!isRepeatable(method, init.options?.idempotent === true)) {
        const write = { method, path, data: body.data };
        for (let session: AsanaSession | undefined = this; session; session = session.#parent) session.#completedWrites.push(write);
        this.#made.note(this.#asana, body.data);
      }
      return body;
    };
  }

  /**
   * A view of this session for one part of a call that works on several independent items (CreateTasks):
   * the same token, signal and deadline, with its own list of completed writes (so a failure can say
   * what that item made), each also listed on this session. Parts made with the same `reads` share the
   * answers of the reads it accepts.
   */
  part(reads?: SharedReads): AsanaSession {
    const send: Send = (method, path, init) =>
      method === "GET" && reads ? reads.read(path, init.options, () => this.#unrecorded(method, path, init)) : this.#unrecorded(method, path, init);
    return new AsanaSession({ clock: this.#clock, made: this.#made, asana: this.#asana, files: this.#files, lookups: this.#lookups }, send, this);
  }

  /**
   * What this user's recent calls read to resolve names (see LookupCache), under the token the session
   * now sends: for resolving names to ids only, never to show as an object's state, and never trusted
   * when it does not resolve.
   */
  get lookups(): LookupFacts {
    return this.#lookups();
  }

  /** A mark in the order of what this process's creates made, for madeEarlier. */
  get madeMark(): number {
    return this.#made.mark();
  }

  /** True when a create of this process made the object `gid` before `mark` was taken. */
  madeEarlier(gid: string, mark: number): boolean {
    return this.#made.before(this.#asana, gid, mark);
  }

  /**
   * The writes of this session that Asana carried out and that are not safe to repeat, in order. A
   * failure after one of them must never advise calling the tool again.
   */
  get completedWrites(): readonly CompletedWrite[] {
    return this.#completedWrites;
  }

  /** Our epoch ms as a moment on Asana's clock, never later than Asana's reading of it (see AsanaClock). */
  asanaTimeOf(localMs: number): number {
    return this.#clock.toAsanaTime(localMs);
  }

  /** The largest file downloadFile returns whole; 0 when the operator turned file contents off. */
  get maxFileBytes(): number {
    return this.#files.maxBytes;
  }

  /**
   * A file from Asana's storage, by an attachment's download_url (signed, valid about two minutes: read
   * the attachment just before). Sent without the Asana token. With `upTo`, at most its first `upTo`
   * bytes. Anything but Asana's storage, a redirect off it, a file over the limit, an expired link or a
   * timeout comes back as a problem, not an exception.
   */
  downloadFile(url: string, options: { upTo?: number } = {}): Promise<StorageDownload> {
    return this.#files.download(url, options);
  }

  async get<T>(path: string, options?: AsanaRequestOptions): Promise<T> {
    return (await this.#send("GET", path, { options })).data as T;
  }

  /**
   * The whole answer of a GET, for endpoints that say more beside `data`: `GET /events` answers
   * `{data, sync, has_more}`.
   */
  async getResponseBody<T extends Record<string, unknown>>(path: string, options?: AsanaRequestOptions): Promise<T> {
    return (await this.#send("GET", path, { options })) as T;
  }

  /** One page of a list endpoint. `offset` is the token from the previous page's `nextOffset`. */
  async getPage<T>(path: string, request: AsanaPageRequest): Promise<AsanaPage<T>> {
    const { limit, offset, query, optFields } = request;
    const envelope = await this.#send("GET", path, {
      options: { optFields, query: { ...query, limit, offset: offset ?? undefined } },
    });
    const nextPage = envelope.next_page as { offset?: unknown } | null | undefined;
    return {
      items: (envelope.data as T[] | undefined) ?? [],
      nextOffset: typeof nextPage?.offset === "string" ? nextPage.offset : null,
    };
  }

  async post<T>(path: string, data: unknown, options?: AsanaRequestOptions): Promise<T> {
    return (await this.#send("POST", path, { options, json: { data } })).data as T;
  }

  async put<T>(path: string, data: unknown, options?: AsanaRequestOptions): Promise<T> {
    return (await this.#send("PUT", path, { options, json: { data } })).data as T;
  }

  async delete(path: string): Promise<void> {
    await this.#send("DELETE", path, {});
  }

  /**
   * Up to {@link maxBatchActions} reads in one `POST /batch`. Only GETs go through here, so the request
   * changes nothing and is retried like a GET (429, 5xx, a lost answer), although its method is POST.
   * The batch answers 200 whatever each action got; each result carries its own status.
   */
  async batchRead(reads: readonly AsanaBatchRead[]): Promise<AsanaBatchResult[]> {
    if (reads.length === 0 || reads.length > maxBatchActions) throw new RangeError(`a batch holds 1 to ${maxBatchActions} actions, not ${reads.length}`);
    const actions = reads.map((read) => ({ ...read, method: "get" }));
    // A batch of GETs changes nothing, so it is retried like a GET.
    const envelope = await this.#send("POST", "/batch", { json: { data: { actions } }, options: { idempotent: true } });
    // Asana's answer is input: a list of {status_code, body}, one per action. Anything else is said, not read.
    if (!Array.isArray(envelope.data)) {
      throw new AsanaApiError(200, "POST", "/batch", "the answer has no list of action results (data)", undefined, undefined, undefined, true);
    }
    return envelope.data.slice(0, reads.length).map((result: unknown) => {
      const { status_code, body } = (typeof result === "object" && result !== null ? result : {}) as { status_code?: unknown; body?: unknown };
      return typeof status_code === "number" && Number.isInteger(status_code) ? { status_code, body } : { status_code: 0, body: undefined };
    });
  }

  /** multipart/form-data, for attachments (Asana does not take a `{data}` envelope there). */
  async postForm<T>(path: string, form: FormData, options?: AsanaRequestOptions): Promise<T> {
    return (await this.#send("POST", path, { options, form })).data as T;
  }
}

/**
 * Builds an API path with every interpolated value URL-encoded, so an id can never add a path
 * segment or a query string: asanaPath`/tasks/${taskId}/subtasks`.
 */
export function asanaPath(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  return strings.reduce((path, part, index) => path + part + (index < values.length ? encodeURIComponent(String(values[index])) : ""), "");
}

/** opt_fields lists as query text, by list: tools pass the same constant lists on every call. */
const encodedOptFields = new WeakMap<readonly string[], string>();

/** Comma-separated lists as Asana documents them (style: form, explode: false), commas left readable. */
const encodeList = (values: readonly unknown[]) => values.map((value) => encodeURIComponent(String(value))).join(",");

function encodeQuery(options: AsanaRequestOptions | undefined): string {
  const parts: string[] = [];
  const query = options?.query;
  if (query) {
    for (const key of Object.keys(query)) {
      const value = query[key];
      if (value === undefined || value === null) continue;
      parts.push(`${encodeURIComponent(key)}=${Array.isArray(value) ? encodeList(value) : encodeURIComponent(String(value))}`);
    }
  }
  const fields = options?.optFields;
  if (fields && fields.length > 0) {
    let encoded = encodedOptFields.get(fields);
    if (encoded === undefined) {
      encoded = `opt_fields=${encodeList(fields)}`;
      encodedOptFields.set(fields, encoded);
    }
    parts.push(encoded);
  }
  return parts.length > 0 ? `?${parts.join("&")}` : "";
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(
  status: number,
  method: string,
  path: string,
  parsed: unknown,
  retryAfter: string | string[] | undefined,
  repeatable: boolean,
): AsanaApiError {
  const first = (parsed as AsanaErrorBody | undefined)?.errors?.[0];
  const message = typeof first?.message === "string" && first.message ? first.message : `HTTP ${status} with no Asana error message`;
  const help = typeof first?.help === "string" ? first.help : undefined;
  const phrase = typeof first?.phrase === "string" ? first.phrase : undefined;
  const retryAfterMs = parseRetryAfterMs(retryAfter);
  return new AsanaApiError(
    status,
    method,
    path,
    message,
    help,
    phrase,
    retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000),
    repeatable,
    parsed,
  );
}

function translateTransportError(error: unknown, method: string, path: string, signal: AbortSignal | undefined, repeatable: boolean): Error {
  // The call's own deadline (a TimeoutError joined to the caller's signal) is a timeout, not a cancellation.
  if (signal?.aborted && (signal.reason as Error | undefined)?.name === "TimeoutError") {
    return new AsanaNetworkError(method, path, "CALL_DEADLINE", true, { cause: error, repeatable });
  }
  if (signal?.aborted || error instanceof undiciErrors.RequestAbortedError || (error as Error)?.name === "AbortError") {
    return new AsanaRequestAbortedError(method, path);
  }
  const code = (error as { code?: string })?.code ?? (error as Error)?.name ?? "UNKNOWN";
  const timedOut = code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT" || code === "UND_ERR_CONNECT_TIMEOUT";
  return new AsanaNetworkError(method, path, code, timedOut, { cause: error, repeatable });
}
