/**
 * Finds Asana's OpenAPI document on disk and returns it parsed and normalised, using a JSON cache so
 * that each vitest worker process doesn't re-parse 3 MB of YAML.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { load as parseYaml } from "js-yaml";
import { normaliseAsanaOpenApiDocument, type NormalisationReport } from "./normalize-asana-oas.js";

export const SPEC_PATH_ENV_VAR = "ASANA_OPENAPI_PATH";

const moduleFile = fileURLToPath(import.meta.url);
const moduleDir = dirname(moduleFile);

/**
 * The repository root is the nearest ancestor of this module holding a package.json. Derived from
 * the module's location, not process.cwd(), so that running vitest from a subdirectory (or an IDE
 * runner with another cwd) finds the same document.
 */
export function repositoryRoot(): string {
  let directory = moduleDir;
  for (;;) {
    if (existsSync(join(directory, "package.json"))) return directory;
    const parent = dirname(directory);
    if (parent === directory) return resolve(moduleDir, "..", "..");
    directory = parent;
  }
}

export interface SpecPathCandidates {
  /** Paths to try, in order; the first that exists is used. */
  paths: string[];
  /** Whether the caller named the document explicitly (option or env var). */
  explicit: boolean;
}

/**
 * Resolution order: `specPath` option, then `$ASANA_OPENAPI_PATH`, then `<repo>/spec/asana_oas.yaml`
 * (written by `npm run spec:fetch`), then the shared copy beside the repository. A document named
 * explicitly is the only candidate: if someone points at a file that isn't there, silently validating
 * against a different document would hide the mistake.
 */
export function specPathCandidates(explicitSpecPath?: string): SpecPathCandidates {
  if (explicitSpecPath) return { paths: [resolve(explicitSpecPath)], explicit: true };
  const fromEnvironment = process.env[SPEC_PATH_ENV_VAR];
  if (fromEnvironment) return { paths: [resolve(fromEnvironment)], explicit: true };
  const root = repositoryRoot();
  return {
    paths: [join(root, "spec", "asana_oas.yaml"), resolve(root, "..", "shared", "asana-openapi", "asana_oas.yaml")],
    explicit: false,
  };
}

export interface NormalisedSpec {
  path: string;
  /** sha256 of the YAML file's bytes. */
  sha256: string;
  /** Normalised but not dereferenced (so it is still plain JSON). */
  document: Record<string, unknown>;
  report: NormalisationReport;
  source: "yaml" | "json-cache";
  loadMillis: number;
}

/** Bumped by hand only if the cache file's layout changes; normaliser changes are picked up by hashing its source. */
const CACHE_LAYOUT_VERSION = 1;
const CACHE_FILE_PREFIX = "asana-oas.normalised.";
const CACHE_FILES_KEPT = 3;

interface CacheFile {
  layoutVersion: number;
  key: string;
  report: NormalisationReport;
  document: Record<string, unknown>;
}

/**
 * The cache key covers the YAML bytes and the normaliser's source text, so editing a patch
 * invalidates the cache without anyone remembering to bump a version. If the normaliser's source
 * can't be read (an unusual build layout), caching is simply skipped.
 */
function cacheKeyFor(yamlSha256: string): string | undefined {
  const normaliserFile = join(moduleDir, `normalize-asana-oas${extname(moduleFile)}`);
  let normaliserSource: Buffer;
  try {
    normaliserSource = readFileSync(normaliserFile);
  } catch {
    return undefined;
  }
  return createHash("sha256").update(`layout ${CACHE_LAYOUT_VERSION}\n`).update(yamlSha256).update(normaliserSource).digest("hex");
}

function cacheDirectory(): string {
  return join(repositoryRoot(), "node_modules", ".cache", "asana-mcp");
}

function readCache(file: string, key: string): CacheFile | undefined {
  try {
    const cached = JSON.parse(readFileSync(file, "utf8")) as Partial<CacheFile>;
    if (cached.layoutVersion !== CACHE_LAYOUT_VERSION || cached.key !== key) return undefined;
    if (typeof cached.document !== "object" || cached.document === null || !cached.report) return undefined;
    return cached as CacheFile;
  } catch {
    return undefined; // missing or half-written by a crashed process: fall back to the YAML
  }
}

/**
 * Best effort: a read-only checkout or a full disk must not fail the tests. Written to a temporary
 * name and renamed so that parallel vitest workers never read a half-written file.
 */
function writeCache(directory: string, file: string, contents: CacheFile): void {
  try {
    mkdirSync(directory, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(contents));
    renameSync(temporary, file);
    // Each normaliser edit leaves a 2–3 MB file behind; keep only the newest few. Not just the
    // newest one: two builds of the normaliser (say .ts under vitest, compiled .js) would evict
    // each other on every run.
    const others = readdirSync(directory)
      .filter((name) => name.startsWith(CACHE_FILE_PREFIX) && name.endsWith(".json"))
      .map((name) => join(directory, name))
      .filter((path) => path !== file)
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    for (const stale of others.slice(CACHE_FILES_KEPT - 1)) rmSync(stale, { force: true });
  } catch {
    // Caching is an optimisation only.
  }
}

export function loadNormalisedSpec(path: string, options: { useCache?: boolean } = {}): NormalisedSpec {
  const started = performance.now();
  const yamlBytes = readFileSync(path);
  const sha256 = createHash("sha256").update(yamlBytes).digest("hex");
  const key = options.useCache === false ? undefined : cacheKeyFor(sha256);
  const directory = cacheDirectory();
  const cacheFile = key ? join(directory, `${CACHE_FILE_PREFIX}${key.slice(0, 24)}.json`) : undefined;

  if (key && cacheFile) {
    const cached = readCache(cacheFile, key);
    if (cached) {
      return { path, sha256, document: cached.document, report: cached.report, source: "json-cache", loadMillis: performance.now() - started };
    }
  }

  const parsed = parseYaml(yamlBytes.toString("utf8"));
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${path} is not an OpenAPI document (top level is not a mapping)`);
  }
  const { document, report } = normaliseAsanaOpenApiDocument(parsed as Record<string, unknown>);
  if (key && cacheFile) writeCache(directory, cacheFile, { layoutVersion: CACHE_LAYOUT_VERSION, key, report, document });
  return { path, sha256, document, report, source: "yaml", loadMillis: performance.now() - started };
}
