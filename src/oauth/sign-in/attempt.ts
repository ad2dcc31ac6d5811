import type { IncomingMessage, ServerResponse } from "node:http";
import type { BrowserCookies } from "../browser-cookies.js";
import type { AuthorizationRequest } from "../sign-in-method.js";

/**
 * One sign-in in progress, in the browser that started it (a sealed, HttpOnly, 15-minute cookie):
 * the consented request, and what the sign-in method must check when the browser comes back.
 */
export interface SignInAttempt extends Record<string, unknown> {
  req: AuthorizationRequest;
  /** The step the browser is away for: Arcade's Asana authorization, the Asana app's, or the OpenID provider's. */
  via: "arcade" | "asana" | "oidc";
  /** The Arcade user the sign-in authorizes Asana for. */
  arc?: string;
  /** Arcade's authorization id for it. */
  aid?: string;
  /** Who signed in, once known (OpenID sign-in waiting for Arcade). */
  sub?: string;
  /** state, PKCE verifier and nonce sent to the upstream authorization server. */
  st?: string;
  cv?: string;
  nonce?: string;
}

export const attemptSeconds = 15 * 60;

export async function saveAttempt(cookies: BrowserCookies, res: ServerResponse, attempt: SignInAttempt): Promise<void> {
  await cookies.set(res, "sign_in", "attempt", attempt, attemptSeconds);
}

export async function readAttempt(cookies: BrowserCookies, req: IncomingMessage): Promise<SignInAttempt | undefined> {
  return cookies.read<SignInAttempt>(req, "sign_in", "attempt");
}

/**
 * The browser's session for Arcade's user verifier: which Arcade user this browser signed in as, so a
 * later Arcade authorization link (a tool call's) can be confirmed for that user and nobody else.
 */
export interface BrowserSession extends Record<string, unknown> {
  arc: string;
  sub: string;
}

export async function saveSession(cookies: BrowserCookies, res: ServerResponse, session: BrowserSession, seconds: number): Promise<void> {
  await cookies.set(res, "session", "session", session, seconds);
}

export async function readSession(cookies: BrowserCookies, req: IncomingMessage): Promise<BrowserSession | undefined> {
  return cookies.read<BrowserSession>(req, "session", "session");
}

/** Sends the browser to an upstream page (Arcade's, Asana's, the OpenID provider's). */
export function redirectBrowser(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, "cache-control": "no-store", "referrer-policy": "no-referrer" }).end();
}
