#!/usr/bin/env node
// `npm run build`: one bundled, minified build in dist/, the way the package is shipped and the tests
// run it.
//
// - src/bin.ts is the entry (a Node version check, then the server); the front doors and commands
//   that a configuration may not need (the HTTP server, the Arcade worker, jose, arcadejs, the sandbox
//   emulator, the tools themselves) are split into chunks that load only when used.
// - Every tool's descriptor (names, descriptions, JSON Schemas) is computed here and compiled into the
//   bundle, so a starting server answers tools/list without loading a tool.
// - The MCP SDK's Server builds a JSON Schema validator (ajv, about 300 KB) for elicitation forms, which
//   this server never asks the SDK to check; the SDK's Node shim that provides it is replaced by a stub,
//   which keeps ajv out of the bundle.
// - Both tricks check that they took (scripts/build-tricks.mjs): one that matched nothing fails the
//   build, naming the trick, instead of shipping a bundle that is larger or slower to start.
// - No source maps: the package ships the bundle, not the sources a map would point at.
//
// For measuring what each step buys (bench/start-up-steps.mjs): `--outdir DIR` builds elsewhere, and
// `--without prebuilt-descriptors,ajv-stub,lazy-chunks,minify` leaves steps out.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { BuildTrickError, ajvStub, prebuiltDescriptors } from "./build-tricks.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const steps = ["prebuilt-descriptors", "ajv-stub", "lazy-chunks", "minify"];
const argv = process.argv.slice(2);
const optionValue = (name) => {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
};
const outdir = resolve(root, optionValue("--outdir") ?? "dist");
const without = new Set((optionValue("--without") ?? "").split(",").filter(Boolean));
for (const step of without) {
  if (!steps.includes(step)) {
    console.error(`build: --without takes ${steps.join(", ")}; not ${step}`);
    process.exit(2);
  }
}
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const common = { bundle: true, platform: "node", format: "esm", target: "node20", absWorkingDir: root, logLevel: "warning", legalComments: "none" };

// Some bundled CommonJS packages call require() for Node built-ins; ESM has none, so give them one.
const requireShim = 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);';

async function toolDescriptors() {
  const scratch = mkdtempSync(join(tmpdir(), "asana-mcp-build-"));
  try {
    const script = join(scratch, "descriptors.mjs");
    await build({
      ...common,
      stdin: {
        contents:
          'import { asanaToolkit } from "./tools/index.ts"; import { describeTool } from "./src/toolkit/index.ts"; process.stdout.write(JSON.stringify(asanaToolkit.map(describeTool)));',
        resolveDir: root,
        loader: "ts",
      },
      outfile: script,
      banner: { js: requireShim },
    });
    return execFileSync(process.execPath, [script], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const descriptors = without.has("prebuilt-descriptors") ? undefined : await toolDescriptors();
rmSync(outdir, { recursive: true, force: true });

const tricks = [...(descriptors === undefined ? [] : [prebuiltDescriptors(descriptors)]), ...(without.has("ajv-stub") ? [] : [ajvStub()])];

const result = await build({
  ...common,
  entryPoints: { bin: "src/bin.ts" },
  outdir,
  splitting: !without.has("lazy-chunks"),
  chunkNames: "chunks/[name]-[hash]",
  minify: !without.has("minify"),
  define: { __ASANA_MCP_VERSION__: JSON.stringify(version) },
  banner: { js: requireShim },
  plugins: tricks.map((trick) => trick.plugin),
  metafile: true,
});
try {
  for (const trick of tricks) trick.verify(result.metafile);
} catch (error) {
  if (!(error instanceof BuildTrickError)) throw error;
  rmSync(outdir, { recursive: true, force: true });
  console.error(`build: ${error.message}`);
  process.exit(1);
}
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`build: ${relative(root, outdir) || "."}/ holds ${Object.keys(result.metafile.outputs).length} files, ${(bytes / 1024).toFixed(0)} KB`);
