import { describe, expect, test } from "vitest";
import { startAsanaFake, type AsanaFake } from "../support/asana-fake.js";
import { send } from "./raw-request.js";

/**
 * A task's `external` data as Asana's document describes it (TaskBase.external, and the "Custom
 * external data" guide): "*OAuth Required*", an app's own gid (at most 1,024 characters) and data
 * blob (at most 32,768), invisible to every other app and to the web app, and `external:<gid>`
 * usable wherever the task's gid is.
 */
const appToken = "oauth-token-of-app-one";
const otherAppToken = "oauth-token-of-app-two";

async function fakeWithApps(): Promise<AsanaFake> {
  const fake = await startAsanaFake();
  fake.addToken(appToken, fake.world.me.gid, { oauthApp: "app-one" });
  fake.addToken(otherAppToken, fake.world.me.gid, { oauthApp: "app-two" });
  return fake;
}

const newTask = (fake: AsanaFake, extra: Record<string, unknown> = {}) => ({ data: { name: "Carries a marker", projects: [fake.world.launch.gid], ...extra } });

describe("a task's external data", () => {
  test("an OAuth app sets it on create, reads it back, and finds the task by external:<gid>", async () => {
    const fake = await fakeWithApps();
    const made = await send(fake, "POST", "/tasks", newTask(fake, { external: { gid: "asana-mcp-abc123", data: '{"v":1}' } }), appToken);
    expect(made.status).toBe(201);
    expect(made.body.data.external).toEqual({ gid: "asana-mcp-abc123", data: '{"v":1}' });

    const byExternal = await send(fake, "GET", "/tasks/external:asana-mcp-abc123?opt_fields=name,external", undefined, appToken);
    expect(byExternal.status).toBe(200);
    expect(byExternal.body.data).toMatchObject({ gid: made.body.data.gid, name: "Carries a marker", external: { gid: "asana-mcp-abc123" } });

    // Anywhere a task's gid goes: an update through the external gid changes the same task.
    const renamed = await send(fake, "PUT", "/tasks/external:asana-mcp-abc123", { data: { name: "Renamed" } }, appToken);
    expect(renamed.status).toBe(200);
    expect(fake.store.get(made.body.data.gid as string)?.name).toBe("Renamed");
  });

  test("another app and a personal access token see none of it, and cannot find the task by it", async () => {
    const fake = await fakeWithApps();
    const made = await send(fake, "POST", "/tasks", newTask(fake, { external: { gid: "only-mine" } }), appToken);
    for (const token of [otherAppToken, fake.token]) {
      const read = await send(fake, "GET", `/tasks/${made.body.data.gid}?opt_fields=name,external`, undefined, token);
      expect(read.status).toBe(200);
      expect(read.body.data).not.toHaveProperty("external");
      const lookup = await send(fake, "GET", "/tasks/external:only-mine", undefined, token);
      expect(lookup.status).toBe(404);
    }
    // The other app's own external gid may be the same text: each app has its own.
    const theirs = await send(fake, "POST", "/tasks", newTask(fake, { external: { gid: "only-mine" } }), otherAppToken);
    expect(theirs.status).toBe(201);
    expect((await send(fake, "GET", "/tasks/external:only-mine", undefined, otherAppToken)).body.data.gid).toBe(theirs.body.data.gid);
  });

  test("a personal access token may not set it: the field is OAuth only", async () => {
    const fake = await fakeWithApps();
    const before = fake.store.all("task").length;
    const refused = await send(fake, "POST", "/tasks", newTask(fake, { external: { gid: "from-a-pat" } }));
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].message).toMatch(/^external: .*OAuth/);
    expect(fake.store.all("task")).toHaveLength(before);
  });

  test("the document's limits: a gid of 1,024 characters, data of 32,768, and one task per gid within an app", async () => {
    const fake = await fakeWithApps();
    const long = await send(fake, "POST", "/tasks", newTask(fake, { external: { gid: "g".repeat(1025) } }), appToken);
    expect(long.status).toBe(400);
    expect(long.body.errors[0].message).toMatch(/^external\.gid: /);
    const big = await send(fake, "POST", "/tasks", newTask(fake, { external: { gid: "big", data: "d".repeat(32_769) } }), appToken);
    expect(big.status).toBe(400);
    expect(big.body.errors[0].message).toMatch(/^external\.data: /);
    expect((await send(fake, "POST", "/tasks", newTask(fake, { external: { gid: "once" } }), appToken)).status).toBe(201);
    const twice = await send(fake, "POST", "/tasks", newTask(fake, { external: { gid: "once" } }), appToken);
    expect(twice.status).toBe(400);
    expect(twice.body.errors[0].message).toMatch(/^external\.gid: /);
  });
});
