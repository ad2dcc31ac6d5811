import { createClient } from "@redis/client";
import type { Logger } from "../log/index.js";
import type { StateStore } from "./state-store.js";

/** Compare-and-set in one step on the server: a refresh token's generation moves on exactly once. */
const swapScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 else return 0 end";

/** Every key this server writes starts with this, so it can share a Redis with other applications. */
const keyPrefix = "asana-mcp:";

/**
 * The shared store of several replicas: an existing Redis (or anything that speaks its protocol).
 * Loaded only when ASANA_MCP_REDIS_URL is set. A request that needs it while Redis is unreachable fails
 * (the sign-in, the refresh, the call): never silently treated as "no such token".
 */
export async function openRedisStateStore(url: string, logger: Logger): Promise<StateStore> {
  const client = createClient({
    url,
    socket: {
      connectTimeout: 5_000,
      // Reconnect with a capped back-off; commands issued meanwhile fail fast rather than queue forever.
      reconnectStrategy: (retries: number) => Math.min(250 * 2 ** retries, 5_000),
    },
    disableOfflineQueue: true,
  });
  let lastError = "";
  client.on("error", (error: Error) => {
    // The client reports every failed reconnect; one line per distinct failure is enough.
    if (error.message !== lastError) logger.warn("Redis (ASANA_MCP_REDIS_URL) is unreachable", { error: error.message });
    lastError = error.message;
  });
  client.on("ready", () => {
    if (lastError) logger.info("Redis (ASANA_MCP_REDIS_URL) is reachable again");
    lastError = "";
  });
  await client.connect();
  const where = new URL(url);
  return {
    description: `Redis at ${where.hostname}:${where.port || "6379"}`,
    async claim(key, ttlMs) {
      return (await client.set(keyPrefix + key, "1", { condition: "NX", expiration: { type: "PX", value: Math.max(1, Math.round(ttlMs)) } })) === "OK";
    },
    async get(key) {
      return (await client.get(keyPrefix + key)) ?? undefined;
    },
    async set(key, value, ttlMs) {
      await client.set(keyPrefix + key, value, { expiration: { type: "PX", value: Math.max(1, Math.round(ttlMs)) } });
    },
    async swap(key, expected, next, ttlMs) {
      const swapped = await client.eval(swapScript, { keys: [keyPrefix + key], arguments: [expected, next, String(Math.max(1, Math.round(ttlMs)))] });
      return swapped === 1;
    },
    async delete(key) {
      await client.del(keyPrefix + key);
    },
    async close() {
      await client.close();
    },
  };
}
