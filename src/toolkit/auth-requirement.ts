/**
 * What a tool needs before it may call Asana. The shape is Arcade's `ToolAuthRequirement`
 * (snake_case), so the same value serves MCP `_meta`, the worker's tool definitions and the
 * request to Arcade's `/v1/auth/authorize`.
 */
export interface AuthRequirement {
  provider_id: "asana";
  provider_type: "oauth2";
  oauth2: { scopes: readonly string[] };
}

/**
 * Asana's granular OAuth scopes are still in preview and miss endpoints the tools need, so Arcade
 * (and this toolkit) ask for Asana's "Full Permissions" scope, called `default`.
 */
export function Asana(options: { scopes: readonly string[] }): AuthRequirement {
  if (options.scopes.length === 0) throw new Error("Asana auth needs at least one scope; use [\"default\"]");
  return { provider_id: "asana", provider_type: "oauth2", oauth2: { scopes: [...options.scopes] } };
}
