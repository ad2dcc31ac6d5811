import type { IncomingMessage, ServerResponse } from "node:http";
import type { Arcade } from "@arcadeai/arcadejs";
import * as openid from "openid-client";
import { explainArcadeError, type ArcadeAuthorization } from "../../auth/index.js";
import type { HttpRoute } from "../../http/index.js";
import type { Logger } from "../../log/index.js";
import type { AuthRequirement } from "../../toolkit/index.js";
import type { BrowserCookies } from "../browser-cookies.js";
import { refusedOverLimit, sendForeignAttemptPage } from "../pages.js";
import type { RateLimiter } from "../rate-limit.js";
import type { AuthorizationRequest, SignInCompletion, SignInMethod } from "../sign-in-method.js";
import { createArcadeVerifierRoute } from "./arcade-verifier.js";
import { authorizeAsanaInArcade } from "./arcade.js";
import { readAttempt, redirectBrowser, saveAttempt, saveSession, type SignInAttempt } from "./attempt.js";

export const openIdCallbackPath = "/oauth/callback/oidc";

export interface OpenIdSettings {
  /** The provider's issuer URL (Google: https://accounts.google.com). */
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** The claim that becomes the Arcade user id: email (default; must be verified) or sub. */
  userClaim: string;
}

export interface OpenIdSignInOptions {
  settings: OpenIdSettings;
  arcade: Arcade;
  requirement: AuthRequirement;
  cookies: BrowserCookies;
  completion: SignInCompletion;
  limiter: RateLimiter;
  sessionSeconds: number;
  logger: Logger;
}

/** An http issuer is accepted on loopback only (a provider on this machine, as in tests). */
function isLoopbackIssuer(issuer: URL): boolean {
  return issuer.protocol === "http:" && ["127.0.0.1", "[::1]", "localhost"].includes(issuer.hostname);
}

/**
 * Sign in with the operator's OpenID Connect provider (Google, Okta, Entra, Keycloak...): the provider
 * says who the person is, that identity is the Arcade user id, and Arcade supplies the Asana token.
 * When the person has not authorized Asana in Arcade yet, the sign-in goes on through Arcade's Asana
 * authorization, and Arcade's user verifier confirms the person the provider just signed in (read from
 * this browser's session cookie), so one verifier serves every person of the deployment.
 */
