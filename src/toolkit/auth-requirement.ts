/**
 * What a tool needs before it may call Asana. The shape is Arcade's `ToolAuthRequirement`
 * (snake_case; arcade_core/schema.py), so the same value serves MCP `_meta`, the worker's tool
 * definitions and the request to Arcade's `/v1/auth/authorize`.
 */
export interface AuthRequirement {
  provider_id: "asana";
  provider_type: "oauth2";
  /**
   * The ID of one Asana auth provider in the Arcade project, when the deployment uses its own Asana
   * OAuth app (`Asana(id="my-asana-provider")` in Arcade's Python TDK). With several Asana providers in
   * a project, Arcade refuses an authorization that does not name one.
   */
  id?: string;
  oauth2: { scopes: readonly string[] };
}

/**
 * Asana's granular OAuth scopes are still in preview and miss endpoints the tools need, so Arcade
 * (and this toolkit) ask for Asana's "Full Permissions" scope, called `default`.
 */
export function Asana(options: { id?: string; scopes: readonly string[] }): AuthRequirement {
  if (options.scopes.length === 0) throw new Error('Asana auth needs at least one scope; use ["default"]');
  return {
    provider_id: "asana",
    provider_type: "oauth2",
    ...(options.id ? { id: options.id } : {}),
    oauth2: { scopes: [...options.scopes] },
  };
}

/**
 * Which Asana auth provider, and which scopes, this deployment asks Arcade for. This is deployment
 * configuration (ARCADE_ASANA_PROVIDER_ID, ARCADE_ASANA_SCOPES), not a property of any one tool.
 */
export interface AsanaAuthSettings {
  /** The provider ID chosen in Arcade's dashboard for the deployment's own Asana OAuth app. */
  providerId?: string;
  /** Replaces every tool's scopes, e.g. Asana's granular `tasks:read` for an app that uses them. */
  scopes?: readonly string[];
}

/** A tool's requirement as this deployment states it: the one place provider id and scopes are applied. */
export function applyAsanaAuthSettings(requirement: AuthRequirement, settings: AsanaAuthSettings): AuthRequirement {
  const scopes = settings.scopes && settings.scopes.length > 0 ? settings.scopes : requirement.oauth2.scopes;
  const id = settings.providerId ?? requirement.id;
  return Asana({ ...(id ? { id } : {}), scopes });
}

/**
 * The toolkit as this deployment serves it: every tool's requirement mapped once, at start-up, so the
 * Arcade resolver, the worker's definitions and MCP `_meta` all see the same provider and scopes.
 */
export function withAsanaAuthSettings<Tool extends { auth: AuthRequirement }>(tools: readonly Tool[], settings: AsanaAuthSettings): Tool[] {
  if (!settings.providerId && !(settings.scopes && settings.scopes.length > 0)) return [...tools];
  // A copy by property descriptors, not a spread: a tool's schemas are getters that build them on first use.
  return tools.map((tool) => {
    const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(tool)) as Tool;
    Object.defineProperty(copy, "auth", { value: applyAsanaAuthSettings(tool.auth, settings), enumerable: true, writable: true, configurable: true });
    return copy;
  });
}
