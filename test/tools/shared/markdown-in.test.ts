import { afterEach, describe, expect, test } from "vitest";
import { addCommentToTask } from "../../../tools/comments/add-comment-to-task.js";
import { createProject } from "../../../tools/projects/create-project.js";
import { updateProject } from "../../../tools/projects/update-project.js";
import { createStatusUpdate } from "../../../tools/status/create-status-update.js";
import { createTask } from "../../../tools/tasks/create-task.js";
import { updateTask } from "../../../tools/tasks/update-task.js";
import { startAsanaFake, type AsanaFake } from "../../support/asana-fake.js";
import { callTool, closeClients, errorOf, outputOf } from "../../support/tool-harness.js";

afterEach(closeClients);

const markdown = "## Plan\n- **ship** it\n- tell [the team](https://example.com)";
/** What the latest such request sent (a create's marker is taken out by an earlier PUT of its own). */
const sentData = (fake: AsanaFake, method: string, path: string | RegExp) =>
  (fake.requestsTo(method, path).at(-1)?.body as { data?: Record<string, unknown> } | undefined)?.data ?? {};

/**
 * `markdown: true` says the tool's text is Markdown: it goes to Asana as rich text (html_notes or
 * html_text), checked against Asana's rules before it is sent, never as literal asterisks.
 */
/** Rich text as a create sends it: the call's recovery marker on a line of its own before </body>. */
function markedHtml(html: string): unknown {
  const [opening, closing] = [html.slice(0, -"</body>".length), "</body>"].map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return expect.stringMatching(new RegExp(`^${opening}\\n\\[asana-mcp-[a-z2-7]{20}\\]${closing}$`, "s"));
}

describe("Markdown in", () => {
  test("CreateTask and UpdateTask send a Markdown description as html_notes, with headings", async () => {
    const fake = await startAsanaFake();
    const created = outputOf(await callTool(fake, createTask, { name: "Launch", project: fake.world.launch.gid, description: markdown, markdown: true }));
    const html = '<body><h2>Plan</h2>\n<ul><li><strong>ship</strong> it</li><li>tell <a href="https://example.com">the team</a></li></ul></body>';
    // With a personal access token the create carries the recovery marker as a last line, taken out once Asana answered.
    expect(sentData(fake, "POST", "/tasks")).toMatchObject({ html_notes: markedHtml(html) });
    expect(sentData(fake, "POST", "/tasks")).not.toHaveProperty("notes");
    expect(fake.store.get(created.task.id)?.html_notes).toBe(html);

    outputOf(await callTool(fake, updateTask, { task_id: created.task.id, description: "Now *urgent*", markdown: true }));
    expect(sentData(fake, "PUT", `/tasks/${created.task.id}`)).toEqual({ html_notes: "<body>Now <em>urgent</em></body>" });
  });

  test("markdown without a description, or with html_notes, is refused without a request", async () => {
    const fake = await startAsanaFake();
    const alone = errorOf(await callTool(fake, updateTask, { task_id: fake.world.task.gid, name: "Renamed", markdown: true }));
    expect(alone.message).toContain("`markdown`: needs description");
    const both = errorOf(await callTool(fake, createTask, { name: "x", project: fake.world.launch.gid, html_notes: "<body>x</body>", markdown: true }));
    expect(both.message).toContain("`markdown, html_notes`: are both given");
    expect(fake.exchanges).toHaveLength(0);
  });

  test("AddCommentToTask sends Markdown text as html_text, with an @-mention and without headings", async () => {
    const fake = await startAsanaFake();
    const { task, colleague } = fake.world;
    const output = outputOf(
      await callTool(fake, addCommentToTask, { task_id: task.gid, text: `# Done\n**Shipped**, thanks @${colleague.gid}`, markdown: true }),
    );
    expect(sentData(fake, "POST", `/tasks/${task.gid}/stories`)).toEqual({
      html_text: `<body><strong>Done</strong>\n<strong>Shipped</strong>, thanks <a data-asana-gid="${colleague.gid}"/></body>`,
    });
    expect(output.comment.text).toContain("Shipped");
  });

  test("CreateStatusUpdate sends Markdown text as html_text", async () => {
    const fake = await startAsanaFake();
    outputOf(await callTool(fake, createStatusUpdate, { parent_id: fake.world.launch.gid, status_type: "at_risk", text: "- QA is *late*", markdown: true }));
    expect(sentData(fake, "POST", "/status_updates")).toMatchObject({ html_text: "<body><ul><li>QA is <em>late</em></li></ul></body>" });
    expect(sentData(fake, "POST", "/status_updates")).not.toHaveProperty("text");
  });

  test("CreateProject and UpdateProject send Markdown notes as html_notes", async () => {
    const fake = await startAsanaFake();
    const created = outputOf(await callTool(fake, createProject, { name: "Docs", team_id: fake.world.team.gid, notes: "**Goal**: docs", markdown: true }));
    expect(sentData(fake, "POST", /\/projects$/)).toMatchObject({ html_notes: markedHtml("<body><strong>Goal</strong>: docs</body>") });
    expect(fake.store.get(created.project.id)?.html_notes).toBe("<body><strong>Goal</strong>: docs</body>");
    outputOf(await callTool(fake, updateProject, { project_id: created.project.id, notes: "~~old~~ new", markdown: true }));
    expect(sentData(fake, "PUT", `/projects/${created.project.id}`)).toEqual({ html_notes: "<body><s>old</s> new</body>" });
    const noNotes = errorOf(await callTool(fake, updateProject, { project_id: created.project.id, name: "Docs 2", markdown: true }));
    expect(noNotes.message).toContain("`markdown`: needs notes");
  });
});
