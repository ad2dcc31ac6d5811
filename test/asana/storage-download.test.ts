import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { isAsanaStorageUrl, StorageDownloader } from "../../src/asana/index.js";

/**
 * Fetching an attachment's bytes from a signed download link: only Asana's storage, never with a
 * credential, a few redirects at most (each checked again), and never more than the cap read.
 */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Seen {
  url: string;
  headers: IncomingMessage["headers"];
}

/** A loopback storage stand-in; `answer` decides each response. */
async function storage(answer: (req: IncomingMessage, res: ServerResponse, origin: string) => void): Promise<{ origin: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  let origin = "";
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? "", headers: req.headers });
    answer(req, res, origin);
  });
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(
    () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return { origin, seen };
}

function downloader(devOrigins: string[], options: { maxBytes?: number; timeoutMs?: number } = {}): StorageDownloader {
  const made = new StorageDownloader({ devOrigins, maxBytes: options.maxBytes ?? 1024, timeoutMs: options.timeoutMs ?? 5_000 });
  cleanups.push(() => made.close());
  return made;
}

const signal = () => new AbortController().signal;

describe("Asana's storage hosts", () => {
  test.each([
    "https://asanausercontent.com/us1/assets/1/2/abc?e=1&v=0&t=sig",
    "https://asana-user-private-us-east-1.s3.amazonaws.com/assets/1/2/abc?X-Amz-Signature=x",
    "https://asana-user-private-us-east-1.s3.us-east-1.amazonaws.com/assets/1/2/abc",
    "https://s3.us-east-1.amazonaws.com/asana-user-private-us-east-1/assets/1/2/abc",
    "https://s3.amazonaws.com/asana-user-private-us-east-1/assets/1/2/abc",
    "https://asana-user-private-eu-west-1.s3.amazonaws.com/assets/1/2/abc",
  ])("%s is Asana's storage", (url) => {
    expect(isAsanaStorageUrl(new URL(url))).toBe(true);
  });

  test.each([
    ["http, not https", "http://asanausercontent.com/us1/assets/1"],
    ["a look-alike suffix", "https://asanausercontent.com.evil.test/us1/assets/1"],
    ["a look-alike prefix", "https://evilasanausercontent.com/us1/assets/1"],
    ["a subdomain nobody listed", "https://x.asanausercontent.com/us1/assets/1"],
    ["someone else's bucket, path style", "https://s3.amazonaws.com/assets/1234/Screenshot.png"],
    ["someone else's bucket, virtual host", "https://asana-user-private-us-east-1-evil.s3.amazonaws.com/a"],
    ["a bucket name only starting the path", "https://s3.amazonaws.com/asana-user-private-us-east-1-evil/a"],
    ["credentials in the URL", "https://user:pass@asanausercontent.com/us1/assets/1"],
    ["another port", "https://asanausercontent.com:8443/us1/assets/1"],
    ["Asana's web app (needs a session)", "https://app.asana.com/app/asana/-/get_asset?asset_id=1"],
    ["Dropbox", "https://www.dropbox.com/s/123/Screenshot.png"],
  ])("%s is not", (_why, url) => {
    expect(isAsanaStorageUrl(new URL(url))).toBe(false);
  });
});

