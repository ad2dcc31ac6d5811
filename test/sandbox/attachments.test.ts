import { describe, expect, test } from "vitest";
import { startAsanaFake, type AsanaFake, provokedViolations } from "../support/asana-fake.js";
import { send } from "./raw-request.js";

async function upload(fake: AsanaFake, parent: string, name: string, content: string): Promise<string> {
  const form = new FormData();
  form.set("parent", parent);
  form.set("file", new Blob([content], { type: "text/plain" }), name);
  const response = await fetch(`${fake.baseUrl}/attachments`, { method: "POST", headers: { authorization: `Bearer ${fake.token}` }, body: form });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: { gid: string } }).data.gid;
}

describe("attachments", () => {
  test("list a task's attachments (compact, paged), read one in full, delete it", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const notes = await upload(fake, task.gid, "notes.txt", "hello");
    const form = new FormData();
    form.set("parent", task.gid);
    form.set("resource_subtype", "external");
    form.set("url", "https://example.com/spec.pdf");
    form.set("name", "Spec");
    await fetch(`${fake.baseUrl}/attachments`, { method: "POST", headers: { authorization: `Bearer ${fake.token}` }, body: form });

    const first = await send(fake, "GET", `/attachments?parent=${task.gid}&limit=1`);
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual([{ gid: notes, resource_type: "attachment", name: "notes.txt", resource_subtype: "asana" }]);
    const second = await send(fake, "GET", first.body.next_page.path);
    expect(second.body.data.map((a: { name: string }) => a.name)).toEqual(["Spec"]);

    const full = await send(fake, "GET", `/attachments/${notes}`);
    expect(full.body.data).toMatchObject({
      gid: notes,
      name: "notes.txt",
      resource_subtype: "asana",
      host: "asana",
      size: 5,
      created_at: expect.any(String),
      parent: { gid: task.gid, resource_type: "task", name: "Prepare the quarterly report" },
      // Signed at this read, on the emulator's storage (see attachment-storage.test.ts).
      download_url: expect.stringMatching(new RegExp(`^${fake.origin}/storage/assets/${notes}\\?e=\\d+&v=0&t=`)),
      view_url: expect.stringMatching(/^https:\/\//),
    });
    const narrow = await send(fake, "GET", `/attachments/${notes}?opt_fields=name,parent.name`);
    expect(narrow.body.data).toEqual({
      gid: notes,
      resource_type: "attachment",
      name: "notes.txt",
      parent: { gid: task.gid, resource_type: "task", name: "Prepare the quarterly report" },
    });

    expect((await send(fake, "DELETE", `/attachments/${notes}`)).body).toEqual({ data: {} });
    expect((await send(fake, "GET", `/attachments/${notes}`)).status).toBe(404);
    expect((await send(fake, "GET", `/attachments?parent=${task.gid}`)).body.data.map((a: { name: string }) => a.name)).toEqual(["Spec"]);
  });

  test("a list without a parent is a 400; an unknown attachment is a 404 for reads and deletes", async ({ skip }) => {
    const fake = await startAsanaFake({ expectViolations: true });
    const missing = await send(fake, "GET", "/attachments");
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].message).toBe("parent: Missing input");
    expect((await send(fake, "GET", "/attachments/1200000000000404")).status).toBe(404);
    expect((await send(fake, "DELETE", "/attachments/1200000000000404")).status).toBe(404);
    expect(provokedViolations(fake, skip).map((v) => v.field)).toEqual(["query.parent"]);
  });
});
