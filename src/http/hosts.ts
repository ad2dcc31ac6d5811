/** Names and addresses that only reach this machine. */
export const loopbackHostnames: ReadonlySet<string> = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);
export const wildcardHostnames: ReadonlySet<string> = new Set(["0.0.0.0", "::", "[::]"]);

export function isLoopbackHost(host: string): boolean {
  return loopbackHostnames.has(host.toLowerCase());
}

/** True when the server checks Host headers: always, unless bound to a wildcard address with no allowed hosts. */
export function checksHostHeaders(host: string, allowedHosts: readonly string[] | undefined): boolean {
  return !wildcardHostnames.has(host) || (allowedHosts ?? []).length > 0;
}

/** "[::1]:3000" -> "[::1]"; "example.com:3000" -> "example.com" */
export function hostnameOf(hostHeader: string): string {
  if (hostHeader.startsWith("[")) return hostHeader.slice(0, hostHeader.indexOf("]") + 1).toLowerCase();
  return hostHeader.split(":")[0]!.toLowerCase();
}

/** IPv6 literals appear bracketed in Host and Origin headers ("[fd00::1]:3000"). */
export function bracketed(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}
