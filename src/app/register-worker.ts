import { NotFoundError, type Arcade } from "@arcadeai/arcadejs";
import { ArcadeRequestError, createArcadeClient, explainArcadeError } from "../auth/index.js";
import type { RegisterConfig } from "../cli.js";
import { sanitizeOutsideText, type Logger } from "../log/index.js";

export interface RegistrationResult {
  workerId: string;
  /** Whether the worker already existed (and was updated) or was created. */
  action: "created" | "updated";
  healthy: boolean;
  message: string;
}

type WorkerResponse = Awaited<ReturnType<Arcade["workers"]["get"]>>;

/**
 * Registers a running asana-mcp with an Arcade Engine as an "Arcade"-type (http) worker, the type
 * that gets Asana tokens injected, then asks the Engine to health-check it. The dashboard does the
 * same under MCP Servers → Add Server → type "Arcade".
 *
 * It looks the id up first (`workers.get`) and then updates or creates. What the Engine answers to a
 * duplicate `create` is not documented, and arcadejs retries a 409 by itself, so a create-then-update
 * on conflict would depend on behaviour nobody promised.
 */
export async function registerWorker(config: RegisterConfig, logger: Logger): Promise<RegistrationResult> {
  const arcade = createArcadeClient({
    apiKey: config.arcadeApiKey,
    ...(config.arcadeBaseUrl ? { baseUrl: config.arcadeBaseUrl } : {}),
    maxRetries: 1,
    timeoutMs: 30_000,
  });
  const explain = (error: unknown, doing: string) => explainArcadeError(error, arcade.baseURL, doing);
  const http = { uri: config.url, secret: config.secret, timeout: config.timeoutSeconds, retry: config.retries };

  let existing: WorkerResponse | undefined;
  try {
    existing = await arcade.workers.get(config.workerId);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw explain(error, `looking up worker ${config.workerId}`);
  }

  let action: RegistrationResult["action"];
  if (existing) {
    if (existing.type && existing.type !== "http") {
      throw new ArcadeRequestError(
        `Arcade already has a server with the ID ${config.workerId}, of type "${arcadeWords(existing.type)}" rather than "http" (the "Arcade" type, which gets Asana tokens injected). ` +
          "Choose another --id, or delete that server in the Arcade dashboard (MCP Servers) first.",
      );
    }
    try {
      await arcade.workers.update(config.workerId, { enabled: true, http });
    } catch (error) {
      throw explain(error, `updating worker ${config.workerId}`);
    }
    action = "updated";
    logger.info(`worker ${config.workerId} existed; updated its URL, secret, timeout and retries`, {
      previous_uri: existing.http?.uri ?? null,
      uri: config.url,
    });
  } else {
    try {
      await arcade.workers.create({ id: config.workerId, type: "http", enabled: true, http });
    } catch (error) {
      throw explain(error, `creating worker ${config.workerId}`);
    }
    action = "created";
    logger.info(`registered worker ${config.workerId} at ${config.url}`);
  }

  let health;
  try {
    health = await arcade.workers.health(config.workerId);
  } catch (error) {
    throw explain(error, `asking the Engine to health-check worker ${config.workerId}`);
  }
  return { workerId: config.workerId, action, healthy: health.healthy === true, message: arcadeWords(health.message ?? "") };
}

/** A string of Arcade's, fit for a terminal: no credential, no control character, at most 300 characters. */
function arcadeWords(text: string): string {
  const clean = sanitizeOutsideText(text).replace(/\s+/g, " ").trim();
  return clean.length > 300 ? `${clean.slice(0, 297)}...` : clean;
}
