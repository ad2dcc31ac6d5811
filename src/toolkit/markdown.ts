import type { RichTextTarget } from "./rich-text.js";

/**
 * Markdown, as models write it, turned into Asana rich text (`<body>…</body>`). A small subset on
 * purpose, each piece mapped onto a tag Asana takes (rich-text.ts):
 * - paragraphs, with their line breaks (Asana shows a newline as one) and a blank line between them;
 * - **bold**, *italic*, ***both***, ~~strikethrough~~, `code`, fenced code blocks (as <code>);
 * - [links](https://…) and <https://…> (http, https and mailto only; anything else stays text);
 * - bullet and numbered lists, nested by indentation;
 * - # and ## as h1 and h2 where the target has headings (tasks; not project notes or comments), bold lines elsewhere and for
 *   ### and deeper; --- as <hr/> where the target has it;
 * - @ followed by a user id (digits) as an @-mention.
 * Everything else is text, escaped, so the result is always well-formed for Asana whatever the input.
 */

const structural = new Set(["h1", "h2", "ul", "ol", "hr"]);

interface Block {
  html: string;
  kind: "text" | "h1" | "h2" | "ul" | "ol" | "hr";
  /** A blank line came before it in the source. */
  blankBefore: boolean;
}

const fence = /^ {0,3}(```+|~~~+)/;
const heading = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const rule = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const listItem = /^( *)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*)|$)/;

/** XML 1.0 cannot carry these control characters at all. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to drop.
const unrepresentable = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const escapeAttribute = (text: string) => escapeXmlText(text).replace(/"/g, "&quot;");

export function markdownToRichText(markdown: string, target: RichTextTarget): string {
  // Asana's rich text has headings and rules in task notes and project briefs only (asana-api.md §3).
  const headings = target === "task";
  const lines = markdown.replace(unrepresentable, "").replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let blankBefore = false;
  let paragraph: string[] = [];
  const push = (block: Omit<Block, "blankBefore">) => {
    blocks.push({ ...block, blankBefore });
    blankBefore = false;
  };
  const endParagraph = () => {
    if (paragraph.length > 0) push({ kind: "text", html: inline(paragraph.join("\n")) });
    paragraph = [];
  };
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    if (line.trim() === "") {
      endParagraph();
      blankBefore = blocks.length > 0;
      index++;
      continue;
    }
    const opening = fence.exec(line);
    if (opening) {
      endParagraph();
      const marker = opening[1]!;
      const body: string[] = [];
      index++;
      while (index < lines.length && !lines[index]!.trimStart().startsWith(marker)) body.push(lines[index++]!);
      index++;
      push({ kind: "text", html: `<code>${escapeXmlText(body.join("\n"))}</code>` });
      continue;
    }
    if (rule.test(line)) {
      endParagraph();
      if (headings) push({ kind: "hr", html: "<hr/>" });
      index++;
      continue;
    }
    const title = heading.exec(line);
    if (title) {
      endParagraph();
      const level = title[1]!.length;
      const text = inline((title[2] ?? "").trim());
      // An empty heading says nothing; a heading the target lacks is a bold line.
      if (text !== "" && headings && level <= 2) push({ kind: level === 1 ? "h1" : "h2", html: `<h${level}>${text}</h${level}>` });
      else if (text !== "") push({ kind: "text", html: `<strong>${text}</strong>` });
      index++;
      continue;
    }
    if (listItem.test(line)) {
      endParagraph();
      const list = parseList(lines, index);
      push({ kind: list.ordered ? "ol" : "ul", html: list.html });
      index = list.next;
      continue;
    }
    paragraph.push(line.trim());
    index++;
  }
  endParagraph();
  let body = "";
  for (const [position, block] of blocks.entries()) {
    const previous = blocks[position - 1];
    if (previous) body += block.blankBefore && !structural.has(block.kind) && !structural.has(previous.kind) ? "\n\n" : "\n";
    body += block.html;
  }
  return `<body>${body}</body>`;
}

const indentOf = (line: string) => line.length - line.trimStart().length;

/** A block-level line that ends a list item's text rather than continuing it. */
const startsBlock = (line: string) => fence.test(line) || heading.test(line) || rule.test(line);
const isOrdered = (marker: string) => /\d/.test(marker);

/**
 * A list starting at `start`, with the lists nested in its items; `next` is the first line after it.
 * An item at one or two more spaces than the list's own is its sibling; further in, it opens a nested
 * list; a line that is no item continues the last item's text.
 */
function parseList(lines: readonly string[], start: number): { html: string; ordered: boolean; next: number } {
  const first = listItem.exec(lines[start]!)!;
  const indent = first[1]!.length;
  const ordered = isOrdered(first[2]!);
  const items: Array<{ text: string[]; nested: string[] }> = [];
  let index = start;
  let afterBlank = false;
  while (index < lines.length) {
    const line = lines[index]!;
    if (line.trim() === "") {
      // A blank line ends the list unless more of it (an item, or an indented line) follows.
      let next = index + 1;
      while (next < lines.length && lines[next]!.trim() === "") next++;
      const following = lines[next];
      if (following === undefined || !(indentOf(following) > indent || (listItem.test(following) && indentOf(following) === indent))) break;
      afterBlank = true;
      index = next;
      continue;
    }
    const item = listItem.exec(line);
    const lineIndent = indentOf(line);
    const current = items[items.length - 1];
    if (item && lineIndent >= indent && lineIndent <= indent + 1) {
      if (isOrdered(item[2]!) !== ordered) break; // another kind of list starts here
      items.push({ text: [(item[3] ?? "").trim()], nested: [] });
    } else if (!current || (item && lineIndent < indent)) {
      break;
    } else if (item) {
      const nested = parseList(lines, index);
      current.nested.push(nested.html);
      index = nested.next;
      afterBlank = false;
      continue;
    } else if (lineIndent > indent || (!afterBlank && !startsBlock(line))) {
      current.text.push(line.trim());
    } else {
      break;
    }
    afterBlank = false;
    index++;
  }
  const tag = ordered ? "ol" : "ul";
  const html = items.map((item) => `<li>${inline(item.text.join("\n"))}${item.nested.join("")}</li>`).join("");
  return { html: `<${tag}>${html}</${tag}>`, ordered, next: index };
}

const punctuation = /[!-/:-@[-`{-~]/;
const alphanumeric = /[\p{L}\p{N}]/u;
const allowedLink = /^(https?:\/\/|mailto:)[^\s<>]*$/i;

interface InlineOptions {
  /** Inside a link's text: no links or mentions (Asana's <a> cannot nest). */
  inLink?: boolean;
}

/** Inline Markdown in one block's text, as rich text; every construct closes what it opens. */
function inline(text: string, options: InlineOptions = {}): string {
  let html = "";
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    const rest = text.slice(index);
    if (char === "\\" && index + 1 < text.length && punctuation.test(text[index + 1]!)) {
      html += escapeXmlText(text[index + 1]!);
      index += 2;
      continue;
    }
    if (char === "`") {
      const run = /^`+/.exec(rest)![0];
      const close = findRun(text, "`", run.length, index + run.length);
      if (close >= 0) {
        html += `<code>${escapeXmlText(text.slice(index + run.length, close).trim())}</code>`;
        index = close + run.length;
        continue;
      }
      html += escapeXmlText(run);
      index += run.length;
      continue;
    }
    if (!options.inLink && char === "[") {
      const link = parseLink(text, index);
      if (link) {
        html += `<a href="${escapeAttribute(link.url)}">${inline(link.label, { inLink: true })}</a>`;
        index = link.end;
        continue;
      }
    }
    if (!options.inLink && char === "<") {
      const auto = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/i.exec(rest);
      if (auto) {
        html += `<a href="${escapeAttribute(auto[1]!)}">${escapeXmlText(auto[1]!)}</a>`;
        index += auto[0].length;
        continue;
      }
    }
    if (!options.inLink && char === "@" && (index === 0 || !alphanumeric.test(text[index - 1]!))) {
      const mention = /^@(\d{6,32})(?![\p{L}\p{N}])/u.exec(rest);
      if (mention) {
        html += `<a data-asana-gid="${mention[1]}"/>`;
        index += mention[0].length;
        continue;
      }
    }
    if (char === "~" && rest.startsWith("~~")) {
      const close = text.indexOf("~~", index + 2);
      if (close > index + 2 && !/\s/.test(text[index + 2]!) && !/\s/.test(text[close - 1]!)) {
        html += `<s>${inline(text.slice(index + 2, close), options)}</s>`;
        index = close + 2;
        continue;
      }
    }
    if (char === "*" || char === "_") {
      const emphasis = parseEmphasis(text, index, char);
      if (emphasis) {
        const inner = inline(text.slice(emphasis.innerStart, emphasis.innerEnd), options);
        html += emphasis.length === 1 ? `<em>${inner}</em>` : emphasis.length === 2 ? `<strong>${inner}</strong>` : `<strong><em>${inner}</em></strong>`;
        index = emphasis.innerEnd + emphasis.length;
        continue;
      }
      const run = new RegExp(`^\\${char}+`).exec(rest)![0];
      html += run;
      index += run.length;
      continue;
    }
    html += escapeXmlText(char);
    index++;
  }
  return html;
}

