import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readRichText, type RichTextObject } from "../../src/sandbox/rich-text.js";
import { richTextProblem } from "../../src/toolkit/rich-text.js";

/**
 * Asana's documented rich text: the examples in its OpenAPI document, and the rules of its rich-text
 * page (see ../shared/reference/asana-api.md, section 3), each as markup, the object it is written to,
 * and whether Asana takes it. Both rules are held to these: the emulator's own, and the one the tools
 * check before sending. Neither may borrow the other's verdict.
 */
const documented: Array<{ markup: string; on: RichTextObject; accepted: boolean; why: string }> = [
  // The OpenAPI document's examples.
  { markup: "<body>Mittens <em>really</em> likes the stuff from Humboldt.</body>", on: "task", accepted: true, why: "task html_notes example" },
  { markup: "<body>These are things we need to purchase.</body>", on: "project", accepted: true, why: "project html_notes example" },
  { markup: "<body>This is a comment.</body>", on: "story", accepted: true, why: "story html_text example" },
  { markup: "<body>Great! I like this idea.</body>", on: "story", accepted: true, why: "story html_text example" },
  {
    markup: "<body>The project <strong>is</strong> moving forward according to plan...</body>",
    on: "status_update",
    accepted: true,
    why: "status update html_text example",
  },
  { markup: "<body>Start building brand awareness.</body>", on: "goal", accepted: true, why: "goal html_notes example" },
  { markup: "<body>This is a <strong>project brief</strong>.</body>", on: "project_brief", accepted: true, why: "project brief html_text example" },
  // The rules of the rich-text page.
  { markup: '<body>Ask <a data-asana-gid="1201"/> about it</body>', on: "task", accepted: true, why: "an @-mention" },
  { markup: '<body><a data-asana-gid="1201" data-asana-dynamic="false">the report</a></body>', on: "story", accepted: true, why: "a mention keeping its text" },
  { markup: '<body>See <a href="https://asana.com">Asana</a></body>', on: "story", accepted: true, why: "a link" },
  { markup: "<body><strong>b</strong> <em>i</em> <u>u</u> <s>s</s> <code>c</code></body>", on: "story", accepted: true, why: "the inline tags" },
  { markup: "<body><ul><li>one</li><li>two</li></ul><ol><li>first</li></ol></body>", on: "story", accepted: true, why: "lists" },
  { markup: "<body><h1>Plan</h1><h2>Week <em>one</em></h2><hr/>Text</body>", on: "task", accepted: true, why: "headings and rules on tasks" },
  { markup: "<body>Fish &amp; chips &lt;3 &#8364;5</body>", on: "task", accepted: true, why: "references" },
  { markup: "<body><h1>Plan</h1></body>", on: "story", accepted: false, why: "headings are for tasks and briefs" },
  { markup: "<body><hr/></body>", on: "project", accepted: false, why: "rules are for tasks and briefs" },
  { markup: '<body><img data-asana-gid="5"/></body>', on: "task", accepted: false, why: "images are for briefs" },
  { markup: "<body><table><tr><td>x</td></tr></table></body>", on: "task", accepted: false, why: "tables are for briefs" },
  { markup: "<body><h3>Deeper</h3></body>", on: "task", accepted: false, why: "no <h3>" },
  { markup: "<body><p>para</p></body>", on: "task", accepted: false, why: "an unsupported tag" },
  { markup: "<body><STRONG>loud</STRONG></body>", on: "story", accepted: false, why: "tags are case-sensitive" },
  { markup: "Just text", on: "story", accepted: false, why: "no <body>" },
  { markup: "<strong>x</strong>", on: "story", accepted: false, why: "the root is not <body>" },
  { markup: '<body><strong class="x">b</strong></body>', on: "task", accepted: false, why: "attributes only on <a>" },
  { markup: "<body><a href=https://asana.com>x</a></body>", on: "story", accepted: false, why: "attribute values are quoted" },
  { markup: "<body><em>a</strong></em></body>", on: "task", accepted: false, why: "tags are balanced" },
  { markup: "<body><em>open</body>", on: "task", accepted: false, why: "tags are closed" },
  { markup: "<body>Fish & chips</body>", on: "task", accepted: false, why: "XML: a bare &" },
  { markup: "<body>1 < 2</body>", on: "task", accepted: false, why: "XML: a bare <" },
  { markup: "<body><h1><ul><li>x</li></ul></h1></body>", on: "task", accepted: false, why: "only inline tags in a heading" },
  { markup: "<body><h1>Line one\nline two</h1></body>", on: "task", accepted: false, why: "no line break in a heading" },
];

describe("rich text as Asana documents it", () => {
  test.each(documented)("the emulator: $why ($on) is accepted: $accepted", ({ markup, on, accepted }) => {
    expect("plain" in readRichText(markup, on)).toBe(accepted);
  });

  // The tools check the two kinds of rich text they write: task notes, and comments and status updates.
  const toolTargets: Partial<Record<RichTextObject, "task" | "story">> = { task: "task", story: "story", status_update: "story" };
  test.each(documented.filter(({ on }) => toolTargets[on]))("the tools' rule: $why ($on) is accepted: $accepted", ({ markup, on, accepted }) => {
    expect(richTextProblem(markup, toolTargets[on]!) === undefined).toBe(accepted);
  });

  test("the plain text is the markup's text with references decoded", () => {
    expect(readRichText("<body><h1>Plan</h1>Fish &amp; chips &#8364;5 &#x263A;</body>", "task")).toEqual({ plain: "PlanFish & chips €5 ☺" });
  });

  test("the emulator does not borrow the tools' rule", () => {
    const sandbox = new URL("../../src/sandbox/", import.meta.url).pathname;
    const files = readdirSync(sandbox, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(10);
    const borrowing = files.filter((file) => /from\s+["'][^"']*toolkit\/rich-text/.test(readFileSync(join(sandbox, file), "utf8")));
    expect(borrowing).toEqual([]);
  });
});
