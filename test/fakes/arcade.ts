import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { mintEngineToken } from "./engine-client.js";

/**
 * A loopback Arcade Engine, answering the paths the arcadejs client calls: POST /v1/auth/authorize and
 * GET /v1/auth/status. A user starts unauthorized (pending + link); `approve` completes their grant.
 */
export interface FakeArcade {
  baseUrl: string;
  apiKey: string;
  /** Mark a user's Asana authorization complete, with the token Arcade would hand out. */
  approve(userId: string, token: string): void;
  /** Mark a user's pending authorization failed. */
  fail(userId: string): void;
  requests: Array<{ method: string; path: string; body: unknown; authorization: string | undefined }>;
  /** Workers registered through /v1/workers, by id. */
  workers: Map<string, { id: string; type: string; enabled: boolean; http: { uri: string; secret: string; timeout: number; retry: number } }>;
  close(): Promise<void>;
}

interface Grant {
  id: string;
  userId: string;
  status: "pending" | "completed" | "failed";
  token?: string;
  scopes: string[];
  waiters: Array<() => void>;
}

export async function startFakeArcade(options: { apiKey?: string } = {}): Promise<FakeArcade> {
  const apiKey = options.apiKey ?? "arc_test_key";
  const grants = new Map<string, Grant>(); // by user id
  const requests: FakeArcade["requests"] = [];
  const workers: FakeArcade["workers"] = new Map();

  const describe = (grant: Grant) => ({
    id: grant.id,
    provider_id: "asana",
    user_id: grant.userId,
    scopes: grant.scopes,
    status: grant.status,
    ...(grant.status === "pending" ? { url: `https://arcade.test/oauth/asana/authorize?flow=${grant.id}` } : {}),
    ...(grant.status === "completed" ? { context: { token: grant.token } } : {}),
  });

  const send = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    const url = new URL(req.url ?? "/", "http://arcade");
    requests.push({ method: req.method ?? "", path: url.pathname, body, authorization: req.headers.authorization });

    // arcadejs sends the raw key; other clients send "Bearer <key>". Accept both, like the Engine.
    const presented = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    if (presented !== apiKey) return send(res, 401, { name: "unauthorized", message: "invalid API key" });

    if (req.method === "POST" && url.pathname === "/v1/auth/authorize") {
      const userId = String(body?.user_id ?? "");
      const requirement = body?.auth_requirement as { provider_id?: string; oauth2?: { scopes?: string[] } } | undefined;
      if (!userId || requirement?.provider_id !== "asana") return send(res, 400, { message: "user_id and auth_requirement.provider_id are required" });
      let grant = grants.get(userId);
      if (!grant || grant.status === "failed") {
        grant = { id: `ar_${randomUUID()}`, userId, status: "pending", scopes: requirement.oauth2?.scopes ?? [], waiters: [] };
        grants.set(userId, grant);
      }
      return send(res, 200, describe(grant));
    }
    if (req.method === "GET" && url.pathname === "/v1/auth/status") {
      const grant = [...grants.values()].find((g) => g.id === url.searchParams.get("id"));
      if (!grant) return send(res, 404, { message: "authorization not found" });
      const waitSeconds = Math.min(Number(url.searchParams.get("wait") ?? 0), 59);
      if (grant.status === "pending" && waitSeconds > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, waitSeconds * 1000);
          grant.waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return send(res, 200, describe(grant));
    }
    if (req.method === "POST" && url.pathname === "/v1/workers") {
      const worker = body as { id?: string; type?: string; enabled?: boolean; http?: { uri: string; secret: string; timeout: number; retry: number } };
      if (!worker.id || !worker.http?.uri || !worker.http.secret) return send(res, 400, { message: "id and http.uri/secret are required" });
      if (workers.has(worker.id)) return send(res, 409, { message: `worker ${worker.id} already exists` });
      workers.set(worker.id, { id: worker.id, type: worker.type ?? "http", enabled: worker.enabled ?? true, http: worker.http });
      return send(res, 200, { id: worker.id, type: worker.type, enabled: worker.enabled ?? true, http: { uri: worker.http.uri, timeout: worker.http.timeout, retry: worker.http.retry } });
    }
    const workerMatch = /^\/v1\/workers\/([^/]+)(\/health)?$/.exec(url.pathname);
    const worker = workerMatch ? workers.get(decodeURIComponent(workerMatch[1]!)) : undefined;
    if (workerMatch && !worker) return send(res, 404, { message: "worker not found" });
    if (worker && req.method === "PATCH" && !workerMatch![2]) {
      const patch = body as { enabled?: boolean; http?: Partial<typeof worker.http> };
      Object.assign(worker.http, patch.http ?? {});
      if (patch.enabled !== undefined) worker.enabled = patch.enabled;
      return send(res, 200, { id: worker.id, enabled: worker.enabled });
    }
    if (worker && req.method === "GET" && workerMatch![2]) {
      // Like the Engine: the open health route, then an authenticated tools listing with the shared secret.
      try {
        const health = await fetch(`${worker.http.uri}/worker/health`);
        const token = await mintEngineToken(worker.http.secret);
        const tools = await fetch(`${worker.http.uri}/worker/tools`, { headers: { authorization: `Bearer ${token}` } });
        const healthy = health.ok && tools.ok;
        return send(res, 200, { id: worker.id, enabled: worker.enabled, healthy, message: healthy ? "" : `health ${health.status}, tools ${tools.status}` });
      } catch (error) {
        return send(res, 200, { id: worker.id, enabled: worker.enabled, healthy: false, message: (error as Error).message });
      }
    }
    return send(res, 404, { message: `no route ${req.method} ${url.pathname}` });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { message: "fake arcade failed" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const settle = (userId: string, status: Grant["status"], token?: string) => {
    const grant = grants.get(userId) ?? { id: `ar_${randomUUID()}`, userId, status, scopes: ["default"], waiters: [] };
    grant.status = status;
    if (token) grant.token = token;
    grants.set(userId, grant);
    grant.waiters.splice(0).forEach((wake) => wake());
  };

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    apiKey,
    approve: (userId, token) => settle(userId, "completed", token),
    fail: (userId) => settle(userId, "failed"),
    requests,
    workers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
