import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { EventLog } from "./events.js";
import { FaultPlan, type ActiveFault } from "./faults.js";
import {
  AsanaFailure,
  errorBody,
  notEmulated,
  type EmulatorRequest,
  type EmulatorResponse,
  type EmulatorRoute,
  type EmulatorServices,
  type InnerCall,
} from "./http-kit.js";
import { JobQueue } from "./jobs.js";
import { createEmulatedOAuth, type EmulatedOAuth, type EmulatedOAuthApp } from "./oauth.js";
import { apiBasePath } from "./paths.js";
import { allRoutes } from "./routes/index.js";
import { AsanaStore, type StoredObject } from "./store.js";
import { EmulatedStorage, storagePath, type StorageControls } from "./storage.js";

export { apiBasePath };

/** One request the emulator answered, as a test (or the contract checker) sees it. */
export interface RecordedExchange {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  bodyKind: "json" | "multipart" | "none";
  body: unknown;
  response: { status: number; headers: Record<string, string>; body: unknown };
  /**
   * Set on an action of `POST /batch`, recorded as an exchange of its own (method, path, query from
   * the action's data and options, body `{data}`), so it is checked as the operation it names.
   */
  batch?: { index: number };
}

export interface RateLimitOptions {
  /** Requests allowed per token per window; Asana's free plan allows 150 a minute. */
  requests: number;
  windowMs: number;
  retryAfterSeconds?: number;
}

export interface EmulatorOptions {
  store?: AsanaStore;
  /** Bearer token → user gid. Any other token gets Asana's 401. */
  tokens?: Record<string, string>;
  /** OAuth apps registered with the emulated Asana (its /-/oauth_* endpoints). */
  oauthApps?: EmulatedOAuthApp[];
  /** Called for every answered request, e.g. to check it against Asana's OpenAPI document. */
  onExchange?: (exchange: RecordedExchange) => void;
  rateLimit?: RateLimitOptions;
  host?: string;
  port?: number;
  /**
   * How long a job (duplication, template instantiation) stays pending, in ms of the store's clock.
   * Default 200; 0 makes the create call answer with the job already succeeded.
   */
  jobDurationMs?: number;
  /** When set, a job finishes on its n-th look (GET /jobs/{gid}) instead of on the clock, as Asana's take a few polls. */
  jobPolls?: number;
  /** How long an events sync token stays valid, in ms of the store's clock. Default 24 hours. */
  syncTokenTtlMs?: number;
  /**
   * How many requests the logs (`exchanges`, `arrivals`) keep. Tests keep all; a long-running
   * `--sandbox` keeps the latest few, so its memory stays flat.
   */
  recordLimit?: number;
}

/** Test hooks for jobs. */
export interface JobControls {
  /** The next job created fails: status "failed", nothing made. Call again to fail more. */
  failNext(message?: string): void;
  /** Finishes every pending job now, whatever the clock says. */
  finishAll(): void;
  /** Changes the pending time of jobs created from now on. */
  setDurationMs(ms: number): void;
  /** Jobs created from now on finish on their n-th look (undefined: on the clock again). */
  setJobPolls(polls: number | undefined): void;
  readonly pending: number;
}

/** Test hooks for the event stream. */
export interface EventControls {
  /** Every sync token handed out so far stops working: the next GET /events with one answers 412. */
  expireSyncTokens(): void;
  /** Changes how long sync tokens stay valid (ms of the store's clock). */
  setSyncTokenTtlMs(ms: number): void;
  /** How many events the emulator has recorded. */
  readonly count: number;
}

