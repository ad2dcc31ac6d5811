import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { demoIds, type StorageRequest, type StoredObject } from "../../src/sandbox/index.js";
import { startAsanaFake, type AsanaFake } from "../support/asana-fake.js";
import { sharedAsanaFakes } from "../support/shared-asana-fake.js";
import { connectStdio } from "../support/spawn-server.js";
import { connectV2Stdio } from "../support/v2-client.js";

/**
 * GetAttachment with include_content, end to end: the built server over stdio, the real v1 SDK client
 * (2025-11-25) and the real v2 SDK client pinned to 2026-07-28, against the emulator, whose storage
 * route hands out signed links that expire and refuses a bearer token, as Asana's storage does.
 */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface ContentBlock {
  type: string;
  text?: string;
  data?: string;
  mimeType?: string;
  resource?: { uri: string; mimeType?: string; blob?: string; text?: string };
}
interface CallResult {
  isError?: boolean;
  content: ContentBlock[];
  structuredContent?: Record<string, unknown>;
}
interface Connection {
  call(args: Record<string, unknown>): Promise<CallResult>;
  stderr(): string;
}

type Connect = (env: Record<string, string>) => Promise<Connection>;
type Open = (env: Record<string, string>) => Promise<Connection & { close(): Promise<void> }>;

const opens: Array<[string, Open]> = [
  [
    "2025-11-25, v1 SDK client",
    async (env) => {
      const connection = await connectStdio(env);
      return {
        call: async (args) => (await connection.client.callTool({ name: "Asana_GetAttachment", arguments: args })) as CallResult,
        stderr: connection.stderr,
        close: () => connection.close(),
      };
    },
  ],
  [
    "2026-07-28, v2 SDK client",
    async (env) => {
      const connection = await connectV2Stdio(env, { negotiation: "2026-07-28" });
      const era = connection.client.getProtocolEra();
      if (era !== "modern") await connection.close();
      expect(era).toBe("modern");
      return {
        call: async (args) => (await connection.client.callTool({ name: "Asana_GetAttachment", arguments: args })) as unknown as CallResult,
        stderr: connection.stderr,
        close: () => connection.close(),
      };
    },
  ],
];

/**
 * The tests whose server has the same settings share one fake per era and one stdio server, its process
 * and its client (a process costs a few tenths of a second of CPU to start; the v2 client starts a second
 * one to probe with server/discover); each counts only the storage requests made since it began.
 */
const fakes = sharedAsanaFakes();

/** Per era: a server of the test's own, and the file's server for these settings. */
const eras: Array<[string, Connect, Connect]> = opens.map(([era, open]) => [
  era,
  async (env) => {
    const connection = await open(env);
    cleanups.push(() => connection.close());
    return connection;
  },
  (env) =>
    fakes.kept(
      `${era} ${JSON.stringify(env)}`,
      () => open(env),
      (connection) => connection.close(),
    ),
]);

/** A real 1×1 PNG (signature, IHDR, IDAT, IEND). */
const png = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a0e6c4a80000000049454e44ae426082",
  "hex",
);
const pdf = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);
const notes = "# Launch notes\n\nShip on Thursday — café opens at 9.\n";

/** What a person does in Asana: upload a file to a task (a real multipart POST to the emulator). */
async function upload(fake: AsanaFake, parent: StoredObject, name: string, bytes: Buffer, contentType: string): Promise<string> {
  const form = new FormData();
  form.set("parent", parent.gid);
  form.set("file", new Blob([bytes], { type: contentType }), name);
  const response = await fetch(`${fake.baseUrl}/attachments`, { method: "POST", headers: { authorization: `Bearer ${fake.token}` }, body: form });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: { gid: string } }).data.gid;
}

