import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpRoute } from "../http/index.js";
import type { Logger } from "../log/index.js";
import type { BrowserCookies } from "./browser-cookies.js";
import { ClientRefused, type ClientRegistry, type OAuthClient } from "./clients.js";
import { newFamilyId, type Grants } from "./grants.js";
import { readForm } from "./http-forms.js";
import { escapeHtml, sendPage, sendProblemPage } from "./pages.js";
import type { RateLimiter } from "./rate-limit.js";
import type { SealedBox } from "./sealed-box.js";
import { isLoopbackRedirect, redirectUriMatches } from "./redirect-uris.js";
import { grantedScopes, writeScope } from "./scopes.js";
import type { AuthorizationRequest, SignedInIdentity, SignInCompletion, SignInMethod } from "./sign-in-method.js";

export const authorizePath = "/oauth/authorize";

export interface AuthorizationEndpointOptions {
  clients: ClientRegistry;
  grants: Grants;
  box: SealedBox;
  cookies: BrowserCookies;
  limiter: RateLimiter;
  operatorReadOnly: boolean;
  /** This server's public base URL for a request: the issuer, and the origin of its endpoints. */
  baseUrl(req: IncomingMessage): string;
  /** The resource (RFC 8707) tokens are bound to: the /mcp URL. */
  resource(req: IncomingMessage): string;
  logger: Logger;
}

/** How long a consent page may stay open, and a sign-in take, before the person must start again. */
const consentSeconds = 10 * 60;

/** The longest state accepted: it rides in a cookie, and cookies are limited to 4 KB. */
const maxStateLength = 1_024;

/**
 * The authorization endpoint (OAuth 2.1 4.1.1): checks the client and the request, shows a consent
 * page that names the client and where its metadata lives, then hands the browser to the sign-in
 * method. `completion` is what the method calls back with the person it signed in.
 */
