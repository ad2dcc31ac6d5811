import { createHash, randomBytes, randomInt } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AsanaStore, StoredObject } from "./store.js";

/**
 * Asana's OAuth, as developers.asana.com/docs/oauth and /docs/openid-connect describe it, for apps
 * registered with the emulator:
 * - GET /-/oauth_authorize: Asana's consent screen (here: pick the signed-in user, then Allow or Deny),
 *   then a redirect to the app's registered redirect URL with `code` and `state`;
 * - POST /-/oauth_token: authorization_code (with PKCE when the request had a challenge) and
 *   refresh_token grants; the answer carries the tokens, `expires_in` and the user in `data`, and a
 *   refresh answer carries no new refresh token;
 * - POST /-/oauth_revoke: revokes a refresh token and the access tokens made from it;
 * - GET /api/1.0/openid_connect/userinfo: the user's name, email and photo, for a token with `openid`.
 */
export interface EmulatedOAuthApp {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

/** What an OAuth endpoint of the emulator was asked and answered (tokens included: tests check where they went). */
export interface OAuthExchange {
  method: string;
  path: string;
  status: number;
  /** Access and refresh tokens the answer handed out. */
  issued: string[];
}

export interface EmulatedOAuth {
  addApp(app: EmulatedOAuthApp): void;
  /** The user an OAuth access token acts as, when it is live. */
  userOf(token: string): string | undefined;
  /** The client id of the app a live OAuth access token was issued to (whose external data it sees). */
  appOf(token: string): string | undefined;
  /** Every access token issued so far expires now (the next request with one gets 401). */
  expireAccessTokens(): void;
  readonly exchanges: readonly OAuthExchange[];
  /** Answers the request when it is one of the OAuth endpoints; false otherwise. */
  handle(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer): boolean;
}

interface IssuedCode {
  app: EmulatedOAuthApp;
  redirectUri: string;
  userGid: string;
  challenge?: string;
  scopes: string[];
  expiresAt: number;
}

interface RefreshGrant {
  app: EmulatedOAuthApp;
  userGid: string;
  scopes: string[];
  accessTokens: Set<string>;
}

/** Asana's token shape (`2/<user gid>/<digits>:<hex>`), so redaction sees what it would see in production. */
function asanaShapedToken(userGid: string): string {
  return `2/${userGid}/${randomInt(1e14, 2 ** 48 - 1)}:${randomBytes(16).toString("hex")}`;
}

const accessLifetimeMs = 3_600_000;

export function createEmulatedOAuth(store: AsanaStore, apps: readonly EmulatedOAuthApp[] = []): EmulatedOAuth {
  const registered = new Map(apps.map((app) => [app.clientId, app]));
  const codes = new Map<string, IssuedCode>();
  const refreshGrants = new Map<string, RefreshGrant>();
  const accessTokens = new Map<string, { userGid: string; app: string; expiresAt: number; scopes: string[] }>();
  const exchanges: OAuthExchange[] = [];

  const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const json = (res: ServerResponse, path: string, method: string, status: number, body: unknown, issued: string[] = []) => {
    exchanges.push({ method, path, status, issued });
    res.writeHead(status, { "content-type": "application/json; charset=UTF-8", "cache-control": "no-store" }).end(JSON.stringify(body));
  };
  const oauthError = (res: ServerResponse, path: string, status: number, error: string, description: string) =>
    json(res, path, "POST", status, { error, error_description: description });

  const userData = (user: StoredObject) => ({ id: Number(user.gid), gid: user.gid, name: user.name, email: user.email });

  const issueAccess = (grant: RefreshGrant): string => {
    const token = asanaShapedToken(grant.userGid);
    accessTokens.set(token, { userGid: grant.userGid, app: grant.app.clientId, expiresAt: Date.now() + accessLifetimeMs, scopes: grant.scopes });
    grant.accessTokens.add(token);
    return token;
  };

  function authorizePage(res: ServerResponse, params: URLSearchParams): void {
    const app = registered.get(params.get("client_id") ?? "");
    const redirectUri = params.get("redirect_uri") ?? "";
    if (!app?.redirectUris.includes(redirectUri)) {
      exchanges.push({ method: "GET", path: "/-/oauth_authorize", status: 400, issued: [] });
      res.writeHead(400, { "content-type": "text/html; charset=utf-8" }).end("<p>The app or its redirect URL is not registered.</p>");
      return;
    }
    const users = store.all("user").filter((u) => typeof u.email === "string");
    const hidden = [...params.entries()].map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join("");
    const options = users.map((u) => `<option value="${escapeHtml(u.gid)}">${escapeHtml(String(u.name))} (${escapeHtml(String(u.email))})</option>`).join("");
    exchanges.push({ method: "GET", path: "/-/oauth_authorize", status: 200, issued: [] });
    res
      .writeHead(200, { "content-type": "text/html; charset=utf-8" })
      .end(
        `<!doctype html><title>Asana</title><h1>Allow access to your Asana account?</h1><form method="post" action="/-/oauth_authorize">${hidden}` +
          `<select name="user_gid">${options}</select><button name="decision" value="allow">Allow</button><button name="decision" value="deny">Deny</button></form>`,
      );
  }

  function consent(res: ServerResponse, form: URLSearchParams): void {
    const app = registered.get(form.get("client_id") ?? "");
    const redirectUri = form.get("redirect_uri") ?? "";
    if (!app?.redirectUris.includes(redirectUri)) {
      exchanges.push({ method: "POST", path: "/-/oauth_authorize", status: 400, issued: [] });
      res.writeHead(400, { "content-type": "text/html; charset=utf-8" }).end("<p>The app or its redirect URL is not registered.</p>");
      return;
    }
    const target = new URL(redirectUri);
    const state = form.get("state");
    if (state !== null) target.searchParams.set("state", state);
    const user = store.get(form.get("user_gid") ?? "", "user");
    if (form.get("decision") !== "allow" || !user) {
      target.searchParams.set("error", "access_denied");
    } else {
      const code = randomBytes(16).toString("hex");
      const challenge = form.get("code_challenge") ?? undefined;
      codes.set(code, {
        app,
        redirectUri,
        userGid: user.gid,
        ...(challenge ? { challenge } : {}),
        scopes: (form.get("scope") ?? "default").split(/\s+/).filter(Boolean),
        expiresAt: Date.now() + 10 * 60_000,
      });
      target.searchParams.set("code", code);
    }
    exchanges.push({ method: "POST", path: "/-/oauth_authorize", status: 302, issued: [] });
    res.writeHead(302, { location: target.toString() }).end();
  }

  function token(res: ServerResponse, form: URLSearchParams): void {
    const path = "/-/oauth_token";
    const app = registered.get(form.get("client_id") ?? "");
    if (!app || form.get("client_secret") !== app.clientSecret) return oauthError(res, path, 401, "invalid_client", "The client credentials are invalid.");
    if (form.get("grant_type") === "authorization_code") {
      const code = codes.get(form.get("code") ?? "");
      codes.delete(form.get("code") ?? "");
      if (!code || code.app !== app || code.expiresAt < Date.now())
        return oauthError(res, path, 400, "invalid_grant", "The authorization code is invalid or expired.");
      if (form.get("redirect_uri") !== code.redirectUri) return oauthError(res, path, 400, "invalid_grant", "The redirect_uri does not match.");
      if (code.challenge) {
        const verifier = form.get("code_verifier") ?? "";
        if (createHash("sha256").update(verifier).digest("base64url") !== code.challenge)
          return oauthError(res, path, 400, "invalid_grant", "The code_verifier is invalid.");
      }
      const user = store.get(code.userGid, "user")!;
      const refresh = asanaShapedToken(code.userGid);
      const grant: RefreshGrant = { app, userGid: code.userGid, scopes: code.scopes, accessTokens: new Set() };
      refreshGrants.set(refresh, grant);
      const access = issueAccess(grant);
      return json(
        res,
        path,
        "POST",
        200,
        { access_token: access, token_type: "bearer", expires_in: accessLifetimeMs / 1000, data: userData(user), refresh_token: refresh },
        [access, refresh],
      );
    }
    if (form.get("grant_type") === "refresh_token") {
      const grant = refreshGrants.get(form.get("refresh_token") ?? "");
      if (!grant || grant.app !== app) return oauthError(res, path, 400, "invalid_grant", "The refresh token is invalid or revoked.");
      const access = issueAccess(grant);
      const user = store.get(grant.userGid, "user")!;
      return json(res, path, "POST", 200, { access_token: access, token_type: "bearer", expires_in: accessLifetimeMs / 1000, data: userData(user) }, [access]);
    }
    return oauthError(res, path, 400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token.");
  }

  function revoke(res: ServerResponse, form: URLSearchParams): void {
    const path = "/-/oauth_revoke";
    const app = registered.get(form.get("client_id") ?? "");
    if (!app || form.get("client_secret") !== app.clientSecret) return oauthError(res, path, 401, "invalid_client", "The client credentials are invalid.");
    const given = form.get("token") ?? "";
    const grant = refreshGrants.get(given);
    if (grant && grant.app === app) {
      refreshGrants.delete(given);
      for (const access of grant.accessTokens) accessTokens.delete(access);
    } else if (accessTokens.has(given)) {
      accessTokens.delete(given);
    }
    exchanges.push({ method: "POST", path, status: 200, issued: [] });
    res.writeHead(200).end();
  }

  function userInfo(req: IncomingMessage, res: ServerResponse): void {
    const path = "/openid_connect/userinfo";
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
    const access = accessTokens.get(bearer);
    if (!access || access.expiresAt < Date.now()) return json(res, path, "GET", 401, { error: "invalid_token" });
    if (!access.scopes.includes("openid"))
      return json(res, path, "GET", 403, { error: "insufficient_scope", error_description: "The token needs the openid scope." });
    const user = store.get(access.userGid, "user")!;
    json(res, path, "GET", 200, { sub: user.gid, name: user.name, email: user.email, picture: null });
  }

  return {
    addApp: (app) => void registered.set(app.clientId, app),
    userOf(token) {
      const access = accessTokens.get(token);
      return access && access.expiresAt > Date.now() ? access.userGid : undefined;
    },
    appOf(token) {
      const access = accessTokens.get(token);
      return access && access.expiresAt > Date.now() ? access.app : undefined;
    },
    expireAccessTokens() {
      for (const access of accessTokens.values()) access.expiresAt = 0;
    },
    exchanges,
    handle(req, res, path, body) {
      const method = req.method ?? "GET";
      const form = new URLSearchParams(body.toString("utf8"));
      if (path === "/-/oauth_authorize" && method === "GET") authorizePage(res, new URL(req.url ?? "/", "http://emulator").searchParams);
      else if (path === "/-/oauth_authorize" && method === "POST") consent(res, form);
      else if (path === "/-/oauth_token" && method === "POST") token(res, form);
      else if (path === "/-/oauth_revoke" && method === "POST") revoke(res, form);
      else if (path === "/openid_connect/userinfo" && method === "GET") userInfo(req, res);
      else return false;
      return true;
    },
  };
}
