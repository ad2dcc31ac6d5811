import type { IncomingMessage } from "node:http";
import type { TokenResolver } from "../auth/index.js";
import { bearerTokenOf } from "../http/index.js";
import type { FrontDoorVerdict } from "../mcp-http/index.js";
import { authorizePath } from "./authorization-endpoint.js";
import type { Grant, Grants } from "./grants.js";
import { offeredScopes, writeScope } from "./scopes.js";
import { registrationPath, revocationPath, tokenPath } from "./token-endpoints.js";

/** RFC 8414 authorization server metadata, with what MCP clients look for (CIMD, PKCE, RFC 9207's iss). */
export function authorizationServerMetadata(issuer: string, operatorReadOnly: boolean): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}${authorizePath}`,
    token_endpoint: `${issuer}${tokenPath}`,
    registration_endpoint: `${issuer}${registrationPath}`,
    revocation_endpoint: `${issuer}${revocationPath}`,
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: ["none", "client_secret_basic", "client_secret_post"],
    revocation_endpoint_auth_methods_supported: ["none", "client_secret_basic", "client_secret_post"],
    scopes_supported: offeredScopes(operatorReadOnly),
    client_id_metadata_document_supported: true,
    authorization_response_iss_parameter_supported: true,
  };
}

/** RFC 9728 protected resource metadata of /mcp: this server is its own authorization server. */
export function protectedResourceMetadata(resource: string, issuer: string, operatorReadOnly: boolean): Record<string, unknown> {
  return {
    resource,
    authorization_servers: [issuer],
    scopes_supported: offeredScopes(operatorReadOnly),
    bearer_methods_supported: ["header"],
    resource_name: "asana-mcp",
  };
}

export interface AccessTokenAuthenticatorOptions {
  grants: Grants;
  resource(req: IncomingMessage): string;
  resourceMetadataUrl(req: IncomingMessage): string;
  operatorReadOnly: boolean;
  /** For own-app grants: the resolver that hands out the family's Asana token. */
  tokensFor?(grant: Grant): TokenResolver | undefined;
}

/**
 * The resource server's side (MCP authorization, "Token Handling"): a bearer token this server issued,
 * for this resource, whose grant is alive. A read-only grant narrows the tool selection, and a call to
 * a tool beyond it gets 403 insufficient_scope naming the scope to ask for.
 */
export function createAccessTokenAuthenticator(options: AccessTokenAuthenticatorOptions): (req: IncomingMessage) => Promise<FrontDoorVerdict> {
  const scopes = offeredScopes(options.operatorReadOnly).join(" ");
  return async (req) => {
    const metadata = options.resourceMetadataUrl(req);
    const challenge = (error?: string) =>
      `Bearer resource_metadata="${metadata}", scope="${scopes}"${error ? `, error="invalid_token", error_description="${error.replace(/["\\]/g, "")}"` : ""}`;
    const bearer = bearerTokenOf(req.headers.authorization);
    if (!bearer)
      return { status: 401, wwwAuthenticate: challenge(), message: "Authentication required: sign in (OAuth) and send Authorization: Bearer <token>" };
    const grant = await options.grants.verifyAccess(bearer, options.resource(req));
    if ("refused" in grant) return { status: 401, wwwAuthenticate: challenge(grant.refused), message: `Invalid token: ${grant.refused}` };
    const readOnly = !grant.scopes.includes(writeScope);
    const tokens = options.tokensFor?.(grant);
    return {
      userId: grant.arcadeUserId ?? grant.subject,
      ...(readOnly ? { readOnly: true } : {}),
      ...(tokens ? { tokens } : {}),
      ...(readOnly && !options.operatorReadOnly
        ? {
            insufficientScope: {
              wwwAuthenticate: `Bearer error="insufficient_scope", scope="${scopes}", resource_metadata="${metadata}", error_description="this tool changes Asana; the grant is read-only"`,
              message: `Forbidden: this tool changes Asana, and the token grants ${grant.scopes.join(" ")} only. Sign in again and allow ${writeScope}.`,
            },
          }
        : {}),
    };
  };
}
