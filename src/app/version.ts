import { readFileSync } from "node:fs";

/** Set by the build (scripts/build.mjs); running from source, package.json says. */
declare const __ASANA_MCP_VERSION__: string | undefined;

export const packageVersion: string =
  typeof __ASANA_MCP_VERSION__ === "string"
    ? __ASANA_MCP_VERSION__
    : (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
