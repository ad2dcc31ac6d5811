import { afterEach, describe, expect, test } from "vitest";
import { createTag } from "../../../tools/tags/create-tag.js";
import { getTagById } from "../../../tools/tags/get-tag-by-id.js";
import { listTags } from "../../../tools/tags/list-tags.js";
import { startAsanaFake } from "../../support/asana-fake.js";
import { callTool, callToolWithRawArguments, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";
import { markedText } from "../../support/create-marker.js";

afterEach(closeClients);

const tagFields = "name,workspace.name,color,notes,permalink_url";

describe("GetTagById", () => {
  test("returns the tag with its workspace, color and link", async () => {
    const fake = await startAsanaFake();
    const { urgent, premium } = fake.world;
    expect(outputOf(await callTool(fake, getTagById, { tag_id: urgent.gid }))).toEqual({
      tag: {
        id: urgent.gid,
        name: "urgent",
        workspace: { id: premium.gid, name: "Acme Corp" },
        color: "dark-red",
        permalink_url: "https://app.asana.com/0/3/list",
      },
    });
    expect(fake.requestsTo("GET", `/tags/${urgent.gid}`)[0]?.query).toEqual({ opt_fields: tagFields });
  });

  test("an unknown tag is a 404 that points to ListTags", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, getTagById, { tag_id: "31337" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("No tag has this id, or the user cannot see it. Find tag ids with Asana_ListTags.");
  });
});

describe("CreateTag", () => {
  test("creates the tag in the given workspace and reports it", async () => {
    const fake = await startAsanaFake();
    const { premium } = fake.world;
    const output = outputOf(
      await callTool(fake, createTag, { name: "  needs review ", description: "Waiting on a reviewer", color: "light-teal", workspace_id: premium.gid }),
    ) as { status: unknown; tag: { id: string } };
    expect(output).toEqual({
      status: { success: true, message: 'tag "needs review" successfully created' },
      tag: {
        id: output.tag.id,
        name: "needs review",
        workspace: { id: premium.gid, name: "Acme Corp" },
        color: "light-teal",
        notes: "Waiting on a reviewer",
        permalink_url: `https://app.asana.com/0/${output.tag.id}/list`,
      },
    });
    const [post] = fake.requestsTo("POST", "/tags");
    expect(post?.body).toEqual({ data: { name: "needs review", workspace: premium.gid, notes: markedText("Waiting on a reviewer"), color: "light-teal" } });
    expect(post?.query).toEqual({ opt_fields: tagFields });
    expect(post?.response.status).toBe(201);
    expect(fake.store.get(output.tag.id, "tag")?.name).toBe("needs review");
  });

  test("without a workspace, a user with several is asked to choose and nothing is created", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, createTag, { name: "later" }));
    expect(error.kind).toBe("TOOL_RUNTIME_RETRY");
    expect(error.additionalPromptContent).toContain('"name":"Personal Projects"');
    expect(fake.requestsTo("POST", "/tags")).toHaveLength(0);
  });

  test("a name of 101 characters is refused before any request, naming the limit", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, createTag, { name: "x".repeat(101), workspace_id: fake.world.premium.gid }));
    expect(error.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(error.message).toContain("`name`: must be 1-100 characters long");
    expect(error.message).toContain("Shorten the name to 100 characters or fewer");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("a blank name and an unknown color are both reported in one go", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callToolWithRawArguments(fake, createTag, { name: "   ", color: "red" }));
    expect(error.message).toContain("`name`: must not be empty");
    expect(error.message).toContain("`color`: must be one of Asana's tag colors");
    expect(error.message).toContain("dark-green, dark-red, dark-blue");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("a workspace that does not exist is a 404 pointing to ListWorkspaces", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, createTag, { name: "x", workspace_id: "999" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Find workspace ids with Asana_ListWorkspaces.");
  });
});

describe("ListTags", () => {
  test("lists the workspace's tags", async () => {
    const fake = await startAsanaFake();
    const { premium, urgent, blocked } = fake.world;
    const output = outputOf(await callTool(fake, listTags, { workspace_id: premium.gid, limit: 1 })) as {
      tags: unknown[];
      count: number;
      next_page: { has_more_pages: boolean; next_page_token: string };
    };
    expect(output.tags).toEqual([
      { id: urgent.gid, name: "urgent", workspace: { id: premium.gid, name: "Acme Corp" }, color: "dark-red", permalink_url: "https://app.asana.com/0/3/list" },
    ]);
    expect(output.count).toBe(1);
    expect(output.next_page.has_more_pages).toBe(true);
    expect(fake.requestsTo("GET", "/tags")[0]?.query).toEqual({ workspace: premium.gid, limit: "1", opt_fields: tagFields });

    const next = outputOf(await callTool(fake, listTags, { workspace_id: premium.gid, next_page_token: output.next_page.next_page_token })) as typeof output;
    expect(next.tags).toEqual([expect.objectContaining({ id: blocked.gid, name: "blocked", color: "light-orange" })]);
    expect(next.next_page).toEqual({ has_more_pages: false, next_page_token: null });
  });

  test("a workspace without tags gives an empty list", async () => {
    const fake = await startAsanaFake();
    expect(outputOf(await callTool(fake, listTags, { workspace_id: fake.world.free.gid }))).toEqual({
      tags: [],
      count: 0,
      next_page: { has_more_pages: false, next_page_token: null },
    });
  });

  test("without a workspace, a user with several is asked to choose", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, listTags, {}));
    expect(error.kind).toBe("TOOL_RUNTIME_RETRY");
    expect(error.message).toContain("Asana_ListWorkspaces");
    expect(fake.requestsTo("GET", "/tags")).toHaveLength(0);
  });
});
