/**
 * The built-in authorization server's configuration, as the CLI reads it from the environment.
 * Types only: the CLI imports this without loading the authorization server.
 */
export interface RemoteSignInSettings {
  /** ASANA_MCP_OAUTH_SECRET, then any previous secrets still accepted (rotation). Replicas share it. */
  secrets: string[];
  /** How a person signs in: Arcade's Asana authorization, the deployment's Asana app, or an OpenID provider. */
  method: "arcade" | "asana" | "oidc";
  /** ASANA_MCP_PUBLIC_URL: the issuer and the resource's origin; else the checked Host of each request. */
  publicUrl?: string;
  /** ASANA_MCP_REDIS_URL: the state shared by replicas; else this process's memory. */
  redisUrl?: string;
  /** The deployment's own Asana OAuth app (method "asana"). */
  asanaApp?: { clientId: string; clientSecret: string; oauthBaseUrl: string };
  /** The operator's OpenID Connect provider (method "oidc"). */
  oidc?: { issuer: string; clientId: string; clientSecret?: string; userClaim: string };
  accessTokenSeconds: number;
  refreshTokenSeconds: number;
  /** Requests per minute per address to each group of sign-in endpoints. */
  rateLimitPerMinute: number;
  /** Development only: client metadata documents may live on loopback addresses. */
  allowLoopbackClientMetadata: boolean;
}
