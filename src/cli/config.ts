import { parseArgs } from "node:util";
import { clientIds, clients, tokenSourceFrom, tokenSourceIds, type ClientConfigRequest, type TokenSourceId } from "../client-config/index.js";
import { helpLines } from "./help.js";
import { flagOptions, readSettings, setting } from "./setting.js";
import { CliUsageError } from "./usage-error.js";
import { oneOf, optionalText, yesNo } from "./value-kinds.js";

export type ClientConfigCommand = { command: "config" } & ClientConfigRequest;

const configOptions = [
  setting({
    key: "tokenSource",
    flag: "token-source",
    placeholder: "<pat|arcade|sandbox>",
    defaultText: "what this environment has: pat, else arcade, else sandbox",
    group: "config",
    description:
      "where the server gets Asana tokens: a personal access token (ASANA_ACCESS_TOKEN), Arcade (ARCADE_API_KEY, ARCADE_USER_ID), or the sandbox's demo data",
    parse: (raw: string | undefined, name: string) => (raw === undefined ? undefined : oneOf(tokenSourceIds, "sandbox")(raw, name)),
  }),
  setting({
    key: "name",
    flag: "name",
    placeholder: "<name>",
    defaultText: "asana, or asana-sandbox",
    group: "config",
    description: "the entry's name in the client's config: letters, digits, - and _",
    parse: optionalText(),
  }),
  setting({
    key: "write",
    flag: "write",
    flagIsSwitch: true,
    group: "config",
    description: "merge the entry into the client's config file (a backup first; every other entry and key is kept) instead of printing it",
    parse: yesNo(),
  }),
  setting({
    key: "force",
    flag: "force",
    flagIsSwitch: true,
    group: "config",
    description: "with --write, replace an entry of the same name",
    parse: yesNo(),
  }),
  setting({
    key: "file",
    flag: "file",
    placeholder: "<path>",
    defaultText: "the client's own file, listed above",
    group: "config",
    description: "the config file to write",
    parse: optionalText(),
  }),
  setting({
    key: "inlineSecrets",
    flag: "inline-secrets",
    flagIsSwitch: true,
    group: "config",
    description:
      "write the variables' values into the file, even for a client that could read them from its own environment or ask for them (by default only Claude Desktop gets values)",
    parse: yesNo(),
  }),
] as const;

export const configUsage = `asana-mcp config: this installation's entry for an MCP client's config.

Usage:
  asana-mcp config <client> [--token-source pat|arcade|sandbox] [--write [--force] [--file <path>]] [-- <server options>]

It prints the entry that starts this very installation (node and the absolute path of dist/bin.js),
or with --write merges it into the client's config file. Values of ASANA_ACCESS_TOKEN, ARCADE_API_KEY
and ARCADE_USER_ID come from this environment: a printed entry shows placeholders for credentials; a
written one holds a reference the client fills in from its environment (or VS Code's prompt), and the
value itself only for Claude Desktop, which cannot expand references. Server options after -- are
added to the entry's arguments, e.g. -- --read-only --toolsets all.

Clients and the files --write changes:
${clients.map((client) => `  ${client.id.padEnd(16)}${client.defaultFile({ home: "~", platform: process.platform, cwd: ".", env: {} })}`).join("\n")}

Options:
${helpLines(configOptions)}
  --help

Exit status: 0 printed, written, or already there; 1 the file was left unchanged (an entry of that
name, or a file it cannot rewrite safely); 2 a usage error.
`;

export function parseClientConfig(argv: readonly string[], env: Record<string, string | undefined>): ClientConfigCommand | { command: "help"; text: string } {
  const separator = argv.indexOf("--");
  const own = separator >= 0 ? argv.slice(0, separator) : [...argv];
  const serverArgs = separator >= 0 ? argv.slice(separator + 1) : [];
  let parsed;
  try {
    parsed = parseArgs({ args: own, strict: true, allowPositionals: true, options: { ...flagOptions(configOptions), help: { type: "boolean", short: "h" } } });
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\n${configUsage}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: "help", text: configUsage };
  const [client, ...extra] = positionals;
  if (!client || extra.length > 0 || !clientIds.includes(client)) {
    throw new CliUsageError(`config needs one client: ${clientIds.join(", ")}${client && !clientIds.includes(client) ? ` (got "${client}")` : ""}`);
  }
  const options = readSettings(configOptions, values, env);
  const tokenSource: TokenSourceId = options.tokenSource ?? tokenSourceFrom(env);
  const name = options.name ?? (tokenSource === "sandbox" ? "asana-sandbox" : "asana");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new CliUsageError(`--name must be letters, digits, - and _ (got "${name}")`);
  if (options.force && !options.write) throw new CliUsageError("--force replaces an entry in the file, so it needs --write");
  return {
    command: "config",
    client,
    tokenSource,
    tokenSourceChosen: options.tokenSource !== undefined,
    name,
    write: options.write,
    force: options.force,
    ...(options.file ? { file: options.file } : {}),
    inlineSecrets: options.inlineSecrets,
    serverArgs,
  };
}
