import { afterEach, describe, expect, test } from "vitest";
import { PersonalAccessTokenResolver } from "../../../src/auth/index.js";
import { invokeTool, type ToolContentBlock } from "../../../src/toolkit/index.js";
import { imageTypeOf } from "../../../tools/attachments/attachment-content.js";
import { getAttachment } from "../../../tools/attachments/get-attachment.js";
import { startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { clientFor, closeClients } from "../../support/tool-harness.js";

afterEach(closeClients);

const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");

async function upload(fake: AsanaFake, name: string, bytes: Buffer, type = "application/octet-stream"): Promise<string> {
  const form = new FormData();
  form.set("parent", fake.world.task.gid);
  form.set("file", new Blob([bytes], { type }), name);
  const response = await fetch(`${fake.baseUrl}/attachments`, { method: "POST", headers: { authorization: `Bearer ${fake.token}` }, body: form });
  return ((await response.json()) as { data: { gid: string } }).data.gid;
}

/** GetAttachment as a front door runs it; `showsContent` is what MCP says and the Arcade worker does not. */
async function get(fake: AsanaFake, args: Record<string, unknown>, options: { showsContent?: boolean; maxFileBytes?: number } = {}) {
  const asana = clientFor(fake, { storage: { devOrigins: [fake.origin], ...(options.maxFileBytes !== undefined ? { maxBytes: options.maxFileBytes } : {}) } });
  const outcome = await invokeTool(
    { asana, tokens: new PersonalAccessTokenResolver(fake.token) },
    {
      tool: getAttachment,
      displayName: "Asana_GetAttachment",
      arguments: args,
      signal: new AbortController().signal,
      showsContent: options.showsContent ?? true,
    },
  );
  if (!outcome.ok) throw new Error(outcome.error.message);
  return { output: outcome.output as { file?: Record<string, unknown> }, content: (outcome.content ?? []) as ToolContentBlock[] };
}

describe("what a file is, by its first bytes", () => {
  test.each([
    ["png", "89504e470d0a1a0a0000", "image/png"],
    ["jpeg", "ffd8ffe000104a464946", "image/jpeg"],
    ["gif87a", "474946383761", "image/gif"],
    ["gif89a", "474946383961", "image/gif"],
    ["webp", "52494646aaaa000057454250", "image/webp"],
    ["a RIFF that is WAV audio", "52494646aaaa000057415645", undefined],
    ["a PDF", "255044462d312e34", undefined],
    ["an SVG (text, and scriptable: never an image block)", Buffer.from("<svg xmlns=").toString("hex"), undefined],
    ["too short to tell", "8950", undefined],
  ])("%s", (_name, hex, type) => {
    expect(imageTypeOf(Buffer.from(hex, "hex"))).toBe(type);
  });
});

describe("GetAttachment with include_content", () => {
  test("a long text file comes back in part, marked as cut at a whole character, and the download stops early", async () => {
    const fake = await startAsanaFake();
    const long = "é".repeat(60_000); // 120,000 bytes of UTF-8, two bytes a character
    const gid = await upload(fake, "log.txt", Buffer.from(long), "text/plain");
    const { output, content } = await get(fake, { attachment_id: gid, include_content: true });
    expect(output.file).toMatchObject({ returned: "text", mime_type: "text/plain", truncated: true });
    const text = (content[0] as { text: string }).text;
    expect(text.length).toBeGreaterThan(1000);
    expect(long.startsWith(text)).toBe(true);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(64 * 1024);
    expect(output.file?.bytes).toBe(Buffer.byteLength(text));
  });

  test("a text file that is not UTF-8 comes back as a file, not as text", async () => {
    const fake = await startAsanaFake();
    const gid = await upload(fake, "legacy.txt", Buffer.from("caf\xe9 cr\xe8me", "latin1"), "text/plain");
    const { output, content } = await get(fake, { attachment_id: gid, include_content: true });
    expect(output.file).toEqual({ returned: "file", mime_type: "text/plain", bytes: 10 });
    expect(content).toEqual([
      { type: "resource", resource: expect.objectContaining({ mimeType: "text/plain", blob: Buffer.from("caf\xe9 cr\xe8me", "latin1").toString("base64") }) },
    ]);
  });

  test("a name that says .png on bytes that are not is not sent as an image", async () => {
    const fake = await startAsanaFake();
    const gid = await upload(fake, "photo.png", Buffer.from("MZ\x90\x00 not a picture", "latin1"), "image/png");
    const { output, content } = await get(fake, { attachment_id: gid, include_content: true });
    expect(output.file).toMatchObject({ returned: "file", mime_type: "application/octet-stream" });
    expect(content.map((block) => block.type)).toEqual(["resource"]);
  });

  test("a caller that cannot carry content (the Arcade worker) gets the links and the reason, and nothing is fetched", async () => {
    const fake = await startAsanaFake();
    const gid = await upload(fake, "diagram.png", png, "image/png");
    const { output, content } = await get(fake, { attachment_id: gid, include_content: true }, { showsContent: false });
    expect(output.file).toEqual({ returned: "link_only", reason: expect.stringMatching(/download_url/) });
    expect(content).toEqual([]);
    expect(fake.storage.requests).toEqual([]);
  });

  test("an operator limit of 0 turns file contents off", async () => {
    const fake = await startAsanaFake();
    const gid = await upload(fake, "diagram.png", png, "image/png");
    const { output } = await get(fake, { attachment_id: gid, include_content: true }, { maxFileBytes: 0 });
    expect(output.file).toEqual({ returned: "link_only", reason: expect.stringMatching(/turned off/) });
    expect(fake.storage.requests).toEqual([]);
  });

  test("include_content arrives as text from some clients", async () => {
    const fake = await startAsanaFake();
    const gid = await upload(fake, "diagram.png", png, "image/png");
    const { output, content } = await get(fake, { attachment_id: gid, include_content: "true" });
    expect(output.file).toMatchObject({ returned: "image" });
    expect(content).toEqual([{ type: "image", mimeType: "image/png", data: png.toString("base64") }]);
  });
});
