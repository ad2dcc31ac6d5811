import { afterEach, describe, expect, test } from "vitest";
import { AsanaStore, sandboxToken, seedDemoWorld, startAsanaEmulator } from "../../src/sandbox/index.js";
import { richTextProblem } from "../../src/toolkit/rich-text.js";
import { loadContractChecker, type ContractViolation } from "../contract/index.js";
import { contractChecks, startAsanaFake, type AsanaFake } from "../support/asana-fake.js";
import { clientFor, closeClients } from "../support/tool-harness.js";

afterEach(closeClients);

/** A raw request, as any HTTP client would send it. */
async function send(fake: { baseUrl: string }, method: string, path: string, options: { token?: string; body?: unknown } = {}) {
  const response = await fetch(fake.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${options.token ?? "pat-test-0001"}`, "content-type": "application/json" },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
}

describe("pagination", () => {
  test("pages over 250 tags with opaque offsets: 100, 100, 50, then next_page is null", async () => {
    const fake = await startAsanaFake();
    for (let i = 0; i < 248; i++)
      fake.store.insert({
        resource_type: "tag",
        name: `tag ${i}`,
        workspace: fake.world.premium.gid,
        color: null,
        notes: "",
        followers: [],
        created_at: "2026-11-01T00:00:00.000Z",
        permalink_url: "",
      });
    const seen: string[] = [];
    let path = `/tags?workspace=${fake.world.premium.gid}&limit=100`;
    const sizes: number[] = [];
    for (let page = 0; page < 5; page++) {
      const { body } = await send(fake, "GET", path);
      sizes.push(body.data.length);
      seen.push(...body.data.map((t: { gid: string }) => t.gid));
      if (!body.next_page) break;
      expect(body.next_page.offset).not.toMatch(/^\d+$/); // opaque, not an index a client could guess
      path = body.next_page.path;
    }
    expect(sizes).toEqual([100, 100, 50]);
    expect(new Set(seen).size).toBe(250);
  });

  test("limit outside 1-100 and forged offsets are 400s in Asana's error shape", async () => {
    const fake = await startAsanaFake({ expectViolations: true });
    for (const limit of ["0", "101", "ten"]) {
      const { status, body } = await send(fake, "GET", `/workspaces?limit=${limit}`);
      expect(status).toBe(400);
      expect(body.errors[0].message).toContain("limit");
    }
    const forged = await send(fake, "GET", "/workspaces?limit=1&offset=eyJwIjoiL3dvcmtzcGFjZXMiLCJpIjoxfQ.forged");
    expect(forged.status).toBe(400);
  });
});

describe("state", () => {
  test("create, get, update and delete agree with each other", async () => {
    const fake = await startAsanaFake();
    const created = await send(fake, "POST", "/tasks?opt_fields=name,due_on", {
      body: { data: { name: "Draft", workspace: fake.world.premium.gid, due_on: "2026-12-01" } },
    });
    expect(created.status).toBe(201);
    const gid = created.body.data.gid as string;
    expect((await send(fake, "GET", `/tasks/${gid}?opt_fields=name,due_on`)).body.data).toEqual({
      gid,
      resource_type: "task",
      name: "Draft",
      due_on: "2026-12-01",
    });
    await send(fake, "PUT", `/tasks/${gid}`, { body: { data: { name: "Final" } } });
    expect((await send(fake, "GET", `/tasks/${gid}?opt_fields=name`)).body.data.name).toBe("Final");
    expect((await send(fake, "DELETE", `/tasks/${gid}`)).body).toEqual({ data: {} });
    expect((await send(fake, "GET", `/tasks/${gid}`)).status).toBe(404);
  });

  test("opt_fields returns gid, resource_type and exactly the fields asked for, expanding dotted paths", async () => {
    const fake = await startAsanaFake();
    const { body } = await send(fake, "GET", `/tasks/${fake.world.task.gid}?opt_fields=name,assignee.name,memberships.section.name`);
    expect(body.data).toEqual({
      gid: fake.world.task.gid,
      resource_type: "task",
      name: "Prepare the quarterly report",
      assignee: { gid: fake.world.me.gid, resource_type: "user", name: "Ada Lovelace" },
      memberships: [{ section: { gid: fake.world.doing.gid, resource_type: "section", name: "Doing" } }],
    });
  });
});

describe("premium features", () => {
  test("custom fields, dependencies and goals answer 402 on the free workspace and 200 on the premium one", async () => {
    const fake = await startAsanaFake();
    const homeTask = fake.store.insert({ resource_type: "task", name: "Free task", workspace: fake.world.free.gid, dependencies: [], parent: null });
    for (const [path, premiumPath] of [
      [`/workspaces/${fake.world.free.gid}/custom_fields`, `/workspaces/${fake.world.premium.gid}/custom_fields`],
      [`/tasks/${homeTask.gid}/dependencies`, `/tasks/${fake.world.task.gid}/dependencies`],
      [`/goals?workspace=${fake.world.free.gid}`, `/goals?workspace=${fake.world.premium.gid}`],
    ] as const) {
      const free = await send(fake, "GET", path);
      expect(free.status, path).toBe(402);
      expect(free.body.errors[0].message).toContain("only available to premium users");
      expect((await send(fake, "GET", premiumPath)).status, premiumPath).toBe(200);
    }
    const fields = await send(fake, "GET", `/workspaces/${fake.world.premium.gid}/custom_fields?opt_fields=name,enum_options.name`);
    expect(fields.body.data[0]).toEqual({
      gid: fake.world.priority.gid,
      resource_type: "custom_field",
      name: "Priority",
      enum_options: [expect.objectContaining({ name: "High" }), expect.objectContaining({ name: "Medium" }), expect.objectContaining({ name: "Low" })],
    });
    expect(fields.body.data.map((f: { name: string }) => f.name)).toEqual(["Priority", "Platforms", "Estimate", "Notes", "Launch date", "Reviewer"]);
  });
});

describe("rate limits", () => {
  test("past the configured rate the emulator answers 429 with Retry-After, and the client gets through after waiting", async () => {
    const fake = await startAsanaFake();
    fake.setRateLimit({ requests: 2, windowMs: 1_000, retryAfterSeconds: 1 });
    const session = clientFor(fake).session({ token: fake.token });
    for (let i = 0; i < 3; i++) await session.get("/users/me");
    const statuses = fake.requestsTo("GET", "/users/me").map((e) => e.response.status);
    expect(statuses).toEqual([200, 200, 429, 200]);
    expect(fake.requestsTo("GET", "/users/me")[2]?.response.headers["retry-after"]).toBe("1");
  });

  test("limits count per token", async () => {
    const fake = await startAsanaFake();
    fake.addToken("second-token", fake.world.colleague.gid);
    fake.setRateLimit({ requests: 1, windowMs: 60_000 });
    expect((await send(fake, "GET", "/users/me")).status).toBe(200);
    expect((await send(fake, "GET", "/users/me", { token: "second-token" })).status).toBe(200);
    const limited = await send(fake, "GET", "/users/me");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("fault injection", () => {
  test("faults apply only to their path pattern and only as many times as asked", async () => {
    const fake = await startAsanaFake();
    fake.faults.inject({ path: /^\/tasks\/\d+$/, status: 502, times: 2 });
    const target = `/tasks/${fake.world.task.gid}`;
    expect((await send(fake, "GET", "/users/me")).status).toBe(200);
    expect((await send(fake, "GET", target)).status).toBe(502);
    expect((await send(fake, "GET", target)).status).toBe(502);
    expect((await send(fake, "GET", target)).status).toBe(200);
  });

  test("a connection reset gives the client a socket error, not an answer", async () => {
    const fake = await startAsanaFake();
    fake.faults.inject({ path: "/users/me", reset: true });
    await expect(send(fake, "GET", "/users/me")).rejects.toThrow();
    expect((await send(fake, "GET", "/users/me")).status).toBe(200);
  });
});

describe("rich text", () => {
  test("the rules Asana enforces on html_text and html_notes", () => {
    expect(richTextProblem('<body>Plain <strong>bold</strong> and <a href="https://x.test">a link</a></body>', "story")).toBeUndefined();
    expect(richTextProblem("<body><h1>Title</h1><ul><li>one</li></ul><hr/></body>", "task")).toBeUndefined();
    expect(richTextProblem("<body>Fish &amp; chips</body>", "task")).toBeUndefined();
    expect(richTextProblem("no body", "task")).toBe("must be wrapped in <body>...</body>");
    expect(richTextProblem("<body><p>para</p></body>", "task")).toBe("<p> is not an allowed tag here");
    expect(richTextProblem("<body><h1>Title</h1></body>", "story")).toBe("<h1> is not an allowed tag here");
    expect(richTextProblem('<body><strong class="x">b</strong></body>', "task")).toBe("<strong> cannot carry attributes; only <a> can");
    expect(richTextProblem("<body><em>open</body>", "task")).toBe("</body> closes while other tags are still open");
    expect(richTextProblem("<body><em>a</strong></em></body>", "task")).toBe("</strong> does not match the open <em>");
    expect(richTextProblem("<body>Fish & chips</body>", "task")).toContain("is not a valid XML entity");
    expect(richTextProblem("<body>1 < 2</body>", "task")).toContain("does not start a valid tag");
    expect(richTextProblem("<body><h1><ul><li>x</li></ul></h1></body>", "task")).toBe("<ul> is not allowed inside a heading");
  });

  test("a comment with invalid rich text is a 400 and stores nothing", async () => {
    const fake = await startAsanaFake();
    const path = `/tasks/${fake.world.task.gid}/stories`;
    const bad = await send(fake, "POST", path, { body: { data: { html_text: "<body><p>Looks fine?</p></body>" } } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toBe("html_text: <p> is not an allowed tag here");
    const good = await send(fake, "POST", path, { body: { data: { html_text: "<body>Looks <em>fine</em></body>" } } });
    expect(good.status).toBe(201);
    expect(fake.store.all("story", (s) => s.target === fake.world.task.gid)).toHaveLength(1);
  });
});

describe("rich text on tasks", () => {
  test("html_notes must follow Asana's rules; valid markup also sets the plain notes", async () => {
    const fake = await startAsanaFake();
    const path = `/tasks/${fake.world.task.gid}`;
    const bad = await send(fake, "PUT", path, { body: { data: { html_notes: "<body><h3>Too deep</h3></body>" } } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toBe("html_notes: <h3> is not an allowed tag here");
    expect(fake.store.get(fake.world.task.gid)?.notes).toBe("Numbers from finance, charts from design.");
    const good = await send(fake, "PUT", `${path}?opt_fields=notes,html_notes`, {
      body: { data: { html_notes: "<body><h1>Plan</h1>Fish &amp; chips</body>" } },
    });
    expect(good.status).toBe(200);
    expect(good.body.data).toMatchObject({ notes: "PlanFish & chips", html_notes: "<body><h1>Plan</h1>Fish &amp; chips</body>" });
  });
});

describe("the contract checker", () => {
  test.skipIf(!contractChecks.on)(`flags a malformed request, naming the operation and the field${contractChecks.needs}`, async () => {
    const fake: AsanaFake = await startAsanaFake({ expectViolations: true });
    await send(fake, "GET", `/tasks/${fake.world.task.gid}?opt_fields=bogus_field`);
    await send(fake, "POST", "/tasks", { body: { name: "no envelope", workspace: fake.world.premium.gid } });
    const summary = fake.violations.map((v: ContractViolation) => `${v.operation} ${v.where} ${v.field}`);
    expect(summary).toContain("getTask request query.opt_fields");
    expect(summary.some((line) => line.startsWith("createTask request body"))).toBe(true);
  });

  test.skipIf(!contractChecks.on)(`the sandbox's demo world answers every read in the shape Asana's document gives${contractChecks.needs}`, async () => {
    const checker = loadContractChecker();
    const store = new AsanaStore();
    const { me, workspace } = seedDemoWorld(store);
    const violations: ContractViolation[] = [];
    const emulator = await startAsanaEmulator({ store, tokens: { [sandboxToken]: me.gid }, onExchange: (e) => violations.push(...checker.check(e)) });
    try {
      const get = (path: string) => send(emulator, "GET", path, { token: sandboxToken });
      const paths = [
        "/users/me",
        `/workspaces/${workspace.gid}`,
        ...store.all("task").map((t) => `/tasks/${t.gid}`),
        ...store.all("project").map((p) => `/projects/${p.gid}`),
        ...store.all("project").map((p) => `/projects/${p.gid}/sections?limit=10`),
        ...store.all("task").map((t) => `/tasks/${t.gid}/stories?limit=10`),
        `/tags?workspace=${workspace.gid}&limit=100`,
      ];
      for (const path of paths) expect((await get(path)).status, path).toBe(200);
      expect(violations).toEqual([]);
    } finally {
      await emulator.close();
    }
  });
});
