/**
 * Where Asana keeps the files uploaded to it: the only places an attachment's download_url is fetched
 * from. Everything else (Dropbox, Google Drive, Box, OneDrive, Vimeo, any link) is handed back as a
 * link and never fetched: those are other services' files, and a link is anybody's choice of address.
 *
 * Where the list comes from:
 * - asanausercontent.com: the download_url of current answers, https://asanausercontent.com/us1/assets/…
 *   ?e=<expiry>&v=0&t=<signature>, as captured from the live API in public code that calls it.
 * - asana-user-private-<region>.s3.amazonaws.com: the download_url of earlier answers (presigned S3 links,
 *   X-Amz-* or Signature/Expires queries), and the S3 regional and path-style spellings of that bucket
 *   (s3.us-east-1.amazonaws.com/asana-user-private-us-east-1/…, seen for profile photos). us-east-1 is in
 *   every capture; eu-west-1 and us-west-2 only in other integrators' allowlists, kept for
 *   data-residency domains.
 * - Asana's OpenAPI document shows https://s3.amazonaws.com/assets/1234/Screenshot.png
 *   (AttachmentResponse.download_url): a placeholder bucket. Any AWS customer can own a bucket on
 *   s3.amazonaws.com, so that host counts only with one of Asana's buckets at the start of the path.
 * - Not app.asana.com: permanent_url lives there, but it needs a browser session, not a signed link.
 */
/**
 * The largest attachment returned as content (ASANA_MCP_ATTACHMENT_MAX_BYTES): 1 MB is ~1.4 MB of base64
 * in a tool result, about what clients pass on, and far below what a model's context can hold as text.
 */
export const defaultMaxFileBytes = 1024 * 1024;

interface StorageLocation {
  host: string;
  /** For S3's path-style host, which serves every AWS customer's buckets: the bucket, as the path's first segment. */
  bucket?: string;
}

export const asanaStorageLocations: readonly StorageLocation[] = [
  { host: "asanausercontent.com" },
  { host: "asana-user-private-us-east-1.s3.amazonaws.com" },
  { host: "asana-user-private-us-east-1.s3.us-east-1.amazonaws.com" },
  { host: "s3.amazonaws.com", bucket: "asana-user-private-us-east-1" },
  { host: "s3.us-east-1.amazonaws.com", bucket: "asana-user-private-us-east-1" },
  { host: "asana-user-private-eu-west-1.s3.amazonaws.com" },
  { host: "asana-user-private-eu-west-1.s3.eu-west-1.amazonaws.com" },
  { host: "s3.amazonaws.com", bucket: "asana-user-private-eu-west-1" },
  { host: "s3.eu-west-1.amazonaws.com", bucket: "asana-user-private-eu-west-1" },
  { host: "asana-user-private-us-west-2.s3.amazonaws.com" },
  { host: "asana-user-private-us-west-2.s3.us-west-2.amazonaws.com" },
  { host: "s3.amazonaws.com", bucket: "asana-user-private-us-west-2" },
  { host: "s3.us-west-2.amazonaws.com", bucket: "asana-user-private-us-west-2" },
];

/**
 * True for an https link, on the default port, with no user or password, to one of Asana's storage
 * locations (the host exactly as listed: no look-alike prefix, suffix or subdomain).
 */
export function isAsanaStorageUrl(url: URL): boolean {
  if (url.protocol !== "https:" || url.port !== "" || url.username !== "" || url.password !== "") return false;
  const host = url.hostname.toLowerCase();
  const firstSegment = url.pathname.split("/")[1] ?? "";
  return asanaStorageLocations.some((location) => location.host === host && (location.bucket === undefined || location.bucket === firstSegment));
}

const loopbackHosts = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * The emulator's storage (tests and --sandbox) is plain http on loopback; an operator names its origin
 * explicitly. Anything not on loopback is refused here, so this cannot open a way to the network.
 */
export function loopbackOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`the development storage origin must be a URL such as http://127.0.0.1:4010 (got ${JSON.stringify(value.slice(0, 80))})`);
  }
  const host = url.hostname.toLowerCase();
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !(loopbackHosts.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host))) {
    throw new Error(`the development storage origin must be on loopback (127.0.0.1, localhost or [::1]); ${url.host} is not`);
  }
  return url.origin;
}
