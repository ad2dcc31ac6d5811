import type { IncomingMessage } from "node:http";

/**
 * A fixed-window counter per endpoint group and client (its address, or behind a trusted proxy the
 * address the proxy forwards). Each replica counts for itself: behind N replicas a caller gets at most
 * N times the limit, which still bounds brute force against codes and tokens, and CIMD fetches made on
 * a caller's behalf.
 */
export interface RateLimiter {
  /** Counts one request to a group of endpoints; undefined when it is allowed, else how many seconds to wait. */
  take(group: string, req: IncomingMessage): number | undefined;
}

export function createRateLimiter(options: { limit: number; windowMs: number; clientOf: (req: IncomingMessage) => string; now?: () => number }): RateLimiter {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = now();
  return {
    take(group, req) {
      const key = `${group}:${options.clientOf(req)}`;
      const at = now();
      if (at - lastSweep > options.windowMs) {
        for (const [other, window] of windows) if (at - window.start >= options.windowMs) windows.delete(other);
        lastSweep = at;
      }
      const window = windows.get(key);
      if (!window || at - window.start >= options.windowMs) {
        windows.set(key, { start: at, count: 1 });
        return undefined;
      }
      window.count += 1;
      if (window.count <= options.limit) return undefined;
      return Math.max(1, Math.ceil((window.start + options.windowMs - at) / 1000));
    },
  };
}
