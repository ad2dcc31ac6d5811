import { MissingCredentialsError } from "./errors.js";
import type { TokenRequest, TokenResolver } from "./token-resolver.js";

/** ASANA_ACCESS_TOKEN: a personal access token, used as is for every caller. */
export class PersonalAccessTokenResolver implements TokenResolver {
  readonly source = "personal access token (ASANA_ACCESS_TOKEN)";
  readonly tokenKind = "personal";
  readonly rejectedTokenAdvice = "Check ASANA_ACCESS_TOKEN in the server's configuration: the personal access token may be revoked or expired.";
  readonly #token: string;
  constructor(token: string) {
    this.#token = token;
  }
  async resolve(): Promise<string> {
    return this.#token;
  }
  invalidate(): void {
    // nothing to refresh: the person must issue a new token
  }
}

/** The Arcade Engine resolved the token and sent it with the invocation; we never call Arcade here. */
export class InjectedTokenResolver implements TokenResolver {
  readonly source = "token injected by the Arcade Engine";
  /** The Engine holds the user's grant to Arcade's Asana app (or the project's own provider): an OAuth app's token. */
  readonly tokenKind = "oauth-app";
  readonly rejectedTokenAdvice = "The token the Arcade Engine sent was rejected; the user may need to authorize Asana in Arcade again.";
  async resolve(request: TokenRequest): Promise<string> {
    if (!request.injectedToken) {
      throw new MissingCredentialsError(
        "The Arcade Engine sent no Asana token (context.authorization.token was empty). " +
          "Check that the tool's Asana auth provider is configured in the Engine and that the user has authorized it.",
      );
    }
    return request.injectedToken;
  }
  invalidate(): void {}
}

export const missingCredentialsMessage =
  "No Asana credentials are configured for this server. Set ONE of these in the server's environment (for example in the " +
  '"env" block of your MCP client config) and restart it:\n' +
  "- ASANA_ACCESS_TOKEN=<an Asana personal access token> (Asana: My Settings > Apps > Developer apps), or\n" +
  "- ARCADE_API_KEY=<your Arcade API key> and ARCADE_USER_ID=<your Arcade user id, usually your email>.\n" +
  "To try the tools without an Asana account, start the server with --sandbox.";

/** Neither a PAT nor Arcade is configured: the server lists its tools, and every call says what to set. */
export class MissingCredentialsResolver implements TokenResolver {
  readonly source = "none configured";
  readonly rejectedTokenAdvice = "";
  constructor(private readonly message = missingCredentialsMessage) {}
  async resolve(): Promise<string> {
    throw new MissingCredentialsError(this.message);
  }
  invalidate(): void {}
}
