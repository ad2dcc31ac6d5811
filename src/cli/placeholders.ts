/** The variables a client config fills in, and so may hand over unfilled. */
const credentialVariables = ["ASANA_ACCESS_TOKEN", "ARCADE_API_KEY", "ARCADE_USER_ID", "ARCADE_WORKER_SECRET"];

/**
 * A client config that writes "${ASANA_ACCESS_TOKEN}" where it meant the variable's value, and a host
 * that does not expand it, hands the placeholder itself to the server; so does an entry whose
 * "<Asana personal access token>" (what `asana-mcp config` writes when it has no value) was never
 * replaced. Say so at start and in `check`, not as Asana's 401.
 */
export function unexpandedPlaceholders(env: Record<string, string | undefined>): string[] {
  return credentialVariables.filter((name) => isPlaceholder(env[name]));
}

/** "${NAME}", "${env:NAME}", "$NAME" or "<…>": what a config holds where a value belongs. No token looks like that. */
export function isPlaceholder(value: string | undefined): boolean {
  return /^\s*(\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|<[^<>]*>)\s*$/.test(value ?? "");
}

/** What to tell the person about one of them. */
export function placeholderAdvice(name: string, value: string | undefined): string {
  return (
    `${name} is the placeholder "${value?.trim()}", not a value: the client config's variable was not filled in. ` +
    `Put the value itself in the config's env block, or set ${name} where the client is started.`
  );
}