/** A loopback host that is not Asana's storage: it records whatever reaches it. */
async function foreignHost(): Promise<{ url: string; requests: IncomingHttpHeaders[] }> {
  const requests: IncomingHttpHeaders[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.headers);
    res.writeHead(200, { "content-type": "image/png" }).end(png);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cat.png`, requests };
}

function serverEnv(fake: AsanaFake, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ASANA_BASE_URL: fake.baseUrl,
    ASANA_ACCESS_TOKEN: fake.token,
    ASANA_TOOLSETS: "attachments",
    // The emulator's storage is plain http on loopback: allowed only because this says so.
    ASANA_MCP_DEV_STORAGE_ORIGIN: fake.origin,
    ...extra,
  };
}

const blocksAfterJson = (result: CallResult) => result.content.filter((block) => !(block.type === "text" && block.text?.startsWith("{")));

function expectNoBearerAtStorage(fake: AsanaFake, requests: StorageRequest[] = fake.storage.requests) {
  expect(requests.length).toBeGreaterThan(0);
  for (const request of requests) {
    expect(request.headers.authorization, "an Authorization header reached the storage").toBeUndefined();
    expect(JSON.stringify(request.headers)).not.toContain(fake.token);
  }
}

/** The era's shared fake, and the requests its storage gets from now on. */
async function eraFake(era: string): Promise<{ fake: AsanaFake; storageRequests: () => StorageRequest[] }> {
  const { asana: fake } = await fakes.fake(era);
  const seen = fake.storage.requests.length;
  return { fake, storageRequests: () => fake.storage.requests.slice(seen) };
}

describe.each(eras)("GetAttachment's file contents (%s)", (era, connect, connectShared) => {
  test("an image comes back as an image block, a PDF as an embedded blob, a text file as text; without include_content, only the links", async () => {
    const { fake, storageRequests } = await eraFake(era);
    const task = fake.world.task;
    // Named .dat: the bytes, not the name, say it is a PNG.
    const image = await upload(fake, task, "screenshot.dat", png, "application/octet-stream");
    const brief = await upload(fake, task, "brief.pdf", pdf, "application/pdf");
    const text = await upload(fake, task, "notes.md", Buffer.from(notes), "text/markdown");
    const connection = await connectShared(serverEnv(fake));

    const plain = await connection.call({ attachment_id: image });
    expect(plain.isError, JSON.stringify(plain.content)).toBeFalsy();
    expect(plain.structuredContent).toEqual({ attachment: expect.objectContaining({ id: image, name: "screenshot.dat" }) });
    expect(blocksAfterJson(plain)).toEqual([]);
    expect(storageRequests()).toEqual([]);

    const shown = await connection.call({ attachment_id: image, include_content: true });
    expect(shown.isError, JSON.stringify(shown.content)).toBeFalsy();
    expect(shown.structuredContent?.file).toEqual({ returned: "image", mime_type: "image/png", bytes: png.length });
    const [imageBlock] = blocksAfterJson(shown);
    expect(imageBlock).toEqual({ type: "image", mimeType: "image/png", data: png.toString("base64") });

    const file = await connection.call({ attachment_id: brief, include_content: true });
    expect(file.structuredContent?.file).toEqual({ returned: "file", mime_type: "application/pdf", bytes: pdf.length });
    const [resourceBlock] = blocksAfterJson(file);
    expect(resourceBlock?.type).toBe("resource");
    expect(resourceBlock?.resource).toMatchObject({ mimeType: "application/pdf", blob: pdf.toString("base64") });
    expect(resourceBlock?.resource?.uri).toContain(brief);

    const written = await connection.call({ attachment_id: text, include_content: true });
    expect(written.structuredContent?.file).toEqual({ returned: "text", mime_type: "text/markdown", bytes: Buffer.byteLength(notes) });
    expect(blocksAfterJson(written)).toEqual([{ type: "text", text: notes }]);

    expectNoBearerAtStorage(fake, storageRequests());
  });

  test("an oversize file and a file hosted elsewhere answer with the link only, and say why; neither is fetched", async () => {
    const { fake, storageRequests } = await eraFake(era);
    const task = fake.world.task;
    const big = await upload(fake, task, "raw-footage.png", Buffer.concat([png, Buffer.alloc(1_200_000)]), "image/png");
    const elsewhere = await foreignHost();
    const dropbox = fake.store.insert({
      resource_type: "attachment",
      name: "Roadmap.png",
      resource_subtype: "dropbox",
      host: "dropbox",
      parent: task.gid,
      created_at: "2026-11-01T10:00:00.000Z",
      download_url: elsewhere.url,
      permanent_url: null,
      view_url: elsewhere.url,
    });
    const connection = await connectShared(serverEnv(fake));

    const oversize = await connection.call({ attachment_id: big, include_content: true });
    expect(oversize.isError, JSON.stringify(oversize.content)).toBeFalsy();
    const oversizeFile = oversize.structuredContent?.file as { returned: string; reason: string };
    expect(oversizeFile.returned).toBe("link_only");
    expect(oversizeFile.reason).toMatch(/1,200,0\d\d bytes.*over the 1,048,576-byte limit/);
    // The whole signed link, usable as it is (only logs blank its signature).
    const oversizeLink = (oversize.structuredContent?.attachment as { download_url?: string } | undefined)?.download_url;
    expect(oversizeLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/storage\//);
    expect(fake.storage.issued).toContain(oversizeLink);
    expect(blocksAfterJson(oversize)).toEqual([]);

    const external = await connection.call({ attachment_id: dropbox.gid, include_content: true });
    const externalFile = external.structuredContent?.file as { returned: string; reason: string };
    expect(externalFile.returned).toBe("link_only");
    expect(externalFile.reason).toMatch(/dropbox/);
    expect((external.structuredContent?.attachment as { view_url?: string } | undefined)?.view_url).toBe(elsewhere.url);
    expect(blocksAfterJson(external)).toEqual([]);

    expect(storageRequests()).toEqual([]);
    expect(elsewhere.requests).toEqual([]);
  });

  test("a redirect off Asana's storage is refused, an expired link is read again once, no bearer reaches storage, and logs hide the signature", async () => {
    const fake = await startAsanaFake();
    const task = fake.world.task;
    const image = await upload(fake, task, "diagram.png", png, "image/png");
    const elsewhere = await foreignHost();
    const connection = await connect(serverEnv(fake, { ASANA_MCP_LOG_LEVEL: "debug" }));

    fake.storage.redirectNext(elsewhere.url);
    const redirected = await connection.call({ attachment_id: image, include_content: true });
    expect(redirected.isError, JSON.stringify(redirected.content)).toBeFalsy();
    const refused = redirected.structuredContent?.file as { returned: string; reason: string };
    expect(refused.returned).toBe("link_only");
    expect(refused.reason).toMatch(/redirect/i);
    expect(refused.reason).toContain(new URL(elsewhere.url).host);
    expect(blocksAfterJson(redirected)).toEqual([]);
    expect(elsewhere.requests).toEqual([]);

    const readsBefore = fake.requestsTo("GET", `/attachments/${image}`).length;
    fake.storage.expireNext(1);
    const renewed = await connection.call({ attachment_id: image, include_content: true });
    expect(renewed.structuredContent?.file).toEqual({ returned: "image", mime_type: "image/png", bytes: png.length });
    expect(blocksAfterJson(renewed)).toEqual([{ type: "image", mimeType: "image/png", data: png.toString("base64") }]);
    expect(fake.requestsTo("GET", `/attachments/${image}`).length - readsBefore).toBe(2);

    fake.storage.expireNext(2);
    const expiredTwice = await connection.call({ attachment_id: image, include_content: true });
    const expired = expiredTwice.structuredContent?.file as { returned: string; reason: string };
    expect(expired.returned).toBe("link_only");
    expect(expired.reason).toMatch(/expired/);

    expectNoBearerAtStorage(fake);
    // The refused redirect and the expired links were logged, by host, with no signature in them.
    const log = connection.stderr();
    expect(log).toContain(new URL(fake.origin).host);
    const signatures = fake.storage.issued.map((url) => new URL(url).searchParams.get("t")!);
    expect(signatures.length).toBeGreaterThanOrEqual(4);
    for (const signature of signatures) expect(log).not.toContain(signature);
  });
});

describe("GetAttachment's file contents in --sandbox", () => {
  test("the demo task's screenshot and release notes come back as an image and as text, from the sandbox's own storage, with no development setting", async () => {
    const connection = await connectStdio({}, { args: ["--sandbox", "--toolsets", "attachments"] });
    cleanups.push(() => connection.close());
    const call = async (name: string, args: Record<string, unknown>) => (await connection.client.callTool({ name, arguments: args })) as CallResult;

    const listed = await call("Asana_ListTaskAttachments", { task_id: demoIds.launchTask });
    expect(listed.isError, JSON.stringify(listed.content)).toBeFalsy();
    const files = (listed.structuredContent as { attachments: Array<{ id: string; name: string }> }).attachments;
    const screenshot = files.find((file) => file.name === "store-screenshot.png");
    const notesFile = files.find((file) => file.name === "release-notes.md");
    expect(screenshot && notesFile, JSON.stringify(files)).toBeTruthy();

    const image = await call("Asana_GetAttachment", { attachment_id: screenshot!.id, include_content: true });
    expect(image.structuredContent?.file).toMatchObject({ returned: "image", mime_type: "image/png" });
    const imageBlock = image.content.find((block) => block.type === "image");
    expect(
      Buffer.from(imageBlock?.data ?? "", "base64")
        .subarray(0, 8)
        .toString("hex"),
    ).toBe("89504e470d0a1a0a");

    const text = await call("Asana_GetAttachment", { attachment_id: notesFile!.id, include_content: true });
    expect(text.structuredContent?.file).toMatchObject({ returned: "text", mime_type: "text/markdown" });
    expect(text.content.map((block) => block.text)).toContainEqual(expect.stringContaining("# Mobile app 2.0: release notes"));
  });
});

describe("GetAttachment's file contents against a plain ASANA_BASE_URL", () => {
  test("without ASANA_MCP_DEV_STORAGE_ORIGIN the emulator's loopback storage is not Asana's: the link comes back with the reason, and nothing is fetched", async () => {
    const fake = await startAsanaFake();
    const image = await upload(fake, fake.world.task, "diagram.png", png, "image/png");
    const { ASANA_MCP_DEV_STORAGE_ORIGIN: _unset, ...env } = serverEnv(fake);
    const connection = await connectStdio(env);
    cleanups.push(() => connection.close());

    const result = (await connection.client.callTool({
      name: "Asana_GetAttachment",
      arguments: { attachment_id: image, include_content: true },
    })) as CallResult;
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const file = result.structuredContent?.file as { returned: string; reason: string };
    expect(file.returned).toBe("link_only");
    expect(file.reason).toContain(`${new URL(fake.origin).host} is not Asana's file storage`);
    expect(blocksAfterJson(result)).toEqual([]);
    expect(fake.storage.requests).toEqual([]);
  });
});
