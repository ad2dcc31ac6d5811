import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, test } from "vitest";
import { BuildTrickError, ajvStub, prebuiltDescriptors, type BuildTrick } from "../../scripts/build-tricks.mjs";

/**
 * The build's tricks fail the build when they match nothing (scripts/build.mjs exits 1 naming the trick),
 * rather than let an SDK update quietly put ajv back in the bundle or the schemas back into start-up.
 * Bundled here as the build bundles the server, in memory.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));

async function bundleWith(tricks: BuildTrick[]) {
  const result = await build({
    entryPoints: ["src/bin.ts"],
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    outdir: "unused",
    logLevel: "silent",
    metafile: true,
    plugins: tricks.map((trick) => trick.plugin),
  });
  return result.metafile;
}

/** ajv as a package, or as the MCP SDK bundles it into its own dist (ajvProvider-*.mjs). */
const ajvInputs = (metafile: { inputs: Record<string, unknown> }) =>
  Object.keys(metafile.inputs).filter((input) => /node_modules[\\/]ajv[\\/]|ajvProvider-[^\\/]*\.m?js$/.test(input));

describe("the build's tricks", () => {
  test("as the build sets them, both take: ajv stays out of the bundle", async () => {
    const tricks = [prebuiltDescriptors('[{"name":"X"}]'), ajvStub()];
    const metafile = await bundleWith(tricks);
    for (const trick of tricks) expect(() => trick.verify(metafile)).not.toThrow();
    expect(ajvInputs(metafile)).toEqual([]);
  });

  test("a trick whose module moved fails, naming itself", async () => {
    const tricks = [prebuiltDescriptors('[{"name":"X"}]', /src[\\/]app[\\/]moved\.ts$/), ajvStub(/^@modelcontextprotocol\/server\/moved$/)];
    const metafile = await bundleWith(tricks);
    // What the check guards against: without the stub, ajv is bundled.
    expect(ajvInputs(metafile).length).toBeGreaterThan(0);
    for (const trick of tricks) {
      const error = (() => {
        try {
          trick.verify(metafile);
        } catch (thrown) {
          return thrown;
        }
        return undefined;
      })();
      expect(error, trick.name).toBeInstanceOf(BuildTrickError);
      expect((error as BuildTrickError).message).toContain(`the ${trick.name} step`);
      expect((error as BuildTrickError).message).toContain("scripts/build-tricks.mjs");
    }
  });

  test("no descriptors at all is a failure too", () => {
    expect(() => prebuiltDescriptors("[]").verify({ inputs: {}, outputs: {} })).toThrow(/prebuilt-descriptors step computed no descriptors/);
  });
});
