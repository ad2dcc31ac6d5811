import type { IncomingMessage } from "node:http";
import { createArcadeClient } from "../auth/index.js";
import { sendJson, type HttpRoute } from "../http/index.js";
import type { Logger } from "../log/index.js";
import type { FrontDoorAuthenticator } from "../mcp-http/index.js";
import { Asana, applyAsanaAuthSettings, type AsanaAuthSettings } from "../toolkit/index.js";
import { AsanaGrants } from "./asana-app/asana-grants.js";
import { createAuthorizationEndpoint } from "./authorization-endpoint.js";
import { BrowserCookies } from "./browser-cookies.js";
import { ClientRegistry } from "./clients.js";
import { Grants } from "./grants.js";
import { createRateLimiter } from "./rate-limit.js";
import { authorizationServerMetadata, createAccessTokenAuthenticator, protectedResourceMetadata } from "./resource-server.js";
import { SealedBox } from "./sealed-box.js";
import type { RemoteSignInSettings } from "./settings.js";
import { createArcadeSignIn } from "./sign-in/arcade.js";
import { createAsanaAppSignIn } from "./sign-in/asana-app.js";
import { createOpenIdSignIn } from "./sign-in/openid.js";
import type { SignInMethod } from "./sign-in-method.js";
import { MemoryStateStore, type StateStore } from "./state-store.js";
import { createTokenEndpoints } from "./token-endpoints.js";

export type { RemoteSignInSettings } from "./settings.js";

export interface RemoteSignInOptions {
  settings: RemoteSignInSettings;
  /** This server's public base URL for a request (the configured one, or the checked Host). */
  baseUrl(req: IncomingMessage): string;
  /** ARCADE_API_KEY and ARCADE_BASE_URL, for the Arcade and OpenID methods. */
  arcade?: { apiKey: string; baseUrl?: string };
  asanaAuth: AsanaAuthSettings;
  /** Asana's API base (ASANA_BASE_URL), to ask who signed in. */
  asanaApiBaseUrl: string;
  /** The operator's --read-only: no token can grant writes. */
  readOnly: boolean;
  /** Which client a request comes from, for the rate limits (see src/http/client-address.ts). */
  clientOf: (req: IncomingMessage) => string;
  logger: Logger;
}

export interface RemoteSignIn {
  routes: HttpRoute[];
  authenticate: FrontDoorAuthenticator;
  protectedResourceMetadata(req: IncomingMessage): Record<string, unknown>;
  /** For the start-up log. */
  description: string;
  close(): Promise<void>;
}

/**
 * The server as its own MCP authorization server (MCP authorization 2025-11-25, and 2026-07-28 where it
 * differs): metadata (RFC 8414, RFC 9728), client registration by metadata document and by RFC 7591,
 * the consent page, PKCE, codes and rotating refresh tokens bound to this resource (RFC 8707),
 * revocation, and one of three ways to sign a person in. Loaded only over HTTP with
 * ASANA_MCP_OAUTH_SECRET set: a stdio server never loads any of it.
 */
export async function startRemoteSignIn(options: RemoteSignInOptions): Promise<RemoteSignIn> {
  const { settings, logger } = options;
  const box = new SealedBox(settings.secrets);
  const store: StateStore = settings.redisUrl
    ? await (await import("./redis-state-store.js")).openRedisStateStore(settings.redisUrl, logger)
    : new MemoryStateStore();
  const resource = (req: IncomingMessage) => `${options.baseUrl(req)}/mcp`;
  const resourceMetadataUrl = (req: IncomingMessage) => `${options.baseUrl(req)}/.well-known/oauth-protected-resource/mcp`;
  const limiter = createRateLimiter({ limit: settings.rateLimitPerMinute, windowMs: 60_000, clientOf: options.clientOf });
  const secureCookies = settings.publicUrl?.startsWith("https://") ?? false;
  const cookies = new BrowserCookies(box, secureCookies);
  const clients = new ClientRegistry({ box, allowLoopbackMetadata: settings.allowLoopbackClientMetadata });
  const requirement = applyAsanaAuthSettings(Asana({ scopes: ["default"] }), options.asanaAuth);

  const asanaGrants =
    settings.method === "asana" && settings.asanaApp
      ? new AsanaGrants({ store, box, settings: settings.asanaApp, lifetimeSeconds: settings.refreshTokenSeconds, logger })
      : undefined;
  const grants = new Grants({
    box,
    store,
    lifetimes: { codeSeconds: 60, accessSeconds: settings.accessTokenSeconds, refreshSeconds: settings.refreshTokenSeconds },
    ...(asanaGrants ? { onRevoked: (family: string) => asanaGrants.revoke(family) } : {}),
  });
  if (asanaGrants) asanaGrants.onGone = (family) => grants.revokeFamily(family);

  const endpoint = createAuthorizationEndpoint({
    clients,
    grants,
    box,
    cookies,
    limiter,
    operatorReadOnly: options.readOnly,
    baseUrl: options.baseUrl,
    resource,
    logger,
  });
  const common = { cookies, completion: endpoint.completion, limiter, logger, sessionSeconds: settings.refreshTokenSeconds };
  let method: SignInMethod;
  if (settings.method === "asana") {
    if (!asanaGrants || !settings.asanaApp) throw new Error("sign-in with the Asana app needs ASANA_OAUTH_CLIENT_ID and ASANA_OAUTH_CLIENT_SECRET");
    method = createAsanaAppSignIn({
      ...common,
      settings: settings.asanaApp,
      scopes: requirement.oauth2.scopes,
      asanaApiBaseUrl: options.asanaApiBaseUrl,
      grants: asanaGrants,
    });
  } else {
    if (!options.arcade) throw new Error(`sign-in method ${settings.method} needs ARCADE_API_KEY`);
    const arcade = createArcadeClient({ apiKey: options.arcade.apiKey, ...(options.arcade.baseUrl ? { baseUrl: options.arcade.baseUrl } : {}), maxRetries: 1 });
    if (settings.method === "oidc") {
      if (!settings.oidc) throw new Error("sign-in with an OpenID provider needs ASANA_MCP_OIDC_ISSUER and ASANA_MCP_OIDC_CLIENT_ID");
      method = createOpenIdSignIn({ ...common, settings: settings.oidc, arcade, requirement });
    } else {
      method = createArcadeSignIn({ ...common, arcade, requirement, asanaApiBaseUrl: options.asanaApiBaseUrl });
    }
  }
  endpoint.setMethod(method);

  const metadataRoute: HttpRoute = async (req, res, url) => {
    // RFC 8414 3: the issuer has no path, so its metadata lives at the root well-known URL.
    if (req.method !== "GET" || url.pathname !== "/.well-known/oauth-authorization-server") return false;
    sendJson(res, 200, authorizationServerMetadata(options.baseUrl(req), options.readOnly));
    return true;
  };

  return {
    routes: [metadataRoute, endpoint.route, createTokenEndpoints({ clients, grants, limiter, resource, logger }), ...method.routes],
    authenticate: createAccessTokenAuthenticator({
      grants,
      resource,
      resourceMetadataUrl,
      operatorReadOnly: options.readOnly,
      ...(asanaGrants ? { tokensFor: (grant) => (grant.ownApp ? asanaGrants.resolverFor(grant.family) : undefined) } : {}),
    }),
    protectedResourceMetadata: (req) => protectedResourceMetadata(resource(req), options.baseUrl(req), options.readOnly),
    description: `built-in sign-in (${method.name}); state in ${store.description}`,
    close: () => store.close(),
  };
}
