import { afterEach, describe, expect, test } from "vitest";
import type { StoredObject } from "../../../src/sandbox/index.js";
import { deleteAttachment } from "../../../tools/attachments/delete-attachment.js";
import { getAttachment } from "../../../tools/attachments/get-attachment.js";
import { listTaskAttachments } from "../../../tools/attachments/list-task-attachments.js";
import { startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { insertTask } from "../../support/world.js";

afterEach(closeClients);

/** An uploaded file and a link on `parent`, as Asana stores them. */
function attach(fake: AsanaFake, parent: StoredObject) {
  const created_at = "2026-11-01T10:00:00.000Z";
  const file = fake.store.insert({
    resource_type: "attachment",
    name: "report.pdf",
    resource_subtype: "asana",
    host: "asana",
    parent: parent.gid,
    created_at,
    size: 48213,
  });
  Object.assign(file, {
    download_url: `https://asana-user-private.example/assets/${file.gid}`,
    permanent_url: `https://app.asana.com/app/asana/-/get_asset?asset_id=${file.gid}`,
    view_url: `https://app.asana.com/app/asana/-/get_asset?asset_id=${file.gid}`,
  });
  const link = fake.store.insert({
    resource_type: "attachment",
    name: "Design doc",
    resource_subtype: "external",
    host: "external",
    parent: parent.gid,
    created_at,
    download_url: "https://docs.example/design",
    permanent_url: null,
    view_url: "https://docs.example/design",
  });
  return { file, link };
}

describe("ListTaskAttachments", () => {
  test("lists a task's files and links, a page at a time", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const { file, link } = attach(fake, task);
    const first = outputOf(await callTool(fake, listTaskAttachments, { task_id: task.gid, limit: 1 }));
    expect(first.attachments).toEqual([
      { id: file.gid, name: "report.pdf", resource_subtype: "asana", host: "asana", size: 48213, created_at: "2026-11-01T10:00:00.000Z" },
    ]);
    expect(fake.requestsTo("GET", "/attachments")[0]?.query).toEqual({
      parent: task.gid,
      limit: "1",
      opt_fields: "name,resource_subtype,host,size,created_at",
    });
    const rest = outputOf(await callTool(fake, listTaskAttachments, { task_id: task.gid, next_page_token: first.next_page.next_page_token! }));
    expect(rest.attachments).toEqual([
      { id: link.gid, name: "Design doc", resource_subtype: "external", host: "external", created_at: "2026-11-01T10:00:00.000Z" },
    ]);
    expect(rest.next_page.has_more_pages).toBe(false);
  });

  test("works on a free workspace", async () => {
    const fake = await startAsanaFake();
    const chore = insertTask(fake.store, fake.world, { name: "Water the plants", workspace: fake.world.free.gid });
    const { file } = attach(fake, chore);
    const output = outputOf(await callTool(fake, listTaskAttachments, { task_id: chore.gid }));
    expect(output.attachments.map((a) => a.id)).toContain(file.gid);
  });

  test("an unknown task is Asana's 404", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, listTaskAttachments, { task_id: "8675309" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Asana_ListTasksInProject");
  });
});

describe("GetAttachment", () => {
  test("one attachment with its download and view links, size, host and task", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const { file } = attach(fake, task);
    const output = outputOf(await callTool(fake, getAttachment, { attachment_id: file.gid }));
    expect(output).toEqual({
      attachment: {
        id: file.gid,
        name: "report.pdf",
        resource_subtype: "asana",
        host: "asana",
        size: 48213,
        created_at: "2026-11-01T10:00:00.000Z",
        download_url: `https://asana-user-private.example/assets/${file.gid}`,
        permanent_url: `https://app.asana.com/app/asana/-/get_asset?asset_id=${file.gid}`,
        view_url: `https://app.asana.com/app/asana/-/get_asset?asset_id=${file.gid}`,
        parent: { id: task.gid, name: "Prepare the quarterly report" },
      },
    });
  });

  test("works on a free workspace", async () => {
    const fake = await startAsanaFake();
    const chore = insertTask(fake.store, fake.world, { name: "Water the plants", workspace: fake.world.free.gid });
    const { link } = attach(fake, chore);
    const output = outputOf(await callTool(fake, getAttachment, { attachment_id: link.gid }));
    expect(output.attachment).toMatchObject({ name: "Design doc", view_url: "https://docs.example/design", download_url: "https://docs.example/design" });
  });

  test("an unknown attachment is Asana's 404, with where attachment ids come from", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, getAttachment, { attachment_id: "8675309" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Find attachment ids with Asana_ListTaskAttachments.");
  });
});

describe("DeleteAttachment", () => {
  test("deletes the attachment; the task keeps its others", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const { file, link } = attach(fake, task);
    const output = outputOf(await callTool(fake, deleteAttachment, { attachment_id: file.gid }));
    expect(output).toEqual({ status: { success: true, message: `attachment ${file.gid} deleted` }, attachment: { id: file.gid } });
    expect(fake.store.get(file.gid)).toBeUndefined();
    expect(fake.store.get(link.gid)).toBeDefined();
    expect(deleteAttachment.annotations.destructiveHint).toBe(true);
  });

  test("works on a free workspace", async () => {
    const fake = await startAsanaFake();
    const chore = insertTask(fake.store, fake.world, { name: "Water the plants", workspace: fake.world.free.gid });
    const { link } = attach(fake, chore);
    outputOf(await callTool(fake, deleteAttachment, { attachment_id: link.gid }));
    expect(fake.store.get(link.gid)).toBeUndefined();
  });

  test("deleting it twice says it may already be deleted", async () => {
    const fake = await startAsanaFake();
    const { file } = attach(fake, fake.world.task);
    await callTool(fake, deleteAttachment, { attachment_id: file.gid });
    const error = errorOf(await callTool(fake, deleteAttachment, { attachment_id: file.gid }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("it may already be deleted");
  });
});
