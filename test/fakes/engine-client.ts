import { readFileSync } from "node:fs";
import { SignJWT } from "jose";

/** The toolkit version a worker reports unless ARCADE_TOOLKIT_VERSION says otherwise: the package's. */
export const packageVersion = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

/**
 * Calls a worker the way the Arcade Engine does: an HS256 JWT signed with the worker secret,
 * `aud: "worker"`, `ver: "1"`, issued now and valid for five minutes.
 */
export async function mintEngineToken(
  secret: string,
  overrides: { aud?: string; ver?: string | null; expiresIn?: string | null; alg?: string; issuedAt?: number } = {},
): Promise<string> {
  const claims: Record<string, unknown> = {};
  if (overrides.ver !== null) claims.ver = overrides.ver ?? "1";
  const token = new SignJWT(claims)
    .setProtectedHeader({ alg: overrides.alg ?? "HS256", typ: "JWT" })
    .setAudience(overrides.aud ?? "worker")
    .setIssuedAt(overrides.issuedAt);
  if (overrides.expiresIn !== null) token.setExpirationTime(overrides.expiresIn ?? "5m");
  return token.sign(new TextEncoder().encode(secret));
}

/** An unsigned token (`alg: none`), which every worker must refuse. */
export function unsignedToken(): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  return `${encode({ alg: "none", typ: "JWT" })}.${encode({ aud: "worker", ver: "1", iat: now, exp: now + 300 })}.`;
}

export class EngineClient {
  constructor(
    readonly workerBaseUrl: string,
    readonly secret: string,
  ) {}

  async request(method: string, path: string, options: { token?: string | null; body?: unknown } = {}) {
    const token = options.token === undefined ? await mintEngineToken(this.secret) : options.token;
    const response = await fetch(this.workerBaseUrl + path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(options.body ? { "content-type": "application/json" } : {}) },
      ...(options.body ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as any) : undefined };
  }

  invoke(tool: string, inputs: Record<string, unknown>, token: string | undefined, extra: Record<string, unknown> = {}) {
    return this.request("POST", "/worker/tools/invoke", {
      body: {
        execution_id: `exec-${tool}-${Math.random().toString(36).slice(2)}`,
        tool: { name: tool, toolkit: "Asana", version: packageVersion },
        inputs,
        context: { ...(token !== undefined ? { authorization: { token, user_info: {} } } : {}), user_id: "ada@acme.test", secrets: [], metadata: [] },
        ...extra,
      },
    });
  }
}
