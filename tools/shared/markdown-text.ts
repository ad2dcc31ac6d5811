import * as z from "zod";
import { markdownToRichText, richTextProblem, ToolInputError, type RichTextTarget } from "../../src/toolkit/index.js";

/**
 * Markdown in: `markdown: true` says the tool's plain text parameter holds Markdown, sent to Asana as
 * rich text. A flag rather than a second text parameter (description_markdown, …): the model writes
 * its text where it always does and says how to read it, so each tool keeps one text parameter and
 * its rich text alternative, not three that exclude each other, and the schema grows by one boolean.
 */
export function markdownParam(field: string) {
  return z.boolean({ error: "must be true or false" }).optional().describe(`${field} is Markdown, sent as rich text.`);
}

/**
 * Markdown as Asana rich text for `target`, checked with Asana's rules before it is sent: Asana has
 * been seen to answer 201 to malformed html_text and keep the whole comment as literal markup.
 */
export function richTextFromMarkdown(markdown: string, target: RichTextTarget, param: string): string {
  const html = markdownToRichText(markdown, target);
  const problem = richTextProblem(html, target);
  if (problem) throw new ToolInputError(param, `turns into rich text that Asana would refuse (${problem})`, "Send it as plain text: leave markdown out.");
  return html;
}

/**
 * The text fields to send for a tool with a plain `field`, its rich text twin `richField` and the
 * markdown flag: the Markdown as rich text, or what was given as it is.
 */
export function markdownOrAsGiven(
  input: { markdown?: boolean | undefined },
  plain: { name: string; value: string | undefined },
  rich: { name: string; value: string | undefined },
  target: RichTextTarget,
): Record<string, string> | undefined {
  if (!input.markdown) return undefined;
  if (rich.value !== undefined) {
    throw new ToolInputError(
      `markdown, ${rich.name}`,
      `are both given: markdown says ${plain.name} is Markdown, and ${rich.name} is rich text already`,
      `Pass the Markdown as ${plain.name}, or ${rich.name} without markdown.`,
    );
  }
  if (plain.value === undefined)
    throw new ToolInputError("markdown", `needs ${plain.name}: it says ${plain.name} is Markdown`, `Pass ${plain.name}, or leave markdown out.`);
  return { [rich.name]: richTextFromMarkdown(plain.value, target, plain.name) };
}
