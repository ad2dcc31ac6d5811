import { describe, expect, test } from "vitest";
import {
  CliUsageError,
  parseCli,
  serverSettings,
  usage,
  type CallConfig,
  type ClientConfigCommand,
  type RegisterConfig,
  type ServeConfig,
} from "../src/cli.js";

function serve(argv: string[], env: Record<string, string> = {}): ServeConfig {
  const command = parseCli(argv, env);
  if (command.command !== "serve") throw new Error(`expected serve, got ${command.command}`);
  return command;
}

describe("command line and environment", () => {
  test("defaults: stdio, loopback, no credentials, the everyday tools for MCP and every tool for the Arcade worker", () => {
    expect(serve([])).toMatchObject({ transport: "stdio", host: "127.0.0.1", port: 3000, readOnly: false, sandbox: false });
    expect(serve([])).not.toHaveProperty("asanaAccessToken");
    expect(serve([])).toMatchObject({ toolsets: ["default"], workerToolsets: ["all"] });
  });

  test("ASANA_ANSWER_MAX_BYTES sets reads' answer budget (8192 unless set, or off); outside 2048-102400 it is refused", () => {
    expect(serve([])).toMatchObject({ answerMaxBytes: 8192 });
    expect(serve([], { ASANA_ANSWER_MAX_BYTES: "16384" })).toMatchObject({ answerMaxBytes: 16384 });
    expect(serve([], { ASANA_ANSWER_MAX_BYTES: " OFF " })).toMatchObject({ answerMaxBytes: "off" });
    for (const value of ["1024", "200000", "8k"]) {
      expect(() => serve([], { ASANA_ANSWER_MAX_BYTES: value })).toThrow(/ASANA_ANSWER_MAX_BYTES must be a whole number from 2048 to 102400/);
    }
  });

  test("ARCADE_TOOLKIT_VERSION sets the version the worker reports and matches; unset, the package's version applies", () => {
    expect(serve([])).not.toHaveProperty("arcadeToolkitVersion");
    expect(serve([], { ARCADE_TOOLKIT_VERSION: " 2.3.0-rc.1 " })).toMatchObject({ arcadeToolkitVersion: "2.3.0-rc.1" });
    expect(() => serve([], { ARCADE_TOOLKIT_VERSION: "1.0 beta" })).toThrow(/ARCADE_TOOLKIT_VERSION must be/);
  });

  test("an explicit --toolsets holds for the worker too, unless --worker-toolsets says otherwise", () => {
    expect(serve(["--toolsets", "default,projects"])).toMatchObject({ toolsets: ["default", "projects"], workerToolsets: ["default", "projects"] });
    expect(serve(["--toolsets", "tasks"], { ARCADE_WORKER_TOOLSETS: "all" })).toMatchObject({ toolsets: ["tasks"], workerToolsets: ["all"] });
    expect(serve(["--worker-toolsets", "tags"])).toMatchObject({ toolsets: ["default"], workerToolsets: ["tags"] });
  });

  test("credentials and Arcade settings come from the environment", () => {
    const config = serve([], { ARCADE_API_KEY: "key", ARCADE_USER_ID: "ada@acme.test", ARCADE_AUTH_WAIT_SECONDS: "30", ASANA_ACCESS_TOKEN: " pat " });
    expect(config.asanaAccessToken).toBe("pat");
    expect(config.arcade).toEqual({ apiKey: "key", userId: "ada@acme.test", pendingWaitMs: 30_000, cacheTtlMs: 300_000 });
  });

  test("HTTP options, toolsets and read-only", () => {
    const config = serve([
      "--transport",
      "http",
      "--port",
      "0",
      "--host",
      "0.0.0.0",
      "--toolsets",
      "tasks, projects",
      "--read-only",
      "--allowed-hosts",
      "a.example,b.example",
    ]);
    expect(config).toMatchObject({
      transport: "http",
      port: 0,
      host: "0.0.0.0",
      toolsets: ["tasks", "projects"],
      readOnly: true,
      allowedHosts: ["a.example", "b.example"],
    });
    expect(serve([], { ASANA_READ_ONLY: "true", ASANA_TOOLSETS: "tags" })).toMatchObject({ readOnly: true, toolsets: ["tags"] });
  });

  test("bad values name the setting, the rule and the choices", () => {
    expect(() => serve(["--transport", "sse"])).toThrow(/--transport must be "stdio" or "http" \(got "sse"\)/);
    expect(() => serve(["--port", "99999"])).toThrow(/--port must be a whole number from 0 to 65535/);
    expect(() => serve(["--toolsets", "tasks,nonsense"])).toThrow(/--toolsets: unknown toolset "nonsense"; choose from: default, all, tasks, projects,/);
    expect(() => serve([], { ASANA_READ_ONLY: "maybe" })).toThrow(/ASANA_READ_ONLY must be true or false/);
    expect(() => serve([], { ASANA_BASE_URL: "app.asana.com" })).toThrow(/ASANA_BASE_URL must be an absolute URL/);
    expect(() => serve(["--bogus"])).toThrow(CliUsageError);
    expect(() => serve([], { ASANA_MCP_LOG_LEVEL: "verbose" })).toThrow(
      /ASANA_MCP_LOG_LEVEL must be one of debug, info, warn, error, silent \(got "verbose"\)/,
    );
  });

  test("task secrets are kept exactly as given, and a short one is refused before the server starts", () => {
    const secret = " a task secret of more than thirty-two characters ";
    expect(serve([], { ASANA_MCP_TASK_SECRET: secret, ASANA_MCP_TASK_PREVIOUS_SECRET: `${secret}old` })).toMatchObject({
      taskSecret: secret,
      taskPreviousSecret: `${secret}old`,
    });
    expect(serve([])).not.toHaveProperty("taskSecret");
    expect(() => serve([], { ASANA_MCP_TASK_SECRET: "short" })).toThrow(/ASANA_MCP_TASK_SECRET must be at least 32 characters of random text/);
    expect(() => serve([], { ASANA_MCP_TASK_PREVIOUS_SECRET: "short" })).toThrow(/ASANA_MCP_TASK_PREVIOUS_SECRET must be at least 32/);
  });

  test("front-door identity from a JWKS needs an issuer and an audience, so tokens for other apps are refused", () => {
    expect(() => serve([], { ASANA_MCP_AUTH_JWKS_URL: "https://id.example.com/jwks" })).toThrow(/needs ASANA_MCP_AUTH_ISSUER .* and ASANA_MCP_AUTH_AUDIENCE/);
    expect(
      serve([], {
        ASANA_MCP_AUTH_JWKS_URL: "https://id.example.com/jwks",
        ASANA_MCP_AUTH_ISSUER: "https://id.example.com",
        ASANA_MCP_AUTH_AUDIENCE: "asana-mcp",
      }).frontDoorAuth,
    ).toEqual({
      jwksUrl: "https://id.example.com/jwks",
      issuer: "https://id.example.com",
      audience: "asana-mcp",
      authorizationServers: ["https://id.example.com"],
    });
    expect(() => serve([], { ASANA_MCP_AUTH_JWKS_URL: "https://a", ASANA_MCP_AUTH_SECRET: "s" })).toThrow(/not both/);
  });

  test("ASANA_MCP_TRUSTED_PROXIES takes addresses, CIDR ranges and named ranges, and names an entry that is none", () => {
    expect(serve([])).toMatchObject({ trustedProxies: [] });
    expect(serve([], { ASANA_MCP_TRUSTED_PROXIES: " loopback, 10.0.0.0/8 ,fd00::/8" })).toMatchObject({
      trustedProxies: ["loopback", "10.0.0.0/8", "fd00::/8"],
    });
    expect(() => serve([], { ASANA_MCP_TRUSTED_PROXIES: "10.0.0.1,lb.internal" })).toThrow(/ASANA_MCP_TRUSTED_PROXIES: "lb\.internal" is not an IP address/);
  });

  test("attachment contents: 1 MiB unless set, 0 turns them off; the development storage origin must be on loopback", () => {
    expect(serve([])).toMatchObject({ attachmentMaxBytes: 1_048_576 });
    expect(serve([])).not.toHaveProperty("devStorageOrigin");
    expect(serve([], { ASANA_MCP_ATTACHMENT_MAX_BYTES: "0" })).toMatchObject({ attachmentMaxBytes: 0 });
    expect(() => serve([], { ASANA_MCP_ATTACHMENT_MAX_BYTES: "-1" })).toThrow(/ASANA_MCP_ATTACHMENT_MAX_BYTES must be a whole number from 0 to/);
    expect(serve([], { ASANA_MCP_DEV_STORAGE_ORIGIN: "http://127.0.0.1:4010/storage/" })).toMatchObject({ devStorageOrigin: "http://127.0.0.1:4010" });
    expect(() => serve([], { ASANA_MCP_DEV_STORAGE_ORIGIN: "https://evil.example" })).toThrow(/ASANA_MCP_DEV_STORAGE_ORIGIN: .*must be on loopback/);
    expect(() => serve([], { ASANA_MCP_DEV_STORAGE_ORIGIN: "127.0.0.1:4010" })).toThrow(/ASANA_MCP_DEV_STORAGE_ORIGIN: .*must be a URL/);
  });

  test("--help and --version", () => {
    expect(parseCli(["--help"], {})).toMatchObject({ command: "help", text: expect.stringContaining("ASANA_ACCESS_TOKEN") });
    expect(parseCli(["--version"], {})).toEqual({ command: "version" });
  });

  test("your own Asana provider and its scopes, from the environment or flags", () => {
    expect(serve([]).asanaAuth).toEqual({});
    expect(serve([], { ARCADE_ASANA_PROVIDER_ID: "my-asana-provider", ARCADE_ASANA_SCOPES: "tasks:read, projects:read" }).asanaAuth).toEqual({
      providerId: "my-asana-provider",
      scopes: ["tasks:read", "projects:read"],
    });
    expect(serve(["--arcade-provider-id", "team-asana", "--arcade-scopes", "default"], { ARCADE_ASANA_PROVIDER_ID: "ignored" }).asanaAuth).toEqual({
      providerId: "team-asana",
      scopes: ["default"],
    });
    expect(() => serve([], { ARCADE_ASANA_SCOPES: "tasks:read,Full Permissions" })).toThrow(/ARCADE_ASANA_SCOPES: "Full" is not an Asana scope; use default/);
    expect(() => serve(["--arcade-provider-id", "my asana"])).toThrow(/ARCADE_ASANA_PROVIDER_ID must be the ID you gave your Asana auth provider/);
  });

  test("the worker's toolkit name: Asana unless renamed, letters and digits only", () => {
    expect(serve([]).arcadeToolkitName).toBe("Asana");
    expect(serve([], { ARCADE_TOOLKIT_NAME: "AsanaMcp" }).arcadeToolkitName).toBe("AsanaMcp");
    expect(serve(["--arcade-toolkit", "MyAsana"]).arcadeToolkitName).toBe("MyAsana");
    expect(() => serve([], { ARCADE_TOOLKIT_NAME: "Asana_Mine" })).toThrow(/ARCADE_TOOLKIT_NAME must be letters and digits/);
  });

  test("the worker secret is kept exactly as given; only an empty one is unset", () => {
    expect(serve([], { ARCADE_WORKER_SECRET: "  spaced secret  " }).workerSecret).toBe("  spaced secret  ");
    expect(serve([], { ARCADE_WORKER_SECRET: "" })).not.toHaveProperty("workerSecret");
  });

  test("the custom user verifier needs a server that knows its one user, over HTTP", () => {
    const single = { ARCADE_API_KEY: "key", ARCADE_USER_ID: "ada@acme.test" };
    expect(serve(["--transport", "http", "--user-verifier"], single).userVerifier).toBe(true);
    expect(serve(["--transport", "http"], { ...single, ARCADE_USER_VERIFIER: "true" }).userVerifier).toBe(true);
    expect(serve([]).userVerifier).toBe(false);
    expect(() => serve(["--transport", "http", "--user-verifier"], { ARCADE_API_KEY: "key" })).toThrow(
      /needs ARCADE_USER_ID: this server can only vouch for the one user/,
    );
    expect(() => serve(["--transport", "http", "--user-verifier"], { ARCADE_USER_ID: "ada" })).toThrow(/needs ARCADE_API_KEY/);
    expect(() => serve(["--transport", "http", "--user-verifier"], { ...single, ASANA_MCP_AUTH_SECRET: "s" })).toThrow(
      /cannot be combined with front-door authentication/,
    );
    expect(() => serve(["--user-verifier"], single)).toThrow(/needs --transport http/);
  });
});

