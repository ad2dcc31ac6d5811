import type { IncomingMessage, ServerResponse } from "node:http";
import { APIConnectionError, APIError, type Arcade } from "@arcadeai/arcadejs";
import { arcadeMessageOf, userVerifierPath } from "../../auth/index.js";
import type { HttpRoute } from "../../http/index.js";
import type { Logger } from "../../log/index.js";
import type { BrowserCookies } from "../browser-cookies.js";
import { refusedOverLimit, sendProblemPage } from "../pages.js";
import type { RateLimiter } from "../rate-limit.js";
import { readAttempt, readSession, redirectBrowser, type SignInAttempt } from "./attempt.js";

export interface ArcadeVerifierOptions {
  arcade: Arcade;
  cookies: BrowserCookies;
  limiter: RateLimiter;
  logger: Logger;
  /** The sign-in goes on once Arcade confirmed the attempt's user (the Asana grant is complete). */
  continueSignIn(req: IncomingMessage, res: ServerResponse, attempt: SignInAttempt, authorizationId: string): Promise<void>;
}

/**
 * Arcade's custom user verifier for a server that many people sign in to (Arcade docs, "Secure auth in
 * production"). Arcade sends the browser here with a flow_id once someone approved Asana; this route
 * confirms the flow only for the Arcade user this very browser is known as:
 * - during a sign-in, the user of the sign-in cookie (a fresh, unguessable id per Arcade sign-in, or
 *   the person the OpenID provider just signed in);
 * - later (a tool call's authorization link), the user of the browser's session cookie.
 * Arcade refuses the confirmation when the flow was started for another user, so a link sent to
 * someone else completes nothing. An address typed into a form is never taken as anyone's identity.
 */
export function createArcadeVerifierRoute(options: ArcadeVerifierOptions): HttpRoute {
  const { arcade, cookies, logger } = options;
  return async (req, res, url) => {
    if (url.pathname !== userVerifierPath) return false;
    if (req.method !== "GET") {
      sendProblemPage(res, 405, "Method not allowed", `Arcade opens this page with GET ${userVerifierPath}?flow_id=...`, { allow: "GET" });
      return true;
    }
    if (refusedOverLimit(options.limiter, req, res, "reload this page")) return true;
    const flowId = url.searchParams.get("flow_id");
    if (!flowId) {
      sendProblemPage(
        res,
        400,
        "Nothing to confirm",
        "This page confirms an Asana authorization for Arcade and needs the flow_id Arcade adds. Open it through Arcade, not directly.",
      );
      return true;
    }
    const attempt = await readAttempt(cookies, req);
    const pending = attempt?.via === "arcade" && attempt.arc ? attempt : undefined;
    const session = pending ? undefined : await readSession(cookies, req);
    const userId = pending?.arc ?? session?.arc;
    if (!userId) {
      sendProblemPage(
        res,
        400,
        "Open this in the browser you signed in with",
        "This browser has no sign-in to this server in progress, so the Asana authorization cannot be confirmed here. " +
          "Open the authorization link in the browser where you signed in, or connect again from your MCP client.",
      );
      return true;
    }
    let confirmed: { auth_id: string; next_uri?: string };
    try {
      confirmed = await arcade.auth.confirmUser({ flow_id: flowId, user_id: userId }, { maxRetries: 0 });
    } catch (error) {
      if (error instanceof APIConnectionError) {
        logger.warn("could not reach Arcade to confirm a user", { base_url: arcade.baseURL });
        sendProblemPage(
          res,
          502,
          "Arcade is unreachable",
          "The Asana authorization could not be confirmed because Arcade could not be reached. Reload this page to try again.",
        );
      } else if (error instanceof APIError && (error.status === 401 || error.status === 403)) {
        logger.error("Arcade rejected ARCADE_API_KEY while confirming a user");
        sendProblemPage(res, 502, "The server's Arcade key was refused", "Ask the server's operator to check ARCADE_API_KEY.");
      } else if (error instanceof APIError) {
        logger.warn("Arcade refused to confirm a user", { status: error.status });
        sendProblemPage(
          res,
          400,
          "This authorization is not yours to confirm",
          `Arcade did not confirm it (HTTP ${error.status ?? "error"}: ${arcadeMessageOf(error)}). It was started for someone else, or it has expired. Connect again from your MCP client.`,
        );
      } else {
        throw error;
      }
      return true;
    }
    if (pending) {
      await options.continueSignIn(req, res, pending, confirmed.auth_id);
      return true;
    }
    logger.info("confirmed an Arcade authorization for a signed-in browser", { auth_id: confirmed.auth_id });
    if (confirmed.next_uri && /^https?:\/\//.test(confirmed.next_uri)) redirectBrowser(res, confirmed.next_uri);
    else sendProblemPage(res, 200, "Asana is authorized", "You can close this tab and return to your agent.");
    return true;
  };
}
