import { afterEach, describe, expect, test } from "vitest";
import { addCommentToTask } from "../../../tools/comments/add-comment-to-task.js";
import { listTaskComments } from "../../../tools/comments/list-task-comments.js";
import type { StoredObject } from "../../../src/sandbox/index.js";
import { startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

const storyFields = "type,resource_subtype,text,created_at,created_by.name,is_pinned";

/** The world's task gets a comment, an activity record, and a pinned comment, in that order. */
function seedStories(fake: AsanaFake): { question: StoredObject; assigned: StoredObject; pinned: StoredObject } {
  const { task, me, colleague } = fake.world;
  const story = (fields: Record<string, unknown>) => fake.store.insert({ resource_type: "story", target: task.gid, is_pinned: false, ...fields });
  return {
    question: story({
      type: "comment",
      resource_subtype: "comment_added",
      text: "Do we include Q3?",
      created_at: "2026-11-02T08:00:00.000Z",
      created_by: colleague.gid,
    }),
    assigned: story({
      type: "system",
      resource_subtype: "assigned",
      text: "assigned to you",
      created_at: "2026-11-02T09:00:00.000Z",
      created_by: colleague.gid,
    }),
    pinned: story({
      type: "comment",
      resource_subtype: "comment_added",
      text: "Only Q4.",
      created_at: "2026-11-02T10:00:00.000Z",
      created_by: me.gid,
      is_pinned: true,
    }),
  };
}

describe("ListTaskComments", () => {
  test("returns only the comments by default, and the activity too when asked", async () => {
    const fake = await startAsanaFake();
    const { task, me, colleague } = fake.world;
    const { question, assigned, pinned } = seedStories(fake);
    const grace = { id: colleague.gid, name: "Grace Hopper" };
    const ada = { id: me.gid, name: "Ada Lovelace" };

    const comments = outputOf(await callTool(fake, listTaskComments, { task_id: task.gid }));
    expect(comments).toEqual({
      comments: [
        { id: question.gid, text: "Do we include Q3?", created_at: "2026-11-02T08:00:00.000Z", created_by: grace },
        { id: pinned.gid, text: "Only Q4.", created_at: "2026-11-02T10:00:00.000Z", created_by: ada, is_pinned: true },
      ],
      count: 2,
      next_page: { has_more_pages: false, next_page_token: null },
    });
    expect(fake.requestsTo("GET", `/tasks/${task.gid}/stories`)[0]?.query).toEqual({ limit: "100", opt_fields: storyFields });

    const everything = outputOf(await callTool(fake, listTaskComments, { task_id: task.gid, include_activity: true }));
    expect(everything.comments).toEqual([
      {
        id: question.gid,
        type: "comment",
        resource_subtype: "comment_added",
        text: "Do we include Q3?",
        created_at: "2026-11-02T08:00:00.000Z",
        created_by: grace,
      },
      { id: assigned.gid, type: "system", resource_subtype: "assigned", text: "assigned to you", created_at: "2026-11-02T09:00:00.000Z", created_by: grace },
      {
        id: pinned.gid,
        type: "comment",
        resource_subtype: "comment_added",
        text: "Only Q4.",
        created_at: "2026-11-02T10:00:00.000Z",
        created_by: ada,
        is_pinned: true,
      },
    ]);
  });

  test("filtering after paging: a page can hold fewer comments than limit while more pages remain", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const { question, pinned } = seedStories(fake);
    const first = outputOf(await callTool(fake, listTaskComments, { task_id: task.gid, limit: 2 }));
    expect(first.comments.map((c) => c.id)).toEqual([question.gid]);
    expect(first.count).toBe(1);
    expect(first.next_page.has_more_pages).toBe(true);
    const second = outputOf(
      await callTool(fake, listTaskComments, { task_id: task.gid, limit: 2, next_page_token: first.next_page.next_page_token ?? undefined }),
    );
    expect(second.comments.map((c) => c.id)).toEqual([pinned.gid]);
    expect(second.next_page).toEqual({ has_more_pages: false, next_page_token: null });
  });

  test("an unknown task is a 404 that says how to find task ids", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, listTaskComments, { task_id: "1001" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("Asana_ListTasksInProject");
  });
});

