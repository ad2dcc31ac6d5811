import { callUsage, parseCall, type CallConfig } from "./cli/call.js";
import { configUsage, parseClientConfig, type ClientConfigCommand } from "./cli/config.js";
import { helpSections } from "./cli/help.js";
import { parseRegister, registerUsage, type RegisterConfig } from "./cli/register.js";
import { parseServe, type ServeConfig } from "./cli/serve.js";
import { serverSettings, settingGroups } from "./cli/server-settings.js";
import { CliUsageError } from "./cli/usage-error.js";

/**
 * The command line and the environment, parsed: one module per command under src/cli/, the server's
 * settings declared once in src/cli/server-settings.ts. Nothing else in the server reads argv or env.
 */
export { callUsage, configUsage, CliUsageError, registerUsage };
export { isPlaceholder, placeholderAdvice, unexpandedPlaceholders } from "./cli/placeholders.js";
export { serverSettings, settingGroups } from "./cli/server-settings.js";
export { settingsMarkdown } from "./cli/help.js";
export type { CallConfig, ClientConfigCommand, RegisterConfig, ServeConfig };

export type CliCommand =
  | ServeConfig
  | RegisterConfig
  | CallConfig
  | ClientConfigCommand
  | { command: "check"; config: ServeConfig }
  | { command: "help"; text: string }
  | { command: "version" };

export const usage = `asana-mcp: Asana tools for AI agents, over the Model Context Protocol.

Usage:
  asana-mcp [options]                  serve MCP over stdio (default) or HTTP
  asana-mcp check [options]            try the configured credentials once: who am I in Asana?
  asana-mcp config <client> [--write]  print, or add, this installation's entry in an MCP client's config
  asana-mcp register --id <worker-id> --url <public base url> [--secret <secret>] [--timeout 60] [--retry 3]
  asana-mcp call <Tool> [--input '{...}'] [--user <arcade user id>] [--wait 300]
  asana-mcp config --help, register --help, call --help
  asana-mcp --help, --version

Each setting below is a flag, an environment variable, or both (the flag wins).

${helpSections(serverSettings, settingGroups)}`;

type Env = Record<string, string | undefined>;

export function parseCli(argv: readonly string[], env: Env): CliCommand {
  if (argv[0] === "register") return parseRegister(argv.slice(1), env);
  if (argv[0] === "call") return parseCall(argv.slice(1), env);
  if (argv[0] === "config") {
    const command = parseClientConfig(argv.slice(1), env);
    if (command.command === "config") {
      // The options the entry passes on are checked now, not when the client first starts the server.
      try {
        parseServe(command.serverArgs, {}, () => usage);
      } catch (error) {
        throw new CliUsageError(`config: the server options after -- are not valid: ${(error as Error).message.split("\n")[0]}`);
      }
    }
    return command;
  }
  if (argv[0] === "check") {
    const config = parseServe(argv.slice(1), env, () => usage);
    if (config.command !== "serve") return config;
    return { command: "check", config };
  }
  return parseServe(argv, env, () => usage);
}
