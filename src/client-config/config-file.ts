import { chmodSync, constants, copyFileSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** The file's text, or undefined when there is none yet. */
export function readConfigFile(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** A dotfile manager's symlink stays a symlink: the file it points at is the one rewritten. */
function realTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Copies the file beside itself as `<file>.bak-<time>`, never over an earlier backup. */
export function backUpConfigFile(path: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  for (let attempt = 0; attempt < 100; attempt++) {
    const backup = `${path}.bak-${stamp}${attempt === 0 ? "" : `-${attempt}`}`;
    try {
      copyFileSync(realTarget(path), backup, constants.COPYFILE_EXCL);
      return backup;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  throw new Error(`could not find a free backup name beside ${path}`);
}

/**
 * Writes the whole file or nothing: a temporary file beside it, renamed over it, so a client that reads
 * its config meanwhile never sees half of one. The file keeps its permissions; a new one is private to
 * the user, since it may hold a token.
 */
export function writeConfigFile(path: string, text: string): void {
  const target = realTarget(path);
  mkdirSync(dirname(target), { recursive: true });
  let mode = 0o600;
  try {
    mode = statSync(target).mode & 0o777;
  } catch {
    // A new file.
  }
  const temporary = `${target}.asana-mcp-${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text, { mode });
    chmodSync(temporary, mode);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
