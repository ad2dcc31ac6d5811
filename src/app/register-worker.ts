import { APIError, Arcade } from "@arcadeai/arcadejs";
import type { RegisterConfig } from "../cli.js";
import type { Logger } from "../log/index.js";

export interface RegistrationResult {
  workerId: string;
  healthy: boolean;
  message: string;
}

/**
 * Registers a running asana-mcp with an Arcade Engine as an "Arcade"-type (http) worker, the type
 * that gets Asana tokens injected, then asks the Engine to health-check it. The dashboard does the
 * same under MCP Servers → Add Server → type "Arcade".
 */
export async function registerWorker(config: RegisterConfig, logger: Logger): Promise<RegistrationResult> {
  const arcade = new Arcade({ apiKey: config.arcadeApiKey, ...(config.arcadeBaseUrl ? { baseURL: config.arcadeBaseUrl } : {}), maxRetries: 1 });
  const http = { uri: config.url, secret: config.secret, timeout: config.timeoutSeconds, retry: config.retries };
  try {
    await arcade.workers.create({ id: config.workerId, type: "http", enabled: true, http });
    logger.info(`registered worker ${config.workerId} at ${config.url}`);
  } catch (error) {
    if (error instanceof APIError && error.status === 409) {
      // Already registered: update it in place so re-running register is how a URL or secret rotates.
      await arcade.workers.update(config.workerId, { enabled: true, http });
      logger.info(`worker ${config.workerId} existed; updated its URL and secret`);
    } else {
      throw error;
    }
  }
  const health = await arcade.workers.health(config.workerId);
  return { workerId: config.workerId, healthy: health.healthy === true, message: health.message ?? "" };
}
