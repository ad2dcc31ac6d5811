import { afterEach, describe, expect, test } from "vitest";
import type { StoredObject } from "../../../src/sandbox/index.js";
import { deleteComment } from "../../../tools/comments/delete-comment.js";
import { getComment } from "../../../tools/comments/get-comment.js";
import { updateComment } from "../../../tools/comments/update-comment.js";
import { startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

const detailFields = "type,resource_subtype,text,created_at,created_by.name,is_pinned,html_text,is_edited,num_likes,target.name";

function story(fake: AsanaFake, fields: Record<string, unknown>): StoredObject {
  return fake.store.insert({
    resource_type: "story",
    type: "comment",
    resource_subtype: "comment_added",
    target: fake.world.task.gid,
    is_pinned: false,
    created_at: "2026-11-02T08:00:00.000Z",
    created_by: fake.world.me.gid,
    ...fields,
  });
}

describe("GetComment", () => {
  test("reads one comment in full: its rich text, task, likes and whether it was edited", async () => {
    const fake = await startAsanaFake();
    const { task, me } = fake.world;
    const comment = story(fake, { text: "Ship it", html_text: "<body><strong>Ship</strong> it</body>", is_edited: true, num_likes: 2 });
    expect(outputOf(await callTool(fake, getComment, { comment_id: comment.gid }))).toEqual({
      comment: {
        id: comment.gid,
        type: "comment",
        resource_subtype: "comment_added",
        text: "Ship it",
        html_text: "<body><strong>Ship</strong> it</body>",
        created_at: "2026-11-02T08:00:00.000Z",
        created_by: { id: me.gid, name: "Ada Lovelace" },
        is_edited: true,
        likes: 2,
        task: { id: task.gid, name: "Prepare the quarterly report" },
      },
    });
    expect(fake.requestsTo("GET", `/stories/${comment.gid}`)[0]?.query).toEqual({ opt_fields: detailFields });
  });

  test("an activity record reads too, without rich text; an unknown id is a 404 pointing to ListTaskComments", async () => {
    const fake = await startAsanaFake();
    const record = story(fake, { type: "system", resource_subtype: "assigned", text: "assigned to you", html_text: "<body>assigned to you</body>" });
    const output = outputOf(await callTool(fake, getComment, { comment_id: record.gid }));
    expect(output.comment).toMatchObject({ type: "system", resource_subtype: "assigned", text: "assigned to you" });
    expect(output.comment).not.toHaveProperty("html_text");
    const missing = errorOf(await callTool(fake, getComment, { comment_id: "9999" }));
    expect(missing.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(missing.message).toContain("Find comment ids with Asana_ListTaskComments.");
  });
});

describe("UpdateComment", () => {
  test("replaces the text of the user's comment and marks it edited", async () => {
    const fake = await startAsanaFake();
    const comment = story(fake, { text: "Teh numbers are in", html_text: "<body>Teh numbers are in</body>" });
    const output = outputOf(await callTool(fake, updateComment, { comment_id: comment.gid, text: "The numbers are in" }));
    expect(output.status).toEqual({ success: true, message: `comment ${comment.gid} text changed` });
    expect(output.comment).toMatchObject({ id: comment.gid, text: "The numbers are in", html_text: "<body>The numbers are in</body>", is_edited: true });
    expect(fake.requestsTo("PUT", `/stories/${comment.gid}`)[0]?.body).toEqual({ data: { text: "The numbers are in" } });
  });

  test("rich text is checked before sending; pinning alone leaves the text as it is", async () => {
    const fake = await startAsanaFake();
    const comment = story(fake, { text: "Plan", html_text: "<body>Plan</body>" });
    const bad = errorOf(await callTool(fake, updateComment, { comment_id: comment.gid, html_text: "<body><h1>Plan</h1></body>" }));
    expect(bad.message).toContain("`html_text`: <h1> is not an allowed tag here.");
    expect(fake.exchanges).toHaveLength(0);
    const rich = outputOf(await callTool(fake, updateComment, { comment_id: comment.gid, html_text: "<body>The <em>new</em> plan</body>", is_pinned: true }));
    expect(rich.comment).toMatchObject({ text: "The new plan", is_pinned: true });
    expect(rich.status.message).toBe(`comment ${comment.gid} text changed and pinned`);
    const unpinned = outputOf(await callTool(fake, updateComment, { comment_id: comment.gid, is_pinned: false }));
    expect(unpinned.comment.text).toBe("The new plan");
    expect(unpinned.comment).not.toHaveProperty("is_pinned");
  });

  test("nothing to change, both kinds of text, or an empty text are refused before any request", async () => {
    const fake = await startAsanaFake();
    const comment = story(fake, { text: "Plan" });
    expect(errorOf(await callTool(fake, updateComment, { comment_id: comment.gid })).message).toContain("must change something");
    expect(errorOf(await callTool(fake, updateComment, { comment_id: comment.gid, text: "a", html_text: "<body>a</body>" })).message).toContain(
      "are both given",
    );
    expect(errorOf(await callTool(fake, updateComment, { comment_id: comment.gid, text: "  " })).message).toContain("Asana_DeleteComment");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("someone else's comment is Asana's 403, and an activity record cannot be edited", async () => {
    const fake = await startAsanaFake();
    const theirs = story(fake, { text: "Mine, not yours", created_by: fake.world.colleague.gid });
    const forbidden = errorOf(await callTool(fake, updateComment, { comment_id: theirs.gid, text: "Edited" }));
    expect(forbidden.message).toContain("Asana lets people edit only the comments they wrote");
    expect(fake.store.get(theirs.gid)?.text).toBe("Mine, not yours");
    const record = story(fake, { type: "system", resource_subtype: "assigned", text: "assigned to you" });
    const activity = errorOf(await callTool(fake, updateComment, { comment_id: record.gid, text: "Edited" }));
    expect(activity.message).toContain("Only comments can be edited; activity records (type system) cannot.");
  });
});

describe("DeleteComment", () => {
  test("deletes the user's own comment", async () => {
    const fake = await startAsanaFake();
    const comment = story(fake, { text: "Wrong task" });
    expect(outputOf(await callTool(fake, deleteComment, { comment_id: comment.gid }))).toEqual({
      status: { success: true, message: `comment ${comment.gid} deleted` },
      comment: { id: comment.gid },
    });
    expect(fake.store.get(comment.gid)).toBeUndefined();
  });

  test("someone else's comment stays, with Asana's 403 explained", async () => {
    const fake = await startAsanaFake();
    const theirs = story(fake, { text: "Keep me", created_by: fake.world.colleague.gid });
    const error = errorOf(await callTool(fake, deleteComment, { comment_id: theirs.gid }));
    expect(error.message).toContain("Asana lets people delete only the comments they wrote");
    expect(fake.store.get(theirs.gid)).toBeDefined();
  });
});