function register(argv: string[], env: Record<string, string> = { ARCADE_API_KEY: "key" }): RegisterConfig {
  const command = parseCli(["register", ...argv], env);
  if (command.command !== "register") throw new Error(`expected register, got ${command.command}`);
  return command;
}

function callOf(argv: string[], env: Record<string, string> = { ARCADE_API_KEY: "key", ARCADE_USER_ID: "ada@acme.test" }): CallConfig {
  const command = parseCli(["call", ...argv], env);
  if (command.command !== "call") throw new Error(`expected call, got ${command.command}`);
  return command;
}

describe("register", () => {
  const longSecret = "0123456789abcdef0123456789abcdef";

  test("--help documents --timeout and --retry", () => {
    const help = parseCli(["register", "--help"], {});
    expect(help).toMatchObject({ command: "help", text: expect.stringContaining("--timeout <seconds>") });
    expect((help as { text: string }).text).toContain("--retry <n>");
    expect(parseCli(["--help"], {})).toMatchObject({ text: expect.stringContaining("[--timeout 60] [--retry 3]") });
  });

  test("the Engine's default timeout outlasts a call's deadline (ASANA_CALL_DEADLINE_SECONDS, 45 s unless set) by 15 s", () => {
    const args = ["--id", "a", "--url", "https://a.example", "--secret", longSecret];
    expect(register(args)).toMatchObject({ timeoutSeconds: 60, warnings: [] });
    expect(register(args, { ARCADE_API_KEY: "key", ASANA_CALL_DEADLINE_SECONDS: "100" })).toMatchObject({ timeoutSeconds: 115, warnings: [] });
    // Past --timeout's own ceiling of 300 s the Engine cannot wait long enough: said, not silently capped.
    expect(register(args, { ARCADE_API_KEY: "key", ASANA_CALL_DEADLINE_SECONDS: "300" })).toMatchObject({
      timeoutSeconds: 300,
      warnings: [expect.stringContaining("at or below the call deadline")],
    });
  });

  test("an explicit --timeout at or below the call deadline draws a warning naming both", () => {
    const args = ["--id", "a", "--url", "https://a.example", "--secret", longSecret];
    const [warning, ...rest] = register([...args, "--timeout", "45"]).warnings;
    expect(rest).toEqual([]);
    expect(warning).toContain("--timeout 45 s is at or below the call deadline of 45 s (ASANA_CALL_DEADLINE_SECONDS)");
    expect(warning).toContain("use at least 46");
    expect(register([...args, "--timeout", "46"]).warnings).toEqual([]);
    expect(register([...args, "--timeout", "60"], { ARCADE_API_KEY: "key", ASANA_CALL_DEADLINE_SECONDS: "90" }).warnings).toEqual([
      expect.stringContaining("--timeout 60 s is at or below the call deadline of 90 s"),
    ]);
  });

  test("settings, with the secret exactly as given", () => {
    expect(
      register(["--id", "asana-mcp", "--url", "https://asana-mcp.example.com/", "--timeout", "60", "--retry", "0"], {
        ARCADE_API_KEY: "key",
        ARCADE_WORKER_SECRET: ` ${longSecret} `,
      }),
    ).toEqual({
      command: "register",
      workerId: "asana-mcp",
      url: "https://asana-mcp.example.com",
      secret: ` ${longSecret} `,
      timeoutSeconds: 60,
      retries: 0,
      arcadeApiKey: "key",
      warnings: [expect.stringContaining("starts or ends with whitespace")],
    });
    expect(() => register(["--id", "a", "--url", "https://a.example", "--secret", longSecret, "--timeout", "0"])).toThrow(
      /--timeout must be a whole number from 1 to 300/,
    );
  });

  test("warns about a loopback URL, which Arcade's cloud cannot reach, and about a short secret", () => {
    const local = register(["--id", "a", "--url", "http://127.0.0.1:8002", "--secret", "dev"]);
    expect(local.warnings).toEqual([
      expect.stringContaining("--secret is only 3 characters long"),
      expect.stringContaining("--url http://127.0.0.1:8002 is a loopback address"),
    ]);
    expect(register(["--id", "a", "--url", "http://localhost:8002", "--secret", longSecret]).warnings).toEqual([expect.stringContaining("loopback")]);
    expect(register(["--id", "a", "--url", "https://asana-mcp.example.com", "--secret", longSecret]).warnings).toEqual([]);
  });
});

