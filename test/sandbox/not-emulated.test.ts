import { describe, expect, test } from "vitest";
import { startAsanaFake } from "../support/asana-fake.js";
import { send } from "./raw-request.js";

describe("endpoints the emulator lacks", () => {
  test("answer 501 in Asana's error shape, naming the method and path, and the fake reports them", async () => {
    const fake = await startAsanaFake({ expectNotEmulated: true });
    // A real Asana endpoint (createWebhook's sibling getWebhooks) that the emulator does not implement.
    const path = `/webhooks?workspace=${fake.world.premium.gid}`;
    const { status, body } = await send(fake, "GET", path);
    expect(status).toBe(501);
    expect(body.errors[0].message).toContain("Not emulated: GET /webhooks");
    expect(fake.notEmulated.map((e) => `${e.method} ${e.path}`)).toEqual(["GET /webhooks"]);
  });

  test("a known path with another method keeps its 404, which is what Asana answers", async () => {
    const fake = await startAsanaFake({ expectViolations: true });
    const { status, body } = await send(fake, "PATCH", `/tasks/${fake.world.task.gid}`);
    expect(status).toBe(404);
    expect(body.errors[0].message).toBe(`No matching route for PATCH /tasks/${fake.world.task.gid}`);
    expect(fake.notEmulated).toEqual([]);
  });

  test("an emulated endpoint is not reported", async () => {
    const fake = await startAsanaFake();
    expect((await send(fake, "GET", "/users/me")).status).toBe(200);
    expect(fake.notEmulated).toEqual([]);
  });
});
