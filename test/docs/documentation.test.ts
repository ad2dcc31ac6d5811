import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { serverSettings, settingGroups, settingsMarkdown } from "../../src/cli.js";
import { createMcpCatalogs, modelViewBytes } from "../../src/mcp/index.js";
import { createToolsetDiscovery } from "../../src/mcp/toolset-discovery.js";
import { sandboxToken } from "../../src/sandbox/index.js";
import { defaultProfileName, describeTool, maxToolCallBytes, maxUploadBytes } from "../../src/toolkit/index.js";
import { asanaToolkit } from "../../tools/index.js";
import { toolsets } from "../../tools/toolsets.js";
import { EngineClient } from "../fakes/engine-client.js";
import { arcadeHostedToolNames } from "../support/arcade-hosted-toolkit.js";
import { spawnHttpServer, type SpawnedHttpServer } from "../support/spawn-server.js";

/**
 * What the README and docs/ state that the code decides: each figure sits between
 * `<!-- figure NAME -->` and `<!-- /figure -->`, each generated block between `<!-- generated NAME … -->`
 * and `<!-- /generated -->`, and this test holds them to what the catalog, the settings table and a
 * running server say. `npm run docs:update` rewrites them.
 */
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const updating = process.env.UPDATE_DOCS === "1";
const docFiles = [
  "README.md",
  ...readdirSync(join(repoRoot, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];
const read = (file: string) => readFileSync(join(repoRoot, file), "utf8");

const descriptors = asanaToolkit.map(describeTool);
const catalogs = createMcpCatalogs(descriptors);
const everyday = catalogs.forSelection({ readOnly: false, toolsets: [defaultProfileName] }).listing;
const discovery = createToolsetDiscovery({
  toolsets,
  catalogs,
  selection: { readOnly: false, toolsets: [defaultProfileName] },
  onChange: async () => {},
}).listing;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "")} MiB`;

/** A worker over HTTP in sandbox mode: what the docs say of /worker/health and the sandbox's token is asked of it. */
const workerSecret = "0123456789abcdef0123456789abcdef";
let server: SpawnedHttpServer;
let workerHealth = "";
beforeAll(async () => {
  server = await spawnHttpServer({ ARCADE_WORKER_SECRET: workerSecret }, ["--sandbox"]);
  workerHealth = await (await fetch(new URL("/worker/health", server.url))).text();
});
afterAll(() => server?.close());

function figures(): Record<string, string> {
  const defaultBytes = [...everyday, ...discovery].reduce((sum, tool) => sum + modelViewBytes(tool), 0);
  return {
    "tool-count": String(descriptors.length),
    "arcade-same": String(arcadeHostedToolNames.length),
    "beyond-arcade": String(descriptors.length - arcadeHostedToolNames.length),
    "default-asana-tools": String(everyday.length),
    "default-stdio-tools": String(everyday.length + discovery.length),
    // About four bytes of JSON per token, as Asana_ListToolsets reckons; rounded so a reworded description does not move it.
    "default-tokens": `${(Math.round(defaultBytes / 4 / 100) / 10).toFixed(1)}k`,
    "worker-health": `\`${workerHealth}\``,
    "sandbox-token": `\`${sandboxToken}\``,
    "upload-limit": mib(maxUploadBytes),
    "upload-base64": mib(Math.ceil((maxUploadBytes * 4) / 3)),
    "http-body-limit": mib(maxToolCallBytes),
    // src/app/index.ts: one stdio line may hold the largest tool call and 1 MiB more.
    "stdio-message-limit": mib(maxToolCallBytes + 1024 * 1024),
  };
}

const blocks = (): Record<string, string> => ({ settings: settingsMarkdown(serverSettings, settingGroups) });

const figurePattern = /<!-- figure ([\w-]+) -->([\s\S]*?)<!-- \/figure -->/g;
const blockPattern = /(<!-- generated ([\w-]+)[^>]*-->\n)([\s\S]*?)(<!-- \/generated -->)/g;

