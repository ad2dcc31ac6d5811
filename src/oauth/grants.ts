import { createHash, randomBytes } from "node:crypto";
import type { SealedBox } from "./sealed-box.js";
import type { StateStore } from "./state-store.js";

/**
 * What one sign-in granted, as every token of it carries it (sealed): who, to which client, with
 * which scopes, for which resource. A grant is a family: the code, then each access and refresh
 * token minted from it. The family's record in the state store is the grant's life: rotation moves
 * its generation on, and deleting it revokes every token of the family at once.
 */
export interface Grant {
  family: string;
  /** Who signed in: `asana:<gid>`, or the OpenID provider's subject. */
  subject: string;
  /** The Arcade user whose Asana token the calls use (Arcade and OpenID sign-in). */
  arcadeUserId?: string;
  /** True when the Asana token is the family's own grant from the deployment's Asana app. */
  ownApp?: boolean;
  clientId: string;
  scopes: string[];
  resource: string;
}

export interface TokenSet {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  refresh_token: string;
  scope: string;
}

/** A token request the grant does not allow; `error` is the OAuth error code (RFC 6749 5.2, RFC 8707). */
export class GrantRefused extends Error {
  override readonly name = "GrantRefused";
  constructor(
    readonly error: "invalid_grant" | "invalid_target" | "invalid_scope" | "invalid_request",
    message: string,
  ) {
    super(message);
  }
}

export interface GrantLifetimes {
  codeSeconds: number;
  accessSeconds: number;
  refreshSeconds: number;
}

interface FamilyRecord {
  /** The generation of the one refresh token that is still good. */
  g: number;
  c: string;
}

interface SealedGrant extends Record<string, unknown> {
  fam: string;
  sub: string;
  arc?: string;
  own?: 1;
  cid: string;
  sc: string;
  res: string;
}

const familyKey = (family: string) => `family:${family}`;

export function newFamilyId(): string {
  return randomBytes(18).toString("base64url");
}

