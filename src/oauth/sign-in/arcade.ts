import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Arcade } from "@arcadeai/arcadejs";
import { explainArcadeError, waitForAuthorization, type ArcadeAuthorization } from "../../auth/index.js";
import type { Logger } from "../../log/index.js";
import type { AuthRequirement } from "../../toolkit/index.js";
import type { BrowserCookies } from "../browser-cookies.js";
import type { RateLimiter } from "../rate-limit.js";
import type { AuthorizationRequest, SignInCompletion, SignInMethod } from "../sign-in-method.js";
import { createArcadeVerifierRoute } from "./arcade-verifier.js";
import { AsanaIdentityError, asanaUserOf } from "./asana-identity.js";
import { redirectBrowser, saveAttempt, saveSession, type SignInAttempt } from "./attempt.js";

export interface ArcadeSignInOptions {
  arcade: Arcade;
  /** The requirement the tools use, so the grant the sign-in makes is the one their calls find. */
  requirement: AuthRequirement;
  /** Asana's API base, to ask who finished the authorization. */
  asanaApiBaseUrl: string;
  cookies: BrowserCookies;
  completion: SignInCompletion;
  limiter: RateLimiter;
  /** How long the browser stays known to the user verifier (the refresh token's lifetime). */
  sessionSeconds: number;
  logger: Logger;
}

/** How long the verifier waits for Arcade to report the confirmed grant complete. */
const completionWaitMs = 20_000;

/** Asks Arcade to authorize Asana for a user: the same request the tools' token resolver sends. */
export async function authorizeAsanaInArcade(arcade: Arcade, userId: string, requirement: AuthRequirement): Promise<ArcadeAuthorization> {
  return arcade.auth.authorize(
    {
      user_id: userId,
      auth_requirement: {
        provider_id: requirement.provider_id,
        provider_type: requirement.provider_type,
        ...(requirement.id ? { id: requirement.id } : {}),
        oauth2: { scopes: [...requirement.oauth2.scopes] },
      },
    },
    { maxRetries: 1 },
  );
}

/**
 * Sign in with Asana, through Arcade: the operator needs an Arcade key and nothing else of ours.
 *
 * Each sign-in gets a fresh, unguessable Arcade user id, kept in the browser's sealed sign-in cookie.
 * A fresh user has no grant, so Arcade must run its Asana authorization; Arcade then sends the browser
 * to the user verifier, which confirms the flow only for the id in that browser's cookie. Only then
 * does the server take the token Arcade hands out and ask Asana whose it is. The MCP tokens carry the
 * id, and every later call gets the Asana token from Arcade for that id. Nobody can claim another
 * person's grant: there is no form to type a name into, and an id whose grant Arcade already reports
 * complete (it never should be) is refused, since no flow ran to verify anyone.
 */
export function createArcadeSignIn(options: ArcadeSignInOptions): SignInMethod {
  const { arcade, cookies, completion, logger } = options;

  async function begin(req: IncomingMessage, res: ServerResponse, request: AuthorizationRequest): Promise<void> {
    const userId = `asana-mcp-${randomBytes(18).toString("base64url")}`;
    let authorization: ArcadeAuthorization;
    try {
      authorization = await authorizeAsanaInArcade(arcade, userId, options.requirement);
    } catch (error) {
      const explained = explainArcadeError(error, arcade.baseURL, "starting the Asana authorization");
      logger.error("Arcade refused to start a sign-in", { reason: explained.message });
      return completion.fail(req, res, request, "temporarily_unavailable", "Arcade could not start the Asana authorization; try again shortly");
    }
    if (authorization.status === "completed") {
      logger.error("Arcade reports a grant for a fresh sign-in id as already complete; refused, since no flow verified anyone");
      return completion.fail(req, res, request, "server_error", "the Asana authorization could not be verified");
    }
    if (!authorization.url || !authorization.id || !/^https?:\/\//.test(authorization.url)) {
      return completion.fail(req, res, request, "server_error", `Arcade answered "${authorization.status ?? "unknown"}" without an authorization link`);
    }
    const attempt: SignInAttempt = { req: request, via: "arcade", arc: userId, aid: authorization.id };
    await saveAttempt(cookies, res, attempt);
    redirectBrowser(res, authorization.url);
  }

  async function continueSignIn(req: IncomingMessage, res: ServerResponse, attempt: SignInAttempt, authorizationId: string): Promise<void> {
    const request = attempt.req;
    if (authorizationId !== attempt.aid) {
      return completion.fail(req, res, request, "access_denied", "the confirmed Asana authorization is not the one this sign-in started");
    }
    let token: string | undefined;
    try {
      const done = await waitForAuthorization(arcade, { id: authorizationId, status: "pending" } as ArcadeAuthorization, {
        deadline: Date.now() + completionWaitMs,
      });
      token = done.status === "completed" ? done.context?.token : undefined;
    } catch (error) {
      logger.warn("could not read a confirmed authorization from Arcade", {
        reason: explainArcadeError(error, arcade.baseURL, "reading the authorization").message,
      });
    }
    if (!token) return completion.fail(req, res, request, "temporarily_unavailable", "Arcade did not complete the Asana authorization in time; connect again");
    let who;
    try {
      who = await asanaUserOf(options.asanaApiBaseUrl, token);
    } catch (error) {
      if (!(error instanceof AsanaIdentityError)) throw error;
      logger.warn("could not learn who signed in", { reason: error.message });
      return completion.fail(req, res, request, "temporarily_unavailable", "Asana could not say who signed in; connect again");
    }
    const subject = `asana:${who.gid}`;
    await saveSession(cookies, res, { arc: attempt.arc!, sub: subject }, options.sessionSeconds);
    await completion.finish(req, res, request, { subject, arcadeUserId: attempt.arc! });
  }

  return {
    name: "arcade",
    description: "sign in to Asana and allow access, through Arcade.",
    begin,
    routes: [createArcadeVerifierRoute({ arcade, cookies, limiter: options.limiter, logger, continueSignIn })],
  };
}
