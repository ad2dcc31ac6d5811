import { clientById, type ServerLaunch, type Surroundings } from "./clients.js";
import { backUpConfigFile, readConfigFile, writeConfigFile } from "./config-file.js";
import { ConfigFileRefusal, mergeJsonEntry, type MergedConfig } from "./json-config.js";
import { tokenSources, type ServerVariable, type TokenSourceId } from "./token-sources.js";
import { appendTomlTable, renderTomlTable } from "./toml-config.js";

export { clientById, clientIds, clients } from "./clients.js";
export type { ClientFormat, ServerLaunch, Surroundings } from "./clients.js";
export { tokenSourceFrom, tokenSourceIds, tokenSources } from "./token-sources.js";
export type { TokenSourceId } from "./token-sources.js";

/** `asana-mcp config <client>`, as parsed. */
export interface ClientConfigRequest {
  client: string;
  tokenSource: TokenSourceId;
  /** False when the token source was inferred from the environment. */
  tokenSourceChosen: boolean;
  name: string;
  write: boolean;
  force: boolean;
  file?: string;
  /** Write values even where the client could fill them in from its own environment. */
  inlineSecrets: boolean;
  /** Passed on to the server, e.g. --read-only. */
  serverArgs: string[];
}

export interface ClientConfigContext {
  /** This installation: node and the absolute path of dist/bin.js. */
  launch: ServerLaunch;
  surroundings: Surroundings;
  /** Where the variables' values come from when they are written (never printed). */
  env: Record<string, string | undefined>;
  now(): Date;
  out(line: string): void;
  err(line: string): void;
}

/** What a person replaces in the file when a value was not in the environment. */
const placeholderFor = (variable: ServerVariable) => `<${variable.label}>`;

/**
 * Prints the client's entry for this installation, or (--write) merges it into the client's config file:
 * a backup first, every other key and entry kept, an entry of the same name replaced only with --force.
 * Returns the exit status.
 */
export function runClientConfig(request: ClientConfigRequest, context: ClientConfigContext): number {
  const client = clientById(request.client);
  if (!client) throw new Error(`unknown client ${request.client}`);
  const source = tokenSources[request.tokenSource];
  const variables = source.variables.filter((variable) => !variable.optional || context.env[variable.name]?.trim());
  const byReference = client.reference && !request.inlineSecrets ? variables : [];
  const byValue = variables.filter((variable) => !byReference.includes(variable));
  const placeholders: string[] = [];
  const values = Object.fromEntries(
    byValue.map((variable) => {
      const value = context.env[variable.name]?.trim();
      // A printed entry never shows a credential: the terminal and its scrollback are not the config file.
      if (value && (request.write || !variable.secret)) return [variable.name, value];
      placeholders.push(variable.name);
      return [variable.name, placeholderFor(variable)];
    }),
  );
  const launch = { command: context.launch.command, args: [...context.launch.args, ...source.args, ...request.serverArgs] };
  const entry = client.entry(launch, { values, references: byReference });
  const inputs = client.inputs && byReference.length > 0 ? client.inputs(byReference) : undefined;
  const file = request.file ?? client.defaultFile(context.surroundings);

  context.err(
    `${client.title}, token source: ${source.title}${request.tokenSourceChosen ? "" : " (from this environment; choose with --token-source pat|arcade|sandbox)"}`,
  );
  if (/[\\/]_npx[\\/]/.test(launch.args[0] ?? "")) {
    context.err(
      "This copy of asana-mcp runs from npm's npx cache, which npm may clear. For a path that lasts, install it (npm install -g ./asana-mcp-<version>.tgz) and run config from there.",
    );
  }

  if (!request.write) {
    const snippet =
      client.syntax === "toml"
        ? renderTomlTable(client.serversKey, request.name, entry)
        : `${JSON.stringify({ ...(inputs ? { inputs } : {}), [client.serversKey]: { [request.name]: entry } }, null, 2)}\n`;
    context.out(snippet.trimEnd());
    context.err(`Add it to ${file}, or run this again with --write to merge it in (a backup first; every other entry is kept).`);
    if (request.client === "claude-code") {
      const envFlags = variables.map((variable) => ` -e ${variable.name}=\${${variable.name}}`).join("");
      context.err(
        `Or let Claude Code add it for you: claude mcp add --scope user${envFlags} ${request.name} -- ${[launch.command, ...launch.args].map(shellWord).join(" ")}`,
      );
    }
    if (placeholders.length > 0) context.err(`Replace ${placeholders.map((name) => `<…> (${name})`).join(", ")} with the real value.`);
    return 0;
  }

  const original = readConfigFile(file);
  let merged: MergedConfig;
  try {
    merged =
      client.syntax === "toml"
        ? appendTomlTable(original, { tableKey: client.serversKey, name: request.name, entry })
        : mergeJsonEntry(original, { serversKey: client.serversKey, name: request.name, entry, ...(inputs ? { inputs } : {}), force: request.force });
  } catch (error) {
    if (!(error instanceof ConfigFileRefusal)) throw error;
    context.err(`asana-mcp config: left ${file} unchanged: ${error.message}`);
    if (error.reason === "unreadable") {
      context.err("Add this entry by hand:");
      context.out(
        client.syntax === "toml" ? renderTomlTable(client.serversKey, request.name, entry).trimEnd() : JSON.stringify({ [request.name]: entry }, null, 2),
      );
    }
    return 1;
  }
  if (merged.outcome === "unchanged") {
    context.out(`${file} already has this "${request.name}" entry; nothing changed.`);
    return 0;
  }
  const backup = original === undefined ? undefined : backUpConfigFile(file, context.now());
  writeConfigFile(file, merged.text);
  context.out(
    `${merged.outcome === "added" ? "Added" : "Replaced"} the "${request.name}" server in ${file}${backup ? ` (the previous file is kept as ${backup})` : ""}.`,
  );
  if (placeholders.length > 0) {
    context.out(
      `Replace the placeholder${placeholders.length > 1 ? "s" : ""} for ${placeholders.join(", ")} in that file with the real value, or set ${placeholders.length > 1 ? "them" : "it"} and run this again with --force.`,
    );
  }
  context.out(client.afterWriting);
  return 0;
}

/** A word a POSIX shell takes as is. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