export function createAuthorizationEndpoint(options: AuthorizationEndpointOptions): {
  route: HttpRoute;
  completion: SignInCompletion;
  setMethod(method: SignInMethod): void;
} {
  let method: SignInMethod | undefined;
  const { clients, cookies, logger } = options;

  const redirectWith = (res: ServerResponse, request: Pick<AuthorizationRequest, "ru" | "st">, params: Record<string, string>, issuer: string) => {
    const target = new URL(request.ru);
    for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
    if (request.st !== undefined) target.searchParams.set("state", request.st);
    // RFC 9207: the issuer in every authorization response, so a client talking to several servers
    // can tell whose answer this is (MCP 2026-07-28 "Authorization Response Validation").
    target.searchParams.set("iss", issuer);
    res.writeHead(303, { location: target.toString(), "cache-control": "no-store", "referrer-policy": "no-referrer" }).end();
  };

  const issuerOf = options.baseUrl;
  const completion: SignInCompletion = {
    baseUrl: options.baseUrl,
    async finish(req, res, request, identity: SignedInIdentity) {
      const family = identity.family ?? newFamilyId();
      const code = await options.grants.issueCode(
        {
          family,
          subject: identity.subject,
          ...(identity.arcadeUserId !== undefined ? { arcadeUserId: identity.arcadeUserId } : {}),
          ...(identity.family !== undefined ? { ownApp: true } : {}),
          clientId: request.cid,
          scopes: request.sc,
          resource: request.res,
        },
        { redirectUri: request.ru, codeChallenge: request.cc },
      );
      cookies.clear(res, "sign_in");
      logger.info("signed in", { client: request.name, client_host: request.host ?? "registered", subject: identity.subject, scope: request.sc.join(" ") });
      redirectWith(res, request, { code }, issuerOf(req));
    },
    fail(req, res, request, error, description) {
      cookies.clear(res, "sign_in");
      logger.warn("a sign-in failed", { client: request.name, error, reason: description });
      redirectWith(res, request, { error, error_description: description }, issuerOf(req));
    },
  };

  const route: HttpRoute = async (req, res, url) => {
    if (url.pathname !== authorizePath) return false;
    const retryAfter = options.limiter.take("authorize", req);
    if (retryAfter !== undefined) {
      sendProblemPage(res, 429, "Too many sign-in attempts", `Too many requests from your address. Wait ${retryAfter} seconds, then try again.`, {
        "retry-after": String(retryAfter),
      });
      return true;
    }
    if (!method) throw new Error("the authorization endpoint has no sign-in method");
    if (req.method === "GET") await showConsent(req, res, url.searchParams, method);
    else if (req.method === "POST") await decide(req, res, method);
    else
      sendProblemPage(res, 405, "Method not allowed", "The authorization endpoint takes GET (the request) and POST (the consent form).", {
        allow: "GET, POST",
      });
    return true;
  };

  async function showConsent(req: IncomingMessage, res: ServerResponse, params: URLSearchParams, signIn: SignInMethod): Promise<void> {
    const issuer = issuerOf(req);
    const clientId = params.get("client_id");
    if (!clientId) {
      sendProblemPage(res, 400, "The sign-in link is incomplete", "The request has no client_id. Start the connection again from your MCP client.");
      return;
    }
    let client: OAuthClient;
    try {
      client = await clients.find(clientId);
    } catch (error) {
      if (!(error instanceof ClientRefused)) throw error;
      logger.warn("refused an authorization request's client", { reason: error.message });
      // Never redirect to a client we could not verify: its redirect_uri could be anyone's.
      sendProblemPage(res, 400, "This app could not be verified", `${error.message}. Start the connection again from your MCP client.`);
      return;
    }
    const redirectUri = params.get("redirect_uri") ?? (client.redirectUris.length === 1 ? client.redirectUris[0] : undefined);
    if (!redirectUri || !redirectUriMatches(redirectUri, client.redirectUris)) {
      sendProblemPage(
        res,
        400,
        "This sign-in link is not valid",
        `${redirectUri ? `The address ${redirectUri.slice(0, 200)} is not` : "No redirect_uri was given, and it is not"} one that ${client.name} registered, so this server will not send your sign-in there.`,
      );
      return;
    }
    const base = { ru: redirectUri, ...(params.get("state") !== null ? { st: params.get("state")! } : {}) };
    const refuse = (error: string, description: string) => redirectWith(res, base, { error, error_description: description }, issuer);
    if ((base.st?.length ?? 0) > maxStateLength) return refuse("invalid_request", `state may be at most ${maxStateLength} characters`);
    if (params.get("response_type") !== "code") return refuse("unsupported_response_type", "response_type must be code");
    const challenge = params.get("code_challenge");
    if (!challenge) return refuse("invalid_request", "code_challenge is required: this server takes PKCE with S256 only");
    if (params.get("code_challenge_method") !== "S256") return refuse("invalid_request", "code_challenge_method must be S256 (plain is not accepted)");
    if (!/^[A-Za-z0-9_-]{43}$/.test(challenge))
      return refuse("invalid_request", "code_challenge must be the base64url SHA-256 of the code verifier (43 characters)");
    const resource = canonicalResource(params.get("resource"), options.resource(req));
    if (resource === undefined) return refuse("invalid_target", `resource must be this server, ${options.resource(req)}`);

    const request: AuthorizationRequest = {
      cid: client.clientId,
      name: client.name,
      ...(client.metadataHost ? { host: client.metadataHost } : {}),
      ...base,
      cc: challenge,
      sc: grantedScopes(params.get("scope") ?? undefined, options.operatorReadOnly),
      res: resource,
    };
    const nonce = randomBytes(16).toString("base64url");
    const sealed = await options.box.seal("consent", { ...request, n: nonce }, consentSeconds);
    await cookies.set(res, "consent", "consent", { n: nonce }, consentSeconds);
    sendPage(res, 200, `Connect ${client.name} to Asana`, consentBody(client, request, signIn, new URL(issuer).host, sealed));
  }

  async function decide(req: IncomingMessage, res: ServerResponse, signIn: SignInMethod): Promise<void> {
    const issuer = issuerOf(req);
    // A browser names the page a form came from; a form posted from another site is never a consent.
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== new URL(issuer).origin) {
      sendProblemPage(res, 403, "This consent did not come from this server", "Open the connection again from your MCP client.");
      return;
    }
    const form = await readForm(req);
    const request = await options.box.open<AuthorizationRequest & { n: string }>("consent", form?.get("request") ?? undefined);
    const cookie = await cookies.read<{ n: string }>(req, "consent", "consent");
    if (!request || !cookie || cookie.n !== request.n) {
      sendProblemPage(
        res,
        400,
        "This consent page has expired",
        "The page was open too long, or was opened in another browser. Start the connection again from your MCP client.",
      );
      return;
    }
    cookies.clear(res, "consent");
    const { n: _nonce, iat: _iat, exp: _exp, ...consented } = request;
    if (form?.get("decision") !== "allow") {
      logger.info("a person declined a client's access", { client: consented.name });
      redirectWith(res, consented, { error: "access_denied", error_description: "the person declined" }, issuer);
      return;
    }
    await signIn.begin(req, res, consented as AuthorizationRequest);
  }

  return {
    route,
    completion,
    setMethod(next) {
      method = next;
    },
  };
}

