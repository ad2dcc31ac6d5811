import { AuthorizationFailedError, TokenServiceUnavailableError, type TokenRequest, type TokenResolver } from "../../auth/index.js";
import { holdSecret, type Logger } from "../../log/index.js";
import type { SealedBox } from "../sealed-box.js";
import type { StateStore } from "../state-store.js";
import { AsanaOAuthError, refreshAsanaToken, revokeAsanaToken, type AsanaAppSettings, type AsanaTokenResponse } from "./asana-oauth-client.js";

interface StoredAsanaGrant extends Record<string, unknown> {
  at: string;
  rt?: string;
  /** Epoch ms when the access token expires. */
  exp_at: number;
}

const grantKey = (family: string) => `asana-grant:${family}`;

/** A token this close to its expiry is refreshed first, so a call never starts with one about to lapse. */
const refreshMarginMs = 60_000;

/**
 * The Asana grants of the deployment's own Asana app, one per sign-in (grant family), kept in the state
 * store sealed with the server's secret: the Asana tokens never leave the server, not even inside the
 * MCP tokens. A token near its expiry is refreshed with Asana's refresh token; revoking the MCP grant
 * revokes the Asana grant at Asana too.
 */
export class AsanaGrants {
  readonly #store: StateStore;
  readonly #box: SealedBox;
  readonly #settings: AsanaAppSettings;
  readonly #lifetimeSeconds: number;
  readonly #logger: Logger;
  /** One refresh per family at a time in this process; concurrent calls share it. */
  readonly #refreshing = new Map<string, Promise<string>>();
  /** Called when Asana says the grant is gone: the MCP grant built on it ends too. */
  onGone: (family: string) => Promise<void> = async () => {};

  constructor(options: { store: StateStore; box: SealedBox; settings: AsanaAppSettings; lifetimeSeconds: number; logger: Logger }) {
    this.#store = options.store;
    this.#box = options.box;
    this.#settings = options.settings;
    this.#lifetimeSeconds = options.lifetimeSeconds;
    this.#logger = options.logger;
  }

  async save(family: string, tokens: AsanaTokenResponse, previousRefreshToken?: string): Promise<void> {
    holdSecret(tokens.accessToken);
    holdSecret(tokens.refreshToken);
    const refreshToken = tokens.refreshToken ?? previousRefreshToken;
    const record: StoredAsanaGrant = { at: tokens.accessToken, ...(refreshToken ? { rt: refreshToken } : {}), exp_at: tokens.expiresAt };
    const sealed = await this.#box.seal("grant", record, this.#lifetimeSeconds);
    await this.#store.set(grantKey(family), sealed, this.#lifetimeSeconds * 1000);
  }

  async #read(family: string): Promise<StoredAsanaGrant | undefined> {
    return this.#box.open<StoredAsanaGrant>("grant", await this.#store.get(grantKey(family)));
  }

  /** The family's Asana access token, refreshed first when it is about to expire. */
  async accessToken(family: string, rejected?: string): Promise<string> {
    const record = await this.#read(family);
    if (!record) throw new AuthorizationFailedError("This sign-in's Asana authorization is gone (revoked or expired). Sign in again from your MCP client.");
    if (record.at !== rejected && record.exp_at - refreshMarginMs > Date.now()) return record.at;
    let pending = this.#refreshing.get(family);
    if (!pending) {
      pending = this.#refresh(family, record).finally(() => this.#refreshing.delete(family));
      this.#refreshing.set(family, pending);
    }
    return pending;
  }

  async #refresh(family: string, record: StoredAsanaGrant): Promise<string> {
    if (!record.rt) throw new AuthorizationFailedError("Asana's token expired and no refresh token was kept. Sign in again from your MCP client.");
    let fresh: AsanaTokenResponse;
    try {
      fresh = await refreshAsanaToken(this.#settings, record.rt);
    } catch (error) {
      if (error instanceof AsanaOAuthError && (error.code === "invalid_grant" || error.code === "invalid_client")) {
        this.#logger.warn("Asana refused to refresh a sign-in's token; the sign-in ends", { reason: error.message });
        await this.#store.delete(grantKey(family));
        await this.onGone(family);
        throw new AuthorizationFailedError("Asana no longer accepts this sign-in (the app's access was revoked). Sign in again from your MCP client.");
      }
      throw new TokenServiceUnavailableError(`Could not refresh the Asana token: ${(error as Error).message}. Retry shortly.`);
    }
    await this.save(family, fresh, record.rt);
    this.#logger.debug("refreshed an Asana token of the deployment's Asana app");
    return fresh.accessToken;
  }

  /** Ends the family's Asana grant: revoked at Asana (best effort) and forgotten here. */
  async revoke(family: string): Promise<void> {
    const record = await this.#read(family);
    await this.#store.delete(grantKey(family));
    if (!record?.rt) return;
    try {
      await revokeAsanaToken(this.#settings, record.rt);
    } catch (error) {
      this.#logger.warn("could not revoke a sign-in's Asana token at Asana", { reason: (error as Error).message });
    }
  }

  /** The token source of one grant family, for the calls made with its MCP tokens. */
  resolverFor(family: string): TokenResolver {
    let rejected: string | undefined;
    return {
      source: "the deployment's Asana app (remote sign-in)",
      tokenKind: "oauth-app",
      rejectedTokenAdvice: "Asana rejected the token of this sign-in; call the tool again, and if it keeps failing, sign in again from your MCP client.",
      resolve: (_request: TokenRequest) => this.accessToken(family, rejected),
      // Asana said 401: the next resolve refreshes rather than hand out the same token again.
      invalidate: (_request: TokenRequest, token: string) => {
        rejected = token;
      },
    };
  }
}
