import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { v1OutputValidator } from "../support/compiled-once-validator.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterEach, describe, expect, test } from "vitest";
import { cleanEnv, cliPath } from "../support/spawn-server.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const chunksDir = join(cliPath, "..", "chunks");

/** The build's chunk that holds a piece of code, found by a string only that code contains. */
function chunkWith(marker: string): string {
  const found = readdirSync(chunksDir).filter((name) => readFileSync(join(chunksDir, name), "utf8").includes(marker));
  expect(found, `chunks holding ${marker}`).toHaveLength(1);
  return found[0]!;
}

/** Runs the built server with a module hook that writes down every module it loads. */
function loaderHook(): { args: string[]; loaded(): string[] } {
  const dir = mkdtempSync(join(tmpdir(), "asana-mcp-loaded-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const log = join(dir, "loaded.txt");
  writeFileSync(log, "");
  writeFileSync(
    join(dir, "hooks.mjs"),
    `import { appendFileSync } from "node:fs";\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + "\\n"); return next(url, context); }\n`,
  );
  writeFileSync(join(dir, "register.mjs"), `import { register } from "node:module";\nregister("./hooks.mjs", import.meta.url);\n`);
  return { args: ["--import", join(dir, "register.mjs")], loaded: () => readFileSync(log, "utf8").split("\n").filter(Boolean) };
}

describe("a stdio server never loads the remote sign-in code", () => {
  test("listing and calling tools over stdio loads neither the authorization server, nor Redis's client, nor the OpenID client", async () => {
    const oauthChunk = chunkWith("asana-mcp remote sign-in");
    const redisChunk = chunkWith("redis.call('GET', KEYS[1])");
    const hook = loaderHook();
    const transport = new StdioClientTransport({ command: process.execPath, args: [...hook.args, cliPath, "--sandbox"], env: cleanEnv({}), stderr: "pipe" });
    const client = new Client({ name: "lazy-loading", version: "1.0.0" }, { jsonSchemaValidator: v1OutputValidator });
    await client.connect(transport);
    cleanups.push(() => client.close());
    await client.listTools();
    const result = await client.callTool({ name: "Asana_ListWorkspaces", arguments: {} });
    expect(result.isError).toBeFalsy();
    const loaded = hook.loaded().map((url) => url.split("/").at(-1)!);
    expect(
      loaded.some((name) => name.startsWith("main-")),
      "the hook saw the server's modules",
    ).toBe(true);
    expect(loaded).not.toContain(oauthChunk);
    expect(loaded).not.toContain(redisChunk);
  });

  test("the same hook sees the authorization server load over HTTP with ASANA_MCP_OAUTH_SECRET (and Redis's client only with ASANA_MCP_REDIS_URL)", async () => {
    const oauthChunk = chunkWith("asana-mcp remote sign-in");
    const redisChunk = chunkWith("redis.call('GET', KEYS[1])");
    const hook = loaderHook();
    const child = spawn(process.execPath, [...hook.args, cliPath, "--transport", "http", "--port", "0"], {
      env: cleanEnv({
        ASANA_MCP_LOG_LEVEL: "info",
        ASANA_MCP_OAUTH_SECRET: "lazy-loading-test-secret-0123456789abcdef",
        ASANA_OAUTH_CLIENT_ID: "app",
        ASANA_OAUTH_CLIENT_SECRET: "app-secret",
      }),
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    await new Promise<void>((resolve, reject) => {
      child.stderr!.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes("MCP endpoint:")) resolve();
      });
      child.once("exit", () => reject(new Error(`the server exited:\n${stderr}`)));
    });
    child.kill("SIGTERM");
    await once(child, "exit");
    const loaded = hook.loaded().map((url) => url.split("/").at(-1)!);
    expect(loaded).toContain(oauthChunk);
    expect(loaded).not.toContain(redisChunk);
  });
});