describe("call", () => {
  test("a bare tool name belongs to the configured toolkit; an MCP name is translated; a qualified name is kept", () => {
    expect(callOf(["DeleteTask", "--input", '{"task_id":"123"}'])).toEqual({
      command: "call",
      toolName: "Asana.DeleteTask",
      input: { task_id: "123" },
      userId: "ada@acme.test",
      waitSeconds: 300,
      arcadeApiKey: "key",
    });
    expect(callOf(["Asana_DeleteTask"]).toolName).toBe("Asana.DeleteTask");
    expect(callOf(["Asana.DeleteTask"]).toolName).toBe("Asana.DeleteTask");
    expect(callOf(["DeleteTask"], { ARCADE_API_KEY: "k", ARCADE_USER_ID: "u", ARCADE_TOOLKIT_NAME: "AsanaMcp" }).toolName).toBe("AsanaMcp.DeleteTask");
    expect(callOf(["DeleteTask", "--user", "grace", "--tool-version", "0.1.0", "--wait", "0"])).toMatchObject({
      userId: "grace",
      toolVersion: "0.1.0",
      waitSeconds: 0,
    });
  });

  test("mistakes are named before anything is sent", () => {
    expect(() => callOf(["DeleteTask", "--input", "{task_id: 1}"])).toThrow(/call --input must be a JSON object/);
    expect(() => callOf(["DeleteTask", "--input", "[1]"])).toThrow(/call --input must be a JSON object .*got \[1\]/);
    expect(() => callOf([])).toThrow(/call needs exactly one tool name/);
    expect(() => callOf(["DeleteTask"], { ARCADE_API_KEY: "k" })).toThrow(/call needs --user/);
    expect(() => callOf(["DeleteTask"], { ARCADE_USER_ID: "u" })).toThrow(/call needs ARCADE_API_KEY/);
    expect(() => callOf(["Delete Task"])).toThrow(/is not a tool name/);
  });

  test("--help explains the flow and the exit statuses", () => {
    const help = parseCli(["call", "--help"], {});
    expect(help).toMatchObject({ command: "help", text: expect.stringContaining("tools.authorize") });
    expect((help as { text: string }).text).toContain("3 the user did not");
  });
});

