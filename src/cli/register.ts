import { parseArgs } from "node:util";
import { defaultEngineTimeoutSeconds, engineTimeoutWarnings, maxEngineTimeoutSeconds } from "../worker/engine-timeout.js";
import { workerSecretWarnings } from "../worker/secret.js";
import { helpLines, settingNames } from "./help.js";
import { serverSetting } from "./server-settings.js";
import { flagOptions, readFromEnv, readSettings, setting } from "./setting.js";
import { CliUsageError } from "./usage-error.js";
import { exactSecret, optionalText, optionalWholeNumber, wholeNumber } from "./value-kinds.js";

export interface RegisterConfig {
  command: "register";
  workerId: string;
  /** The worker's public base URL (the Engine appends /worker/...). */
  url: string;
  /** Exactly as given: the Engine signs with the raw value. */
  secret: string;
  timeoutSeconds: number;
  retries: number;
  arcadeApiKey: string;
  arcadeBaseUrl?: string;
  /** Things to tell the operator before registering: a loopback URL, a short secret. */
  warnings: string[];
}

const registerOptions = [
  setting({
    key: "id",
    flag: "id",
    placeholder: "<worker-id>",
    group: "register",
    description: "the worker's ID in Arcade: letters, digits, - and _ (e.g. asana-mcp)",
    parse: optionalText(),
  }),
  setting({
    key: "url",
    flag: "url",
    placeholder: "<url>",
    group: "register",
    description:
      "the worker's public base URL; the Engine calls <url>/worker/... on it. A loopback URL (localhost, 127.0.0.1) is reachable only by an Engine on this same machine",
    parse: optionalText(),
  }),
  setting({
    key: "secret",
    flag: "secret",
    placeholder: "<secret>",
    env: "ARCADE_WORKER_SECRET",
    group: "register",
    description: "the secret the Engine signs its calls with: the very same value the worker runs with, used exactly as given",
    parse: exactSecret(),
  }),
  setting({
    key: "timeoutSeconds",
    flag: "timeout",
    placeholder: "<seconds>",
    defaultText: "the call deadline + 15 (60)",
    group: "register",
    description:
      "how long the Engine waits for one tool call, 1-300; keep it above the worker's call deadline (ASANA_CALL_DEADLINE_SECONDS, default 45), or the Engine may give up on a write still running and retry it",
    parse: optionalWholeNumber({ min: 1, max: maxEngineTimeoutSeconds }),
  }),
  setting({
    key: "retries",
    flag: "retry",
    placeholder: "<n>",
    defaultText: "3",
    group: "register",
    description: "how often the Engine retries a call that failed to reach the worker, 0-10",
    parse: wholeNumber({ fallback: 3, min: 0, max: 10 }),
  }),
] as const;

const apiKey = serverSetting("arcadeApiKey");
const baseUrl = serverSetting("arcadeBaseUrl");

export const registerUsage = `asana-mcp register: registers a running asana-mcp worker with the Arcade Engine.

Usage:
  asana-mcp register --id <worker-id> --url <public base url> [--secret <secret>] [--timeout 60] [--retry 3]

It looks the worker id up in the Engine (workers.get), updates it if it exists and creates it if not
(type "http", the "Arcade" server type that gets Asana tokens injected), then asks the Engine to
health-check it. It exits 0 when the Engine reports the worker healthy, 1 otherwise.

Options:
${helpLines(registerOptions)}
  --help

Environment:
  ${settingNames(apiKey)}: an Arcade API key allowed to manage workers (required)
  ${settingNames(baseUrl)}: a self-hosted Engine (default Arcade's cloud, ${baseUrl.defaultText})
`;

/** Names that reach only this machine: an Engine elsewhere (Arcade's cloud) cannot call them. */
function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127\./.test(host) || host === "0.0.0.0";
}

export function parseRegister(argv: readonly string[], env: Record<string, string | undefined>): RegisterConfig | { command: "help"; text: string } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: { ...flagOptions(registerOptions), help: { type: "boolean", short: "h" } },
    }));
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\n${registerUsage}`);
  }
  if (values.help) return { command: "help", text: registerUsage };
  const options = readSettings(registerOptions, values, env);
  if (!options.id || !/^[A-Za-z0-9_-]{1,64}$/.test(options.id))
    throw new CliUsageError("register needs --id <worker-id>: letters, digits, - and _ (e.g. asana-mcp)");
  let url: URL;
  try {
    url = new URL(options.url ?? "");
  } catch {
    throw new CliUsageError("register needs --url <the worker's public base URL>, e.g. https://asana-mcp.example.com");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new CliUsageError(`register --url must be an http(s) URL (got "${options.url}")`);
  const secret = options.secret;
  if (!secret) throw new CliUsageError("register needs --secret, or ARCADE_WORKER_SECRET in the environment (the same secret the worker runs with)");
  const arcadeApiKey = readFromEnv(apiKey, env);
  if (!arcadeApiKey) throw new CliUsageError("register needs ARCADE_API_KEY in the environment (an Arcade API key allowed to manage workers)");
  const arcadeBaseUrl = readFromEnv(baseUrl, env);
  const warnings = workerSecretWarnings(secret, values.secret !== undefined ? "--secret" : "ARCADE_WORKER_SECRET");
  if (isLoopbackUrl(url)) {
    warnings.push(
      `--url ${url.origin} is a loopback address: only an Engine running on this same machine can reach it, and Arcade's cloud Engine cannot. ` +
        "Expose the worker (a public host, or a tunnel such as cloudflared or ngrok) and register that URL.",
    );
  }
  // The worker's call deadline, if set here as the worker has it: the Engine must wait longer than that.
  const callDeadlineSeconds = readFromEnv(serverSetting("callDeadlineMs"), env) / 1000;
  const timeoutSeconds = options.timeoutSeconds ?? defaultEngineTimeoutSeconds(callDeadlineSeconds);
  warnings.push(...engineTimeoutWarnings(timeoutSeconds, callDeadlineSeconds));
  return {
    command: "register",
    workerId: options.id,
    url: url.toString().replace(/\/$/, ""),
    secret,
    timeoutSeconds,
    retries: options.retries,
    arcadeApiKey,
    ...(arcadeBaseUrl ? { arcadeBaseUrl } : {}),
    warnings,
  };
}
