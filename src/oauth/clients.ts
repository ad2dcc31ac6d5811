import { randomBytes } from "node:crypto";
import { fetchPublicJson, PublicFetchError } from "./public-fetch.js";
import { redirectUriProblem } from "./redirect-uris.js";
import type { SealedBox } from "./sealed-box.js";

/** How a client proves itself at the token endpoint. Clients with metadata documents are public. */
export type ClientAuthMethod = "none" | "client_secret_basic" | "client_secret_post";

export interface OAuthClient {
  clientId: string;
  /** What the consent page shows; from the client's own metadata, so never trusted as proof of anything. */
  name: string;
  redirectUris: string[];
  authMethod: ClientAuthMethod;
  /**
   * metadata-document: the client_id is an https URL whose document we fetched (its host is shown);
   * registered: the client registered itself (RFC 7591); nothing about it was verified.
   */
  kind: "metadata-document" | "registered";
  /** The host of the metadata document's URL, for the consent page. */
  metadataHost?: string;
}

/** A client_id or registration we refuse; `error` is the OAuth error code to answer with. */
export class ClientRefused extends Error {
  override readonly name = "ClientRefused";
  constructor(
    readonly error: "invalid_client" | "invalid_client_metadata" | "invalid_redirect_uri",
    message: string,
  ) {
    super(message);
  }
}

export interface ClientRegistryOptions {
  box: SealedBox;
  /** Development only: fetch metadata documents from loopback addresses too. */
  allowLoopbackMetadata?: boolean;
  /** How long one fetch of a metadata document may take (default 5 s). */
  fetchTimeoutMs?: number;
  now?: () => number;
}

/** Registered client ids start with this; metadata-document client ids are https URLs. */
const registeredPrefix = "mcp_";
const maxDocumentBytes = 5 * 1024;
const defaultFetchTimeoutMs = 5_000;
/** Bounds on how long a fetched document is reused, whatever its Cache-Control says. */
const minCacheMs = 60_000;
const defaultCacheMs = 5 * 60_000;
const maxCacheMs = 24 * 60 * 60_000;
/** A document that could not be fetched is not asked for again for this long (a flood of bad client ids). */
const failureCacheMs = 30_000;
const maxCachedDocuments = 1_000;

interface CachedClient {
  outcome: OAuthClient | ClientRefused;
  until: number;
}

/**
 * Finds the client behind a client_id:
 * - an https URL is a Client ID Metadata Document, fetched (safely) and cached;
 * - `mcp_...` is a client that registered itself (RFC 7591). Its registration travels inside the
 *   client_id, signed with the server's secret, so registration needs no storage and every replica
 *   knows every client.
 */
export class ClientRegistry {
  readonly #box: SealedBox;
  readonly #allowLoopback: boolean;
  readonly #fetchTimeoutMs: number;
  readonly #now: () => number;
  readonly #documents = new Map<string, CachedClient>();
  readonly #inFlight = new Map<string, Promise<OAuthClient>>();

  constructor(options: ClientRegistryOptions) {
    this.#box = options.box;
    this.#allowLoopback = options.allowLoopbackMetadata ?? false;
    this.#fetchTimeoutMs = options.fetchTimeoutMs ?? defaultFetchTimeoutMs;
    this.#now = options.now ?? Date.now;
  }

  async find(clientId: string): Promise<OAuthClient> {
    if (clientId.startsWith(registeredPrefix)) return this.#registered(clientId);
    if (clientId.startsWith("https://")) return this.#fromDocument(clientId);
    throw new ClientRefused("invalid_client", "client_id is neither an https URL of a client metadata document nor a client id this server registered");
  }