describe("one table of settings", () => {
  test("--help shows every setting's flag, variable and default, from the table", () => {
    for (const setting of serverSettings) {
      if (setting.flag) expect(usage, setting.key).toContain(`--${setting.flag}`);
      if (setting.env) expect(usage, setting.key).toContain(setting.env);
      if (setting.defaultText) expect(usage, setting.key).toContain(`(default ${setting.defaultText})`);
    }
    expect(usage).toMatch(/ {2}--port <n>, PORT \(default 3000\)\n {6}HTTP port; 0 picks a free one/);
  });

  test("a setting's key is the ServeConfig field it fills, unless serve.ts combines it into a group (arcade, asanaAuth, frontDoorAuth, remoteSignIn)", () => {
    const combined = new Set(["arcadeApiKey", "arcadeUserId", "arcadeBaseUrl", "arcadePendingWaitMs", "arcadeCacheTtlMs", "arcadeProviderId", "arcadeScopes"]);
    const identity = new Set(["authJwksUrl", "authSecret", "authIssuer", "authAudience", "publicUrl", "authServers"]);
    const optional = new Set([
      "asanaAccessToken",
      "workerSecret",
      "asanaBaseUrl",
      "arcadeToolkitVersion",
      "maxHttpConnectionsPerClient",
      "taskSecret",
      "taskPreviousSecret",
      "confirm",
      "confirmSecret",
      "devStorageOrigin",
    ]);
    const signIn = new Set(serverSettings.filter((s) => s.group === "signIn").map((s) => s.key));
    const config = serve([]) as unknown as Record<string, unknown>;
    for (const { key } of serverSettings) {
      if (combined.has(key) || identity.has(key) || optional.has(key) || signIn.has(key)) continue;
      expect(config, key).toHaveProperty(key);
    }
    expect(serve([], { ASANA_ACCESS_TOKEN: "t", ARCADE_WORKER_SECRET: "s", ASANA_BASE_URL: "https://a.example/api" })).toMatchObject({
      asanaAccessToken: "t",
      workerSecret: "s",
      asanaBaseUrl: "https://a.example/api",
    });
  });

  test("the default help and the README show is the default the parser applies", () => {
    // These stay unset when not given, and what reads them decides: the toolsets (a ceiling only when
    // chosen), the base URLs (the clients' own defaults), Asana's scopes (the tools' own), loopback.
    const appliedElsewhere = new Set(["toolsets", "arcadeBaseUrl", "asanaBaseUrl", "asanaOAuthBaseUrl", "arcadeScopes", "allowedOrigins"]);
    for (const setting of serverSettings) {
      if (!setting.defaultText || /\s/.test(setting.defaultText) || appliedElsewhere.has(setting.key)) continue;
      expect(setting.parse(setting.defaultText, "default"), setting.key).toEqual(setting.parse(undefined, "default"));
    }
  });

  test("the same flag or variable twice would make one of them dead: each is declared once", () => {
    const flags = serverSettings.flatMap((s) => (s.flag ? [s.flag] : []));
    const envs = serverSettings.flatMap((s) => (s.env ? [s.env] : []));
    expect(new Set(flags).size).toBe(flags.length);
    expect(new Set(envs).size).toBe(envs.length);
  });

  test('every URL setting names itself and an example instead of Node\'s bare "Invalid URL"', () => {
    const cases: Array<[string, RegExp]> = [
      ["ARCADE_BASE_URL", /ARCADE_BASE_URL must be an absolute URL such as https:\/\/api\.arcade\.dev \(got "arcade"\)/],
      ["ASANA_BASE_URL", /ASANA_BASE_URL must be an absolute URL such as https:\/\/app\.asana\.com\/api\/1\.0/],
      ["ASANA_MCP_PUBLIC_URL", /ASANA_MCP_PUBLIC_URL must be an absolute URL/],
      ["ASANA_MCP_AUTH_SERVERS", /ASANA_MCP_AUTH_SERVERS must be an absolute URL/],
      ["ASANA_MCP_AUTH_JWKS_URL", /ASANA_MCP_AUTH_JWKS_URL must be an absolute URL/],
      ["ASANA_OAUTH_BASE_URL", /ASANA_OAUTH_BASE_URL must be an absolute URL such as https:\/\/app\.asana\.com/],
      ["ASANA_MCP_OIDC_ISSUER", /ASANA_MCP_OIDC_ISSUER must be an absolute URL such as https:\/\/accounts\.google\.com/],
    ];
    for (const [name, message] of cases) expect(() => serve([], { [name]: "arcade" }), name).toThrow(message);
    expect(() => serve([], { ARCADE_BASE_URL: "ftp://arcade.example" })).toThrow(/ARCADE_BASE_URL must be an http or https URL/);
    expect(() => parseCli(["register", "--id", "a", "--url", "https://a.example", "--secret", "s"], { ARCADE_API_KEY: "k", ARCADE_BASE_URL: "x" })).toThrow(
      /ARCADE_BASE_URL must be an absolute URL/,
    );
  });

  test("an error names the flag when the flag gave the value, the variable when the variable did", () => {
    expect(() => serve(["--port", "x"])).toThrow(/^--port must be/);
    expect(() => serve([], { PORT: "x" })).toThrow(/^PORT must be/);
    expect(() => serve([], { ASANA_TOOLSETS: "nonsense" })).toThrow(/^ASANA_TOOLSETS: unknown toolset "nonsense"/);
  });
});

