import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/**
 * The operator's identity provider in tests: panva's certified `oidc-provider`, on loopback, with its
 * development login and consent pages (any login name signs in; it is the person's email, verified).
 * It listens first, so its issuer is known; `serve` then registers the relying party, whose redirect
 * URI is known once the server under test has started.
 */
export interface RunningOpenIdProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  serve(redirectUri: string): void;
  close(): Promise<void>;
}

export async function startOpenIdProvider(): Promise<RunningOpenIdProvider> {
  const clientId = "asana-mcp-relying-party";
  const clientSecret = "asana-mcp-relying-party-secret-0123456789";
  const server: Server = createServer((_req, res) => res.writeHead(503).end("not serving yet"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    clientId,
    clientSecret,
    serve(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            grant_types: ["authorization_code"],
            response_types: ["code"],
            token_endpoint_auth_method: "client_secret_basic",
          },
        ],
        findAccount: async (_ctx, id) => ({
          accountId: id,
          claims: async () => ({ sub: `sub-${id}`, email: id, email_verified: true, name: id.split("@")[0] }),
        }),
        claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
        features: { devInteractions: { enabled: true } },
        pkce: { required: () => true },
        cookies: { keys: ["oidc-provider-test-cookie-key"] },
      });
      server.removeAllListeners("request");
      server.on("request", provider.callback());
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
