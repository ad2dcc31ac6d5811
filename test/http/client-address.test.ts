import type { IncomingMessage } from "node:http";
import { describe, expect, test } from "vitest";
import { createClientAddresses } from "../../src/http/index.js";

/** A request as the HTTP server hands it over: a peer address and headers. */
function request(peer: string, forwardedFor?: string | string[]): IncomingMessage {
  return { socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor } } as unknown as IncomingMessage;
}

describe("which client a request comes from", () => {
  test("with no trusted proxy, the peer is the client and X-Forwarded-For is ignored", () => {
    const addresses = createClientAddresses([]);
    expect(addresses.of(request("203.0.113.9", "198.51.100.1"))).toBe("203.0.113.9");
    expect(addresses.isTrustedProxy("127.0.0.1")).toBe(false);
  });

  test("an untrusted peer cannot choose its address by sending the header", () => {
    const addresses = createClientAddresses(["10.0.0.0/8"]);
    expect(addresses.of(request("203.0.113.9", "198.51.100.1"))).toBe("203.0.113.9");
  });

  test("behind a trusted proxy, the client is the right-most entry the proxies did not write", () => {
    const addresses = createClientAddresses(["loopback", "10.0.0.0/8"]);
    // The client wrote 192.0.2.66 itself; the edge proxy saw 198.51.100.7; an inner proxy is 10.1.2.3.
    expect(addresses.of(request("127.0.0.1", "192.0.2.66, 198.51.100.7, 10.1.2.3"))).toBe("198.51.100.7");
    expect(addresses.of(request("::ffff:127.0.0.1", ["192.0.2.66", "198.51.100.7"]))).toBe("198.51.100.7");
    expect(addresses.of(request("::1", "[2001:db8:1:2::5]:4711"))).toBe("2001:db8:1:2::/64");
    expect(addresses.of(request("127.0.0.1", "198.51.100.7:5123"))).toBe("198.51.100.7");
  });

  test("a trusted proxy that forwards nothing, or garbage, counts as the client itself", () => {
    const addresses = createClientAddresses(["127.0.0.1"]);
    expect(addresses.of(request("127.0.0.1"))).toBe("127.0.0.1");
    expect(addresses.of(request("127.0.0.1", "not-an-address"))).toBe("127.0.0.1");
    // Left of a malformed entry nothing can be told from a forgery.
    expect(addresses.of(request("127.0.0.1", "198.51.100.7, unknown"))).toBe("127.0.0.1");
    // Every entry a trusted proxy: the left-most is as far as the chain goes.
    expect(addresses.of(request("127.0.0.1", "127.0.0.1, 127.0.0.1"))).toBe("127.0.0.1");
    expect(addresses.of(request("127.0.0.1", "127.0.0.5, 127.0.0.1"))).toBe("127.0.0.5");
  });

  test("ranges and named ranges", () => {
    const addresses = createClientAddresses(["private", "2001:db8::/32"]);
    expect(["10.9.9.9", "172.20.0.1", "192.168.1.1", "fd00::1", "2001:db8:ffff::1"].map((a) => addresses.isTrustedProxy(a))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["172.32.0.1", "8.8.8.8", "2001:db9::1", "::1", undefined].map((a) => addresses.isTrustedProxy(a))).toEqual([false, false, false, false, false]);
  });

  test("an entry that is no address or range is refused, naming it", () => {
    expect(() => createClientAddresses(["10.0.0.0/33"])).toThrow(/"10\.0\.0\.0\/33" has a prefix length outside 0 to 32/);
    expect(() => createClientAddresses(["proxy.internal"])).toThrow(/"proxy\.internal" is not an IP address, a CIDR range/);
  });
});
