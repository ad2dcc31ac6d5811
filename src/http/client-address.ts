import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";
import { clientOf } from "./connection-table.js";

/**
 * Which client a request comes from, for per-client limits. Directly connected, it is the socket's
 * address. Behind a reverse proxy every socket has the proxy's address, so one caller could spend
 * everyone's sign-in budget: when the socket's peer is a proxy the operator trusts
 * (ASANA_MCP_TRUSTED_PROXIES), the client is the right-most X-Forwarded-For entry that is not itself a
 * trusted proxy. Entries left of it were written by the client and prove nothing, and an untrusted peer's
 * X-Forwarded-For is ignored whole, since anyone can send the header.
 */
export interface ClientAddresses {
  /** The client a request counts against: an IPv4 address or an IPv6 /64. */
  of(req: IncomingMessage): string;
  /** Whether a peer is a trusted proxy, whose connections carry many clients. */
  isTrustedProxy(address: string | undefined): boolean;
}

/** The words ASANA_MCP_TRUSTED_PROXIES takes besides addresses and CIDR ranges. */
const namedRanges: Record<string, Array<[string, number, "ipv4" | "ipv6"]>> = {
  loopback: [
    ["127.0.0.0", 8, "ipv4"],
    ["::1", 128, "ipv6"],
  ],
  private: [
    ["10.0.0.0", 8, "ipv4"],
    ["172.16.0.0", 12, "ipv4"],
    ["192.168.0.0", 16, "ipv4"],
    ["fc00::", 7, "ipv6"],
  ],
};

/** Why an entry of the trusted-proxy list is not one, or undefined when it is. */
export function trustedProxyProblem(entry: string): string | undefined {
  if (namedRanges[entry.toLowerCase()]) return undefined;
  const [address = "", bits, extra] = entry.split("/");
  const family = isIP(address);
  if (!family || extra !== undefined) return `"${entry}" is not an IP address, a CIDR range (e.g. 10.0.0.0/8) or one of ${Object.keys(namedRanges).join(", ")}`;
  if (bits === undefined) return undefined;
  const prefix = Number(bits);
  const max = family === 4 ? 32 : 128;
  if (!/^\d+$/.test(bits) || prefix > max) return `"${entry}" has a prefix length outside 0 to ${max}`;
  return undefined;
}

export function createClientAddresses(trustedProxies: readonly string[]): ClientAddresses {
  const trusted = new BlockList();
  for (const entry of trustedProxies) {
    const problem = trustedProxyProblem(entry);
    if (problem) throw new Error(`trusted proxy ${problem}`);
    const named = namedRanges[entry.toLowerCase()];
    if (named) {
      for (const [network, prefix, type] of named) trusted.addSubnet(network, prefix, type);
      continue;
    }
    const [address = "", bits] = entry.split("/");
    const type = isIP(address) === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) trusted.addAddress(address, type);
    else trusted.addSubnet(address, Number(bits), type);
  }
  const isTrustedProxy = (address: string | undefined): boolean => {
    if (!address || trustedProxies.length === 0) return false;
    const plain = unmapped(address);
    const family = isIP(plain);
    return family !== 0 && trusted.check(plain, family === 4 ? "ipv4" : "ipv6");
  };
  return {
    isTrustedProxy,
    of(req) {
      let client = req.socket.remoteAddress;
      if (isTrustedProxy(client)) {
        const forwarded = headerList(req.headers["x-forwarded-for"]);
        for (let index = forwarded.length - 1; index >= 0; index--) {
          const hop = addressOf(forwarded[index]!);
          // A malformed entry ends the chain: what lies left of it cannot be told from a forgery.
          if (!hop) break;
          client = hop;
          if (!isTrustedProxy(hop)) break;
        }
      }
      return clientOf(client);
    },
  };
}

/** Every comma-separated entry of a header that may be sent more than once. */
function headerList(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(",") : (value ?? "");
  return joined
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** An X-Forwarded-For entry's address: plain, or with a port (1.2.3.4:5, [::1]:5) as some proxies write it. */
function addressOf(entry: string): string | undefined {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  const candidate = bracketed ? bracketed[1]! : /^\d+\.\d+\.\d+\.\d+:\d+$/.test(entry) ? entry.slice(0, entry.lastIndexOf(":")) : entry;
  return isIP(unmapped(candidate)) ? candidate : undefined;
}

/** An IPv4 address carried in IPv6 (::ffff:1.2.3.4), as a dual-stack socket reports it. */
function unmapped(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}
