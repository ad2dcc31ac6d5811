import { afterEach, describe, expect, test } from "vitest";
import { FormData } from "undici";
import { AsanaApiError, AsanaNetworkError, AsanaRequestAbortedError, asanaPath, mayHaveTakenEffect } from "../../src/asana/index.js";
import { parseRetryAfterMs } from "../../src/asana/retry-policy.js";
import { startAsanaFake } from "../support/asana-fake.js";
import { clientFor, closeClients } from "../support/tool-harness.js";

afterEach(closeClients);

describe("Asana client", () => {
  test("sends the bearer token, unwraps {data}, joins opt_fields with commas", async () => {
    const fake = await startAsanaFake();
    const session = clientFor(fake).session({ token: fake.token });
    const task = await session.get<{ gid: string; name: string; assignee: { name: string } }>(asanaPath`/tasks/${fake.world.task.gid}`, {
      optFields: ["name", "assignee.name"],
    });
    expect(task).toEqual({
      gid: fake.world.task.gid,
      resource_type: "task",
      name: "Prepare the quarterly report",
      assignee: { gid: fake.world.me.gid, resource_type: "user", name: "Ada Lovelace" },
    });
    const [exchange] = fake.exchanges;
    expect(exchange?.headers.authorization).toBe(`Bearer ${fake.token}`);
    expect(exchange?.query.opt_fields).toBe("name,assignee.name");
  });

  test("wraps POST and PUT bodies in {data}", async () => {
    const fake = await startAsanaFake();
    const session = clientFor(fake).session({ token: fake.token });
    const created = await session.post<{ gid: string }>("/tasks", { name: "New", workspace: fake.world.premium.gid });
    await session.put(asanaPath`/tasks/${created.gid}`, { name: "Renamed" });
    expect(fake.requestsTo("POST", "/tasks")[0]?.body).toEqual({ data: { name: "New", workspace: fake.world.premium.gid } });
    expect(fake.requestsTo("PUT", `/tasks/${created.gid}`)[0]?.body).toEqual({ data: { name: "Renamed" } });
    expect(fake.store.get(created.gid)?.name).toBe("Renamed");
  });

  test("getPage keeps Asana's next_page.offset and passes it back", async () => {
    const fake = await startAsanaFake();
    const session = clientFor(fake).session({ token: fake.token });
    const first = await session.getPage<{ gid: string }>(asanaPath`/tasks/${fake.world.task.gid}/subtasks`, { limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextOffset).toEqual(expect.any(String));
    const second = await session.getPage<{ gid: string }>(asanaPath`/tasks/${fake.world.task.gid}/subtasks`, { limit: 2, offset: first.nextOffset });
    expect(second.items.map((t) => t.gid)).toEqual([fake.world.subtasks[2]!.gid]);
    expect(second.nextOffset).toBeNull();
  });

  test("asanaPath encodes values so an id cannot add path segments", () => {
    expect(asanaPath`/tasks/${"1/../../users/me"}`).toBe("/tasks/1%2F..%2F..%2Fusers%2Fme");
  });

  test("a 404 becomes a typed AsanaApiError with Asana's message", async () => {
    const fake = await startAsanaFake();
    const session = clientFor(fake).session({ token: fake.token });
    const error = await session.get("/tasks/404404").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AsanaApiError);
    expect(error).toMatchObject({ status: 404, method: "GET", path: "/tasks/404404" });
    expect((error as AsanaApiError).asanaMessage).toContain("task: Unknown object: 404404");
  });

  test("a wrong token is Asana's 401", async () => {
    const fake = await startAsanaFake();
    const error = await clientFor(fake)
      .session({ token: "wrong" })
      .get("/users/me")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, asanaMessage: "Not Authorized" });
  });

  test("a 429 with Retry-After is waited out and retried, then succeeds", async () => {
    const fake = await startAsanaFake();
    fake.faults.rateLimitStorm("/users/me", 1, 1);
    const started = Date.now();
    const me = await clientFor(fake)
      .session({ token: fake.token })
      .get<{ name: string }>("/users/me", { optFields: ["name"] });
    expect(me.name).toBe("Ada Lovelace");
    expect(fake.requestsTo("GET", "/users/me").map((e) => e.response.status)).toEqual([429, 200]);
    // Retry-After: 1 means at least about a second between the two attempts (not a timing assertion on speed).
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  test("retries are bounded: a storm longer than maxRetries ends in the last 429, with Retry-After kept", async () => {
    const fake = await startAsanaFake();
    fake.faults.inject({ path: "/users/me", status: 429, times: 10, retryAfterSeconds: 0 });
    const error = await clientFor(fake, { maxRetries: 2 })
      .session({ token: fake.token })
      .get("/users/me")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 0 });
    expect(fake.requestsTo("GET", "/users/me")).toHaveLength(3);
  });

  test("a GET that meets a 503 or a connection reset is retried", async () => {
    const fake = await startAsanaFake();
    fake.faults.inject({ path: "/users/me", status: 503, retryAfterSeconds: 0 });
    fake.faults.inject({ path: "/users/me", reset: true });
    const me = await clientFor(fake).session({ token: fake.token }).get<{ gid: string }>("/users/me");
    expect(me.gid).toBe(fake.world.me.gid);
    // the reset request never got an answer, so only the 503 and the success were recorded
    expect(fake.requestsTo("GET", "/users/me").map((e) => e.response.status)).toEqual([503, 200]);
  });

  test("a PUT and a DELETE that meet a 5xx are sent again and succeed: they do the same however often they are sent", async () => {
    const fake = await startAsanaFake();
    const { task, subtasks } = fake.world;
    const session = clientFor(fake).session({ token: fake.token });
    fake.faults.inject({ method: "PUT", path: `/tasks/${task.gid}`, status: 503, retryAfterSeconds: 0 });
    await session.put(asanaPath`/tasks/${task.gid}`, { name: "Renamed after a 503" });
    expect(fake.requestsTo("PUT", `/tasks/${task.gid}`).map((e) => e.response.status)).toEqual([503, 200]);
    expect(fake.store.get(task.gid)?.name).toBe("Renamed after a 503");

    fake.faults.inject({ method: "DELETE", path: `/tasks/${subtasks[0]!.gid}`, status: 502 });
    await session.delete(asanaPath`/tasks/${subtasks[0]!.gid}`);
    expect(fake.requestsTo("DELETE", `/tasks/${subtasks[0]!.gid}`).map((e) => e.response.status)).toEqual([502, 200]);
    expect(fake.store.get(subtasks[0]!.gid)).toBeUndefined();
  });

  test("a POST that gets a 500 is not repeated", async () => {
    const fake = await startAsanaFake();
    fake.faults.inject({ method: "POST", path: "/tasks", status: 500, times: 5 });
    const error = await clientFor(fake)
      .session({ token: fake.token })
      .post("/tasks", { name: "Once only", workspace: fake.world.premium.gid })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500, phrase: "6 sad squid snuggle softly" });
    expect(fake.requestsTo("POST", "/tasks")).toHaveLength(1);
  });

  test("a POST whose connection is reset is not repeated", async () => {
    const fake = await startAsanaFake();
    fake.faults.inject({ method: "POST", path: "/tasks", reset: true, times: 5 });
    const error = await clientFor(fake)
      .session({ token: fake.token })
      .post("/tasks", { name: "Once only", workspace: fake.world.premium.gid })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AsanaNetworkError);
    // The fault resets every attempt, so the store stays empty either way: only the attempt count
    // shows whether the POST was sent again.
    expect(fake.received).toBe(1);
  });

  test("a DELETE whose answer was lost is sent again, and the 404 that follows means it was deleted", async () => {
    const fake = await startAsanaFake();
    const { gid } = fake.world.subtasks[0]!;
    fake.faults.inject({ method: "DELETE", path: `/tasks/${gid}`, afterWork: "reset" });
    await clientFor(fake).session({ token: fake.token }).delete(asanaPath`/tasks/${gid}`);
    expect(fake.store.get(gid)).toBeUndefined();
    expect(fake.arrivals.filter((a) => a.method === "DELETE")).toHaveLength(2);
    expect(fake.requestsTo("DELETE", `/tasks/${gid}`).map((e) => e.response.status)).toEqual([404]);
  });

  test("a DELETE of something that is not there, answered at once, is still not found", async () => {
    const fake = await startAsanaFake();
    const error = await clientFor(fake)
      .session({ token: fake.token })
      .delete("/tasks/31337")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404 });
  });

  test("a Retry-After that would outlast the call's deadline is not waited out: the 429 comes back at once", async () => {
    const fake = await startAsanaFake();
    fake.faults.inject({ path: "/users/me", status: 429, times: 5, retryAfterSeconds: 30 });
    const error = await clientFor(fake, { maxRetries: 3 })
      .session({ token: fake.token, deadline: Date.now() + 5_000 })
      .get("/users/me")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 30 });
    // Only the first attempt was made: no wait was started that could not end before the deadline.
    expect(fake.requestsTo("GET", "/users/me")).toHaveLength(1);
  });

  test("Retry-After is read as seconds or a date and capped at an hour: 1e9 s is not a wait anyone means", () => {
    expect(parseRetryAfterMs("30")).toBe(30_000);
    expect(parseRetryAfterMs("1e9")).toBe(3_600_000);
    expect(parseRetryAfterMs("Wed, 21 Oct 2099 07:28:00 GMT", Date.parse("2026-01-01T00:00:00Z"))).toBe(3_600_000);
    expect(parseRetryAfterMs("-5")).toBe(0);
    expect(parseRetryAfterMs("soon")).toBeUndefined();
  });

  test("a create refused with 429 (Asana did nothing) is waited out and sent again; after a 5xx it is not", async () => {
    const fake = await startAsanaFake();
    fake.faults.inject({ method: "POST", path: "/tasks", status: 429, retryAfterSeconds: 0 });
    const session = clientFor(fake).session({ token: fake.token });
    await session.post("/tasks", { name: "After the storm", workspace: fake.world.premium.gid });
    expect(fake.requestsTo("POST", "/tasks").map((e) => e.response.status)).toEqual([429, 201]);
    fake.faults.inject({ method: "POST", path: "/tasks", status: 500 });
    await session.post("/tasks", { name: "Not twice", workspace: fake.world.premium.gid }).catch(() => undefined);
    expect(fake.requestsTo("POST", "/tasks").map((e) => e.response.status)).toEqual([429, 201, 500]);
  });

  test("a slow answer past the timeout is a timeout error, not a hang", async () => {
    const fake = await startAsanaFake();
    fake.faults.inject({ path: "/users/me", latencyMs: 1_500 });
    const error = await clientFor(fake, { timeoutMs: 200, maxRetries: 0 })
      .session({ token: fake.token })
      .get("/users/me")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AsanaNetworkError);
    expect((error as AsanaNetworkError).timedOut).toBe(true);
  });

  // undici checks its headersTimeout on a coarse timer (about a second), so 100 ms and 300 ms used to let
  // an answer of 800 or 900 ms through. The margins are wide: this is about behaviour, not speed.
  test.each([
    [100, 800],
    [300, 900],
  ])("a per-attempt timeout of %i ms holds as set: an answer that takes %i ms is a timeout", async (timeoutMs, latencyMs) => {
    const fake = await startAsanaFake();
    fake.faults.inject({ path: "/users/me", latencyMs });
    const error = await clientFor(fake, { timeoutMs, maxRetries: 0 })
      .session({ token: fake.token })
      .get("/users/me")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AsanaNetworkError);
    expect(error).toMatchObject({ timedOut: true, code: "UND_ERR_HEADERS_TIMEOUT" });
  });

  test("an attempt that timed out is a lost answer: a GET is sent again, a create is not", async () => {
    const fake = await startAsanaFake();
    fake.faults.inject({ method: "GET", path: "/users/me", latencyMs: 900 });
    const session = clientFor(fake, { timeoutMs: 100, maxRetries: 1 }).session({ token: fake.token });
    expect(await session.get<{ gid: string }>("/users/me")).toMatchObject({ gid: fake.world.me.gid });
    expect(fake.arrivals.filter((a) => a.path === "/users/me")).toHaveLength(2);

    fake.faults.inject({ method: "POST", path: "/tasks", afterWork: "hang", latencyMs: 900 });
    const error = await session.post("/tasks", { name: "Sent once", workspace: fake.world.premium.gid }).catch((e: unknown) => e);
    expect(error).toMatchObject({ timedOut: true });
    expect(mayHaveTakenEffect(error)).toBe(true);
    expect(fake.arrivals.filter((a) => a.method === "POST" && a.path === "/tasks")).toHaveLength(1);
  });

  test("the caller's AbortSignal cancels a request in flight", async () => {
    const fake = await startAsanaFake();
    fake.faults.inject({ path: "/users/me", latencyMs: 2_000 });
    const controller = new AbortController();
    const pending = clientFor(fake)
      .session({ token: fake.token, signal: controller.signal })
      .get("/users/me")
      .catch((e: unknown) => e);
    await expect.poll(() => fake.received).toBe(1);
    controller.abort();
    expect(await pending).toBeInstanceOf(AsanaRequestAbortedError);
    await expect.poll(() => fake.abandoned, { timeout: 5_000 }).toBe(1);
  });

  test("the caller's AbortSignal also ends a Retry-After wait", async () => {
    const fake = await startAsanaFake();
    fake.faults.rateLimitStorm("/users/me", 1, 2); // within the client's 2 s cap on a wait, so it is waited out
    const controller = new AbortController();
    const pending = clientFor(fake)
      .session({ token: fake.token, signal: controller.signal })
      .get("/users/me")
      .catch((e: unknown) => e);
    // Cancel only once the 429 has been answered, i.e. during the Retry-After wait.
    await expect.poll(() => fake.exchanges.length).toBe(1);
    controller.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(AsanaRequestAbortedError);
    // Had the wait run its course, the retry would have been recorded before the promise settled.
    expect(fake.requestsTo("GET", "/users/me")).toHaveLength(1);
  });

  test("an error keeps Asana's whole body: the 412 of GET /events carries a fresh sync token beside the errors", async () => {
    const fake = await startAsanaFake();
    const error = await clientFor(fake)
      .session({ token: fake.token })
      .get(`/events?resource=${fake.world.task.gid}`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AsanaApiError);
    expect(error).toMatchObject({ status: 412 });
    expect((error as AsanaApiError).body).toMatchObject({
      errors: [{ message: expect.stringContaining("Sync token invalid") }],
      sync: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  test("batchRead sends GET actions through POST /batch and hands back each action's own status", async () => {
    const fake = await startAsanaFake();
    const results = await clientFor(fake)
      .session({ token: fake.token })
      .batchRead([{ relative_path: `/tasks/${fake.world.task.gid}`, options: { fields: ["name"] } }, { relative_path: "/tasks/1200000000000404" }]);
    expect(results.map((r) => r.status_code)).toEqual([200, 404]);
    expect(results[0]!.body).toEqual({ data: { gid: fake.world.task.gid, resource_type: "task", name: "Prepare the quarterly report" } });
    expect(fake.requestsTo("POST", "/batch")[0]?.body).toEqual({
      data: {
        actions: [
          { relative_path: `/tasks/${fake.world.task.gid}`, options: { fields: ["name"] }, method: "get" },
          { relative_path: "/tasks/1200000000000404", method: "get" },
        ],
      },
    });
  });

  test("a batch of reads is retried like a GET after a 503 or a reset, though its method is POST", async () => {
    const fake = await startAsanaFake();
    fake.faults.inject({ method: "POST", path: "/batch", status: 503, retryAfterSeconds: 0 });
    fake.faults.inject({ method: "POST", path: "/batch", reset: true });
    const results = await clientFor(fake)
      .session({ token: fake.token })
      .batchRead([{ relative_path: `/tasks/${fake.world.task.gid}` }]);
    expect(results.map((r) => r.status_code)).toEqual([200]);
    expect(fake.requestsTo("POST", "/batch").map((e) => e.response.status)).toEqual([503, 200]);
    expect(fake.received).toBe(3);
  });

  test("a batch of reads that keeps failing is an ordinary server error, not a write that may have happened", async () => {
    const fake = await startAsanaFake();
    fake.faults.inject({ method: "POST", path: "/batch", status: 500, times: 10 });
    const error = await clientFor(fake, { maxRetries: 1 })
      .session({ token: fake.token })
      .batchRead([{ relative_path: `/tasks/${fake.world.task.gid}` }])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500, method: "POST", repeatable: true });
    expect(mayHaveTakenEffect(error)).toBe(false);
    expect(fake.requestsTo("POST", "/batch")).toHaveLength(2);
    expect(mayHaveTakenEffect(new AsanaApiError(500, "POST", "/tasks", "Server Error"))).toBe(true);
  });

  test("multipart bodies go out as form data without an envelope", async () => {
    const fake = await startAsanaFake({ expectViolations: true });
    const form = new FormData();
    form.set("parent", fake.world.task.gid);
    await clientFor(fake)
      .session({ token: fake.token })
      .postForm("/attachments", form)
      .catch(() => undefined);
    const [exchange] = fake.requestsTo("POST", "/attachments");
    expect(exchange?.bodyKind).toBe("multipart");
    expect(exchange?.body).toEqual({ fields: { parent: fake.world.task.gid }, files: {} });
  });
});
