import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyTooLargeError, type HttpRoute } from "../http/index.js";
import type { Logger } from "../log/index.js";
import { canonicalResource } from "./authorization-endpoint.js";
import { ClientRefused, type ClientRegistry, type OAuthClient } from "./clients.js";
import { GrantRefused, type Grants } from "./grants.js";
import { basicCredentials, readForm, readJsonObject, sendOAuthError, sendOAuthJson } from "./http-forms.js";
import type { RateLimiter } from "./rate-limit.js";

export const tokenPath = "/oauth/token";
export const registrationPath = "/oauth/register";
export const revocationPath = "/oauth/revoke";

export interface TokenEndpointsOptions {
  clients: ClientRegistry;
  grants: Grants;
  limiter: RateLimiter;
  resource(req: IncomingMessage): string;
  logger: Logger;
}

/**
 * The token endpoint (authorization_code with PKCE, refresh_token with rotation), revocation
 * (RFC 7009) and dynamic client registration (RFC 7591). All answers are JSON and never cached.
 */
export function createTokenEndpoints(options: TokenEndpointsOptions): HttpRoute {
  const { clients, grants, logger } = options;

  /** The client of a token or revocation request, authenticated as it registered (RFC 6749 2.3). */
  async function authenticateClient(req: IncomingMessage, form: URLSearchParams): Promise<OAuthClient | { status: number; description: string }> {
    const basic = basicCredentials(req.headers.authorization);
    const clientId = basic?.id ?? form.get("client_id") ?? undefined;
    if (!clientId) return { status: 401, description: "client_id is required (in the body, or HTTP Basic for a confidential client)" };
    if (basic && form.get("client_id") !== null && form.get("client_id") !== basic.id)
      return { status: 400, description: "client_id in the body and in HTTP Basic differ" };
    let client: OAuthClient;
    try {
      client = await clients.find(clientId);
    } catch (error) {
      if (error instanceof ClientRefused) return { status: 401, description: error.message };
      throw error;
    }
    if (client.authMethod === "none") return client;
    const presented = client.authMethod === "client_secret_basic" ? basic?.secret : (form.get("client_secret") ?? basic?.secret);
    const expected = Buffer.from(clients.clientSecretOf(client.clientId));
    const given = Buffer.from(presented ?? "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { status: 401, description: `client authentication failed: this client registered ${client.authMethod}` };
    }
    return client;
  }

  const limited = (req: IncomingMessage, res: ServerResponse, group: string): boolean => {
    const retryAfter = options.limiter.take(group, req);
    if (retryAfter === undefined) return false;
    sendOAuthError(res, 429, "slow_down", `too many requests from this address; retry in ${retryAfter} seconds`, { "retry-after": String(retryAfter) });
    return true;
  };

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    if (!form) return sendOAuthError(res, 400, "invalid_request", "send the token request as application/x-www-form-urlencoded (RFC 6749 4.1.3)");
    const client = await authenticateClient(req, form);
    if ("status" in client) {
      return sendOAuthError(
        res,
        client.status,
        "invalid_client",
        client.description,
        client.status === 401 ? { "www-authenticate": 'Basic realm="asana-mcp"' } : {},
      );
    }
    const resourceParam = form.get("resource");
    const resource = resourceParam === null ? undefined : (canonicalResource(resourceParam, options.resource(req)) ?? resourceParam);
    const grantType = form.get("grant_type");
    try {
      let tokens;
      if (grantType === "authorization_code") {
        tokens = await grants.redeemCode(form.get("code") ?? "", {
          clientId: client.clientId,
          redirectUri: form.get("redirect_uri") ?? undefined,
          codeVerifier: form.get("code_verifier") ?? undefined,
          resource,
        });
      } else if (grantType === "refresh_token") {
        tokens = await grants.refresh(form.get("refresh_token") ?? "", { clientId: client.clientId, scope: form.get("scope") ?? undefined, resource });
      } else {
        return sendOAuthError(res, 400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
      }
      sendOAuthJson(res, 200, tokens);
    } catch (error) {
      if (!(error instanceof GrantRefused)) throw error;
      logger.info("refused a token request", { client: client.name, grant_type: grantType, reason: error.message });
      sendOAuthError(res, 400, error.error, error.message);
    }
  }

  async function revoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    if (!form) return sendOAuthError(res, 400, "invalid_request", "send the revocation request as application/x-www-form-urlencoded (RFC 7009 2.1)");
    const client = await authenticateClient(req, form);
    if ("status" in client) return sendOAuthError(res, client.status, "invalid_client", client.description);
    const token = form.get("token");
    if (!token) return sendOAuthError(res, 400, "invalid_request", "token is required");
    await grants.revoke(token, client.clientId);
    // RFC 7009 2.2: 200 whether or not the token was valid, so a caller learns nothing about other tokens.
    sendOAuthJson(res, 200, {});
  }

  async function register(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let metadata: unknown;
    try {
      metadata = await readJsonObject(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw error;
      return sendOAuthError(res, 400, "invalid_client_metadata", "the registration request is not valid JSON");
    }
    try {
      const { client, response } = clients.register(metadata);
      logger.info("registered a client", { client: client.name, redirect_uris: client.redirectUris.length, auth: client.authMethod });
      sendOAuthJson(res, 201, response);
    } catch (error) {
      if (!(error instanceof ClientRefused)) throw error;
      sendOAuthError(res, 400, error.error, error.message);
    }
  }

  return async (req, res, url) => {
    const handler = url.pathname === tokenPath ? token : url.pathname === revocationPath ? revoke : url.pathname === registrationPath ? register : undefined;
    if (!handler) return false;
    if (req.method !== "POST") {
      sendOAuthError(res, 405, "invalid_request", `${url.pathname} takes POST`, { allow: "POST" });
      return true;
    }
    if (limited(req, res, url.pathname === registrationPath ? "register" : "token")) return true;
    try {
      await handler(req, res);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      sendOAuthError(res, 413, "invalid_request", error.message);
    }
    return true;
  };
}
