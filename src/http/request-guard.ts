import type { IncomingMessage } from "node:http";
import type { Logger } from "../log/index.js";
import { bracketed, checksHostHeaders, hostnameOf, loopbackHostnames, wildcardHostnames } from "./hosts.js";

export interface RequestGuardOptions {
  host: string;
  allowedHosts?: readonly string[];
  allowedOrigins?: readonly string[];
  logger: Logger;
}

/**
 * DNS-rebinding protection: a web page can make a browser send requests to 127.0.0.1 under its own
 * host name, so the Host header must name a host we serve, and a browser Origin must be ours.
 * Bound to a wildcard address with no allowed hosts configured, Host checking is off (and we warn):
 * the operator's proxy decides which names reach us. Returns why a request is refused, or undefined.
 */
export function createRequestGuard(options: RequestGuardOptions): (req: IncomingMessage) => string | undefined {
  const allowedHosts = new Set([...loopbackHostnames, ...(options.allowedHosts ?? []).map((h) => h.toLowerCase())]);
  if (!wildcardHostnames.has(options.host)) allowedHosts.add(bracketed(options.host.toLowerCase()));
  const checkHosts = checksHostHeaders(options.host, options.allowedHosts);
  if (!checkHosts) {
    options.logger.warn(`listening on ${options.host} without --allowed-hosts: Host header checks are off; put a proxy in front or list the public host names`);
  }
  const allowedOrigins = new Set((options.allowedOrigins ?? []).map((o) => o.toLowerCase().replace(/\/$/, "")));

  return (req) => {
    const host = req.headers.host;
    if (checkHosts && (!host || !allowedHosts.has(hostnameOf(host)))) return `Host "${host ?? ""}" is not allowed`;
    const origin = req.headers.origin;
    if (origin === undefined) return undefined;
    if (origin === "null") return 'Origin "null" is not allowed';
    let originHost: string;
    try {
      originHost = bracketed(new URL(origin).hostname.toLowerCase());
    } catch {
      return `Origin "${origin}" is not a valid origin`;
    }
    if (loopbackHostnames.has(originHost) || allowedOrigins.has(origin.toLowerCase()) || allowedHosts.has(originHost)) return undefined;
    return `Origin "${origin}" is not allowed`;
  };
}