/** The next run of exactly `length` `char`s at or after `from`, or -1. */
function findRun(text: string, char: string, length: number, from: number): number {
  for (let index = text.indexOf(char, from); index >= 0; index = text.indexOf(char, index + 1)) {
    let end = index;
    while (text[end] === char) end++;
    if (end - index === length) return index;
    index = end - 1;
  }
  return -1;
}

/** `*x*`, `**x**`, `***x***` (or with `_`): an opener not followed by a space, a closer of the same run not after one. */
function parseEmphasis(text: string, start: number, char: string): { length: number; innerStart: number; innerEnd: number } | undefined {
  let length = 0;
  while (text[start + length] === char) length++;
  if (length > 3) return undefined;
  const after = text[start + length];
  if (after === undefined || /\s/.test(after)) return undefined;
  // An underscore inside a word (snake_case) is not emphasis.
  if (char === "_" && start > 0 && alphanumeric.test(text[start - 1]!)) return undefined;
  for (let close = findRun(text, char, length, start + length); close >= 0; close = findRun(text, char, length, close + length)) {
    if (/\s/.test(text[close - 1]!)) continue;
    if (char === "_" && close + length < text.length && alphanumeric.test(text[close + length]!)) continue;
    return { length, innerStart: start + length, innerEnd: close };
  }
  return undefined;
}

/** `[label](url)` at `start`, the url optionally in <>; only http, https and mailto links are made. */
function parseLink(text: string, start: number): { label: string; url: string; end: number } | undefined {
  let depth = 0;
  let close = -1;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (char === "\\") {
      index++;
      continue;
    }
    if (char === "[") depth++;
    if (char === "]" && --depth === 0) {
      close = index;
      break;
    }
  }
  if (close < 0 || text[close + 1] !== "(") return undefined;
  let parens = 0;
  let end = -1;
  for (let index = close + 1; index < text.length; index++) {
    if (text[index] === "(") parens++;
    if (text[index] === ")" && --parens === 0) {
      end = index;
      break;
    }
  }
  if (end < 0) return undefined;
  let url = text.slice(close + 2, end).trim();
  if (url.startsWith("<") && url.endsWith(">")) url = url.slice(1, -1);
  url = url.replace(/\s+"[^"]*"$/, "");
  if (!allowedLink.test(url)) return undefined;
  return { label: text.slice(start + 1, close), url, end: end + 1 };
}