export interface RunningEmulator {
  /** ASANA_BASE_URL for a client: http://127.0.0.1:<port>/api/1.0 */
  baseUrl: string;
  store: AsanaStore;
  faults: FaultPlan;
  /** Every answered request, oldest first. */
  exchanges: RecordedExchange[];
  /** Requests whose client went away before the answer was ready (cancelled or timed out). */
  readonly abandoned: number;
  /** Requests that arrived, answered or not yet (a slow fault may still be holding one). */
  readonly received: number;
  /** Every request as it arrived, including those whose answer a fault lost: how duplicates are counted. */
  readonly arrivals: ReadonlyArray<{ method: string; path: string }>;
  jobs: JobControls;
  events: EventControls;
  /**
   * Sets the user a token acts as. With `oauthApp`, the token is one an OAuth app (that client id) was
   * issued, as Arcade's or a deployment's own app holds; without, a personal access token.
   */
  addToken(token: string, userGid: string, options?: { oauthApp?: string }): void;
  /** The file storage that attachments' download links point to (outside the API, at the origin). */
  storage: StorageControls;
  /** Asana's OAuth endpoints (at the origin, outside /api/1.0): register apps, expire tokens, see what was issued. */
  oauth: Pick<EmulatedOAuth, "addApp" | "expireAccessTokens" | "exchanges">;
  /** The emulated app.asana.com origin, for ASANA_OAUTH_BASE_URL: http://127.0.0.1:<port> */
  origin: string;
  setRateLimit(options: RateLimitOptions | undefined): void;
  close(): Promise<void>;
}

interface CompiledRoute {
  route: EmulatorRoute;
  pattern: RegExp;
  names: string[];
}

/** Each route's path as a RegExp with its parameter names, built once: matching runs on every request. */
function compileRoutes(routes: readonly EmulatorRoute[]): CompiledRoute[] {
  return routes.map((route) => {
    const names: string[] = [];
    const pattern = new RegExp(
      `^${route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name);
        return "([^/]+)";
      })}$`,
    );
    return { route, pattern, names };
  });
}

const compiledRoutes = compileRoutes(allRoutes);

function matchRoute(method: string, path: string): { route: EmulatorRoute; params: Record<string, string> } | "method" | undefined {
  let pathMatched = false;
  for (const { route, pattern, names } of compiledRoutes) {
    const match = pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    return { route, params: Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)])) };
  }
  return pathMatched ? "method" : undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseMultipart(raw: Buffer, contentType: string): Promise<EmulatorRequest["form"]> {
  // The platform's own multipart parser (undici inside Node), rather than one written here.
  const formData = await new Response(raw, { headers: { "content-type": contentType } }).formData();
  const fields: Record<string, string> = {};
  const files: NonNullable<EmulatorRequest["form"]>["files"] = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value === "string") fields[name] = value;
    else {
      const file = value as File;
      files[name] = { filename: file.name, contentType: file.type, size: file.size, bytes: Buffer.from(await file.arrayBuffer()) };
    }
  }
  return { fields, files };
}

/** A form as an exchange records it: the files' names, types and sizes, not their bytes. */
function recordedForm(form: EmulatorRequest["form"]): EmulatorRequest["form"] {
  if (!form) return form;
  const files = Object.fromEntries(Object.entries(form.files).map(([name, { bytes: _bytes, ...file }]) => [name, file]));
  return { fields: form.fields, files };
}

function flatHeaders(headers: IncomingMessage["headers"] | Record<string, string | number | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return flat;
}

/** Waits `ms`, or less when the client closes the connection first; true when it did. */
function heldUntilClosed(req: IncomingMessage, ms: number): Promise<boolean> {
  const socket = req.socket;
  if (socket.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const closed = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      socket.off("close", closed);
      resolve(socket.destroyed);
    }, ms).unref();
    socket.once("close", closed);
  });
}

/** Waits until `released` settles, or the client closes the connection first; true when it did. */
function heldUntilReleased(req: IncomingMessage, released: Promise<unknown>): Promise<boolean> {
  const socket = req.socket;
  if (socket.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const closed = () => resolve(true);
    socket.once("close", closed);
    const letGo = () => {
      socket.off("close", closed);
      resolve(socket.destroyed);
    };
    released.then(letGo, letGo);
  });
}

