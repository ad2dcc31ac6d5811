import { lookup } from "node:dns/promises";
import { request } from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";

/**
 * Fetches a client's metadata document from the URL the client named: a URL that anyone on the
 * internet chooses, fetched from inside the operator's network. So (MCP authorization, "Authorization
 * Server Abuse Protection"; draft-ietf-oauth-client-id-metadata-document, SSRF):
 * - https only; the name is resolved once, every address must be public, and the connection goes to
 *   the address that was checked (no second lookup that DNS rebinding could answer differently);
 * - no redirects, 200 only, JSON only;
 * - at most `maxBytes` (5 KiB, the size the draft suggests) and `timeoutMs` for the whole exchange.
 */
export interface PublicFetchOptions {
  maxBytes: number;
  timeoutMs: number;
  /** Development only: allow loopback addresses, so tests can serve documents on this machine. */
  allowLoopback?: boolean;
}

export interface PublicFetchResult {
  body: string;
  /** The Cache-Control header of the answer, for how long it may be reused. */
  cacheControl: string | undefined;
}

export class PublicFetchError extends Error {
  override readonly name = "PublicFetchError";
}

/** Addresses no client's metadata document may live at: private, shared, loopback, link-local, special-use. */
const nonPublic = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  nonPublic.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  // (IPv4-mapped addresses are judged as IPv4 below; a ::ffff:0:0/96 rule here would catch every IPv4 address.)
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001::", 23],
  ["2001:db8::", 32],
  ["2002::", 16],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  nonPublic.addSubnet(network, prefix, "ipv6");
}

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** Why an address may not be fetched from, or undefined. An IPv4-mapped IPv6 address is judged as IPv4. */
export function nonPublicAddressReason(address: string, allowLoopback = false): string | undefined {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const plain = mapped ?? address;
  const family = isIP(plain) === 6 ? "ipv6" : "ipv4";
  if (allowLoopback && loopback.check(plain, family)) return undefined;
  return nonPublic.check(plain, family) ? `${address} is not a public address` : undefined;
}

export async function fetchPublicJson(target: URL, options: PublicFetchOptions): Promise<PublicFetchResult> {
  if (target.protocol !== "https:") throw new PublicFetchError("only https URLs are fetched");
  const hostname = target.hostname.replace(/^\[|\]$/g, "");
  const deadline = AbortSignal.timeout(options.timeoutMs);
  let addresses: Array<{ address: string; family: number }>;
  if (isIP(hostname)) {
    addresses = [{ address: hostname, family: isIP(hostname) }];
  } else {
    try {
      addresses = await lookup(hostname, { all: true, verbatim: true });
    } catch {
      throw new PublicFetchError(`the host ${hostname} could not be resolved`);
    }
  }
  if (addresses.length === 0) throw new PublicFetchError(`the host ${hostname} has no address`);
  for (const { address } of addresses) {
    const reason = nonPublicAddressReason(address, options.allowLoopback);
    if (reason) throw new PublicFetchError(`${hostname} resolves to ${reason}`);
  }
  const chosen = addresses[0]!;
  // The TLS connection goes to the address that was checked, with the name kept for SNI and the certificate.
  const pinned: LookupFunction = (_name, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address: chosen.address, family: chosen.family }]);
    else callback(null, chosen.address, chosen.family);
  };
  return await new Promise<PublicFetchResult>((resolve, reject) => {
    const fail = (message: string) => reject(new PublicFetchError(message));
    const req = request(target, { method: "GET", lookup: pinned, headers: { accept: "application/json" }, signal: deadline, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        fail(`it answered HTTP ${res.statusCode}${res.statusCode && res.statusCode >= 300 && res.statusCode < 400 ? " (redirects are not followed)" : ""}`);
        return;
      }
      const type = String(res.headers["content-type"] ?? "");
      if (!/^application\/([a-z0-9.+-]+\+)?json\b/i.test(type)) {
        res.resume();
        fail(`it answered with content type "${type.slice(0, 60)}", not JSON`);
        return;
      }
      const declared = Number(res.headers["content-length"] ?? 0);
      if (declared > options.maxBytes) {
        res.destroy();
        fail(`the document is larger than ${options.maxBytes} bytes`);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          res.destroy();
          fail(`the document is larger than ${options.maxBytes} bytes`);
          return;
        }
        chunks.push(chunk);
      });
      res.on("end", () => resolve({ body: Buffer.concat(chunks).toString("utf8"), cacheControl: res.headers["cache-control"] }));
      res.on("error", () => fail(`the answer broke off (or took longer than ${options.timeoutMs} ms)`));
    });
    req.on("error", (error: Error & { code?: string }) =>
      fail(
        error.name === "AbortError" || error.name === "TimeoutError"
          ? `no answer within ${options.timeoutMs} ms`
          : `it could not be reached (${error.code ?? error.message})`,
      ),
    );
    req.end();
  });
}
