import Agent from "undici/lib/dispatcher/agent.js";
import Dispatcher from "undici/lib/dispatcher/dispatcher.js";
import Pool from "undici/lib/dispatcher/pool.js";
import dispatcherApi from "undici/lib/api/index.js";
import errors from "undici/lib/core/errors.js";
import retry from "undici/lib/interceptor/retry.js";

/**
 * The parts of undici the Asana client uses, loaded from their own modules. undici's index loads all of
 * undici (fetch, WebSocket, EventSource, the cache stores, the mock agents), more than half of its
 * code, and every server compiled it before its first call (about 50 ms of CPU). These are the very
 * classes the index exports (test/asana/undici-parts.test.ts holds them to it), so an undici update that
 * moves one fails the build and that test, not a call.
 */
// What undici's index does first: give every dispatcher request(), stream() and the other calls.
Object.assign(Dispatcher.prototype, dispatcherApi);

export { Agent, Pool, errors };
export const interceptors = { retry };

/**
 * undici's FormData, loaded with the first upload. Node's global FormData is another copy of the class,
 * which undici's encoder does not recognise: it would send "[object FormData]".
 */
export async function loadFormData(): Promise<typeof import("undici").FormData> {
  return (await import("undici/lib/web/fetch/formdata.js")).default.FormData;
}