/** base64url(SHA-256(verifier)): PKCE's S256 (RFC 7636 4.2). */
export function pkceChallengeOf(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

export class Grants {
  readonly #box: SealedBox;
  readonly #store: StateStore;
  readonly #lifetimes: GrantLifetimes;
  readonly #onRevoked: (family: string) => Promise<void>;

  constructor(options: { box: SealedBox; store: StateStore; lifetimes: GrantLifetimes; onRevoked?: (family: string) => Promise<void> }) {
    this.#box = options.box;
    this.#store = options.store;
    this.#lifetimes = options.lifetimes;
    this.#onRevoked = options.onRevoked ?? (async () => {});
  }

  get lifetimes(): GrantLifetimes {
    return this.#lifetimes;
  }

  /** The authorization code for a consented request: single-use, short-lived, bound to the PKCE challenge. */
  async issueCode(grant: Grant, binding: { redirectUri: string; codeChallenge: string }): Promise<string> {
    return this.#box.seal(
      "code",
      { jti: randomBytes(12).toString("base64url"), ...sealedGrant(grant), ru: binding.redirectUri, cc: binding.codeChallenge },
      this.#lifetimes.codeSeconds,
    );
  }

  /** The authorization_code grant (RFC 6749 4.1.3 with PKCE and RFC 8707's resource). */
  async redeemCode(
    code: string,
    request: { clientId: string; redirectUri: string | undefined; codeVerifier: string | undefined; resource: string | undefined },
  ): Promise<TokenSet> {
    const claims = await this.#box.open<SealedGrant & { jti: string; ru: string; cc: string }>("code", code);
    if (!claims) throw new GrantRefused("invalid_grant", "the authorization code is invalid or has expired; start the sign-in again");
    if (claims.cid !== request.clientId) throw new GrantRefused("invalid_grant", "the authorization code was issued to another client");
    if (request.redirectUri !== claims.ru) throw new GrantRefused("invalid_grant", "redirect_uri must be the one the authorization request used");
    if (!request.codeVerifier || !/^[A-Za-z0-9\-._~]{43,128}$/.test(request.codeVerifier)) {
      throw new GrantRefused("invalid_request", "code_verifier is required: 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (PKCE, RFC 7636)");
    }
    if (pkceChallengeOf(request.codeVerifier) !== claims.cc)
      throw new GrantRefused("invalid_grant", "code_verifier does not match the code_challenge of the authorization request");
    if (request.resource !== undefined && request.resource !== claims.res) {
      throw new GrantRefused("invalid_target", `resource must be ${claims.res}, the resource the authorization request named`);
    }
    // Single use (RFC 6749 4.1.2): a second redemption means the code leaked, so the grant it made is revoked too.
    if (!(await this.#store.claim(`code:${claims.jti}`, (this.#lifetimes.codeSeconds + 60) * 1000))) {
      await this.revokeFamily(claims.fam);
      throw new GrantRefused("invalid_grant", "the authorization code was already used; the tokens issued for it are revoked. Sign in again");
    }
    const record: FamilyRecord = { g: 0, c: claims.cid };
    await this.#store.set(familyKey(claims.fam), JSON.stringify(record), this.#lifetimes.refreshSeconds * 1000);
    return this.#tokens(grantOf(claims), 0);
  }

  /** The refresh_token grant, with rotation: each refresh token works once; a second use revokes the family. */
  async refresh(refreshToken: string, request: { clientId: string | undefined; scope: string | undefined; resource: string | undefined }): Promise<TokenSet> {
    const claims = await this.#box.open<SealedGrant & { gen: number }>("refresh", refreshToken);
    if (!claims) throw new GrantRefused("invalid_grant", "the refresh token is invalid or has expired; sign in again");
    if (request.clientId !== undefined && request.clientId !== claims.cid)
      throw new GrantRefused("invalid_grant", "the refresh token was issued to another client");
    if (request.resource !== undefined && request.resource !== claims.res) throw new GrantRefused("invalid_target", `resource must be ${claims.res}`);
    const raw = await this.#store.get(familyKey(claims.fam));
    if (raw === undefined) throw new GrantRefused("invalid_grant", "this grant was revoked or has expired; sign in again");
    const record = JSON.parse(raw) as FamilyRecord;
    const next: FamilyRecord = { ...record, g: claims.gen + 1 };
    if (record.g !== claims.gen || !(await this.#store.swap(familyKey(claims.fam), raw, JSON.stringify(next), this.#lifetimes.refreshSeconds * 1000))) {
      // An older refresh token came back: it was stolen, or the client replayed it. Either way nobody
      // can tell the rightful holder apart any more (OAuth 2.1 4.3.1), so the whole grant ends.
      await this.revokeFamily(claims.fam);
      throw new GrantRefused("invalid_grant", "this refresh token was already used, so the grant is revoked (a refresh token works once). Sign in again");
    }
    const grant = grantOf(claims);
    if (request.scope !== undefined) {
      const asked = request.scope.split(" ").filter(Boolean);
      const beyond = asked.filter((scope) => !grant.scopes.includes(scope));
      if (beyond.length > 0) throw new GrantRefused("invalid_scope", `the grant does not include ${beyond.join(" ")}; sign in again to ask for more`);
      if (asked.length > 0) grant.scopes = asked;
    }
    return this.#tokens(grant, next.g);
  }

  /**
   * An access token's grant, when the token is ours, unexpired, for this `resource`, and its family is
   * still alive; otherwise why not (in words for the 401's error_description).
   */
  async verifyAccess(token: string, resource: string): Promise<Grant | { refused: string }> {
    const claims = await this.#box.open<SealedGrant>("access", token);
    if (!claims) return { refused: "the token is invalid or has expired" };
    // RFC 8707 and MCP "Token Audience Binding": a token minted for another resource is never accepted here.
    if (claims.res !== resource) return { refused: `the token was issued for another resource (${claims.res.slice(0, 200)})` };
    if ((await this.#store.get(familyKey(claims.fam))) === undefined) return { refused: "the token's grant was revoked" };
    return grantOf(claims);
  }

  /** RFC 7009: revoking either token of a grant revokes the grant. Unknown tokens are ignored (still a 200). */
  async revoke(token: string, clientId: string): Promise<void> {
    const claims = (await this.#box.open<SealedGrant>("refresh", token)) ?? (await this.#box.open<SealedGrant>("access", token));
    if (!claims || claims.cid !== clientId) return;
    await this.revokeFamily(claims.fam);
  }

  async revokeFamily(family: string): Promise<void> {
    await this.#store.delete(familyKey(family));
    await this.#onRevoked(family);
  }

  async #tokens(grant: Grant, generation: number): Promise<TokenSet> {
    const sealed = sealedGrant(grant);
    return {
      access_token: await this.#box.seal("access", sealed, this.#lifetimes.accessSeconds),
      token_type: "Bearer",
      expires_in: this.#lifetimes.accessSeconds,
      refresh_token: await this.#box.seal("refresh", { ...sealed, gen: generation }, this.#lifetimes.refreshSeconds),
      scope: grant.scopes.join(" "),
    };
  }
}

function sealedGrant(grant: Grant): SealedGrant {
  return {
    fam: grant.family,
    sub: grant.subject,
    ...(grant.arcadeUserId !== undefined ? { arc: grant.arcadeUserId } : {}),
    ...(grant.ownApp ? { own: 1 as const } : {}),
    cid: grant.clientId,
    sc: grant.scopes.join(" "),
    res: grant.resource,
  };
}

function grantOf(claims: SealedGrant): Grant {
  return {
    family: claims.fam,
    subject: claims.sub,
    ...(claims.arc !== undefined ? { arcadeUserId: claims.arc } : {}),
    ...(claims.own ? { ownApp: true } : {}),
    clientId: claims.cid,
    scopes: claims.sc.split(" ").filter(Boolean),
    resource: claims.res,
  };
}
