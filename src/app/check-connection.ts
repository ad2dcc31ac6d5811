import { isPlaceholder, placeholderAdvice, type ServeConfig } from "../cli.js";
import type { Logger } from "../log/index.js";
import { invokeTool, selectTools, withAsanaAuthSettings, type AnyToolDefinition } from "../toolkit/index.js";
import { asanaToolkit } from "../../tools/index.js";
import { getUserById } from "../../tools/users/get-user-by-id.js";
import { buildAsanaRuntime } from "./asana-runtime.js";
import { packageVersion } from "./version.js";

/**
 * `asana-mcp check`: the configuration a client would start the server with, tried once for real.
 * It resolves the token the same way a tool call does and asks Asana who the user is, so a wrong token,
 * a pending Arcade authorization or an unreachable ASANA_BASE_URL shows up in a terminal instead of as
 * an error inside a chat.
 */
export async function checkConnection(
  config: ServeConfig,
  logger: Logger,
  print: (line: string) => void,
  tools: readonly AnyToolDefinition[] = asanaToolkit,
): Promise<boolean> {
  const runtime = await buildAsanaRuntime(config, logger);
  try {
    const selected = selectTools(tools, { readOnly: config.readOnly, toolsets: config.toolsets });
    print(`asana-mcp ${packageVersion}`);
    print(`Asana API:    ${runtime.asana.baseUrl}${runtime.sandbox ? " (sandbox emulator, demo data)" : ""}`);
    print(
      `Token source: ${runtime.sandbox ? "the sandbox's own demo token" : runtime.tokens.source}${config.arcade?.userId && !runtime.sandbox ? ` for user ${config.arcade.userId}` : ""}`,
    );
    print(
      `Tools:        ${selected.length} of ${tools.length} offered to MCP clients (toolsets ${config.toolsets.join(",")}${config.readOnly ? ", read-only" : ""})`,
    );
    // A placeholder the client config never filled in would reach Asana as a token and come back as a
    // 401 that reads like a revoked token; name it instead, and send nothing.
    const credentials: Array<[string, string | undefined]> = config.asanaAccessToken
      ? [["ASANA_ACCESS_TOKEN", config.asanaAccessToken]]
      : [
          ["ARCADE_API_KEY", config.arcade?.apiKey],
          ["ARCADE_USER_ID", config.arcade?.userId],
        ];
    const unfilled = runtime.sandbox ? [] : credentials.filter(([, value]) => isPlaceholder(value));
    for (const [name, value] of unfilled) print(`FAILED: ${placeholderAdvice(name, value)}`);
    if (unfilled.length > 0) return false;
    const [whoAmI] = withAsanaAuthSettings([getUserById], config.asanaAuth);
    const outcome = await invokeTool(runtime, {
      tool: whoAmI!,
      displayName: "check",
      arguments: { user_id: "me" },
      signal: AbortSignal.timeout(config.asanaTimeoutMs * 2),
      ...(config.arcade?.userId ? { userId: config.arcade.userId } : {}),
    });
    if (!outcome.ok) {
      // The tool's error text is written for a model ("show the user this link"); here a person reads it.
      if (outcome.error.authorizationUrl) {
        print("NOT YET AUTHORIZED: Asana access through Arcade has not been approved for this user.");
        print(`Open this link in a browser and approve access, then run check again:\n  ${outcome.error.authorizationUrl}`);
      } else {
        print(`FAILED: ${outcome.error.message}`);
      }
      return false;
    }
    const user = (outcome.output as { user: { name?: string; email?: string; workspaces?: Array<{ id: string; name?: string }> } }).user;
    print(`OK: connected to Asana as ${user.name ?? "(no name)"}${user.email ? ` <${user.email}>` : ""}`);
    const workspaces = (user.workspaces ?? []).map((w) => `${w.name ?? "(unnamed)"} (${w.id})`);
    if (workspaces.length > 0) print(`Workspaces:   ${workspaces.join(", ")}`);
    return true;
  } finally {
    await runtime.close();
  }
}
