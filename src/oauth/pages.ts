import type { IncomingMessage, ServerResponse } from "node:http";
import type { RateLimiter } from "./rate-limit.js";

/** Text for HTML: every character that could open markup or an attribute is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/**
 * The sign-in pages' headers: no framing (clickjacking the consent button), no scripts at all, no
 * caching, and no referrer (the address of these pages carries the client's state).
 */
const pageHeaders = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' https: http:; frame-ancestors 'none'; base-uri 'none'",
};

const style =
  "body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1e1f21}" +
  "h1{font-size:1.4rem}.note{color:#6d6e6f;font-size:.9rem}.warn{background:#fff4e5;border-left:4px solid #f1a33c;padding:.5rem .8rem}" +
  "button{font:inherit;padding:.5rem 1.2rem;margin-right:.6rem;border-radius:6px;border:1px solid #c0c0c0;background:#fff}" +
  "button.primary{background:#1e1f21;color:#fff;border-color:#1e1f21}code{background:#f3f3f3;padding:0 .2rem}";

/** A whole page; `body` is HTML the caller built from escaped parts. */
export function sendPage(res: ServerResponse, status: number, title: string, body: string, headers: Record<string, string> = {}): void {
  res
    .writeHead(status, { ...pageHeaders, ...headers })
    .end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title><style>${style}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
    );
}

/** A page that says what went wrong and what to do, in plain text. */
export function sendProblemPage(res: ServerResponse, status: number, title: string, message: string, headers: Record<string, string> = {}): void {
  sendPage(res, status, title, `<p>${escapeHtml(message)}</p>`, headers);
}

/** Counts a sign-in page request; past the caller's limit answers 429 with a page and returns true. */
export function refusedOverLimit(limiter: RateLimiter, req: IncomingMessage, res: ServerResponse, then: string): boolean {
  const retryAfter = limiter.take("authorize", req);
  if (retryAfter === undefined) return false;
  sendProblemPage(res, 429, "Too many attempts", `Wait ${retryAfter} seconds, then ${then}.`, { "retry-after": String(retryAfter) });
  return true;
}

/** A sign-in's return to us that this browser did not start (or started too long ago). */
export function sendForeignAttemptPage(res: ServerResponse): void {
  sendProblemPage(res, 400, "This sign-in cannot be finished here", "It was started in another browser, or it expired. Connect again from your MCP client.");
}