function configOf(argv: string[], env: Record<string, string> = {}): ClientConfigCommand {
  const command = parseCli(["config", ...argv], env);
  if (command.command !== "config") throw new Error(`expected config, got ${command.command}`);
  return command;
}

describe("config", () => {
  test("the token source is the one the environment has, else the sandbox; the entry's name follows it", () => {
    expect(configOf(["claude-desktop"])).toMatchObject({
      client: "claude-desktop",
      tokenSource: "sandbox",
      tokenSourceChosen: false,
      name: "asana-sandbox",
      write: false,
    });
    expect(configOf(["cursor"], { ASANA_ACCESS_TOKEN: "t" })).toMatchObject({ tokenSource: "pat", name: "asana" });
    expect(configOf(["cursor"], { ARCADE_API_KEY: "k" })).toMatchObject({ tokenSource: "arcade", name: "asana" });
    expect(configOf(["cursor", "--token-source", "arcade", "--name", "work-asana"])).toMatchObject({
      tokenSource: "arcade",
      tokenSourceChosen: true,
      name: "work-asana",
    });
  });

  test("options for the server go after --, and are checked now", () => {
    expect(configOf(["vscode", "--write", "--", "--read-only", "--toolsets", "all"])).toMatchObject({
      write: true,
      serverArgs: ["--read-only", "--toolsets", "all"],
    });
    expect(() => configOf(["vscode", "--", "--nonsense"])).toThrow(/server options after -- are not valid/);
  });

  test("mistakes are usage errors", () => {
    expect(() => configOf([])).toThrow(/config needs one client: claude-desktop, claude-code, cursor, vscode, gemini-cli, windsurf, codex/);
    expect(() => configOf(["cursor", "--token-source", "oauth"])).toThrow(/--token-source must be one of pat, arcade, sandbox/);
    expect(() => configOf(["cursor", "--name", "my asana"])).toThrow(/--name must be letters, digits/);
    expect(() => configOf(["cursor", "--force"])).toThrow(/--force .* needs --write/);
    expect(parseCli(["config", "--help"], {})).toMatchObject({ command: "help", text: expect.stringContaining("claude-desktop") });
  });
});