/** The answer a fault gives: its status, Asana's error body, and Retry-After where Asana sends one. */
function faultResponse(fault: ActiveFault): EmulatorResponse {
  if (fault.body !== undefined) return { status: fault.status ?? 200, body: fault.body, headers: { ...(fault.headers ?? {}) } };
  const status = fault.status ?? 500;
  const headers: Record<string, string> = { ...(fault.headers ?? {}) };
  if (status === 429 || status === 503) headers["retry-after"] = String(fault.retryAfterSeconds ?? 1);
  const message =
    fault.message ?? (status === 429 ? "You have made too many requests recently. Please, be chill." : status >= 500 ? "Server Error" : "Injected failure");
  return { status, body: errorBody(status, message, fault.help), headers };
}

/**
 * A loopback Asana: Asana's envelopes, error bodies, pagination, opt_fields, 401/402/404/429, backed
 * by an in-memory store. Tests use it as the fake; `--sandbox` serves it to newcomers.
 */
export async function startAsanaEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const store = options.store ?? new AsanaStore();
  const tokens = new Map(Object.entries(options.tokens ?? {}));
  /** Tokens of OAuth apps added by tests, with their app: what a task's external data is keyed by. */
  const appTokens = new Map<string, string>();
  const oauth = createEmulatedOAuth(store, options.oauthApps);
  const faults = new FaultPlan();
  const exchanges: RecordedExchange[] = [];
  const events = new EventLog(store, options.syncTokenTtlMs === undefined ? {} : { syncTokenTtlMs: options.syncTokenTtlMs });
  const jobs = new JobQueue(store, events, {
    ...(options.jobDurationMs === undefined ? {} : { durationMs: options.jobDurationMs }),
    ...(options.jobPolls === undefined ? {} : { polls: options.jobPolls }),
  });
  const recordLimit = options.recordLimit ?? Number.POSITIVE_INFINITY;
  const storage = new EmulatedStorage(store, recordLimit);
  const services: EmulatorServices = { jobs, events, storage, dispatch: (call, me) => dispatchInner(call, me) };
  let rateLimit = options.rateLimit;
  const windows = new Map<string, { start: number; count: number }>();
  const sockets = new Set<import("node:net").Socket>();
  let abandoned = 0;
  let received = 0;
  const arrivals: Array<{ method: string; path: string }> = [];
  const record = <T>(log: T[], entry: T) => {
    log.push(entry);
    if (log.length > recordLimit) log.splice(0, log.length - recordLimit);
  };

  /** `weight` is how many requests the call counts as: a batch counts each of its actions. */
  function rateLimited(token: string, weight = 1): number | undefined {
    if (!rateLimit) return undefined;
    const now = Date.now();
    const window = windows.get(token);
    if (!window || now - window.start >= rateLimit.windowMs) {
      windows.set(token, { start: now, count: weight });
      return weight <= rateLimit.requests ? undefined : (rateLimit.retryAfterSeconds ?? Math.max(1, Math.ceil(rateLimit.windowMs / 1000)));
    }
    window.count += weight; // Asana counts rejected requests too
    if (window.count <= rateLimit.requests) return undefined;
    return rateLimit.retryAfterSeconds ?? Math.max(1, Math.ceil((window.start + rateLimit.windowMs - now) / 1000));
  }

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator");
    // The file storage is not the API: no token, no faults, no contract check, not counted as an API request.
    if (url.pathname.startsWith(storagePath)) return storage.handle(req, res, url, flatHeaders(req.headers));
    received += 1;
    const method = (req.method ?? "GET").toUpperCase();
    const path = url.pathname.startsWith(apiBasePath) ? url.pathname.slice(apiBasePath.length) || "/" : url.pathname;
    record(arrivals, { method, path });
    const query = Object.fromEntries(url.searchParams.entries());
    const headers = flatHeaders(req.headers);
    const raw = await readBody(req);
    const contentType = headers["content-type"] ?? "";
    let bodyKind: RecordedExchange["bodyKind"] = "none";
    let body: unknown;
    let form: EmulatorRequest["form"];

    // Asana's OAuth endpoints are outside the REST API: no API token, no faults, no contract check.
    if ((path.startsWith("/-/") || path === "/openid_connect/userinfo") && oauth.handle(req, res, path, raw)) return;
    const fault = faults.take(method, path);
    const respond = (answered: EmulatorResponse) => {
      // Asana failed after the work was done: the store has changed, the answer is an error.
      const response = fault?.afterWork === "error" && answered.status < 300 ? faultResponse(fault) : answered;
      if (fault?.afterWork === "reset") {
        req.socket.destroy();
        return;
      }
      if (fault?.afterWork === "hang") {
        // Held until the client gives up (its timeout closes the connection) or the latency has passed:
        // a test never waits on this clock longer than the client does.
        void heldUntilClosed(req, fault.latencyMs ?? 30_000).then((closed) => {
          if (closed || res.destroyed) abandoned += 1;
          else
            res
              .writeHead(response.status, { "content-type": "application/json; charset=UTF-8", ...(response.headers ?? {}) })
              .end(JSON.stringify(response.body));
        });
        return;
      }
      const responseHeaders = { "content-type": "application/json; charset=UTF-8", ...(response.headers ?? {}) };
      const exchange: RecordedExchange = {
        method,
        path,
        query,
        headers,
        bodyKind,
        body: bodyKind === "multipart" ? recordedForm(form) : body,
        response: { status: response.status, headers: flatHeaders(responseHeaders), body: response.body },
      };
      record(exchanges, exchange);
      options.onExchange?.(exchange);
      res.writeHead(response.status, responseHeaders).end(JSON.stringify(response.body));
    };
    const failure = (status: number, message: string, help?: string, extra: Record<string, string> = {}) =>
      respond({ status, body: errorBody(status, message, help), headers: extra });

    if (fault?.until && ((await heldUntilReleased(req, fault.until)) || res.destroyed)) {
      abandoned += 1;
      return;
    }
    if (fault?.latencyMs && !fault.afterWork) {
      if ((await heldUntilClosed(req, fault.latencyMs)) || res.destroyed) {
        abandoned += 1;
        return;
      }
    }
    if (fault?.reset && !fault.afterWork) {
      req.socket.destroy();
      return;
    }

    try {
      if (raw.length > 0) {
        if (contentType.startsWith("multipart/form-data")) {
          bodyKind = "multipart";
          form = await parseMultipart(raw, contentType);
        } else {
          bodyKind = "json";
          try {
            body = JSON.parse(raw.toString("utf8"));
          } catch {
            return failure(400, "Could not parse request data, invalid JSON");
          }
        }
      }
    } catch {
      return failure(400, "Could not parse multipart request data");
    }

    const authorization = headers.authorization ?? "";
    const token = authorization.startsWith("Bearer ") ? authorization.slice(7) : "";
    const me = store.get(tokens.get(token) ?? oauth.userOf(token) ?? "", "user");
    if (!me) return failure(401, "Not Authorized");
    const app = appTokens.get(token) ?? oauth.appOf(token);

    // Batch API: "each action counts as one request … if any action would exceed a limit, the whole batch gets 429".
    const actions = method === "POST" && path === "/batch" ? (body as { data?: { actions?: unknown } } | undefined)?.data?.actions : undefined;
    const retryAfter = rateLimited(token, Array.isArray(actions) ? Math.max(1, actions.length) : 1);
    if (retryAfter !== undefined) {
      return failure(429, "You have made too many requests recently. Please, be chill.", undefined, { "retry-after": String(retryAfter) });
    }
    if ((fault?.status || fault?.body !== undefined) && fault.afterWork !== "error") return respond(faultResponse(fault));

    const answered = await route({ method, path, query, body, ...(form ? { form } : {}) }, me, app);
    // Headers a fault adds (an Asana-Change notice, say) ride on the real answer.
    respond(fault?.headers && !fault.status ? { ...answered, headers: { ...(answered.headers ?? {}), ...fault.headers } } : answered);
  }

  /**
   * Routes one call and answers it: 501 for an endpoint the emulator lacks, 404 for a known path
   * with another method, else the route's answer or its AsanaFailure. Changes a successful write
   * makes are recorded as events; due jobs finish first.
   */
  async function route(
    call: { method: string; path: string; query: Record<string, string>; body: unknown; form?: EmulatorRequest["form"] },
    me: StoredObject,
    app: string | undefined,
  ): Promise<EmulatorResponse> {
    const failed = (error: AsanaFailure): EmulatorResponse => ({
      status: error.status,
      body: errorBody(error.status, error.message, error.help),
      headers: error.headers,
    });
    jobs.tick();
    const matched = matchRoute(call.method, call.path);
    if (matched === undefined) return failed(notEmulated(call.method, call.path));
    if (matched === "method") return failed(new AsanaFailure(404, `No matching route for ${call.method} ${call.path}`));

    const optFields = call.query.opt_fields
      ? call.query.opt_fields
          .split(",")
          .map((f) => f.trim())
          .filter(Boolean)
      : undefined;
    const request: EmulatorRequest = {
      method: call.method,
      path: call.path,
      params: matched.params,
      query: call.query,
      body: call.body,
      ...(call.form ? { form: call.form } : {}),
      ...(optFields ? { optFields } : {}),
      me,
      ...(app ? { app } : {}),
      store,
      services,
    };
    const recordsChanges = call.method !== "GET" && !matched.route.composite;
    const before = recordsChanges ? events.snapshot() : undefined;
    // A batch action runs inside the batch's own request; the viewer is the same user, put back after.
    const outerViewer = store.viewerGid;
    const outerApp = store.viewerApp;
    store.viewerGid = me.gid;
    store.viewerApp = app;
    let response: EmulatorResponse;
    try {
      response = await matched.route.handle(request);
    } catch (error) {
      if (error instanceof AsanaFailure) return failed(error);
      throw error;
    } finally {
      store.viewerGid = outerViewer;
      store.viewerApp = outerApp;
    }
    if (before && response.status < 300) events.recordSince(before, me.gid);
    return response;
  }

  /** A batch action: routed like any request and recorded as its own exchange, marked with its place in the batch. */
  async function dispatchInner(call: InnerCall, me: StoredObject): Promise<EmulatorResponse> {
    const fault = faults.take(call.method, call.path, true);
    const response =
      fault?.status || fault?.body !== undefined
        ? faultResponse(fault)
        : await route({ method: call.method, path: call.path, query: call.query, body: call.body }, me, store.viewerApp);
    const exchange: RecordedExchange = {
      method: call.method,
      path: call.path,
      query: call.query,
      headers: {},
      bodyKind: call.body === undefined ? "none" : "json",
      body: call.body,
      response: {
        status: response.status,
        headers: flatHeaders({ "content-type": "application/json; charset=UTF-8", ...(response.headers ?? {}) }),
        body: response.body,
      },
      batch: { index: call.batchIndex },
    };
    record(exchanges, exchange);
    options.onExchange?.(exchange);
    return response;
  }

  const server: Server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify(errorBody(500, `Emulator bug: ${(error as Error).message}`)));
      }
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  storage.origin = `http://${host}:${address.port}`;

  return {
    baseUrl: `http://${host}:${address.port}${apiBasePath}`,
    store,
    faults,
    exchanges,
    get abandoned() {
      return abandoned;
    },
    get received() {
      return received;
    },
    arrivals,
    jobs: {
      failNext: (message) => jobs.failNext(message),
      finishAll: () => jobs.finishAll(),
      setDurationMs: (ms) => {
        jobs.durationMs = ms;
      },
      setJobPolls: (polls) => {
        jobs.polls = polls;
      },
      get pending() {
        return jobs.pending;
      },
    },
    events: {
      expireSyncTokens: () => events.expireSyncTokens(),
      setSyncTokenTtlMs: (ms) => {
        events.syncTokenTtlMs = ms;
      },
      get count() {
        return events.recorded.length;
      },
    },
    storage,
    addToken: (token, userGid, tokenOptions) => {
      if (tokenOptions?.oauthApp) appTokens.set(token, tokenOptions.oauthApp);
      tokens.set(token, userGid);
    },
    oauth,
    origin: `http://${host}:${address.port}`,
    setRateLimit: (next) => {
      rateLimit = next;
      windows.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
