import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { mintEngineToken } from "./engine-client.js";

/**
 * A loopback Arcade Engine, answering the paths the arcadejs client calls, in the shapes arcadejs
 * 2.4 types them:
 * - auth: POST /v1/auth/authorize, GET /v1/auth/status (long-poll; 408 when the wait expires),
 *   POST /v1/auth/confirm_user (the custom user verifier's call);
 * - workers: POST /v1/workers, GET and PATCH /v1/workers/{id}, GET /v1/workers/{id}/health;
 * - tools: POST /v1/tools/authorize and POST /v1/tools/execute, which really call the registered
 *   worker's /worker/tools/invoke with a worker JWT signed by its secret.
 *
 * Like the Engine, it keeps its own copy of each worker's tools (its catalog), read from the worker's
 * /worker/tools when the worker is registered, updated or health-checked, and calls a tool at the
 * version that copy names. A worker upgraded in place is called at its old version until it is
 * registered again.
 *
 * Grants are kept per user *and* Asana provider. A project may hold several Asana providers (the
 * deployment's own OAuth apps, each with an ID); a requirement names one by `id`, or by
 * `provider_id: "asana"` alone when there is at most one ("one of ID or ProviderID must be set").
 */
export interface FakeArcade {
  baseUrl: string;
  apiKey: string;
  /** Mark a user's Asana authorization complete, with the token Arcade would hand out. */
  approve(userId: string, token: string, providerId?: string): void;
  /** Mark a user's pending authorization failed. */
  fail(userId: string, providerId?: string): void;
  /**
   * The user approves Asana in their browser. With a custom user verifier configured, Arcade then sends
   * the browser to the verifier with a flow id, and the grant completes only once the verifier confirms
   * the user; returns where the browser is sent.
   */
  consent(userId: string, token: string, providerId?: string): string;
  /** Auth > Settings > Custom verifier, as set in Arcade's dashboard. */
  useCustomVerifier(url: string): void;
  /** The next `times` requests to this method and path get this answer instead (an error Arcade may give). */
  answerWith(method: string, path: string, status: number, body: unknown, times?: number): void;
  requests: Array<{ method: string; path: string; body: unknown; authorization: string | undefined; query: Record<string, string> }>;
  /** Workers registered through /v1/workers, by id. */
  workers: Map<string, FakeWorker>;
  /** Every call the fake Engine made to a worker's invoke route: what it sent and what came back. */
  invocations: Array<{ workerId: string; request: InvokeBody; status: number; response: unknown }>;
  close(): Promise<void>;
}

export interface FakeWorker {
  id: string;
  type: string;
  enabled: boolean;
  http: { uri: string; secret: string; timeout: number; retry: number };
}

interface InvokeBody {
  execution_id: string;
  tool: { name: string; toolkit: string; version: string };
  inputs: Record<string, unknown>;
  context: { authorization?: { token: string; user_info: Record<string, unknown> }; user_id: string; secrets: unknown[]; metadata: unknown[] };
}

interface Grant {
  id: string;
  flowId: string;
  userId: string;
  provider: string;
  status: "pending" | "completed" | "failed";
  /** Consented in the browser, waiting for the custom verifier to confirm the user. */
  consentedToken?: string;
  token?: string;
  scopes: string[];
  waiters: Array<() => void>;
}

interface Requirement {
  id?: string;
  provider_id?: string;
  provider_type?: string;
  oauth2?: { scopes?: string[] };
}

interface ToolDefinitionLike {
  name: string;
  toolkit: { name: string; version: string };
  requirements?: { authorization?: Requirement | null };
}

export interface FakeArcadeOptions {
  apiKey?: string;
  /**
   * IDs of the Asana auth providers the project holds (the deployment's own OAuth apps). Empty: only
   * Arcade's default Asana provider.
   */
  asanaProviders?: string[];
}

