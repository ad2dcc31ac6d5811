import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The Python MCP client libraries of the matrix, pinned like the npm ones. */
export const pythonRequirementsPath = fileURLToPath(new URL("../e2e/clients/python-requirements.txt", import.meta.url));

export type PythonClients = { python: string; versions: Record<string, string> } | { skip: string };

/** The last line a failed command printed, for a one-line reason. */
function lastLineOf(error: unknown): string {
  const { stderr, message } = error as { stderr?: string; message?: string };
  const lines = (stderr || message || String(error))
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !/^WARNING: Location .* is ignored/.test(line));
  return lines.at(-1) ?? "no output";
}

function versionOf(text: string): number[] {
  return (/(\d+)\.(\d+)/.exec(text) ?? []).slice(1).map(Number);
}

/**
 * A virtual environment holding the pinned Python clients, made once per machine and pinned set in the
 * system's temp folder (never in the repo) and reused by later runs: pip takes tens of seconds, and
 * runs that share a machine share the result. It is built in a staging folder and renamed into
 * place, so a run never sees a half-made one, and two runs installing at once both end with a whole one.
 * Where python3 or the packages cannot be had (no index, no network), says why instead.
 */
export async function preparePythonClients(): Promise<PythonClients> {
  let pythonVersion: string;
  let pipVersion: string;
  try {
    pythonVersion = (await run("python3", ["--version"])).stdout.trim();
    pipVersion = (await run("python3", ["-m", "pip", "--version"])).stdout.trim();
  } catch (error) {
    return { skip: `python3 with pip is not available here (${lastLineOf(error)})` };
  }
  const requirements = readFileSync(pythonRequirementsPath, "utf8");
  const pinned = requirements.split("\n").filter((line) => line.trim() !== "");
  const root = join(tmpdir(), "asana-mcp-python-clients");
  const home = join(root, createHash("sha256").update(`${pythonVersion}\n${requirements}`).digest("hex").slice(0, 16));
  const python = join(home, "bin", "python");
  if (!existsSync(join(home, "ready"))) {
    mkdirSync(root, { recursive: true });
    const staging = mkdtempSync(join(root, "staging-"));
    try {
      // pip 22.3 and later install into another interpreter (--python): the venv needs no pip of its own.
      const [major = 0, minor = 0] = versionOf(pipVersion.replace(/^pip /, ""));
      const ownPip = major < 22 || (major === 22 && minor < 3);
      await run("python3", ["-m", "venv", ...(ownPip ? [] : ["--without-pip"]), staging]);
      const pip = ownPip ? [join(staging, "bin", "python"), "-m", "pip"] : ["python3", "-m", "pip", "--python", join(staging, "bin", "python")];
      await run(pip[0]!, [...pip.slice(1), "install", "--disable-pip-version-check", "--no-input", "--retries", "0", "--timeout", "30", "-q", ...pinned], {
        timeout: 300_000,
      });
      writeFileSync(join(staging, "ready"), `${pinned.join(" ")}\n`);
      try {
        renameSync(staging, home);
      } catch {
        // Another run finished first; its environment is as good as this one.
      }
    } catch (error) {
      return { skip: `pip could not install ${pinned.join(" ")} (${lastLineOf(error)})` };
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  const script = "import json, sys\nfrom importlib.metadata import version\nprint(json.dumps({name: version(name) for name in sys.argv[1:]}))";
  const names = pinned.map((line) => line.split(/[=<>~!]/)[0]!.trim());
  const versions = JSON.parse((await run(python, ["-c", script, ...names])).stdout) as Record<string, string>;
  return { python, versions };
}
