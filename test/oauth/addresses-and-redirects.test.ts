import { describe, expect, test } from "vitest";
import { nonPublicAddressReason } from "../../src/oauth/public-fetch.js";
import { redirectUriMatches, redirectUriProblem } from "../../src/oauth/redirect-uris.js";
import { grantedScopes } from "../../src/oauth/scopes.js";

describe("which addresses a client metadata document may be fetched from", () => {
  test.each([
    "127.0.0.1",
    "127.8.9.10",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "::1",
    "::",
    "fd00::1",
    "fe80::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "64:ff9b::a00:1",
  ])("%s is refused", (address) => {
    expect(nonPublicAddressReason(address)).toContain("not a public address");
  });

  test.each(["93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("%s is public", (address) => {
    expect(nonPublicAddressReason(address)).toBeUndefined();
  });

  test("the development setting lets loopback through, and nothing else private", () => {
    expect(nonPublicAddressReason("127.0.0.1", true)).toBeUndefined();
    expect(nonPublicAddressReason("::1", true)).toBeUndefined();
    expect(nonPublicAddressReason("10.0.0.1", true)).toContain("not a public address");
    expect(nonPublicAddressReason("169.254.169.254", true)).toContain("not a public address");
  });
});

describe("redirect URIs", () => {
  test("a registration takes https, loopback http and private-use schemes; never a fragment, http elsewhere or a script", () => {
    expect(redirectUriProblem("https://client.example/callback")).toBeUndefined();
    expect(redirectUriProblem("http://127.0.0.1:3000/callback")).toBeUndefined();
    expect(redirectUriProblem("http://[::1]/callback")).toBeUndefined();
    expect(redirectUriProblem("http://localhost:8080/cb")).toBeUndefined();
    expect(redirectUriProblem("cursor://anysphere.cursor-mcp/oauth/callback")).toBeUndefined();
    expect(redirectUriProblem("http://client.example/callback")).toContain("http on a host other than loopback");
    expect(redirectUriProblem("https://client.example/callback#frag")).toContain("fragment");
    expect(redirectUriProblem("javascript:alert(1)")).toContain("javascript:");
    expect(redirectUriProblem("data:text/html,hi")).toContain("data:");
    expect(redirectUriProblem("https://user:pass@client.example/cb")).toContain("user name");
    expect(redirectUriProblem("/relative")).toContain("not an absolute URL");
  });

  test("matching is exact, except a loopback redirect's port (RFC 8252 7.3)", () => {
    const registered = ["https://client.example/callback", "http://127.0.0.1:3000/callback", "http://localhost/cb?x=1"];
    expect(redirectUriMatches("https://client.example/callback", registered)).toBe(true);
    expect(redirectUriMatches("http://127.0.0.1:61234/callback", registered)).toBe(true);
    expect(redirectUriMatches("http://127.0.0.1/callback", registered)).toBe(true);
    expect(redirectUriMatches("http://localhost:9999/cb?x=1", registered)).toBe(true);
    for (const other of [
      "https://client.example/callback/",
      "https://client.example/Callback",
      "https://CLIENT.example/callback",
      "https://client.example:443/callback",
      "https://client.example/callback?x=1",
      "https://client.example.evil.example/callback",
      "https://client.example:8443/callback",
      "http://127.0.0.1:3000/callback2",
      "http://127.0.0.2:3000/callback",
      "http://localhost:3000/callback",
      "http://localhost/cb?x=2",
      "https://127.0.0.1:3000/callback",
    ]) {
      expect(redirectUriMatches(other, registered), other).toBe(false);
    }
  });
});

describe("scopes", () => {
  test("nothing asked means everything offered; write implies read; the operator's read-only caps it; unknown scopes are left out", () => {
    expect(grantedScopes(undefined, false)).toEqual(["asana:read", "asana:write"]);
    expect(grantedScopes("asana:read", false)).toEqual(["asana:read"]);
    expect(grantedScopes("asana:write", false)).toEqual(["asana:read", "asana:write"]);
    expect(grantedScopes("asana:read asana:write offline_access", false)).toEqual(["asana:read", "asana:write"]);
    expect(grantedScopes("openid profile", false)).toEqual(["asana:read", "asana:write"]);
    expect(grantedScopes("asana:write", true)).toEqual(["asana:read"]);
  });
});
