// The build's two tricks, as esbuild plugins that check they did their work. Each one matches a module
// by path; an update (of the MCP SDK, or a move of our own module) can make that path match nothing,
// and the build would then succeed quietly with the trick undone: ajv back in the bundle (+131 KB), or
// every tool's schema converted at start-up (+160 ms). `verify` turns that into a failed build that
// names the trick and what to change.

/** A trick that did not take: the message says which, and what to look at. */
export class BuildTrickError extends Error {
  constructor(trick, message) {
    super(`the ${trick} step ${message}`);
    this.name = "BuildTrickError";
    this.trick = trick;
  }
}

/**
 * The MCP SDK's Server builds a JSON Schema validator (ajv) for elicitation forms, which this server never
 * asks the SDK to check: the SDK's Node shim that provides it is replaced by a stub. `filter` matches the
 * shim's import path; the SDK bundles ajv into its own dist (ajvProvider-*.mjs), so that is what must stay out.
 */
export function ajvStub(filter = /^@modelcontextprotocol\/server\/_shims$/) {
  let hits = 0;
  return {
    name: "ajv-stub",
    plugin: {
      name: "without-ajv",
      setup(builder) {
        builder.onResolve({ filter }, (args) => {
          hits += 1;
          return { path: args.path, namespace: "without-ajv" };
        });
        builder.onLoad({ filter: /.*/, namespace: "without-ajv" }, () => ({
          contents:
            'export { default as process } from "node:process"; export class DefaultJsonSchemaValidator { getValidator() { throw new Error("asana-mcp is built without a JSON Schema validator for elicitation forms"); } }',
          loader: "js",
        }));
      },
    },
    verify(metafile) {
      if (hits === 0) {
        throw new BuildTrickError(
          "ajv-stub",
          `matched no import (filter ${filter}): the MCP SDK no longer loads its JSON Schema validator through such a module. Find the module it loads now and change the filter in scripts/build-tricks.mjs, or build with --without ajv-stub.`,
        );
      }
      const ajv = Object.keys(metafile.inputs).filter((input) => /node_modules[\\/]ajv[\\/]|ajvProvider-[^\\/]*\.m?js$/.test(input));
      if (ajv.length > 0) {
        throw new BuildTrickError("ajv-stub", `matched, but ajv is still in the bundle (${ajv[0]}, ${ajv.length} files): something else imports it now.`);
      }
    },
  };
}

/**
 * Every tool's descriptor, computed once by the build, replaces src/app/prebuilt-descriptors.ts, so a
 * starting server lists its tools without loading them. `descriptors` is the JSON text of the list.
 */
export function prebuiltDescriptors(descriptors, filter = /src[\\/]app[\\/]prebuilt-descriptors\.ts$/) {
  let hits = 0;
  const count = JSON.parse(descriptors).length;
  return {
    name: "prebuilt-descriptors",
    plugin: {
      name: "prebuilt-tool-descriptors",
      setup(builder) {
        builder.onLoad({ filter }, () => {
          hits += 1;
          return { contents: `export const prebuiltToolDescriptors = ${descriptors};`, loader: "js" };
        });
      },
    },
    verify() {
      if (count === 0) throw new BuildTrickError("prebuilt-descriptors", "computed no descriptors: the toolkit came back empty.");
      if (hits === 0) {
        throw new BuildTrickError(
          "prebuilt-descriptors",
          `replaced no module (filter ${filter}): the bundle would compute every tool's schema at start-up. Point the filter in scripts/build-tricks.mjs at the module that exports prebuiltToolDescriptors, or build with --without prebuilt-descriptors.`,
        );
      }
    },
  };
}