describe("StorageDownloader", () => {
  test("fetches the bytes with no credential of any kind, and says what type they were served as", async () => {
    const store = await storage((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("hello"));
    const result = await downloader([store.origin]).download(`${store.origin}/storage/a?e=1&t=sig`, { signal: signal() });
    expect(result).toEqual({ ok: true, bytes: Buffer.from("hello"), contentType: "text/plain", truncated: false });
    expect(store.seen).toHaveLength(1);
    const headers = store.seen[0]!.headers;
    expect(headers.authorization).toBeUndefined();
    expect(headers.cookie).toBeUndefined();
    expect(Object.keys(headers).filter((name) => /auth|token|asana/i.test(name))).toEqual([]);
  });

  test("a loopback origin not named for development, and any non-Asana host, is never contacted", async () => {
    const store = await storage((_req, res) => res.end("x"));
    const result = await downloader([]).download(`${store.origin}/storage/a`, { signal: signal() });
    expect(result).toMatchObject({ ok: false, problem: "not_storage" });
    expect(store.seen).toEqual([]);
  });

  test("the development origin must be loopback", () => {
    expect(() => new StorageDownloader({ devOrigins: ["http://storage.example.com"], maxBytes: 10, timeoutMs: 1000 })).toThrow(/loopback/);
  });

  test("follows a redirect within the storage, refuses one that leaves it, and stops after three", async () => {
    const other = await storage((_req, res) => res.end("stolen"));
    let hops = 0;
    const store = await storage((req, res, origin) => {
      if (req.url?.startsWith("/hop")) {
        hops += 1;
        res.writeHead(302, { location: `/hop${hops}` }).end();
      } else if (req.url === "/away") res.writeHead(307, { location: `${other.origin}/x` }).end();
      else if (req.url === "/relative") res.writeHead(301, { location: `${origin}/final` }).end();
      else res.writeHead(200, { "content-type": "image/png" }).end("final");
    });
    const fetcher = downloader([store.origin]);

    expect(await fetcher.download(`${store.origin}/relative`, { signal: signal() })).toMatchObject({ ok: true, bytes: Buffer.from("final") });

    const away = await fetcher.download(`${store.origin}/away`, { signal: signal() });
    expect(away).toMatchObject({ ok: false, problem: "redirect_refused" });
    expect((away as { message: string }).message).toContain(new URL(other.origin).host);
    expect(other.seen).toEqual([]);

    const loop = await fetcher.download(`${store.origin}/hop`, { signal: signal() });
    expect(loop).toMatchObject({ ok: false, problem: "too_many_redirects" });
    expect(hops).toBe(4); // the first request and three redirects followed; the fourth redirect is not
  });

  test("a Content-Length over the cap is refused before the body is read", async () => {
    // The server sends the headers and a little of the body, then holds: waiting for the rest would end
    // in a timeout, not in "too large".
    const store = await storage((_req, res) => {
      res.writeHead(200, { "content-length": "5000" });
      res.write(Buffer.alloc(100));
    });
    const result = await downloader([store.origin], { maxBytes: 1000, timeoutMs: 10_000 }).download(`${store.origin}/big`, { signal: signal() });
    expect(result).toMatchObject({ ok: false, problem: "too_large" });
    expect((result as { message: string }).message).toContain("5,000");
  });

  test("a body with no length, or a length that lies, never yields more than the cap", async () => {
    // Far more than loopback's socket buffers hold, so a client that kept reading would take it all.
    const total = 64 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024);
    let sent = 0;
    let closedEarly = false;
    const store = await storage((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" }); // chunked, no length
      res.on("close", () => {
        closedEarly = sent < total;
      });
      const pump = () => {
        while (sent < total && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    });
    const fetcher = downloader([store.origin], { maxBytes: 50_000 });
    expect(await fetcher.download(`${store.origin}/stream`, { signal: signal() })).toMatchObject({ ok: false, problem: "too_large" });
    await expect.poll(() => closedEarly).toBe(true);

    // A length that understates the body: HTTP's framing ends the body where the length says, and the
    // rest is never read as the file.
    const liar = await storage((_req, res) => {
      res.writeHead(200, { "content-length": "10" });
      res.flushHeaders();
      res.socket?.end(Buffer.alloc(200_000, 65));
    });
    const understated = await downloader([liar.origin], { maxBytes: 50_000 }).download(`${liar.origin}/liar`, { signal: signal() });
    expect(understated).toMatchObject({ ok: true, bytes: Buffer.alloc(10, 65) });

    // A text file may be read in part: the first bytes, marked as cut.
    const partial = await fetcher.download(`${store.origin}/stream`, { signal: signal(), upTo: 10_000 });
    expect(partial).toMatchObject({ ok: true, truncated: true });
    expect((partial as { bytes: Buffer }).bytes.length).toBe(10_000);
  });

  test("a storage that never answers times out", async () => {
    const store = await storage(() => {}); // holds every request
    const result = await downloader([store.origin], { timeoutMs: 200 }).download(`${store.origin}/slow`, { signal: signal() });
    expect(result).toMatchObject({ ok: false, problem: "timed_out" });
  });

  test("a 403 reads as an expired link; other failures say the status", async () => {
    const store = await storage((req, res) => res.writeHead(req.url === "/old" ? 403 : 500, { "content-type": "application/xml" }).end("<Error/>"));
    const fetcher = downloader([store.origin]);
    expect(await fetcher.download(`${store.origin}/old`, { signal: signal() })).toMatchObject({ ok: false, problem: "expired" });
    const failed = await fetcher.download(`${store.origin}/broken`, { signal: signal() });
    expect(failed).toMatchObject({ ok: false, problem: "failed" });
    expect((failed as { message: string }).message).toContain("500");
  });

  test("a cancelled call stops the download", async () => {
    const store = await storage(() => {});
    const controller = new AbortController();
    const pending = downloader([store.origin]).download(`${store.origin}/slow`, { signal: controller.signal });
    await expect.poll(() => store.seen.length).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
  });
});