export function createOpenIdSignIn(options: OpenIdSignInOptions): SignInMethod {
  const { settings, arcade, cookies, completion, logger } = options;
  const issuer = new URL(settings.issuer);
  let discovered: Promise<openid.Configuration> | undefined;
  const configuration = () => {
    discovered ??= openid
      .discovery(
        issuer,
        settings.clientId,
        undefined,
        settings.clientSecret ? openid.ClientSecretBasic(settings.clientSecret) : openid.None(),
        isLoopbackIssuer(issuer) ? { execute: [openid.allowInsecureRequests] } : {},
      )
      .catch((error: unknown) => {
        discovered = undefined; // the next sign-in tries the discovery again
        throw error;
      });
    return discovered;
  };

  async function begin(req: IncomingMessage, res: ServerResponse, request: AuthorizationRequest): Promise<void> {
    let config: openid.Configuration;
    try {
      config = await configuration();
    } catch (error) {
      logger.error("the OpenID provider's discovery failed", { issuer: settings.issuer, reason: (error as Error).message });
      return completion.fail(req, res, request, "temporarily_unavailable", "the sign-in provider could not be reached; try again shortly");
    }
    const verifier = openid.randomPKCECodeVerifier();
    const state = openid.randomState();
    const nonce = openid.randomNonce();
    await saveAttempt(cookies, res, { req: request, via: "oidc", st: state, cv: verifier, nonce });
    const url = openid.buildAuthorizationUrl(config, {
      redirect_uri: `${completion.baseUrl(req)}${openIdCallbackPath}`,
      scope: "openid email profile",
      code_challenge: await openid.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    redirectBrowser(res, url.toString());
  }

  /** Who the provider signed in, as the Arcade user id, or why that cannot be used. */
  async function arcadeUserOf(
    config: openid.Configuration,
    tokens: openid.TokenEndpointResponse & openid.TokenEndpointResponseHelpers,
  ): Promise<{ userId: string; sub: string } | { refused: string }> {
    const idClaims = tokens.claims();
    if (!idClaims) return { refused: "the provider returned no ID token" };
    let claims: Record<string, unknown> = idClaims;
    if (settings.userClaim !== "sub" && claims[settings.userClaim] === undefined) {
      claims = { ...(await openid.fetchUserInfo(config, tokens.access_token, idClaims.sub)), ...idClaims };
    }
    const value = claims[settings.userClaim];
    if (typeof value !== "string" || value.trim() === "") return { refused: `the provider did not say the ${settings.userClaim} of the person who signed in` };
    // An address the person typed into the provider proves nothing until the provider verified it.
    if (settings.userClaim === "email" && claims.email_verified !== true) return { refused: "the provider has not verified this person's email address" };
    return { userId: value, sub: idClaims.sub };
  }

  const callback: HttpRoute = async (req, res, url) => {
    if (url.pathname !== openIdCallbackPath) return false;
    if (refusedOverLimit(options.limiter, req, res, "connect again from your MCP client")) return true;
    const attempt = await readAttempt(cookies, req);
    if (attempt?.via !== "oidc") {
      sendForeignAttemptPage(res);
      return true;
    }
    const request = attempt.req;
    let identity: { userId: string; sub: string };
    try {
      const config = await configuration();
      const current = new URL(`${completion.baseUrl(req)}${openIdCallbackPath}${url.search}`);
      const tokens = await openid.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: attempt.cv!,
        expectedState: attempt.st!,
        expectedNonce: attempt.nonce!,
      });
      const who = await arcadeUserOf(config, tokens);
      if ("refused" in who) {
        completion.fail(req, res, request, "access_denied", who.refused);
        return true;
      }
      identity = who;
    } catch (error) {
      const declined = error instanceof openid.AuthorizationResponseError && error.error === "access_denied";
      logger.warn("the OpenID sign-in failed", { reason: (error as Error).message });
      completion.fail(
        req,
        res,
        request,
        "access_denied",
        declined ? "the person declined at the sign-in provider" : "the sign-in provider did not complete the sign-in",
      );
      return true;
    }
    const subject = `oidc:${identity.sub}`;
    await saveSession(cookies, res, { arc: identity.userId, sub: subject }, options.sessionSeconds);

    let authorization: ArcadeAuthorization;
    try {
      authorization = await authorizeAsanaInArcade(arcade, identity.userId, options.requirement);
    } catch (error) {
      logger.error("Arcade refused to authorize Asana for a signed-in person", {
        reason: explainArcadeError(error, arcade.baseURL, "authorizing Asana").message,
      });
      completion.fail(req, res, request, "temporarily_unavailable", "Arcade could not authorize Asana; try again shortly");
      return true;
    }
    // The provider verified who this is, so a grant Arcade already holds for them is theirs to use.
    if (authorization.status === "completed") {
      await completion.finish(req, res, request, { subject, arcadeUserId: identity.userId });
      return true;
    }
    if (!authorization.url || !authorization.id || !/^https?:\/\//.test(authorization.url)) {
      completion.fail(req, res, request, "server_error", `Arcade answered "${authorization.status ?? "unknown"}" without an authorization link`);
      return true;
    }
    const waiting: SignInAttempt = { req: request, via: "arcade", arc: identity.userId, aid: authorization.id, sub: subject };
    await saveAttempt(cookies, res, waiting);
    redirectBrowser(res, authorization.url);
    return true;
  };

  async function continueSignIn(req: IncomingMessage, res: ServerResponse, attempt: SignInAttempt, authorizationId: string): Promise<void> {
    if (authorizationId !== attempt.aid || !attempt.sub || !attempt.arc) {
      return completion.fail(req, res, attempt.req, "access_denied", "the confirmed Asana authorization is not the one this sign-in started");
    }
    await completion.finish(req, res, attempt.req, { subject: attempt.sub, arcadeUserId: attempt.arc });
  }

  return {
    name: "oidc",
    description: `sign in with ${issuer.host}, then allow Asana through Arcade if you have not yet.`,
    begin,
    routes: [callback, createArcadeVerifierRoute({ arcade, cookies, limiter: options.limiter, logger, continueSignIn })],
  };
}
