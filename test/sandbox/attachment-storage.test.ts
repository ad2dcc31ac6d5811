import { describe, expect, test } from "vitest";
import { AsanaStore, sandboxToken, seedDemoWorld, startAsanaEmulator } from "../../src/sandbox/index.js";
import { startAsanaFake, type AsanaFake } from "../support/asana-fake.js";
import { send } from "./raw-request.js";

/**
 * The emulator's file storage, as Asana's works: an uploaded file's download_url is a signed link that
 * expires (about two minutes), is fetched with no Asana token (a bearer token is refused, as S3 refuses
 * a second way of signing), and a fresh link comes with every read of the attachment.
 */
async function upload(fake: AsanaFake, name: string, bytes: Buffer, type: string): Promise<string> {
  const form = new FormData();
  form.set("parent", fake.world.task.gid);
  form.set("file", new Blob([bytes], { type }), name);
  const response = await fetch(`${fake.baseUrl}/attachments`, { method: "POST", headers: { authorization: `Bearer ${fake.token}` }, body: form });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: { gid: string } }).data.gid;
}

async function downloadUrlOf(fake: AsanaFake, gid: string): Promise<string> {
  return (await send(fake, "GET", `/attachments/${gid}?opt_fields=download_url`)).body.data.download_url as string;
}

describe("the emulator's attachment storage", () => {
  test("serves an uploaded file's bytes at a signed link, without a token; each read of the attachment signs a fresh one", async () => {
    const fake = await startAsanaFake();
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252]);
    const gid = await upload(fake, "data.bin", bytes, "application/octet-stream");
    const url = await downloadUrlOf(fake, gid);
    expect(url).toMatch(new RegExp(`^${fake.origin}/storage/`));
    expect(new URL(url).searchParams.get("e")).toMatch(/^\d+$/);
    expect(new URL(url).searchParams.get("t")).toMatch(/^[\w-]{20,}$/);

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(response.headers.get("content-length")).toBe(String(bytes.length));
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
    expect(fake.storage.requests).toEqual([expect.objectContaining({ method: "GET", status: 200 })]);

    // Signed at the read, not at the upload: a longer lifetime set now shows in the next link's expiry.
    fake.storage.ttlMs = 600_000;
    const again = await downloadUrlOf(fake, gid);
    expect(Number(new URL(again).searchParams.get("e"))).toBeGreaterThanOrEqual(Number(new URL(url).searchParams.get("e")) + 400);
    expect(fake.storage.issued).toEqual([url, again]);
    // Storage requests are not Asana API calls: none is recorded as one (or checked against the API's contract).
    expect(fake.exchanges.filter((e) => e.path.startsWith("/storage"))).toEqual([]);
  });

  test("refuses a bearer token, a tampered or expired signature, and answers 404 for a file that is gone", async () => {
    const fake = await startAsanaFake();
    const gid = await upload(fake, "notes.txt", Buffer.from("hello"), "text/plain");
    const url = await downloadUrlOf(fake, gid);

    const withBearer = await fetch(url, { headers: { authorization: `Bearer ${fake.token}` } });
    expect(withBearer.status).toBe(400);
    expect(await withBearer.text()).toContain("Only one auth mechanism allowed");

    const tampered = new URL(url);
    tampered.searchParams.set("e", String(Number(tampered.searchParams.get("e")) + 3600));
    const forged = await fetch(tampered);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("SignatureDoesNotMatch");

    fake.storage.expireNext(1);
    const late = await fetch(url);
    expect(late.status).toBe(403);
    expect(await late.text()).toContain("Request has expired");
    expect((await fetch(url)).status).toBe(200);

    fake.storage.ttlMs = -1_000; // links signed from now on are already past their time
    const stale = await fetch(await downloadUrlOf(fake, gid));
    expect(stale.status).toBe(403);
    expect(await stale.text()).toContain("Request has expired");

    fake.storage.ttlMs = 120_000;
    const fresh = await downloadUrlOf(fake, gid);
    expect((await send(fake, "DELETE", `/attachments/${gid}`)).status).toBe(200);
    expect((await fetch(fresh)).status).toBe(404);
  });

  test("answers the next download with a redirect when a test asks", async () => {
    const fake = await startAsanaFake();
    const gid = await upload(fake, "notes.txt", Buffer.from("hello"), "text/plain");
    fake.storage.redirectNext("https://elsewhere.example/x");
    const response = await fetch(await downloadUrlOf(fake, gid), { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("https://elsewhere.example/x");
  });

  test("the demo world's screenshot is a real PNG in storage, so --sandbox shows it", async () => {
    const store = new AsanaStore();
    const { me } = seedDemoWorld(store);
    const emulator = await startAsanaEmulator({ store, tokens: { [sandboxToken]: me.gid } });
    try {
      const screenshot = store.all("attachment", (a) => a.name === "store-screenshot.png")[0]!;
      const read = await fetch(`${emulator.baseUrl}/attachments/${screenshot.gid}`, { headers: { authorization: `Bearer ${sandboxToken}` } });
      const { data } = (await read.json()) as { data: { download_url: string; size: number } };
      const file = Buffer.from(await (await fetch(data.download_url)).arrayBuffer());
      expect(file.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
      expect(file.length).toBe(data.size);
    } finally {
      await emulator.close();
    }
  });
});
