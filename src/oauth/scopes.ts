/**
 * The scopes of this server's tokens. A read-only grant gets the read-only tool selection; a tool
 * outside the grant answers 403 insufficient_scope, naming both scopes (the step-up a client asks for).
 */
export const readScope = "asana:read";
export const writeScope = "asana:write";

/**
 * What a request's `scope` grants: unknown scopes are left out (a client may ask for scopes it uses
 * elsewhere, such as offline_access); nothing known, or nothing asked, means everything this server
 * offers; write implies read. Under an operator's read-only setting there is nothing to write with.
 */
export function grantedScopes(requested: string | undefined, operatorReadOnly: boolean): string[] {
  const asked = new Set((requested ?? "").split(" ").filter(Boolean));
  const wantsWrite = asked.has(writeScope) || !asked.has(readScope);
  return wantsWrite && !operatorReadOnly ? [readScope, writeScope] : [readScope];
}

/** What this server offers, for metadata and 401 challenges. */
export function offeredScopes(operatorReadOnly: boolean): string[] {
  return operatorReadOnly ? [readScope] : [readScope, writeScope];
}
