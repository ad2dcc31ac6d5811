import type { Transport } from "@modelcontextprotocol/server";
import type { ResourceSubscriptions } from "./resources.js";

/**
 * On 2026-07-28 a client subscribes to resources inside `subscriptions/listen`, which the SDK's stdio
 * entry answers itself: it routes our `notifications/resources/updated` to the listen streams that asked,
 * but never tells the server which resources those are. This watches the connection's inbound messages
 * for them, so the resources a client listens to are the ones Asana is asked about, and a listen the
 * client cancels stops its watches.
 */
export function watchListenedResources(transport: Transport, subscriptions: ResourceSubscriptions): void {
  let deliver: Transport["onmessage"];
  const listens = new Map<string | number, string[]>();
  const listeners = new Map<string, number>();

  const observe = (message: unknown) => {
    const { id, method, params } = message as { id?: string | number; method?: unknown; params?: Record<string, unknown> };
    if (method === "subscriptions/listen" && id !== undefined) {
      const wanted = (params?.notifications as { resourceSubscriptions?: unknown } | undefined)?.resourceSubscriptions;
      const uris = Array.isArray(wanted) ? wanted.filter((uri): uri is string => typeof uri === "string").slice(0, 100) : [];
      listens.set(id, uris);
      for (const uri of uris) {
        listeners.set(uri, (listeners.get(uri) ?? 0) + 1);
        subscriptions.add(uri);
      }
    } else if (method === "notifications/cancelled") {
      const requestId = params?.requestId as string | number | undefined;
      const uris = requestId === undefined ? undefined : listens.get(requestId);
      if (!uris) return;
      listens.delete(requestId!);
      for (const uri of uris) {
        const left = (listeners.get(uri) ?? 1) - 1;
        if (left > 0) listeners.set(uri, left);
        else {
          listeners.delete(uri);
          subscriptions.remove(uri);
        }
      }
    }
  };

  Object.defineProperty(transport, "onmessage", {
    configurable: true,
    get: () =>
      deliver &&
      ((message: Parameters<NonNullable<Transport["onmessage"]>>[0], extra?: Parameters<NonNullable<Transport["onmessage"]>>[1]) => {
        observe(message);
        deliver?.(message, extra);
      }),
    set: (handler: Transport["onmessage"]) => {
      deliver = handler;
    },
  });
}