  /** RFC 7591 registration: checks the metadata and mints a client id (and a secret for confidential clients). */
  register(metadata: unknown): { client: OAuthClient; response: Record<string, unknown> } {
    if (!metadata || typeof metadata !== "object" || Array.isArray(metadata)) {
      throw new ClientRefused("invalid_client_metadata", "the registration request must be a JSON object of client metadata (RFC 7591)");
    }
    const given = metadata as Record<string, unknown>;
    const redirectUris = checkedRedirectUris(given.redirect_uris, "registration");
    const authMethod = given.token_endpoint_auth_method ?? "none";
    if (authMethod !== "none" && authMethod !== "client_secret_basic" && authMethod !== "client_secret_post") {
      throw new ClientRefused(
        "invalid_client_metadata",
        `token_endpoint_auth_method must be none, client_secret_basic or client_secret_post (got ${JSON.stringify(authMethod)})`,
      );
    }
    for (const [field, allowed] of [
      ["grant_types", ["authorization_code", "refresh_token"]],
      ["response_types", ["code"]],
    ] as const) {
      const values = given[field];
      if (values === undefined) continue;
      if (!Array.isArray(values) || values.some((v) => !(allowed as readonly string[]).includes(v as string))) {
        throw new ClientRefused("invalid_client_metadata", `${field} may hold only ${allowed.join(" and ")}`);
      }
    }
    const name = clientNameOf(given.client_name) ?? "an unnamed client";
    // Short keys keep the client id (it is the whole registration) short enough for any client to store.
    const payload = Buffer.from(
      JSON.stringify({ n: name, r: redirectUris, a: authMethod, i: Math.floor(this.#now() / 1000), s: randomBytes(6).toString("base64url") }),
    ).toString("base64url");
    const clientId = `${registeredPrefix}${payload}.${this.#box.mac(`client:${payload}`)}`;
    const client: OAuthClient = { clientId, name, redirectUris, authMethod, kind: "registered" };
    const issuedAt = Math.floor(this.#now() / 1000);
    return {
      client,
      response: {
        client_id: clientId,
        client_id_issued_at: issuedAt,
        ...(authMethod === "none" ? {} : { client_secret: this.clientSecretOf(clientId), client_secret_expires_at: 0 }),
        client_name: name,
        redirect_uris: redirectUris,
        token_endpoint_auth_method: authMethod,
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
      },
    };
  }

  /** A registered confidential client's secret: derived from its id, so it needs no storage either. */
  clientSecretOf(clientId: string): string {
    return this.#box.mac(`client-secret:${clientId}`);
  }

  #registered(clientId: string): OAuthClient {
    const body = clientId.slice(registeredPrefix.length);
    const dot = body.lastIndexOf(".");
    const payload = body.slice(0, dot);
    if (dot <= 0 || !this.#box.verifyMac(`client:${payload}`, body.slice(dot + 1))) {
      throw new ClientRefused(
        "invalid_client",
        "this client_id was not issued by this server (or its ASANA_MCP_OAUTH_SECRET has changed since); register the client again",
      );
    }
    const registration = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { n: string; r: string[]; a: ClientAuthMethod };
    return { clientId, name: registration.n, redirectUris: registration.r, authMethod: registration.a, kind: "registered" };
  }

  async #fromDocument(clientId: string): Promise<OAuthClient> {
    const cached = this.#documents.get(clientId);
    if (cached && cached.until > this.#now()) {
      if (cached.outcome instanceof ClientRefused) throw cached.outcome;
      return cached.outcome;
    }
    let pending = this.#inFlight.get(clientId);
    if (!pending) {
      pending = this.#fetchDocument(clientId).finally(() => this.#inFlight.delete(clientId));
      this.#inFlight.set(clientId, pending);
    }
    return pending;
  }

  async #fetchDocument(clientId: string): Promise<OAuthClient> {
    try {
      const url = checkedClientIdUrl(clientId);
      let fetched;
      try {
        fetched = await fetchPublicJson(url, { maxBytes: maxDocumentBytes, timeoutMs: this.#fetchTimeoutMs, allowLoopback: this.#allowLoopback });
      } catch (error) {
        if (error instanceof PublicFetchError)
          throw new ClientRefused("invalid_client", `the client metadata document at ${clientId} could not be fetched: ${error.message}`);
        throw error;
      }
      const client = parseMetadataDocument(clientId, url, fetched.body);
      this.#remember(clientId, client, cacheLifetimeMs(fetched.cacheControl));
      return client;
    } catch (error) {
      if (error instanceof ClientRefused) this.#remember(clientId, error, failureCacheMs);
      throw error;
    }
  }

  #remember(clientId: string, outcome: OAuthClient | ClientRefused, lifetimeMs: number): void {
    if (this.#documents.size >= maxCachedDocuments) {
      const now = this.#now();
      for (const [key, entry] of this.#documents) if (entry.until <= now) this.#documents.delete(key);
      // Still full: drop the oldest entry (Map keeps insertion order).
      if (this.#documents.size >= maxCachedDocuments) this.#documents.delete(this.#documents.keys().next().value!);
    }
    this.#documents.set(clientId, { outcome, until: this.#now() + lifetimeMs });
  }
}

/** The draft's rules for a client identifier URL: https, a path, no fragment, no credentials, no dot segments. */
function checkedClientIdUrl(clientId: string): URL {
  if (clientId.length > 2_000) throw new ClientRefused("invalid_client", "client_id is longer than 2000 characters");
  let url: URL;
  try {
    url = new URL(clientId);
  } catch {
    throw new ClientRefused("invalid_client", "client_id is not a valid URL");
  }
  if (url.protocol !== "https:" || url.pathname === "/" || url.hash || clientId.includes("#") || url.username || url.password) {
    throw new ClientRefused("invalid_client", "a metadata-document client_id must be an https URL with a path, without a fragment or credentials");
  }
  if (/(^|\/)\.\.?(\/|$)/.test(clientId.slice(url.origin.length).split("?")[0]!)) {
    throw new ClientRefused("invalid_client", "a metadata-document client_id may not hold . or .. path segments");
  }
  return url;
}

function parseMetadataDocument(clientId: string, url: URL, body: string): OAuthClient {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    throw new ClientRefused("invalid_client", `the client metadata document at ${clientId} is not valid JSON`);
  }
  if (!document || typeof document !== "object" || Array.isArray(document)) {
    throw new ClientRefused("invalid_client", `the client metadata document at ${clientId} is not a JSON object`);
  }
  const given = document as Record<string, unknown>;
  // The document must name itself: otherwise any URL could serve another client's identity.
  if (given.client_id !== clientId) {
    throw new ClientRefused(
      "invalid_client",
      `the client metadata document's client_id (${JSON.stringify(given.client_id)?.slice(0, 200)}) is not its own URL ${clientId}`,
    );
  }
  const authMethod = given.token_endpoint_auth_method ?? "none";
  if (authMethod !== "none") {
    throw new ClientRefused(
      "invalid_client",
      `the client metadata document asks for token_endpoint_auth_method ${JSON.stringify(authMethod)}; this server accepts metadata-document clients as public clients (none) with PKCE`,
    );
  }
  if ("client_secret" in given) throw new ClientRefused("invalid_client", "a client metadata document must not hold a client_secret");
  const name = clientNameOf(given.client_name);
  if (!name) throw new ClientRefused("invalid_client", "the client metadata document has no client_name");
  return {
    clientId,
    name,
    redirectUris: checkedRedirectUris(given.redirect_uris, "metadata document"),
    authMethod: "none",
    kind: "metadata-document",
    metadataHost: url.host,
  };
}

function checkedRedirectUris(value: unknown, where: string): string[] {
  const refuse = (message: string): never => {
    throw new ClientRefused(where === "registration" ? "invalid_redirect_uri" : "invalid_client", message);
  };
  if (!Array.isArray(value) || value.length === 0 || value.some((uri) => typeof uri !== "string")) {
    return refuse(`the ${where} needs redirect_uris, a non-empty list of URLs`);
  }
  if (value.length > 20) return refuse(`the ${where} lists more than 20 redirect_uris`);
  for (const uri of value as string[]) {
    const problem = redirectUriProblem(uri);
    if (problem) refuse(`redirect URI ${JSON.stringify(uri.slice(0, 200))} ${problem}`);
  }
  return value as string[];
}

/** A display name: a string, without control characters, at most 100 characters. */
function clientNameOf(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const cleaned = value.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "").trim();
  return cleaned ? cleaned.slice(0, 100) : undefined;
}

/** How long a fetched document may be reused: its Cache-Control max-age, within bounds; no-store means the minimum. */
function cacheLifetimeMs(cacheControl: string | undefined): number {
  if (!cacheControl) return defaultCacheMs;
  if (/\b(no-store|no-cache)\b/i.test(cacheControl)) return minCacheMs;
  const maxAge = /\bmax-age=(\d+)/i.exec(cacheControl)?.[1];
  if (maxAge === undefined) return defaultCacheMs;
  return Math.min(maxCacheMs, Math.max(minCacheMs, Number(maxAge) * 1000));
}
