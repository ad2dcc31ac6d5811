#!/usr/bin/env node
// The command's entry: first make sure this Node can run the server, and say so plainly if not. Kept
// apart from main.ts because imports run before any code of the module that imports them.
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 18)) {
  process.stderr.write(
    `asana-mcp needs Node.js 20.18 or later; this is Node.js ${process.versions.node}. Install a current Node.js (https://nodejs.org) and try again.\n`,
  );
  process.exit(1);
}
await import("./main.js");