export async function startFakeArcade(options: FakeArcadeOptions = {}): Promise<FakeArcade> {
  const apiKey = options.apiKey ?? "arc_test_key";
  const asanaProviders = options.asanaProviders ?? [];
  const grants = new Map<string, Grant>(); // by user and provider
  const requests: FakeArcade["requests"] = [];
  const workers: FakeArcade["workers"] = new Map();
  const invocations: FakeArcade["invocations"] = [];
  const catalogs = new Map<string, ToolDefinitionLike[]>(); // by worker id: the tools read at its last sync
  let customVerifier: string | undefined;
  const cannedAnswers: Array<{ method: string; path: string; status: number; body: unknown; remaining: number }> = [];
  const grantKey = (userId: string, provider: string) => `${userId}\u0000${provider}`;
  const defaultProvider = () => (asanaProviders.length === 1 ? asanaProviders[0]! : "asana");

  /** Which provider a requirement names, or why Arcade refuses it. */
  const providerFor = (requirement: Requirement | undefined): { provider: string } | { error: string } => {
    if (requirement?.id) {
      return asanaProviders.includes(requirement.id) ? { provider: requirement.id } : { error: `no auth provider with ID "${requirement.id}" in this project` };
    }
    if (!requirement?.provider_id) return { error: "one of ID or ProviderID must be set" };
    if (requirement.provider_id !== "asana") return { error: `unknown provider "${requirement.provider_id}"` };
    if (asanaProviders.length > 1) {
      return { error: `more than one provider of type asana is configured (${asanaProviders.join(", ")}); the requirement must name one by ID` };
    }
    return { provider: defaultProvider() };
  };

  const describe = (grant: Grant) => ({
    id: grant.id,
    provider_id: grant.provider,
    user_id: grant.userId,
    scopes: grant.scopes,
    status: grant.status,
    ...(grant.status === "pending" ? { url: `https://arcade.test/oauth/asana/authorize?flow=${grant.id}` } : {}),
    ...(grant.status === "completed" ? { context: { token: grant.token } } : {}),
  });

  const newGrant = (userId: string, provider: string, scopes: string[]): Grant => ({
    id: `ar_${randomUUID()}`,
    flowId: `af_${randomUUID()}`,
    userId,
    provider,
    status: "pending",
    scopes,
    waiters: [],
  });

  /** Authorizes a requirement for a user as /v1/auth/authorize does: a new pending grant, or the existing one. */
  const authorize = (userId: string, requirement: Requirement): { grant: Grant } | { error: string } => {
    const resolved = providerFor(requirement);
    if ("error" in resolved) return resolved;
    const key = grantKey(userId, resolved.provider);
    let grant = grants.get(key);
    if (!grant || grant.status === "failed") {
      grant = newGrant(userId, resolved.provider, requirement.oauth2?.scopes ?? []);
      grants.set(key, grant);
    }
    return { grant };
  };

  const send = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

  /** Reads a worker's /worker/tools with a worker JWT into the catalog; false if the worker did not answer with them. */
  async function syncCatalog(worker: FakeWorker): Promise<boolean> {
    try {
      const response = await fetch(`${worker.http.uri}/worker/tools`, { headers: { authorization: `Bearer ${await mintEngineToken(worker.http.secret)}` } });
      if (!response.ok) return false;
      catalogs.set(worker.id, (await response.json()) as ToolDefinitionLike[]);
      return true;
    } catch {
      return false;
    }
  }

  /** The Engine's view of its workers' tools: the catalog, read at each enabled worker's last sync. */
  async function findTool(toolName: string, version: string | undefined): Promise<{ worker: FakeWorker; definition: ToolDefinitionLike } | undefined> {
    const dot = toolName.lastIndexOf(".");
    const [toolkit, name] = dot > 0 ? [toolName.slice(0, dot), toolName.slice(dot + 1)] : ["", toolName];
    for (const worker of workers.values()) {
      if (!worker.enabled) continue;
      if (!catalogs.has(worker.id) && !(await syncCatalog(worker))) continue;
      const definitions = catalogs.get(worker.id)!;
      // Arcade compares names case-insensitively (FullyQualifiedName in arcade_core/schema.py).
      const definition = definitions.find(
        (d) =>
          d.name.toLowerCase() === name.toLowerCase() &&
          d.toolkit.name.toLowerCase() === toolkit.toLowerCase() &&
          (version === undefined || d.toolkit.version === version),
      );
      if (definition) return { worker, definition };
    }
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    const url = new URL(req.url ?? "/", "http://arcade");
    requests.push({
      method: req.method ?? "",
      path: url.pathname,
      body,
      authorization: req.headers.authorization,
      query: Object.fromEntries(url.searchParams),
    });

    // arcadejs sends the raw key; other clients send "Bearer <key>". Accept both, like the Engine.
    const presented = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    if (presented !== apiKey) return send(res, 401, { name: "unauthorized", message: "invalid API key" });
    const canned = cannedAnswers.find((a) => a.remaining > 0 && a.method === req.method && a.path === url.pathname);
    if (canned) {
      canned.remaining -= 1;
      return send(res, canned.status, canned.body);
    }

    if (req.method === "POST" && url.pathname === "/v1/auth/authorize") {
      const userId = String(body?.user_id ?? "");
      if (!userId) return send(res, 400, { message: "user_id is required" });
      const outcome = authorize(userId, body?.auth_requirement as Requirement);
      if ("error" in outcome) return send(res, 400, { message: outcome.error });
      return send(res, 200, describe(outcome.grant));
    }
    if (req.method === "GET" && url.pathname === "/v1/auth/status") {
      const grant = [...grants.values()].find((g) => g.id === url.searchParams.get("id"));
      if (!grant) return send(res, 404, { message: "authorization not found" });
      const waitSeconds = Math.min(Number(url.searchParams.get("wait") ?? 0), 59);
      if (grant.status === "pending" && waitSeconds > 0) {
        const woken = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), waitSeconds * 1000);
          grant.waiters.push(() => {
            clearTimeout(timer);
            resolve(true);
          });
        });
        // Arcade ends a long-poll that saw no change with 408 Request Timeout (arcade-mcp PR #96).
        if (!woken && grant.status === "pending") return send(res, 408, { message: "timed out waiting for the authorization to complete" });
      }
      return send(res, 200, describe(grant));
    }
    if (req.method === "POST" && url.pathname === "/v1/auth/confirm_user") {
      const grant = [...grants.values()].find((g) => g.flowId === body?.flow_id);
      if (!grant || grant.consentedToken === undefined) return send(res, 400, { message: "the flow does not exist or has expired" });
      if (grant.userId !== body?.user_id) return send(res, 400, { message: "user_id does not match the user who started the authorization" });
      settle(grant, "completed", grant.consentedToken);
      return send(res, 200, { auth_id: grant.id, next_uri: `https://arcade.test/auth/success?provider=${grant.provider}` });
    }

    if (req.method === "POST" && url.pathname === "/v1/workers") {
      const worker = body as { id?: string; type?: string; enabled?: boolean; http?: FakeWorker["http"] };
      if (!worker.id || !worker.http?.uri || !worker.http.secret) return send(res, 400, { message: "id and http.uri/secret are required" });
      if (workers.has(worker.id)) return send(res, 409, { message: `worker ${worker.id} already exists` });
      workers.set(worker.id, { id: worker.id, type: worker.type ?? "http", enabled: worker.enabled ?? true, http: { ...worker.http } });
      await syncCatalog(workers.get(worker.id)!);
      return send(res, 200, workerResponse(workers.get(worker.id)!));
    }
    const workerMatch = /^\/v1\/workers\/([^/]+)(\/health)?$/.exec(url.pathname);
    const worker = workerMatch ? workers.get(decodeURIComponent(workerMatch[1]!)) : undefined;
    if (workerMatch && !worker) return send(res, 404, { name: "not_found", message: "worker not found" });
    if (worker && req.method === "GET" && !workerMatch![2]) return send(res, 200, workerResponse(worker));
    if (worker && req.method === "PATCH" && !workerMatch![2]) {
      const patch = body as { enabled?: boolean; http?: Partial<FakeWorker["http"]> };
      Object.assign(worker.http, patch.http ?? {});
      if (patch.enabled !== undefined) worker.enabled = patch.enabled;
      await syncCatalog(worker);
      return send(res, 200, workerResponse(worker));
    }
    if (worker && req.method === "GET" && workerMatch![2]) {
      // Like the Engine: the open health route, then an authenticated tools listing with the shared secret.
      try {
        const health = await fetch(`${worker.http.uri}/worker/health`);
        const tools = await syncCatalog(worker);
        const healthy = health.ok && tools;
        return send(res, 200, {
          id: worker.id,
          enabled: worker.enabled,
          healthy,
          message: healthy ? "" : `health ${health.status}, tools ${tools ? "read" : "refused"}`,
        });
      } catch (error) {
        return send(res, 200, { id: worker.id, enabled: worker.enabled, healthy: false, message: (error as Error).message });
      }
    }

    if (req.method === "POST" && (url.pathname === "/v1/tools/authorize" || url.pathname === "/v1/tools/execute")) {
      const toolName = String(body?.tool_name ?? "");
      const userId = String(body?.user_id ?? "");
      const version = typeof body?.tool_version === "string" ? body.tool_version : undefined;
      const found = await findTool(toolName, version);
      if (!found) return send(res, 404, { name: "not_found", message: `tool ${toolName}${version ? `@${version}` : ""} not found` });
      const requirement = found.definition.requirements?.authorization ?? undefined;
      let grant: Grant | undefined;
      if (requirement) {
        const outcome = authorize(userId, requirement);
        if ("error" in outcome) return send(res, 400, { message: outcome.error });
        grant = outcome.grant;
      }
      if (url.pathname === "/v1/tools/authorize") return send(res, 200, grant ? describe(grant) : { status: "completed" });

      const executionId = `te_${randomUUID()}`;
      if (grant && grant.status !== "completed") {
        // The Engine refuses to run a tool whose authorization is not complete, and says how to get it.
        return send(res, 200, {
          id: executionId,
          execution_id: executionId,
          execution_type: "immediate",
          status: "failed",
          success: false,
          output: {
            error: { message: `authorization required for ${toolName}`, kind: "TOOL_RUNTIME_CONTEXT_REQUIRED", can_retry: false },
            authorization: describe(grant),
          },
        });
      }
      const request: InvokeBody = {
        execution_id: executionId,
        tool: { name: found.definition.name, toolkit: found.definition.toolkit.name, version: found.definition.toolkit.version },
        inputs: (body?.input as Record<string, unknown>) ?? {},
        context: { ...(grant ? { authorization: { token: grant.token!, user_info: {} } } : {}), user_id: userId, secrets: [], metadata: [] },
      };
      const started = Date.now();
      const answer = await fetch(`${found.worker.http.uri}/worker/tools/invoke`, {
        method: "POST",
        headers: { authorization: `Bearer ${await mintEngineToken(found.worker.http.secret)}`, "content-type": "application/json" },
        body: JSON.stringify(request),
      });
      const text = await answer.text();
      const response = text ? (JSON.parse(text) as { success?: boolean; output?: unknown }) : undefined;
      invocations.push({ workerId: found.worker.id, request, status: answer.status, response });
      const output =
        answer.ok && response?.output
          ? response.output
          : { error: { message: `the worker answered HTTP ${answer.status}`, kind: "TOOL_RUNTIME_FATAL", can_retry: false } };
      const success = answer.ok && response?.success === true;
      return send(res, 200, {
        id: executionId,
        execution_id: executionId,
        execution_type: "immediate",
        finished_at: new Date().toISOString(),
        duration: Date.now() - started,
        status: success ? "success" : "failed",
        success,
        output,
      });
    }
    return send(res, 404, { message: `no route ${req.method} ${url.pathname}` });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { message: "fake arcade failed" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  function settle(grant: Grant, status: Grant["status"], token?: string) {
    grant.status = status;
    if (token) grant.token = token;
    for (const wake of grant.waiters.splice(0)) wake();
  }
  const grantOf = (userId: string, providerId: string | undefined) => {
    const provider = providerId ?? defaultProvider();
    const key = grantKey(userId, provider);
    let grant = grants.get(key);
    if (!grant) {
      grant = newGrant(userId, provider, ["default"]);
      grants.set(key, grant);
    }
    return grant;
  };

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    apiKey,
    approve: (userId, token, providerId) => settle(grantOf(userId, providerId), "completed", token),
    fail: (userId, providerId) => settle(grantOf(userId, providerId), "failed"),
    consent: (userId, token, providerId) => {
      const grant = grantOf(userId, providerId);
      if (!customVerifier) {
        // Arcade's own verifier: the user is signed in to Arcade, so the grant completes at once.
        settle(grant, "completed", token);
        return `https://arcade.test/auth/success?provider=${grant.provider}`;
      }
      grant.consentedToken = token;
      const target = new URL(customVerifier);
      target.searchParams.set("flow_id", grant.flowId);
      return target.toString();
    },
    useCustomVerifier: (url) => {
      customVerifier = url;
    },
    answerWith: (method, path, status, body, times = 1) => void cannedAnswers.push({ method, path, status, body, remaining: times }),
    requests,
    workers,
    invocations,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `WorkerResponse` as arcadejs types it: the secret is never echoed, only whether it exists. */
function workerResponse(worker: FakeWorker) {
  return {
    id: worker.id,
    type: worker.type,
    enabled: worker.enabled,
    http: { uri: worker.http.uri, timeout: worker.http.timeout, retry: worker.http.retry, secret: { binding: "static", editable: true, exists: true } },
  };
}
