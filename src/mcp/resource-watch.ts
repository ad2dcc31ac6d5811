import type { Logger } from "../log/index.js";
import { resourceOf, type ResourceSubscriptions, type RunTool } from "./resources.js";

export interface ResourceWatchOptions {
  run: RunTool;
  /** Tells the client a watched resource changed (notifications/resources/updated). */
  notify(uri: string): Promise<void>;
  /** How often Asana is asked for each watched resource's changes. */
  pollMs: number;
  logger: Logger;
  /** Watched resources per connection at most: each costs one Asana request per poll. */
  max?: number;
}

interface Watch {
  resourceId: string;
  syncToken?: string;
  timer: NodeJS.Timeout;
  polling: boolean;
}

/**
 * Subscriptions to resources, fed by Asana's events (GET /events with a sync token, through the
 * toolkit's Asana_GetRecentChanges): each watched task or project is asked what changed every
 * `pollMs`, and the client hears `notifications/resources/updated` when something did. One connection's
 * watches end with it (close()).
 */
export function createResourceWatcher(options: ResourceWatchOptions): ResourceSubscriptions & { close(): void } {
  const watches = new Map<string, Watch>();
  const max = options.max ?? 50;
  const controller = new AbortController();

  const poll = async (uri: string, watch: Watch) => {
    if (watch.polling || controller.signal.aborted) return;
    watch.polling = true;
    try {
      const args = { resource_id: watch.resourceId, ...(watch.syncToken ? { sync_token: watch.syncToken } : {}) };
      const outcome = await options.run("GetRecentChanges", args, controller.signal);
      if (!outcome.ok) {
        options.logger.debug("could not ask Asana what changed in a watched resource", { uri, error: outcome.error.kind });
        // The object is gone or out of reach: say it changed (a read now tells how), and stop watching it.
        if (outcome.error.statusCode === 404 || outcome.error.statusCode === 403) {
          stop(uri);
          await options.notify(uri).catch(() => undefined);
        }
        return;
      }
      const changes = outcome.output as { count?: number; sync_token?: string; token_expired?: boolean };
      const first = watch.syncToken === undefined;
      if (typeof changes.sync_token === "string" && changes.sync_token !== "") watch.syncToken = changes.sync_token;
      if (!first && ((changes.count ?? 0) > 0 || changes.token_expired === true)) await options.notify(uri).catch(() => undefined);
    } finally {
      watch.polling = false;
    }
  };

  const stop = (uri: string) => {
    const watch = watches.get(uri);
    if (!watch) return;
    clearInterval(watch.timer);
    watches.delete(uri);
  };

  return {
    add(uri) {
      if (watches.has(uri)) return;
      const found = resourceOf(uri);
      if (!found?.kind.watches || found.id === undefined) return;
      if (watches.size >= max) {
        options.logger.warn(`a client asked to watch more than ${max} resources; the oldest watch ends`);
        stop(watches.keys().next().value!);
      }
      const watch: Watch = { resourceId: found.id, timer: setInterval(() => void poll(uri, watch), options.pollMs), polling: false };
      watch.timer.unref();
      watches.set(uri, watch);
      // The first look only takes Asana's sync token: changes are reported from the subscription on.
      void poll(uri, watch);
    },
    remove: stop,
    close() {
      controller.abort();
      for (const uri of [...watches.keys()]) stop(uri);
    },
  };
}
