import { join } from "node:path";
import type { ServerVariable } from "./token-sources.js";

/** Where the client runs: enough to find its config file the way its documentation says. */
export interface Surroundings {
  home: string;
  platform: NodeJS.Platform;
  cwd: string;
  env: Record<string, string | undefined>;
}

export interface ServerLaunch {
  command: string;
  args: string[];
}

/**
 * One MCP client's config format. Each entry cites the documentation its shape and file come from;
 * a client whose format could not be cited is not here.
 */
export interface ClientFormat {
  id: string;
  title: string;
  syntax: "json" | "toml";
  /** The object that maps server names to entries (JSON), or the table prefix (TOML). */
  serversKey: string;
  defaultFile(where: Surroundings): string;
  /**
   * How the entry names a variable the client fills in when it starts the server, or undefined when
   * the client passes `env` values through as written (then the value itself, or a placeholder, goes in).
   */
  reference?(variable: ServerVariable): string;
  /** The server's entry: the variables given by value, and those the client fills in by reference. */
  entry(launch: ServerLaunch, env: EntryEnv): Record<string, unknown>;
  /** VS Code's `inputs`: the prompts its references ask. */
  inputs?(variables: ServerVariable[]): Array<Record<string, unknown>>;
  /** What to tell a person after writing the entry. */
  afterWriting: string;
}

export interface EntryEnv {
  values: Record<string, string>;
  references: ServerVariable[];
}

/** JSON clients: one `env` object, references written in the client's own syntax. */
function jsonEnv(env: EntryEnv, reference: (variable: ServerVariable) => string = (v) => v.name): { env?: Record<string, string> } {
  const merged = { ...env.values, ...Object.fromEntries(env.references.map((variable) => [variable.name, reference(variable)])) };
  return Object.keys(merged).length > 0 ? { env: merged } : {};
}

/** The per-user application data folder: %APPDATA% on Windows, ~/Library/Application Support on macOS, XDG elsewhere. */
function appData(where: Surroundings): string {
  if (where.platform === "win32") return where.env.APPDATA ?? join(where.home, "AppData", "Roaming");
  if (where.platform === "darwin") return join(where.home, "Library", "Application Support");
  return where.env.XDG_CONFIG_HOME ?? join(where.home, ".config");
}

const inputId = (variable: ServerVariable) => `asana-mcp-${variable.name.toLowerCase().replace(/_/g, "-")}`;

/** The ways clients name a variable they fill in from their environment (or, VS Code, from a prompt). */
const dollarBraces = (variable: ServerVariable) => `\${${variable.name}}`;
const envColon = (variable: ServerVariable) => `\${env:${variable.name}}`;
const vscodeInput = (variable: ServerVariable) => `\${input:${inputId(variable)}}`;

