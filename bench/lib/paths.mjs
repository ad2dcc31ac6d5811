import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The built server, as the package ships it. */
export const serverBin = join(repoRoot, "dist", "bin.js");
