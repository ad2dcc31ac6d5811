import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpRoute } from "../http/index.js";

/**
 * One authorization request that the person consented to, as it travels (sealed) through the sign-in:
 * in the consent form, then in the browser's sign-in cookie, until the code goes back to the client.
 */
export interface AuthorizationRequest extends Record<string, unknown> {
  /** client_id */
  cid: string;
  /** The client's name, as its metadata says. */
  name: string;
  /** The host of the client's metadata document (absent for a client that registered itself). */
  host?: string;
  /** redirect_uri, exactly as the request gave it. */
  ru: string;
  /** state, returned to the client unchanged. */
  st?: string;
  /** The PKCE code_challenge (S256). */
  cc: string;
  /** The scopes granted. */
  sc: string[];
  /** The resource (RFC 8707) the tokens are bound to: this server's /mcp URL. */
  res: string;
}

/** Who finished a sign-in, as the sign-in method established it. */
export interface SignedInIdentity {
  /** `asana:<gid>` for Asana sign-ins, `oidc:<sub>` for an OpenID provider's. */
  subject: string;
  /** The Arcade user whose Asana grant the calls use (Arcade and OpenID sign-in). */
  arcadeUserId?: string;
  /** Own-app sign-in: the grant family under which the Asana grant is already stored. */
  family?: string;
}

/** What a sign-in method calls when the person is known, or when the sign-in failed. */
export interface SignInCompletion {
  /** Issues the authorization code and sends the browser back to the client. */
  finish(req: IncomingMessage, res: ServerResponse, request: AuthorizationRequest, identity: SignedInIdentity): Promise<void>;
  /** Sends the browser back to the client with an OAuth error (RFC 6749 4.1.2.1). */
  fail(
    req: IncomingMessage,
    res: ServerResponse,
    request: AuthorizationRequest,
    error: "access_denied" | "server_error" | "temporarily_unavailable",
    description: string,
  ): void;
  /** This server's public base URL, for callback addresses. */
  baseUrl(req: IncomingMessage): string;
}

/** How a person proves who they are: Arcade's Asana authorization, the deployment's Asana app, or an OpenID provider. */
export interface SignInMethod {
  /** For the consent page: where the person will sign in. */
  readonly description: string;
  /** For logs. */
  readonly name: "arcade" | "asana" | "oidc";
  /** Starts the sign-in for a consented request: sets the sign-in cookie and sends the browser on. */
  begin(req: IncomingMessage, res: ServerResponse, request: AuthorizationRequest): Promise<void>;
  /** The method's own pages (callbacks, Arcade's user verifier). */
  readonly routes: readonly HttpRoute[];
}
