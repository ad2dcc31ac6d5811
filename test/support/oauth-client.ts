import { randomBytes } from "node:crypto";
import type { OAuthClientProvider, OAuthDiscoveryState } from "@modelcontextprotocol/sdk/client/auth.js";
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from "@modelcontextprotocol/sdk/shared/auth.js";

/**
 * The MCP SDK's OAuth client, as an MCP client app drives it: an OAuthClientProvider that keeps what
 * the SDK asks it to keep in memory, and records the authorization URL the SDK would open in a
 * browser (the test's browser opens it instead).
 */
export class MemoryOAuthClientProvider implements OAuthClientProvider {
  authorizationUrl?: URL;
  readonly #redirectUrl: string;
  readonly #metadataUrl: string | undefined;
  readonly #name: string;
  #client?: OAuthClientInformationMixed;
  #tokens?: OAuthTokens;
  #verifier?: string;
  #discovery?: OAuthDiscoveryState;
  /** The state the last authorization request carried, to check against the redirect. */
  lastState?: string;

  constructor(options: { redirectUrl: string; clientMetadataUrl?: string; clientName?: string }) {
    this.#redirectUrl = options.redirectUrl;
    this.#metadataUrl = options.clientMetadataUrl;
    this.#name = options.clientName ?? "Test MCP Client";
  }

  get redirectUrl(): string {
    return this.#redirectUrl;
  }

  get clientMetadataUrl(): string | undefined {
    return this.#metadataUrl;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.#name,
      redirect_uris: [this.#redirectUrl],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    };
  }

  state(): string {
    this.lastState = randomBytes(12).toString("base64url");
    return this.lastState;
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    return this.#client;
  }

  saveClientInformation(info: OAuthClientInformationMixed): void {
    this.#client = info;
  }

  tokens(): OAuthTokens | undefined {
    return this.#tokens;
  }

  saveTokens(tokens: OAuthTokens): void {
    this.#tokens = tokens;
  }

  redirectToAuthorization(url: URL): void {
    this.authorizationUrl = url;
  }

  saveCodeVerifier(verifier: string): void {
    this.#verifier = verifier;
  }

  codeVerifier(): string {
    if (!this.#verifier) throw new Error("no code verifier saved");
    return this.#verifier;
  }

  saveDiscoveryState(state: OAuthDiscoveryState): void {
    this.#discovery = state;
  }

  discoveryState(): OAuthDiscoveryState | undefined {
    return this.#discovery;
  }
}
