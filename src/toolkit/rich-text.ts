/**
 * Asana's rules for rich text (`html_notes`, `html_text`): an XML-valid fragment wrapped in <body>,
 * closed and balanced case-sensitive tags from a short list, quoted attributes, attributes only on
 * <a>, and headings that hold inline tags and no line break. Anything else is a 400 from Asana. Tools
 * refuse bad markup before sending it (naming the rule). The emulator has its own reading, written
 * apart from this one (src/sandbox/rich-text.ts), and both are held to Asana's documented examples.
 */
export type RichTextTarget = "task" | "story" | "project";

const everywhere = new Set(["body", "strong", "em", "u", "s", "code", "ol", "ul", "li", "a"]);
const tasksOnly = new Set(["h1", "h2", "hr"]);
const selfClosing = new Set(["hr", "a"]);
const inlineOnly = new Set(["strong", "em", "u", "s", "code", "a"]);
const entities = new Set(["amp", "lt", "gt", "quot", "apos"]);

/** The tags Asana accepts for a target, in the order a person would list them (for error messages). */
export function richTextTagsAllowed(target: RichTextTarget): string[] {
  return [...everywhere, ...(target === "task" ? [...tasksOnly] : [])];
}

/** Returns why the text breaks Asana's rules, or undefined when Asana would accept it. */
export function richTextProblem(html: string, target: RichTextTarget): string | undefined {
  const trimmed = html.trim();
  if (!trimmed.startsWith("<body>") || !trimmed.endsWith("</body>")) return "must be wrapped in <body>...</body>";
  const allowed = (tag: string) => everywhere.has(tag) || (target === "task" && tasksOnly.has(tag));
  const open: string[] = [];
  const tagPattern = /<(\/?)([^\s/>]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<|&([^;\s<>]*);?|>/g;
  let match: RegExpExecArray | null;
  let seenBody = false;
  let textStart = 0;
  for (match = tagPattern.exec(trimmed); match; match = tagPattern.exec(trimmed)) {
    const [whole, closing, name, attributes, selfClose, entity] = match;
    const inHeading = open.includes("h1") || open.includes("h2");
    if (inHeading && /[\r\n]/.test(trimmed.slice(textStart, match.index))) return "a heading cannot hold a line break";
    textStart = match.index + whole.length;
    if (whole === "<") return `a "<" at position ${match.index} does not start a valid tag (write &lt; for a literal <)`;
    if (whole === ">") continue; // a bare > is legal XML text
    if (whole.startsWith("&")) {
      if (!whole.endsWith(";") || (!entities.has(entity ?? "") && !/^#(\d+|x[0-9a-fA-F]+)$/.test(entity ?? ""))) {
        return `"${whole}" is not a valid XML entity (write &amp; for a literal &)`;
      }
      continue;
    }
    const tag = name ?? "";
    if (!allowed(tag)) return `<${tag}> is not an allowed tag here`;
    if (attributes?.trim() && tag !== "a") return `<${tag}> cannot carry attributes; only <a> can`;
    if (tag === "body") {
      if (closing) {
        if (open.length !== 1 || open[0] !== "body") return "</body> closes while other tags are still open";
      } else if (seenBody) return "only one <body> is allowed";
      seenBody = true;
    }
    if (selfClose) {
      if (!selfClosing.has(tag)) return `<${tag}/> cannot be self-closing`;
      continue;
    }
    if (closing) {
      const expected = open.pop();
      if (expected !== tag) return `</${tag}> does not match the open <${expected ?? "nothing"}>`;
    } else {
      if ((open.includes("h1") || open.includes("h2")) && !inlineOnly.has(tag)) return `<${tag}> is not allowed inside a heading`;
      open.push(tag);
    }
  }
  if (open.length > 0) return `<${open[open.length - 1]}> is never closed`;
  return undefined;
}

/** The plain text Asana derives from rich text: the markup without tags, entities decoded. */
export function plainTextOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}