/**
 * The resource a request names, as the canonical /mcp URL, or undefined when it names another server.
 * An absent resource means this server (clients before RFC 8707); scheme and host compare
 * case-insensitively (MCP "Canonical Server URI"); the bare origin names this server too.
 */
export function canonicalResource(given: string | null | undefined, ours: string): string | undefined {
  if (given === null || given === undefined || given === "") return ours;
  let asked: URL;
  try {
    asked = new URL(given);
  } catch {
    return undefined;
  }
  if (asked.hash || given.includes("#")) return undefined;
  const mine = new URL(ours);
  if (asked.origin !== mine.origin || asked.search !== "") return undefined;
  return asked.pathname === mine.pathname || asked.pathname === "/" ? ours : undefined;
}

function consentBody(client: OAuthClient, request: AuthorizationRequest, signIn: SignInMethod, serverHost: string, sealed: string): string {
  const redirect = new URL(request.ru);
  const redirectHost = redirect.protocol === "http:" || redirect.protocol === "https:" ? redirect.host : `${redirect.protocol}//${redirect.host}`;
  const who =
    client.kind === "metadata-document"
      ? `<p class="note">This app is identified by its metadata at <strong>${escapeHtml(client.metadataHost ?? "")}</strong>.</p>`
      : `<p class="note">This app registered itself with this server; its name is its own claim and was not verified.</p>`;
  const loopback = isLoopbackRedirect(request.ru)
    ? `<p class="warn">After you approve, your sign-in goes to <strong>${escapeHtml(redirectHost)}</strong>, a program on this computer. Continue only if you just started this connection from an app on this computer.</p>`
    : `<p>After you approve, your sign-in goes to <strong>${escapeHtml(redirectHost)}</strong>.</p>`;
  const access = request.sc.includes(writeScope)
    ? "read and change your Asana work (tasks, projects, comments and more)"
    : "read your Asana work, without changing anything";
  return (
    `<p><strong>${escapeHtml(client.name)}</strong> wants to ${access}, through the Asana MCP server at <strong>${escapeHtml(serverHost)}</strong>.</p>` +
    who +
    loopback +
    `<p>Next: ${escapeHtml(signIn.description)}</p>` +
    `<form method="post" action="${authorizePath}"><input type="hidden" name="request" value="${escapeHtml(sealed)}">` +
    `<button class="primary" type="submit" name="decision" value="allow">Continue</button>` +
    `<button type="submit" name="decision" value="deny">Cancel</button></form>`
  );
}
