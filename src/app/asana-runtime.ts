import { AsanaClient } from "../asana/index.js";
import { createTokenResolver, PersonalAccessTokenResolver, type TokenResolver } from "../auth/index.js";
import type { ServeConfig } from "../cli.js";
import type { Logger } from "../log/index.js";
import type { RunningEmulator } from "../sandbox/index.js";
import type { ToolRuntime } from "../toolkit/index.js";
import { packageVersion } from "./version.js";

/** The Asana client and token source a configuration calls for, and the sandbox behind them if any. */
export interface AsanaRuntime extends ToolRuntime {
  sandbox?: RunningEmulator;
  close(): Promise<void>;
}

export async function buildAsanaRuntime(config: ServeConfig, logger: Logger): Promise<AsanaRuntime> {
  // Sandbox: the real server against an in-process emulator on loopback, seeded with demo data. The
  // emulator is loaded only in sandbox mode.
  let sandbox: { emulator: RunningEmulator; token: string } | undefined;
  if (config.sandbox) {
    const { AsanaStore, sandboxToken, seedDemoWorld, startAsanaEmulator } = await import("../sandbox/index.js");
    const store = new AsanaStore();
    const { me } = seedDemoWorld(store);
    const emulator = await startAsanaEmulator({ store, tokens: { [sandboxToken]: me.gid }, host: "127.0.0.1", port: 0, recordLimit: 100 });
    sandbox = { emulator, token: sandboxToken };
    logger.info(`sandbox mode: demo Asana data served from ${emulator.baseUrl}; nothing reaches the real Asana`);
  }
  const baseUrl = sandbox?.emulator.baseUrl ?? config.asanaBaseUrl;
  // Asana's own storage hosts always; the emulator's loopback storage only in sandbox mode or when a developer names it.
  const storageOrigins = [...(sandbox ? [sandbox.emulator.origin] : []), ...(config.devStorageOrigin ? [config.devStorageOrigin] : [])];
  const asana = new AsanaClient({
    ...(baseUrl ? { baseUrl } : {}),
    timeoutMs: config.asanaTimeoutMs,
    maxRetries: config.asanaMaxRetries,
    retryBaseDelayMs: config.asanaRetryBaseDelayMs,
    maxConnections: config.asanaMaxConnections,
    userAgent: `asana-mcp/${packageVersion}`,
    logger,
    storage: { maxBytes: config.attachmentMaxBytes, devOrigins: storageOrigins },
  });
  const tokens: TokenResolver = sandbox
    ? new PersonalAccessTokenResolver(sandbox.token)
    : await createTokenResolver(
        { ...(config.asanaAccessToken ? { asanaAccessToken: config.asanaAccessToken } : {}), ...(config.arcade ? { arcade: config.arcade } : {}) },
        logger,
      );
  // Replicas that share Redis agree on creates' idempotency keys; alone, this process's memory keeps them.
  const idempotency = config.redisUrl ? await (await import("../idempotency/index.js")).openRedisLedger(config.redisUrl, logger) : undefined;
  return {
    asana,
    tokens,
    ...(idempotency ? { idempotency } : {}),
    ...(sandbox ? { sandbox: sandbox.emulator } : {}),
    close: async () => {
      await asana.close();
      await idempotency?.close();
      await sandbox?.emulator.close();
    },
  };
}
