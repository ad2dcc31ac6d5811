import { NotFoundError } from "@arcadeai/arcadejs";
import { ArcadeRequestError, createArcadeClient, explainArcadeError, waitForAuthorization } from "../auth/index.js";
import type { CallConfig } from "../cli.js";
import { sanitizeOutsideText, withoutControlCharacters } from "../log/index.js";

/** Where `call` writes: the tool's output to `out` (stdout), everything meant for the person to `err`. */
export interface CallOutput {
  out(text: string): void;
  err(text: string): void;
}

/** Exit statuses, as `asana-mcp call --help` documents them. */
export const callExit = { ok: 0, failed: 1, authorizationPending: 3 } as const;

/**
 * `asana-mcp call`: the agent's side of the seed, as Arcade's docs write it for `Asana.DeleteTask` —
 * `tools.authorize`, show the link if one is needed, wait for the user (with a deadline, unlike
 * arcadejs's `waitForCompletion`), then `tools.execute`, and print the output or Arcade's error.
 */
export async function callToolThroughArcade(config: CallConfig, output: CallOutput, options: { now?: () => number } = {}): Promise<number> {
  const now = options.now ?? Date.now;
  const arcade = createArcadeClient({ apiKey: config.arcadeApiKey, ...(config.arcadeBaseUrl ? { baseUrl: config.arcadeBaseUrl } : {}), maxRetries: 1 });
  const tool = `${config.toolName}${config.toolVersion ? `@${config.toolVersion}` : ""}`;
  const version = config.toolVersion ? { tool_version: config.toolVersion } : {};
  const explain = (error: unknown, doing: string) => {
    if (error instanceof NotFoundError) {
      return new ArcadeRequestError(
        `Arcade has no tool ${tool}. Check the name and version (GET /v1/tools lists them, e.g. ${config.toolName.split(".")[0]}.ListWorkspaces), ` +
          "and that the worker serving it is registered and healthy (asana-mcp register).",
        404,
      );
    }
    return explainArcadeError(error, arcade.baseURL, doing);
  };

  let authorization;
  try {
    authorization = await arcade.tools.authorize({ tool_name: config.toolName, user_id: config.userId, ...version });
  } catch (error) {
    throw explain(error, `authorizing ${tool} for ${config.userId}`);
  }
  if (authorization.status !== "completed") {
    if (authorization.status === "failed") {
      output.err(
        `Arcade reports that the authorization of ${tool} for ${config.userId} failed. Try again; if it keeps failing, check the auth provider in the Arcade dashboard.`,
      );
      return callExit.failed;
    }
    let linkShown = false;
    const showLink = (url: string | undefined) => {
      if (!url || linkShown) return;
      output.err(`${config.userId} has not authorized ${tool} yet. Open this link and approve access:\n\n  ${withoutControlCharacters(url)}\n`);
      linkShown = true;
    };
    showLink(authorization.url);
    if (config.waitSeconds > 0 && authorization.id) {
      output.err(`Waiting up to ${config.waitSeconds} s for the authorization to complete...`);
      try {
        authorization = await waitForAuthorization(arcade, authorization, { deadline: now() + config.waitSeconds * 1000, now });
      } catch (error) {
        throw explain(error, "waiting for the authorization");
      }
    }
    if (authorization.status === "failed") {
      output.err(`Arcade reports that the authorization of ${tool} for ${config.userId} failed.`);
      return callExit.failed;
    }
    if (authorization.status !== "completed") {
      showLink(authorization.url);
      output.err(
        linkShown
          ? `The authorization was not completed within ${config.waitSeconds} s. Once the link above is approved, run the same command again.`
          : `The authorization was not completed within ${config.waitSeconds} s, and Arcade gave no link to approve it. ` +
              "Check the Asana auth provider in the Arcade dashboard, then run the same command again.",
      );
      return callExit.authorizationPending;
    }
    output.err("Authorized.");
  }

  let result;
  try {
    // Never repeated by the client: a write tool (CreateTask) that ran once must not run twice because
    // an answer was slow or a gateway hiccuped.
    result = await arcade.tools.execute({ tool_name: config.toolName, input: config.input, user_id: config.userId, ...version }, { maxRetries: 0 });
  } catch (error) {
    throw explain(error, `executing ${tool}`);
  }
  if (result.success) {
    output.out(jsonForTerminal(result.output?.value ?? null));
    return callExit.ok;
  }
  const error = result.output?.error;
  const lines = [`${tool} failed: ${error?.message ?? `Arcade reported status "${result.status ?? "failed"}" without an error`}`];
  if (error) {
    lines.push(
      `  kind: ${error.kind}; can_retry: ${error.can_retry}${error.status_code !== undefined ? `; status_code: ${error.status_code}` : ""}${error.retry_after_ms !== undefined ? `; retry_after_ms: ${error.retry_after_ms}` : ""}`,
    );
    if (error.additional_prompt_content) lines.push(`  ${error.additional_prompt_content}`);
  }
  const link = result.output?.authorization?.url;
  if (link) lines.push(`  Authorization is needed first: ${link}`);
  // Arcade's strings go to a terminal: no escape sequence of theirs may act on it, and no credential shows.
  output.err(sanitizeOutsideText(lines.join("\n")));
  return callExit.failed;
}

/**
 * The tool's output as JSON, with DEL and the C1 controls (U+007F to U+009F, which JSON leaves raw and
 * some terminals obey as escape sequences) written as \u escapes: the same value for a program that
 * reads it, and inert on a terminal.
 */
function jsonForTerminal(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
