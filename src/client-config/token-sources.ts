/**
 * Where the server's Asana token comes from, as a client config sets it up: the variables the server
 * needs in its environment, and the arguments it starts with.
 */
export const tokenSourceIds = ["pat", "arcade", "sandbox"] as const;
export type TokenSourceId = (typeof tokenSourceIds)[number];

export interface ServerVariable {
  name: string;
  /** Shown where a client prompts for it (VS Code) or as the placeholder to replace. */
  label: string;
  /** A credential: never printed, written only where the client cannot read it from elsewhere. */
  secret: boolean;
  /** Written only when it is set where `config` runs (a self-hosted Engine, your own provider). */
  optional?: boolean;
}

export const tokenSources: Record<TokenSourceId, { title: string; variables: ServerVariable[]; args: string[] }> = {
  pat: {
    title: "a personal access token (ASANA_ACCESS_TOKEN)",
    variables: [{ name: "ASANA_ACCESS_TOKEN", label: "Asana personal access token", secret: true }],
    args: [],
  },
  arcade: {
    title: "Arcade (ARCADE_API_KEY and ARCADE_USER_ID)",
    variables: [
      { name: "ARCADE_API_KEY", label: "Arcade API key", secret: true },
      { name: "ARCADE_USER_ID", label: "Arcade user id (the email you sign in to Arcade with)", secret: false },
      { name: "ARCADE_BASE_URL", label: "Arcade Engine URL", secret: false, optional: true },
      { name: "ARCADE_ASANA_PROVIDER_ID", label: "your Asana auth provider's ID in Arcade", secret: false, optional: true },
    ],
    args: [],
  },
  sandbox: { title: "the sandbox: demo data, no account", variables: [], args: ["--sandbox"] },
};

/** With no --token-source: what this environment has, else the sandbox, which needs nothing. */
export function tokenSourceFrom(env: Record<string, string | undefined>): TokenSourceId {
  if (env.ASANA_ACCESS_TOKEN?.trim()) return "pat";
  if (env.ARCADE_API_KEY?.trim()) return "arcade";
  return "sandbox";
}
