import type { ServerResponse } from "node:http";
import { APIConnectionError, APIError, type Arcade } from "@arcadeai/arcadejs";
import type { HttpRoute } from "../http/index.js";
import type { Logger } from "../log/index.js";
import { arcadeMessageOf } from "./arcade-client.js";

/** Where Arcade's dashboard (Auth > Settings > Custom verifier) should point. */
export const userVerifierPath = "/arcade/verify-user";

export interface UserVerifierOptions {
  arcade: Arcade;
  /** ARCADE_USER_ID: the one user this server acts for, and therefore the only one it can vouch for. */
  userId: string;
  logger: Logger;
}

/**
 * Arcade's custom user verifier, for a server that knows its user: a single-user deployment with
 * ARCADE_USER_ID. After the user approves Asana, Arcade sends their browser here with a `flow_id`;
 * we confirm the flow as our user (`POST /v1/auth/confirm_user`) and send the browser on to the
 * `next_uri` Arcade answers with. Arcade itself refuses the confirmation when the flow was started for
 * another user, which is what protects against a phished authorization link.
 * (Arcade docs: "Secure and brand the auth flow in production", custom user verifier.)
 */
export function createUserVerifierRoute(options: UserVerifierOptions): HttpRoute {
  return async (req, res, url) => {
    if (url.pathname !== userVerifierPath) return false;
    if (req.method !== "GET") {
      sendText(res, 405, `Arcade's user verifier is opened by the browser with GET ${userVerifierPath}?flow_id=...`, { allow: "GET" });
      return true;
    }
    const flowId = url.searchParams.get("flow_id");
    if (!flowId) {
      sendText(
        res,
        400,
        "This page confirms an Asana authorization for Arcade and needs the flow_id that Arcade adds to the address. " +
          "Open it through the authorization link your agent showed you, not directly.",
      );
      return true;
    }
    try {
      const confirmed = await options.arcade.auth.confirmUser({ flow_id: flowId, user_id: options.userId }, { maxRetries: 0 });
      options.logger.info("confirmed an Arcade authorization flow for the configured user", { auth_id: confirmed.auth_id });
      if (confirmed.next_uri) {
        res.writeHead(303, { location: confirmed.next_uri, "cache-control": "no-store" }).end();
      } else {
        sendText(res, 200, "Asana is authorized. You can close this tab and return to your agent.");
      }
    } catch (error) {
      if (error instanceof APIConnectionError) {
        options.logger.warn("could not reach Arcade to confirm a user", { base_url: options.arcade.baseURL });
        sendText(res, 502, `Could not reach Arcade at ${options.arcade.baseURL} to confirm this authorization. Reload this page to try again.`);
      } else if (error instanceof APIError && (error.status === 401 || error.status === 403)) {
        options.logger.error("Arcade rejected ARCADE_API_KEY while confirming a user");
        sendText(res, 502, "Arcade rejected this server's ARCADE_API_KEY, so the authorization could not be confirmed. Ask the server's operator to check it.");
      } else if (error instanceof APIError) {
        options.logger.warn("Arcade refused to confirm a user", { status: error.status });
        sendText(
          res,
          400,
          `Arcade did not confirm this authorization (HTTP ${error.status ?? "error"}: ${arcadeMessageOf(error)}). ` +
            // The user id is not echoed: anyone who can reach this page could otherwise read it.
            "This server confirms authorizations only for the one user it is configured for (ARCADE_USER_ID). If the link was started for someone else, " +
            "or has expired, ask your agent for a new authorization link.",
        );
      } else {
        throw error;
      }
    }
    return true;
  };
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res
    .writeHead(status, { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff", "cache-control": "no-store", ...headers })
    .end(`${text}\n`);
}
