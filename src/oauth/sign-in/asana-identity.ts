/** The Asana user an access token belongs to (`GET /users/me`): who finished an Asana authorization. */
export interface AsanaUser {
  gid: string;
  name?: string;
  email?: string;
}

export class AsanaIdentityError extends Error {
  override readonly name = "AsanaIdentityError";
}

/**
 * Asks Asana who a token belongs to. The token goes to Asana and nowhere else; errors name the status,
 * never the token.
 */
export async function asanaUserOf(apiBaseUrl: string, token: string, timeoutMs = 10_000): Promise<AsanaUser> {
  let response: Response;
  try {
    response = await fetch(`${apiBaseUrl.replace(/\/$/, "")}/users/me?opt_fields=name,email`, {
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw new AsanaIdentityError(`Asana (${apiBaseUrl}) could not be reached to learn who signed in`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new AsanaIdentityError(`Asana answered HTTP ${response.status} when asked who signed in`);
  }
  const body = (await response.json().catch(() => undefined)) as { data?: { gid?: unknown; name?: unknown; email?: unknown } } | undefined;
  const gid = body?.data?.gid;
  if (typeof gid !== "string" || !/^\d{1,30}$/.test(gid)) throw new AsanaIdentityError("Asana's answer about who signed in has no user gid");
  return {
    gid,
    ...(typeof body?.data?.name === "string" ? { name: body.data.name.slice(0, 200) } : {}),
    ...(typeof body?.data?.email === "string" ? { email: body.data.email.slice(0, 200) } : {}),
  };
}