describe("the README and docs/", () => {
  test("every figure and generated block is what the code says (npm run docs:update rewrites them)", () => {
    const want = figures();
    const wantBlocks = blocks();
    let seen = 0;
    for (const file of docFiles) {
      const text = read(file);
      for (const [, name, value] of text.matchAll(figurePattern)) {
        seen++;
        expect(want, `${file}: unknown figure ${name}`).toHaveProperty(name!);
        if (!updating) expect(value, `${file}: figure ${name}`).toBe(want[name!]);
      }
      for (const [, , name, body] of text.matchAll(blockPattern)) {
        seen++;
        expect(wantBlocks, `${file}: unknown generated block ${name}`).toHaveProperty(name!);
        if (!updating) expect(body, `${file}: generated block ${name} (run npm run docs:update)`).toBe(wantBlocks[name!]);
      }
      if (updating) {
        const rewritten = text
          .replace(figurePattern, (_, name: string) => `<!-- figure ${name} -->${want[name]}<!-- /figure -->`)
          .replace(blockPattern, (_, open: string, name: string, _body: string, close: string) => `${open}${wantBlocks[name]}${close}`);
        if (rewritten !== text) writeFileSync(join(repoRoot, file), rewritten);
      }
    }
    expect(seen).toBeGreaterThan(10);
    expect(read("README.md")).toContain("<!-- generated settings");
  });

  test("the README's tool table lists every tool once, with its toolset, ★ for the default profile, and whether Arcade's toolkit has it", () => {
    const lines = read("README.md").split("\n");
    const header = lines.findIndex((line) => line.startsWith("| tool | toolset |"));
    expect(header).toBeGreaterThan(0);
    const rows = lines.slice(header + 2).filter((_, i, rest) => rest.slice(0, i + 1).every((line) => line.startsWith("|")));
    const listed = rows.map((row) => {
      const [, name, toolset, what] = row.split("|").map((cell) => cell.trim());
      return { name: /`(\w+)`/.exec(name!)?.[1], star: name!.includes("★"), toolset, beyondArcade: what!.includes("*Beyond Arcade.*") };
    });
    expect(listed.map((row) => row.name).sort()).toEqual(descriptors.map((d) => d.name).sort());
    for (const descriptor of descriptors) {
      const row = listed.find((r) => r.name === descriptor.name)!;
      expect({ name: row.name, toolset: row.toolset, star: row.star, beyondArcade: row.beyondArcade }).toEqual({
        name: descriptor.name,
        toolset: descriptor.toolset,
        star: descriptor.defaultProfile,
        beyondArcade: !(arcadeHostedToolNames as readonly string[]).includes(descriptor.name),
      });
    }
  });

  test("the worker's sandbox token is the one the docs name: it works, and an Engine's real token gets Asana's 401", async () => {
    const engine = new EngineClient(new URL("/", server.url).toString().replace(/\/$/, ""), workerSecret);
    const ok = await engine.invoke("ListWorkspaces", {}, sandboxToken);
    expect(ok.body).toMatchObject({ success: true });
    const refused = await engine.invoke("ListWorkspaces", {}, "2/1234567890/1234567890:abcdef0123456789");
    expect(refused.body).toMatchObject({ success: false, output: { error: { kind: "UPSTREAM_RUNTIME_AUTH_ERROR", status_code: 401 } } });
    expect(read("docs/arcade.md")).toContain(`<!-- figure sandbox-token -->\`${sandboxToken}\``);
  });

  test("no route to a package that is not published; the first screen has the two commands to a working Claude Desktop", () => {
    for (const file of [...docFiles, "mcp.json"]) {
      expect(read(file), file).not.toMatch(/npx (-y |--yes )?asana-mcp\b/);
    }
    const firstScreen = read("README.md").split("\n").slice(0, 45).join("\n");
    expect(firstScreen).toContain("npm install");
    expect(firstScreen).toContain("node dist/bin.js config claude-desktop --write");
    expect(read("README.md")).toContain("npm test");
  });

  test("relative links point at files that exist", () => {
    for (const file of docFiles) {
      for (const [, target] of read(file).matchAll(/\]\((?!https?:|#|mailto:)([^)#\s]+)/g)) {
        expect(existsSync(resolve(dirname(join(repoRoot, file)), target!)), `${file} links to ${target}`).toBe(true);
      }
    }
  });
});
