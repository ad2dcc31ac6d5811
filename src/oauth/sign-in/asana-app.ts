import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpRoute } from "../../http/index.js";
import type { Logger } from "../../log/index.js";
import type { AsanaGrants } from "../asana-app/asana-grants.js";
import { AsanaOAuthError, asanaAuthorizeUrl, exchangeAsanaCode, type AsanaAppSettings } from "../asana-app/asana-oauth-client.js";
import type { BrowserCookies } from "../browser-cookies.js";
import { newFamilyId, pkceChallengeOf } from "../grants.js";
import { refusedOverLimit, sendForeignAttemptPage } from "../pages.js";
import type { RateLimiter } from "../rate-limit.js";
import type { AuthorizationRequest, SignInCompletion, SignInMethod } from "../sign-in-method.js";
import { AsanaIdentityError, asanaUserOf } from "./asana-identity.js";
import { readAttempt, redirectBrowser, saveAttempt } from "./attempt.js";

export const asanaCallbackPath = "/oauth/callback/asana";

export interface AsanaAppSignInOptions {
  settings: AsanaAppSettings;
  /** Asana's scopes to ask for (default: "default", Full Permissions). */
  scopes: readonly string[];
  asanaApiBaseUrl: string;
  grants: AsanaGrants;
  cookies: BrowserCookies;
  completion: SignInCompletion;
  limiter: RateLimiter;
  logger: Logger;
}

/**
 * Sign in with Asana, with the deployment's own Asana OAuth app: Asana's authorization code flow with
 * PKCE and state bound to the browser's sign-in cookie. The Asana grant stays on the server (sealed in
 * the state store under the new grant family); the MCP tokens carry only the family's id.
 */
export function createAsanaAppSignIn(options: AsanaAppSignInOptions): SignInMethod {
  const { cookies, completion, logger } = options;

  async function begin(req: IncomingMessage, res: ServerResponse, request: AuthorizationRequest): Promise<void> {
    const state = randomBytes(18).toString("base64url");
    const verifier = randomBytes(32).toString("base64url");
    await saveAttempt(cookies, res, { req: request, via: "asana", st: state, cv: verifier });
    redirectBrowser(
      res,
      asanaAuthorizeUrl(options.settings, {
        redirectUri: `${completion.baseUrl(req)}${asanaCallbackPath}`,
        state,
        codeChallenge: pkceChallengeOf(verifier),
        scopes: options.scopes,
      }),
    );
  }

  const callback: HttpRoute = async (req, res, url) => {
    if (url.pathname !== asanaCallbackPath) return false;
    if (refusedOverLimit(options.limiter, req, res, "connect again from your MCP client")) return true;
    const attempt = await readAttempt(cookies, req);
    const state = url.searchParams.get("state");
    // The state must be the one this browser's sign-in sent: otherwise this is someone else's code, planted.
    if (attempt?.via !== "asana" || !state || state !== attempt.st) {
      sendForeignAttemptPage(res);
      return true;
    }
    const request = attempt.req;
    const code = url.searchParams.get("code");
    if (!code) {
      const declined = url.searchParams.get("error") === "access_denied";
      completion.fail(req, res, request, "access_denied", declined ? "the person declined access in Asana" : "Asana returned no authorization code");
      return true;
    }
    let family: string;
    let subject: string;
    try {
      const tokens = await exchangeAsanaCode(options.settings, {
        code,
        redirectUri: `${completion.baseUrl(req)}${asanaCallbackPath}`,
        codeVerifier: attempt.cv ?? "",
      });
      const user = tokens.user ?? (await asanaUserOf(options.asanaApiBaseUrl, tokens.accessToken));
      family = newFamilyId();
      await options.grants.save(family, tokens);
      subject = `asana:${user.gid}`;
    } catch (error) {
      if (!(error instanceof AsanaOAuthError) && !(error instanceof AsanaIdentityError)) throw error;
      logger.warn("the Asana app's sign-in failed", { reason: error.message });
      completion.fail(req, res, request, "temporarily_unavailable", "Asana did not complete the sign-in; connect again");
      return true;
    }
    await completion.finish(req, res, request, { subject, family });
    return true;
  };

  return { name: "asana", description: "sign in to Asana and allow this server's Asana app.", begin, routes: [callback] };
}