export const clients: readonly ClientFormat[] = [
  {
    // modelcontextprotocol.io/quickstart/user ("For Claude Desktop Users"): claude_desktop_config.json in
    // ~/Library/Application Support/Claude or %APPDATA%\Claude, `mcpServers` of {command, args, env}.
    // Claude Desktop passes env values as written (no ${VAR}) and starts servers without the shell's
    // PATH, hence the absolute node path. Anthropic ships no Linux build; ~/.config/Claude is where the
    // community builds read it.
    id: "claude-desktop",
    title: "Claude Desktop",
    syntax: "json",
    serversKey: "mcpServers",
    defaultFile: (where) => join(appData(where), "Claude", "claude_desktop_config.json"),
    entry: (launch, env) => ({ command: launch.command, args: launch.args, ...jsonEnv(env) }),
    afterWriting: "Quit Claude Desktop completely and start it again; the Asana tools appear in its tools menu.",
  },
  {
    // code.claude.com/docs/en/mcp: project scope is `.mcp.json` at the project root, `mcpServers` of
    // {type: "stdio", command, args, env}, with ${VAR} expanded from Claude Code's environment.
    id: "claude-code",
    title: "Claude Code",
    syntax: "json",
    serversKey: "mcpServers",
    defaultFile: (where) => join(where.cwd, ".mcp.json"),
    reference: dollarBraces,
    entry: (launch, env) => ({ type: "stdio", command: launch.command, args: launch.args, ...jsonEnv(env, dollarBraces) }),
    afterWriting: "Start Claude Code in this folder with the variables set in its environment, and approve the project's server when asked; /mcp lists it.",
  },
  {
    // cursor.com/docs/context/mcp: ~/.cursor/mcp.json (or a project's .cursor/mcp.json), `mcpServers` of
    // {command, args, env}; ${env:NAME} is filled from Cursor's environment.
    id: "cursor",
    title: "Cursor",
    syntax: "json",
    serversKey: "mcpServers",
    defaultFile: (where) => join(where.home, ".cursor", "mcp.json"),
    reference: envColon,
    entry: (launch, env) => ({ command: launch.command, args: launch.args, ...jsonEnv(env, envColon) }),
    afterWriting: "Cursor fills ${env:…} from its own environment: start it from a shell where the variables are set. Its MCP settings list the server.",
  },
  {
    // code.visualstudio.com/docs/copilot/reference/mcp-configuration: mcp.json in the user profile (or a
    // workspace's .vscode/mcp.json), root key `servers` of {type: "stdio", command, args, env}, and
    // `inputs` of {type: "promptString", id, description, password} that ${input:id} asks for once and
    // keeps in VS Code's secret storage.
    id: "vscode",
    title: "VS Code",
    syntax: "json",
    serversKey: "servers",
    defaultFile: (where) => join(appData(where), "Code", "User", "mcp.json"),
    reference: vscodeInput,
    entry: (launch, env) => ({ type: "stdio", command: launch.command, args: launch.args, ...jsonEnv(env, vscodeInput) }),
    inputs: (variables) =>
      variables.map((variable) => ({
        type: "promptString",
        id: inputId(variable),
        description: variable.label,
        ...(variable.secret ? { password: true } : {}),
      })),
    afterWriting: "VS Code asks for each value the first time it starts the server and keeps it in its secret storage; MCP: List Servers shows it.",
  },
  {
    // geminicli.com/docs/tools/mcp-server and /docs/cli/configuration: ~/.gemini/settings.json,
    // `mcpServers` of {command, args, env}; settings strings may reference $VAR or ${VAR}.
    id: "gemini-cli",
    title: "Gemini CLI",
    syntax: "json",
    serversKey: "mcpServers",
    defaultFile: (where) => join(where.home, ".gemini", "settings.json"),
    reference: dollarBraces,
    entry: (launch, env) => ({ command: launch.command, args: launch.args, ...jsonEnv(env, dollarBraces) }),
    afterWriting: "Start gemini with the variables set in its environment; /mcp lists the server.",
  },
  {
    // docs.windsurf.com/windsurf/cascade/mcp: ~/.codeium/windsurf/mcp_config.json, "the same schema as
    // Claude Desktop" (`mcpServers` of {command, args, env}); ${env:VAR} is interpolated in command,
    // args and env ("Config Interpolation").
    id: "windsurf",
    title: "Windsurf",
    syntax: "json",
    serversKey: "mcpServers",
    defaultFile: (where) => join(where.home, ".codeium", "windsurf", "mcp_config.json"),
    reference: envColon,
    entry: (launch, env) => ({ command: launch.command, args: launch.args, ...jsonEnv(env, envColon) }),
    afterWriting: "Windsurf fills ${env:…} from its own environment: start it from a shell where the variables are set, then refresh its MCP list.",
  },
  {
    // github.com/openai/codex docs/config.md ("MCP integration"): $CODEX_HOME/config.toml (default
    // ~/.codex), a [mcp_servers.<name>] table of command and args; env_vars names variables passed on
    // from Codex's own environment, so no value need be written; env sets values.
    id: "codex",
    title: "Codex",
    syntax: "toml",
    serversKey: "mcp_servers",
    defaultFile: (where) => join(where.env.CODEX_HOME ?? join(where.home, ".codex"), "config.toml"),
    reference: (variable) => variable.name,
    entry: (launch, env) => ({
      command: launch.command,
      args: launch.args,
      ...(Object.keys(env.values).length > 0 ? { env: env.values } : {}),
      ...(env.references.length > 0 ? { env_vars: env.references.map((variable) => variable.name) } : {}),
    }),
    afterWriting: "Start codex with the variables set in its environment; /mcp lists the server.",
  },
];

export const clientIds: readonly string[] = clients.map((client) => client.id);

export function clientById(id: string): ClientFormat | undefined {
  return clients.find((client) => client.id === id);
}
