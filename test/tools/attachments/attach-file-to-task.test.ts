import { afterEach, describe, expect, test } from "vitest";
import { attachFileToTask } from "../../../tools/attachments/attach-file-to-task.js";
import { maxUploadBytes } from "../../../src/toolkit/index.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

const attachmentFields = "name,resource_subtype,host,permanent_url,view_url,size";

interface MultipartRecord {
  fields: Record<string, string>;
  files: Record<string, { filename: string; contentType: string; size: number }>;
}

/** The 8-byte PNG signature plus an IHDR length: binary that is not valid UTF-8. */
const pngBytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);

describe("AttachFileToTask", () => {
  test("uploads text content as a file part typed from the file name", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const output = outputOf(await callTool(fake, attachFileToTask, { task_id: task.gid, file_name: "notes.md", file_content_str: "# Agenda\n- numbers ✓\n" }));
    const [post] = fake.requestsTo("POST", "/attachments");
    expect(post?.bodyKind).toBe("multipart");
    expect(post?.query).toEqual({ opt_fields: attachmentFields });
    const body = post?.body as MultipartRecord;
    expect(body.fields).toEqual({ parent: task.gid, name: "notes.md" });
    // "✓" is three bytes in UTF-8.
    expect(body.files.file).toEqual({ filename: "notes.md", contentType: "text/markdown", size: 23 });

    const attachmentId = (post!.response.body as { data: { gid: string } }).data.gid;
    expect(output).toEqual({
      status: { success: true, message: `file successfully attached to task ${task.gid}` },
      attachment: {
        id: attachmentId,
        name: "notes.md",
        resource_subtype: "asana",
        host: "asana",
        permanent_url: `https://app.asana.com/app/asana/-/get_asset?asset_id=${attachmentId}`,
        view_url: `https://app.asana.com/app/asana/-/get_asset?asset_id=${attachmentId}`,
        size: 23,
      },
    });
    expect(fake.store.get(attachmentId, "attachment")?.parent).toBe(task.gid);
  });

  test("decodes base64 content to the original bytes", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const output = outputOf(
      await callTool(fake, attachFileToTask, { task_id: task.gid, file_name: "chart.PNG", file_content_base64: pngBytes.toString("base64") }),
    ) as { attachment: { size: number } };
    const body = fake.requestsTo("POST", "/attachments")[0]?.body as MultipartRecord;
    expect(body.files.file).toEqual({ filename: "chart.PNG", contentType: "image/png", size: pngBytes.length });
    expect(output.attachment.size).toBe(pngBytes.length);
  });

  test("latin-1 text is encoded as latin-1, and an unknown extension is sent as octet-stream", async () => {
    const fake = await startAsanaFake();
    await callTool(fake, attachFileToTask, {
      task_id: fake.world.task.gid,
      file_name: "prices.dat",
      file_content_str: "€ not here, but é is",
      file_encoding: "ISO-8859-1",
    });
    const error = errorOf(
      await callTool(fake, attachFileToTask, { task_id: fake.world.task.gid, file_name: "prices.dat", file_content_str: "€5", file_encoding: "latin-1" }),
    );
    // The first call has a euro sign too, so it must have been refused as well.
    expect(fake.requestsTo("POST", "/attachments")).toHaveLength(0);
    expect(error.message).toContain('`file_content_str`: has a character latin-1 cannot encode ("€" at position 0)');

    await callTool(fake, attachFileToTask, { task_id: fake.world.task.gid, file_name: "prices.dat", file_content_str: "café", file_encoding: "latin-1" });
    const body = fake.requestsTo("POST", "/attachments")[0]?.body as MultipartRecord;
    expect(body.files.file).toEqual({ filename: "prices.dat", contentType: "application/octet-stream", size: 4 });
  });

  test("a URL is attached as an external link, without uploading anything", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const output = outputOf(
      await callTool(fake, attachFileToTask, { task_id: task.gid, file_name: "Q4 deck", file_content_url: "https://docs.example.com/q4-deck" }),
    ) as { attachment: Record<string, unknown> };
    const body = fake.requestsTo("POST", "/attachments")[0]?.body as MultipartRecord;
    expect(body.fields).toEqual({ parent: task.gid, name: "Q4 deck", resource_subtype: "external", url: "https://docs.example.com/q4-deck" });
    expect(body.files).toEqual({});
    expect(output.attachment).toEqual({
      id: expect.any(String),
      name: "Q4 deck",
      resource_subtype: "external",
      host: "external",
      view_url: "https://docs.example.com/q4-deck",
    });
  });

  test("a non-ASCII file name is URL-encoded in the file part, as Asana asks, and kept readable in name", async () => {
    const fake = await startAsanaFake();
    const output = outputOf(await callTool(fake, attachFileToTask, { task_id: fake.world.task.gid, file_name: "résumé.txt", file_content_str: "hello" })) as {
      attachment: { name: string };
    };
    const body = fake.requestsTo("POST", "/attachments")[0]?.body as MultipartRecord;
    expect(body.files.file?.filename).toBe("r%C3%A9sum%C3%A9.txt");
    expect(body.fields.name).toBe("résumé.txt");
    expect(output.attachment.name).toBe("résumé.txt");
  });

  test("two content sources, or none, are refused with Arcade's message", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const two = errorOf(
      await callTool(fake, attachFileToTask, { task_id: task.gid, file_name: "a.txt", file_content_str: "x", file_content_url: "https://example.com/a.txt" }),
    );
    expect(two.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(two.message).toContain(
      "`file_content_str, file_content_url`: Provide exactly one of file_content_str, file_content_base64, or file_content_url. You passed 2; keep only one.",
    );
    const none = errorOf(await callTool(fake, attachFileToTask, { task_id: task.gid, file_name: "a.txt" }));
    expect(none.message).toContain("Provide exactly one of file_content_str, file_content_base64, or file_content_url");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("content over the upload limit is refused with its size, the limit and what to do instead", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const text = errorOf(await callTool(fake, attachFileToTask, { task_id: task.gid, file_name: "big.txt", file_content_str: "a".repeat(maxUploadBytes + 1) }));
    expect(text.message).toContain(
      "`file_content_str`: is 10,485,761 bytes (10.0 MB) once decoded, over this tool's upload limit of 10,485,760 bytes (10.0 MB).",
    );
    expect(text.message).toContain("pass that link as file_content_url instead");
    // 14 MB of base64 decodes to 10.5 MB: refused on the decoded size.
    const base64 = errorOf(await callTool(fake, attachFileToTask, { task_id: task.gid, file_name: "big.bin", file_content_base64: "AAAA".repeat(3_670_016) }));
    expect(base64.message).toContain("`file_content_base64`: is 11,010,048 bytes (10.5 MB) once decoded");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("invalid base64, an unknown encoding and a non-web URL are refused with Arcade's wording", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const base64 = errorOf(await callTool(fake, attachFileToTask, { task_id: task.gid, file_name: "a.bin", file_content_base64: "not base64!" }));
    expect(base64.message).toContain('`file_content_base64`: Failed to decode base64 file content: it contains "!", which is not base64');
    const cutShort = errorOf(await callTool(fake, attachFileToTask, { task_id: task.gid, file_name: "a.bin", file_content_base64: "QUJDRA=" }));
    expect(cutShort.message).toContain("Failed to decode base64 file content: incorrect length or padding");
    const encoding = errorOf(
      await callTool(fake, attachFileToTask, { task_id: task.gid, file_name: "a.txt", file_content_str: "x", file_encoding: "klingon" }),
    );
    expect(encoding.message).toContain("`file_encoding`: Unknown encoding: klingon. Use utf-8 (the default), ascii, latin-1 or utf-16le.");
    const url = errorOf(await callTool(fake, attachFileToTask, { task_id: task.gid, file_name: "a", file_content_url: "file:///etc/passwd" }));
    expect(url.message).toContain("`file_content_url`: must be an http or https link (got a file: URL)");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("an unknown task is Asana's 404, explained", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, attachFileToTask, { task_id: "777", file_name: "a.txt", file_content_str: "x" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("parent: Unknown object: 777");
    expect(error.message).toContain("Asana_GetTasksWithoutId");
  });
});