describe("AddCommentToTask", () => {
  test("posts plain text and returns the comment", async () => {
    const fake = await startAsanaFake();
    const { task, me } = fake.world;
    const output = outputOf(await callTool(fake, addCommentToTask, { task_id: task.gid, text: "Numbers are in." })) as { comment: { id: string } };
    const stored = fake.store.get(output.comment.id);
    expect(output).toEqual({
      status: { success: true, message: `comment added to task ${task.gid}` },
      comment: { id: stored!.gid, text: "Numbers are in.", created_at: stored!.created_at, created_by: { id: me.gid, name: "Ada Lovelace" } },
    });
    const [post] = fake.requestsTo("POST", `/tasks/${task.gid}/stories`);
    expect(post?.body).toEqual({ data: { text: "Numbers are in." } });
    expect(post?.query).toEqual({ opt_fields: "text,created_at,created_by.name,is_pinned" });
    expect(post?.response.status).toBe(201);
    expect(stored).toMatchObject({ type: "comment", target: task.gid, is_pinned: false });
  });

  test("posts valid rich text, pinned", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const html = '<body>Done: see <a href="https://example.com/q4">the <strong>report</strong></a> &amp; charts</body>';
    const output = outputOf(await callTool(fake, addCommentToTask, { task_id: task.gid, html_text: html, is_pinned: true })) as {
      comment: Record<string, unknown>;
    };
    expect(output.comment).toMatchObject({ text: "Done: see the report & charts", is_pinned: true });
    expect(fake.requestsTo("POST", `/tasks/${task.gid}/stories`)[0]?.body).toEqual({ data: { html_text: html, is_pinned: true } });
    expect(fake.store.get(output.comment.id as string)?.html_text).toBe(html);
  });

  test("rich text that breaks Asana's rules is refused, naming the rule, with nothing sent", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const heading = errorOf(await callTool(fake, addCommentToTask, { task_id: task.gid, html_text: "<body><h1>Status</h1>All good</body>" }));
    expect(heading.kind).toBe("TOOL_RUNTIME_BAD_INPUT_VALUE");
    expect(heading.message).toContain(
      "`html_text`: <h1> is not an allowed tag here. A comment's html_text is one <body>...</body> using only the tags <strong> <em> <u> <s> <code> <ol> <ul> <li> <a>;",
    );
    const unclosed = errorOf(await callTool(fake, addCommentToTask, { task_id: task.gid, html_text: "<body><em>soon</body>" }));
    expect(unclosed.message).toContain("`html_text`: </body> closes while other tags are still open.");
    const ampersand = errorOf(await callTool(fake, addCommentToTask, { task_id: task.gid, html_text: "<body>Fish & chips</body>" }));
    expect(ampersand.message).toContain("is not a valid XML entity");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("exactly one of text and html_text, and not blank", async () => {
    const fake = await startAsanaFake();
    const { task } = fake.world;
    const neither = errorOf(await callTool(fake, addCommentToTask, { task_id: task.gid }));
    expect(neither.message).toContain("`text`: is missing: a comment needs text or html_text. Pass the comment as text (plain) or html_text (rich text).");
    const both = errorOf(await callTool(fake, addCommentToTask, { task_id: task.gid, text: "a", html_text: "<body>a</body>" }));
    expect(both.message).toContain("`text, html_text`: are both given; Asana takes exactly one of them.");
    const blank = errorOf(await callTool(fake, addCommentToTask, { task_id: task.gid, text: "  " }));
    expect(blank.message).toContain("`text`: is empty, so there is nothing to post.");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("an unknown task is a 404", async () => {
    const fake = await startAsanaFake();
    const error = errorOf(await callTool(fake, addCommentToTask, { task_id: "2002", text: "hello" }));
    expect(error.kind).toBe("UPSTREAM_RUNTIME_NOT_FOUND");
    expect(error.message).toContain("No task has this id");
  });
});
