import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { v1OutputValidator } from "./compiled-once-validator.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { isPage, type BrowserPage, type BrowserStop, TestBrowser } from "./browser.js";
import { MemoryOAuthClientProvider } from "./oauth-client.js";

/** A client redirect URI on loopback that nothing listens on: the browser stops there, as an app's callback would catch it. */
export const clientCallback = "http://127.0.0.1:49152/callback";

/** How a test's person gets through the pages between our consent page and the client's callback. */
export type PageDriver = (page: BrowserPage, browser: TestBrowser) => Promise<BrowserPage | BrowserStop>;

/** The person at Asana's consent screen (the emulator's): sign in as `userGid`, then Allow. */
export const allowAsanaAs =
  (userGid: string): PageDriver =>
  (page, browser) => {
    if (!page.html.includes('name="user_gid"'))
      throw new Error(`expected Asana's consent screen at ${page.url}, got ${page.status}:\n${page.html.slice(0, 1500)}`);
    return browser.submit(page, { values: { user_gid: userGid }, button: { name: "decision", value: "allow" } });
  };

/** The person at the OpenID provider (oidc-provider's development pages): log in as `email`, then consent. */
export const signInToProviderAs =
  (email: string): PageDriver =>
  async (page, browser) => {
    if (!page.html.includes('name="login"'))
      throw new Error(`expected the provider's login page at ${page.url}, got ${page.status}:\n${page.html.slice(0, 1500)}`);
    const next = await browser.submit(page, { values: { login: email, password: "any password" } });
    // The provider asks for consent the first time this relying party asks for these scopes.
    return isPage(next) && next.html.includes('value="consent"') ? browser.submit(next) : next;
  };

/** Continue on our consent page (the first page the browser sees). */
export async function consent(browser: TestBrowser, authorizationUrl: URL | string): Promise<BrowserPage | BrowserStop> {
  const first = await browser.open(authorizationUrl.toString());
  if (!isPage(first)) throw new Error(`expected the consent page, was sent to ${first.stoppedAt}`);
  if (first.status !== 200 || !first.html.includes('name="decision"'))
    throw new Error(`expected the consent page, got ${first.status}:\n${first.html.slice(0, 1500)}`);
  return browser.submit(first, { button: { name: "decision", value: "allow" } });
}

/** Drives pages with `drivers` in turn until the browser reaches the client's callback. */
export async function driveToCallback(start: BrowserPage | BrowserStop, browser: TestBrowser, drivers: PageDriver[]): Promise<URL> {
  let current = start;
  for (const driver of drivers) {
    if (!isPage(current)) break;
    current = await driver(current, browser);
  }
  if (isPage(current))
    throw new Error(`the sign-in ended on a page instead of the client's callback: ${current.status} ${current.url}\n${current.html.slice(0, 1500)}`);
  return new URL(current.stoppedAt);
}

export interface SignedInClient {
  client: Client;
  provider: MemoryOAuthClientProvider;
  /** The callback URL the browser was sent to (code, state, iss). */
  callback: URL;
  browser: TestBrowser;
}

/**
 * The MCP SDK's own OAuth client end to end: connect, get 401, discover, register (CIMD when
 * `clientMetadataUrl` is given, else DCR), PKCE, then the browser signs in; the code goes back through
 * `finishAuth`, and a fresh connection carries the token.
 */
export async function connectWithSignIn(
  mcpUrl: string,
  drivers: PageDriver[],
  options: { clientMetadataUrl?: string; browser?: TestBrowser; provider?: MemoryOAuthClientProvider } = {},
): Promise<SignedInClient> {
  const provider =
    options.provider ??
    new MemoryOAuthClientProvider({ redirectUrl: clientCallback, ...(options.clientMetadataUrl ? { clientMetadataUrl: options.clientMetadataUrl } : {}) });
  const browser = options.browser ?? new TestBrowser({ stopAt: [provider.redirectUrl] });
  const first = new Client({ name: "sign-in-test", version: "1.0.0" }, { jsonSchemaValidator: v1OutputValidator });
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider });
  let refused: unknown;
  try {
    await first.connect(transport);
  } catch (error) {
    refused = error;
  }
  if (!(refused instanceof UnauthorizedError)) throw new Error(`expected the SDK to need authorization, got ${String(refused)}`);
  if (!provider.authorizationUrl) throw new Error("the SDK did not produce an authorization URL");
  const callback = await driveToCallback(await consent(browser, provider.authorizationUrl), browser, drivers);
  const code = callback.searchParams.get("code");
  if (!code) throw new Error(`the client's callback carries no code: ${callback}`);
  if (callback.searchParams.get("state") !== provider.lastState) throw new Error("the callback's state is not the one the client sent");
  await transport.finishAuth(code);
  const client = new Client({ name: "sign-in-test", version: "1.0.0" }, { jsonSchemaValidator: v1OutputValidator });
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider }));
  return { client, provider, callback, browser };
}
