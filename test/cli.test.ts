import { describe, expect, test } from "vitest";
import { CliUsageError, parseCli, type ServeConfig } from "../src/cli.js";

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
    const config = serve(["--transport", "http", "--port", "0", "--host", "0.0.0.0", "--toolsets", "tasks, projects", "--read-only", "--allowed-hosts", "a.example,b.example"]);
    expect(config).toMatchObject({ transport: "http", port: 0, host: "0.0.0.0", toolsets: ["tasks", "projects"], readOnly: true, allowedHosts: ["a.example", "b.example"] });
    expect(serve([], { ASANA_READ_ONLY: "true", ASANA_TOOLSETS: "tags" })).toMatchObject({ readOnly: true, toolsets: ["tags"] });
  });

  test("bad values name the setting, the rule and the choices", () => {
    expect(() => serve(["--transport", "sse"])).toThrow(/--transport must be "stdio" or "http" \(got "sse"\)/);
    expect(() => serve(["--port", "99999"])).toThrow(/--port must be a whole number from 0 to 65535/);
    expect(() => serve(["--toolsets", "tasks,nonsense"])).toThrow(/--toolsets: unknown toolset "nonsense"; choose from: default, all, tasks, projects,/);
    expect(() => serve([], { ASANA_READ_ONLY: "maybe" })).toThrow(/ASANA_READ_ONLY must be true or false/);
    expect(() => serve([], { ASANA_BASE_URL: "app.asana.com" })).toThrow(/ASANA_BASE_URL must be an absolute URL/);
    expect(() => serve(["--bogus"])).toThrow(CliUsageError);
  });

  test("front-door identity from a JWKS needs an issuer and an audience, so tokens for other apps are refused", () => {
    expect(() => serve([], { ASANA_MCP_AUTH_JWKS_URL: "https://id.example.com/jwks" })).toThrow(/needs ASANA_MCP_AUTH_ISSUER .* and ASANA_MCP_AUTH_AUDIENCE/);
    expect(serve([], { ASANA_MCP_AUTH_JWKS_URL: "https://id.example.com/jwks", ASANA_MCP_AUTH_ISSUER: "https://id.example.com", ASANA_MCP_AUTH_AUDIENCE: "asana-mcp" }).frontDoorAuth).toEqual({
      jwksUrl: "https://id.example.com/jwks",
      issuer: "https://id.example.com",
      audience: "asana-mcp",
      authorizationServers: ["https://id.example.com"],
    });
    expect(() => serve([], { ASANA_MCP_AUTH_JWKS_URL: "https://a", ASANA_MCP_AUTH_SECRET: "s" })).toThrow(/not both/);
  });

  test("--help and --version", () => {
    expect(parseCli(["--help"], {})).toMatchObject({ command: "help", text: expect.stringContaining("ASANA_ACCESS_TOKEN") });
    expect(parseCli(["--version"], {})).toEqual({ command: "version" });
  });
});