describe("remote sign-in settings (ASANA_MCP_OAUTH_SECRET)", () => {
  const secret = "cli-test-oauth-secret-0123456789abcdefghij";
  const http = ["--transport", "http"];

  test("the method follows from what is configured: an OpenID issuer, an Asana app, else Arcade", () => {
    expect(serve(http, { ASANA_MCP_OAUTH_SECRET: secret, ARCADE_API_KEY: "key" }).remoteSignIn).toMatchObject({
      method: "arcade",
      secrets: [secret],
      accessTokenSeconds: 3600,
      refreshTokenSeconds: 30 * 86_400,
      rateLimitPerMinute: 60,
      allowLoopbackClientMetadata: false,
    });
    expect(serve(http, { ASANA_MCP_OAUTH_SECRET: secret, ASANA_OAUTH_CLIENT_ID: "id", ASANA_OAUTH_CLIENT_SECRET: "s" }).remoteSignIn).toMatchObject({
      method: "asana",
      asanaApp: { clientId: "id", clientSecret: "s", oauthBaseUrl: "https://app.asana.com" },
    });
    expect(
      serve(http, {
        ASANA_MCP_OAUTH_SECRET: secret,
        ARCADE_API_KEY: "key",
        ASANA_MCP_OIDC_ISSUER: "https://accounts.google.com/",
        ASANA_MCP_OIDC_CLIENT_ID: "c",
      }).remoteSignIn,
    ).toMatchObject({ method: "oidc", oidc: { issuer: "https://accounts.google.com", clientId: "c", userClaim: "email" } });
    expect(
      serve(http, { ASANA_MCP_OAUTH_SECRET: secret, ASANA_MCP_OAUTH_PREVIOUS_SECRET: `${secret}-old`, ARCADE_API_KEY: "k" }).remoteSignIn?.secrets,
    ).toEqual([secret, `${secret}-old`]);
    expect(serve(http)).not.toHaveProperty("remoteSignIn");
  });

  test("what does not fit is refused with the setting and the fix", () => {
    expect(() => serve(http, { ASANA_MCP_OAUTH_SECRET: "short", ARCADE_API_KEY: "k" })).toThrow(/at least 32 characters.*openssl rand/);
    expect(() => serve([], { ASANA_MCP_OAUTH_SECRET: secret, ARCADE_API_KEY: "k" })).toThrow(/needs --transport http/);
    expect(() => serve(http, { ASANA_MCP_OAUTH_SECRET: secret })).toThrow(/needs ARCADE_API_KEY.*ASANA_OAUTH_CLIENT_ID/);
    expect(() => serve(http, { ASANA_MCP_OAUTH_SECRET: secret, ASANA_MCP_SIGN_IN: "asana" })).toThrow(/ASANA_OAUTH_CLIENT_ID and ASANA_OAUTH_CLIENT_SECRET/);
    expect(() => serve(http, { ASANA_MCP_OAUTH_SECRET: secret, ARCADE_API_KEY: "k", ASANA_MCP_SIGN_IN: "saml" })).toThrow(/arcade, asana or oidc/);
    expect(() => serve(http, { ASANA_MCP_OAUTH_SECRET: secret, ARCADE_API_KEY: "k", ARCADE_USER_ID: "ada" })).toThrow(/Unset ARCADE_USER_ID/);
    expect(() => serve(http, { ASANA_MCP_OAUTH_SECRET: secret, ARCADE_API_KEY: "k", ASANA_ACCESS_TOKEN: "pat" })).toThrow(/unset it/);
    expect(() => serve(http, { ASANA_MCP_OAUTH_SECRET: secret, ARCADE_API_KEY: "k", ASANA_MCP_AUTH_SECRET: "x" })).toThrow(/not both/);
    expect(() => serve([...http, "--sandbox"], { ASANA_MCP_OAUTH_SECRET: secret, ARCADE_API_KEY: "k" })).toThrow(/--sandbox/);
    expect(() => serve(http, { ASANA_MCP_OAUTH_SECRET: secret, ARCADE_API_KEY: "k", ASANA_MCP_REDIS_URL: "localhost:6379" })).toThrow(/redis:\/\//);
    expect(() => serve(http, { ASANA_MCP_OAUTH_SECRET: secret, ARCADE_API_KEY: "k", ASANA_MCP_PUBLIC_URL: "asana-mcp.example.com" })).toThrow(
      /ASANA_MCP_PUBLIC_URL must be an absolute URL/,
    );
    expect(() => serve(http, { ASANA_MCP_OAUTH_SECRET: secret, ARCADE_API_KEY: "k", ARCADE_USER_VERIFIER: "true" })).toThrow(/ARCADE_USER_VERIFIER/);
  });
});
