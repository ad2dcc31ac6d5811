import { parseArgs } from "node:util";
import { helpLines, settingNames } from "./help.js";
import { serverSetting } from "./server-settings.js";
import { flagOptions, readFromEnv, readSettings, setting } from "./setting.js";
import { CliUsageError } from "./usage-error.js";
import { optionalText, wholeNumber } from "./value-kinds.js";

/** `asana-mcp call <Tool>`: what an agent does through the Engine, from a terminal. */
export interface CallConfig {
  command: "call";
  /** Fully qualified, e.g. `Asana.DeleteTask`. */
  toolName: string;
  input: Record<string, unknown>;
  userId: string;
  toolVersion?: string;
  /** How long to wait for the user to finish a pending authorization. */
  waitSeconds: number;
  arcadeApiKey: string;
  arcadeBaseUrl?: string;
}

const callOptions = [
  setting({
    key: "input",
    flag: "input",
    placeholder: "<json>",
    defaultText: "{}",
    group: "call",
    description: "the tool's input, a JSON object",
    parse: (raw: string | undefined) => raw,
  }),
  setting({
    key: "userId",
    flag: "user",
    placeholder: "<id>",
    env: "ARCADE_USER_ID",
    group: "call",
    description: "the Arcade user to act for",
    parse: optionalText(),
  }),
  setting({
    key: "toolVersion",
    flag: "tool-version",
    placeholder: "<v>",
    group: "call",
    description: "run this version of the toolkit, e.g. when Arcade's hosted Asana toolkit and this worker share the name Asana",
    parse: optionalText(),
  }),
  setting({
    key: "waitSeconds",
    flag: "wait",
    placeholder: "<seconds>",
    defaultText: "300",
    group: "call",
    description: "how long to wait for a pending authorization, 0-3600",
    parse: wholeNumber({ fallback: 300, min: 0, max: 3600 }),
  }),
] as const;

const apiKey = serverSetting("arcadeApiKey");
const baseUrl = serverSetting("arcadeBaseUrl");
const toolkit = serverSetting("arcadeToolkitName");

export const callUsage = `asana-mcp call: calls a tool through the Arcade Engine, as an agent would.

Usage:
  asana-mcp call <Tool> [--input '{"task_id":"1234567890"}'] [--user <arcade user id>] [--wait 300]

It asks the Engine to authorize the tool for the user (tools.authorize); if the user has not approved
Asana yet, it prints Arcade's link on stderr and waits, up to --wait seconds, for them to finish. Then
it runs the tool (tools.execute) and prints its output as JSON on stdout, or Arcade's error on stderr.

Arguments:
  <Tool>
      e.g. DeleteTask (taken as <ARCADE_TOOLKIT_NAME>.DeleteTask) or Asana.DeleteTask
${helpLines(callOptions)}
  --help

Exit status: 0 the tool succeeded; 1 the tool or Arcade failed; 2 a usage error; 3 the user did not
finish authorizing in time (run the command again once they have).

Environment:
  ${settingNames(apiKey)}: an Arcade API key (required)
  ${settingNames(baseUrl)}: a self-hosted Engine (default Arcade's cloud)
  ${settingNames(toolkit)}: the toolkit a bare tool name belongs to (default ${toolkit.defaultText})
`;

export function parseCall(argv: readonly string[], env: Record<string, string | undefined>): CallConfig | { command: "help"; text: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: { ...flagOptions(callOptions), help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\n${callUsage}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: "help", text: callUsage };
  if (positionals.length !== 1)
    throw new CliUsageError(`call needs exactly one tool name, e.g. asana-mcp call DeleteTask --input '{"task_id":"1234567890"}'\n\n${callUsage}`);
  const options = readSettings(callOptions, values, env);
  const toolName = qualifiedCallName(positionals[0]!, readFromEnv(toolkit, env));
  let input: unknown = {};
  if (options.input !== undefined) {
    try {
      input = JSON.parse(options.input);
    } catch (error) {
      throw new CliUsageError(`call --input must be a JSON object such as '{"task_id":"1234567890"}' (${(error as Error).message})`);
    }
  }
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    throw new CliUsageError(`call --input must be a JSON object such as '{"task_id":"1234567890"}' (got ${JSON.stringify(input)})`);
  }
  if (!options.userId)
    throw new CliUsageError("call needs --user <arcade user id>, or ARCADE_USER_ID in the environment: the user whose Asana account the tool acts on");
  const arcadeApiKey = readFromEnv(apiKey, env);
  if (!arcadeApiKey) throw new CliUsageError("call needs ARCADE_API_KEY in the environment (an Arcade API key of the project the worker is registered in)");
  const arcadeBaseUrl = readFromEnv(baseUrl, env);
  return {
    command: "call",
    toolName,
    input: input as Record<string, unknown>,
    userId: options.userId,
    ...(options.toolVersion ? { toolVersion: options.toolVersion } : {}),
    waitSeconds: options.waitSeconds,
    arcadeApiKey,
    ...(arcadeBaseUrl ? { arcadeBaseUrl } : {}),
  };
}

/** `DeleteTask` → `Asana.DeleteTask`; `Asana_DeleteTask` (the MCP name) → `Asana.DeleteTask`; `X.Y` as given. */
function qualifiedCallName(name: string, toolkitName: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_.]*$/.test(name)) throw new CliUsageError(`call: "${name}" is not a tool name; pass e.g. DeleteTask or ${toolkitName}.DeleteTask`);
  if (name.includes(".")) return name;
  const mcpPrefix = `${toolkitName.toLowerCase()}_`;
  if (name.toLowerCase().startsWith(mcpPrefix)) return `${toolkitName}.${name.slice(mcpPrefix.length)}`;
  return `${toolkitName}.${name}`;
}
