/**
 * Counts the tool calls in flight, so a server that is asked to stop can let them finish (up to a
 * grace period) instead of dropping them, while it turns new calls away.
 */
export interface CallTracker {
  /** Marks a call as started; undefined when the server is shutting down and takes no new calls. */
  begin(): (() => void) | undefined;
  readonly draining: boolean;
  readonly inFlight: number;
  /** Stops taking calls and resolves when none is in flight, or when `graceMs` has passed. */
  drain(graceMs: number): Promise<{ unfinished: number }>;
}

export function createCallTracker(): CallTracker {
  let inFlight = 0;
  let draining = false;
  let settle: (() => void) | undefined;
  return {
    begin() {
      if (draining) return undefined;
      inFlight += 1;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        inFlight -= 1;
        if (draining && inFlight === 0) settle?.();
      };
    },
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight;
    },
    async drain(graceMs) {
      draining = true;
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, graceMs);
          settle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return { unfinished: inFlight };
    },
  };
}
