/**
 * Asana's OAuth endpoints for the deployment's own Asana app (developers.asana.com/docs/oauth):
 * GET /-/oauth_authorize, POST /-/oauth_token (authorization_code, refresh_token) and POST
 * /-/oauth_revoke, all under app.asana.com and outside /api/1.0, hence their own base URL setting.
 */
export interface AsanaAppSettings {
  clientId: string;
  clientSecret: string;
  /** Default https://app.asana.com (ASANA_OAUTH_BASE_URL). */
  oauthBaseUrl: string;
}

/** What Asana's token endpoint answers (the docs' example: the tokens, their lifetime, and the user in `data`). */
export interface AsanaTokenResponse {
  accessToken: string;
  /** Absent on a refresh: Asana keeps the refresh token it gave first. */
  refreshToken?: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  user?: { gid: string; name?: string; email?: string };
}

export class AsanaOAuthError extends Error {
  override readonly name = "AsanaOAuthError";
  constructor(
    message: string,
    /** Asana's OAuth error code (invalid_grant: the grant is gone), or undefined when Asana was not reached. */
    readonly code?: string,
  ) {
    super(message);
  }
}

export function asanaAuthorizeUrl(
  settings: AsanaAppSettings,
  params: { redirectUri: string; state: string; codeChallenge: string; scopes: readonly string[] },
): string {
  const url = new URL("/-/oauth_authorize", settings.oauthBaseUrl);
  url.searchParams.set("client_id", settings.clientId);
  url.searchParams.set("redirect_uri", params.redirectUri);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("state", params.state);
  url.searchParams.set("code_challenge_method", "S256");
  url.searchParams.set("code_challenge", params.codeChallenge);
  url.searchParams.set("scope", params.scopes.join(" "));
  return url.toString();
}

async function postForm(settings: AsanaAppSettings, path: string, fields: Record<string, string>): Promise<Response> {
  try {
    return await fetch(new URL(path, settings.oauthBaseUrl), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ client_id: settings.clientId, client_secret: settings.clientSecret, ...fields }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    throw new AsanaOAuthError(`Asana's OAuth endpoint ${new URL(path, settings.oauthBaseUrl).origin}${path} could not be reached`);
  }
}

async function tokenRequest(settings: AsanaAppSettings, fields: Record<string, string>): Promise<AsanaTokenResponse> {
  const response = await postForm(settings, "/-/oauth_token", fields);
  const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!response.ok || typeof body?.access_token !== "string") {
    const code = typeof body?.error === "string" ? body.error : undefined;
    // Asana's error text is outside input: only its code goes into the message.
    throw new AsanaOAuthError(`Asana's token endpoint answered HTTP ${response.status}${code ? ` (${code.slice(0, 40)})` : ""}`, code);
  }
  const expiresIn = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : 3600;
  const data = body.data as { gid?: unknown; name?: unknown; email?: unknown } | undefined;
  return {
    accessToken: body.access_token,
    ...(typeof body.refresh_token === "string" ? { refreshToken: body.refresh_token } : {}),
    expiresAt: Date.now() + expiresIn * 1000,
    ...(typeof data?.gid === "string"
      ? {
          user: {
            gid: data.gid,
            ...(typeof data.name === "string" ? { name: data.name } : {}),
            ...(typeof data.email === "string" ? { email: data.email } : {}),
          },
        }
      : {}),
  };
}

export function exchangeAsanaCode(
  settings: AsanaAppSettings,
  params: { code: string; redirectUri: string; codeVerifier: string },
): Promise<AsanaTokenResponse> {
  return tokenRequest(settings, { grant_type: "authorization_code", code: params.code, redirect_uri: params.redirectUri, code_verifier: params.codeVerifier });
}

export function refreshAsanaToken(settings: AsanaAppSettings, refreshToken: string): Promise<AsanaTokenResponse> {
  return tokenRequest(settings, { grant_type: "refresh_token", refresh_token: refreshToken });
}

/** Revokes a refresh token (and the access tokens made from it) at Asana. */
export async function revokeAsanaToken(settings: AsanaAppSettings, token: string): Promise<void> {
  const response = await postForm(settings, "/-/oauth_revoke", { token });
  await response.body?.cancel();
  if (!response.ok) throw new AsanaOAuthError(`Asana's revocation endpoint answered HTTP ${response.status}`);
}
