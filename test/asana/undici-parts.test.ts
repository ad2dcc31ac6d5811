import * as undici from "undici";
import { describe, expect, test } from "vitest";
import { Agent, errors, interceptors, loadFormData, Pool } from "../../src/asana/undici-parts.js";

// The server loads undici's parts from their own modules (src/asana/undici-parts.ts). These hold them to
// undici's public API: an update that moves or renames one fails here, by name.
describe("undici's parts, loaded one by one, are what its index exports", () => {
  test("the pool, the agent, the retry interceptor and the errors are the same objects", () => {
    expect(Pool).toBe(undici.Pool);
    expect(Agent).toBe(undici.Agent);
    expect(interceptors.retry).toBe(undici.interceptors.retry);
    for (const name of ["HeadersTimeoutError", "BodyTimeoutError", "RequestAbortedError", "UndiciError"] as const) {
      expect(errors[name], name).toBe(undici.errors[name]);
    }
  });

  test("every dispatcher has request(), and FormData is undici's own class (Node's global one is another)", async () => {
    expect(typeof Pool.prototype.request).toBe("function");
    expect(typeof Pool.prototype.compose).toBe("function");
    const FormData = await loadFormData();
    expect(FormData).toBe(undici.FormData);
    expect(FormData).not.toBe(globalThis.FormData);
  });
});
