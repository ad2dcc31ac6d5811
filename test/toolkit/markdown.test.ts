import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { markdownToRichText, richTextProblem } from "../../src/toolkit/index.js";

const task = (markdown: string) => markdownToRichText(markdown, "task");
const story = (markdown: string) => markdownToRichText(markdown, "story");

describe("Markdown to Asana rich text", () => {
  test("paragraphs keep their line breaks, and a blank line between them stays one", () => {
    expect(task("First line\nsecond line\n\nNext paragraph")).toBe("<body>First line\nsecond line\n\nNext paragraph</body>");
    expect(task("")).toBe("<body></body>");
  });

  test("bold, italic, both, strikethrough and inline code", () => {
    expect(task("**bold** and __bold__, *italic* and _italic_, ***both***, ~~gone~~, `a < b`")).toBe(
      "<body><strong>bold</strong> and <strong>bold</strong>, <em>italic</em> and <em>italic</em>, <strong><em>both</em></strong>, <s>gone</s>, <code>a &lt; b</code></body>",
    );
    expect(task("**bold with *italic* inside**")).toBe("<body><strong>bold with <em>italic</em> inside</strong></body>");
  });

  test("what is not emphasis stays text: snake_case, a lone star, unclosed markers, escapes", () => {
    expect(task("call get_task_by_id now")).toBe("<body>call get_task_by_id now</body>");
    expect(task("2 * 3 * 4 = 24")).toBe("<body>2 * 3 * 4 = 24</body>");
    expect(task("**never closed")).toBe("<body>**never closed</body>");
    expect(task("\\*not italic\\* and \\`not code\\`")).toBe("<body>*not italic* and `not code`</body>");
  });

  test("text that means something in XML is escaped: & < > and quotes in links", () => {
    expect(task("AT&T <b>not a tag</b> 1 > 0")).toBe("<body>AT&amp;T &lt;b&gt;not a tag&lt;/b&gt; 1 &gt; 0</body>");
    expect(task('[a "quoted" link](https://example.com/?a=1&b=2)')).toBe('<body><a href="https://example.com/?a=1&amp;b=2">a "quoted" link</a></body>');
  });

  test("links and autolinks; a link to anything but http, https or mailto stays text", () => {
    expect(task("See [the spec](https://example.com/spec) or <https://example.com>.")).toBe(
      '<body>See <a href="https://example.com/spec">the spec</a> or <a href="https://example.com">https://example.com</a>.</body>',
    );
    expect(task("[**bold** link](mailto:a@example.com)")).toBe('<body><a href="mailto:a@example.com"><strong>bold</strong> link</a></body>');
    expect(task("[click](javascript:alert(1))")).toBe("<body>[click](javascript:alert(1))</body>");
  });

  test("bullet and numbered lists, nested, with inline formatting and wrapped lines", () => {
    const markdown = ["Plan:", "- one", "- **two**", "  - two a", "  - two b", "    continued", "- three", "", "1. first", "2. second", "   1. nested"].join(
      "\n",
    );
    expect(task(markdown)).toBe(
      "<body>Plan:\n<ul><li>one</li><li><strong>two</strong><ul><li>two a</li><li>two b\ncontinued</li></ul></li><li>three</li></ul>\n" +
        "<ol><li>first</li><li>second<ol><li>nested</li></ol></li></ol></body>",
    );
    expect(task("* star\n+ plus")).toBe("<body><ul><li>star</li><li>plus</li></ul></body>");
  });

  test("headings: h1 and h2 where the target allows them, bold lines elsewhere; rules likewise", () => {
    expect(task("# Title\n## Part\n### Small\ntext\n\n---\nafter")).toBe(
      "<body><h1>Title</h1>\n<h2>Part</h2>\n<strong>Small</strong>\ntext\n<hr/>\nafter</body>",
    );
    expect(story("# Title\n---\ntext")).toBe("<body><strong>Title</strong>\ntext</body>");
  });

  test("fenced code blocks keep their text and line breaks, with nothing inside parsed", () => {
    expect(task("Run:\n```sh\nnpm test && echo **done**\n  indented\n```\nthen")).toBe(
      "<body>Run:\n<code>npm test &amp;&amp; echo **done**\n  indented</code>\nthen</body>",
    );
  });

  test("@ and a user id mentions the user", () => {
    expect(story("Thanks @1204567890123456, see you")).toBe('<body>Thanks <a data-asana-gid="1204567890123456"/>, see you</body>');
    expect(story("mail bob@1204567890123456 or @42")).toBe("<body>mail bob@1204567890123456 or @42</body>");
  });

  test("control characters XML cannot carry are dropped", () => {
    expect(task("a\u0000b\u0007c\td")).toBe("<body>abc\td</body>");
  });

  test("whatever the input, the result passes Asana's rich text rules for every target", () => {
    const markdownish = fc.stringMatching(/^[-*_`~#>[\]()<>&@!\\ a-z0-9\n.:/"']{0,80}$/);
    for (const target of ["task", "story", "project"] as const) {
      fc.assert(
        fc.property(markdownish, (markdown) => {
          const html = markdownToRichText(markdown, target);
          expect(richTextProblem(html, target), `${JSON.stringify(markdown)} → ${html}`).toBeUndefined();
        }),
        { numRuns: 400 },
      );
    }
  });
});
