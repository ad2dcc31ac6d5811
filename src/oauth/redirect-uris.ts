/**
 * Which redirect URIs a client may register, and when a requested one matches a registered one.
 * Matching is exact string comparison (OAuth 2.1, MCP authorization "Open Redirection"), with the one
 * exception RFC 8252 section 7.3 requires: a native app's loopback redirect may name any port, since
 * the app picks a free one at run time.
 */

/** Schemes that would run code or read local data in the browser, never a redirect target. */
const forbiddenSchemes = new Set(["javascript:", "data:", "vbscript:", "file:", "blob:", "about:", "filesystem:"]);

const loopbackIpHosts = new Set(["127.0.0.1", "[::1]"]);

function isLoopbackHost(hostname: string): boolean {
  return loopbackIpHosts.has(hostname) || hostname === "localhost";
}

/**
 * Why a redirect URI may not be registered, or undefined when it may: https anywhere; http only on
 * loopback (RFC 8252 7.3; MCP: "redirect URIs MUST be either localhost or use HTTPS"); a native app's
 * private-use scheme (cursor://..., RFC 8252 7.1); never a fragment.
 */
export function redirectUriProblem(uri: string): string | undefined {
  if (uri.length > 2_000) return "is longer than 2000 characters";
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return "is not an absolute URL";
  }
  if (url.hash !== "" || uri.includes("#")) return "has a fragment (#...), which OAuth forbids in a redirect URI";
  if (url.username || url.password) return "carries a user name or password";
  if (forbiddenSchemes.has(url.protocol)) return `uses the ${url.protocol} scheme`;
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) return "uses http on a host other than loopback (127.0.0.1, [::1], localhost); use https";
  return undefined;
}

/** True for http://127.0.0.1, http://[::1] and http://localhost redirect URIs. */
export function isLoopbackRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === "http:" && isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}

/** The URI as written with the port of its authority left out (loopback http only), else undefined. */
function loopbackWithoutPort(uri: string): string | undefined {
  const match = /^(http:\/\/)(127\.0\.0\.1|\[::1\]|localhost)(?::\d{1,5})?([/?].*)?$/.exec(uri);
  return match ? `${match[1]}${match[2]}${match[3] ?? ""}` : undefined;
}

/**
 * True when `requested` is one of `registered`: the same string, or, for loopback http redirects,
 * the same string but for the port. No other normalization (case, trailing slash, encoding).
 */
export function redirectUriMatches(requested: string, registered: readonly string[]): boolean {
  if (registered.includes(requested)) return true;
  const asked = loopbackWithoutPort(requested);
  return asked !== undefined && registered.some((candidate) => loopbackWithoutPort(candidate) === asked);
}
