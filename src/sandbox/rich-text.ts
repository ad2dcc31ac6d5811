/**
 * Asana's rich text (`html_notes`, `html_text`) as the emulator reads it, written from Asana's rich-text
 * documentation and from XML 1.0, and on purpose not shared with the tools' own check
 * (src/toolkit/rich-text.ts): if the tools' rule were wrong, the emulator must still answer as Asana
 * does, or a wrong rule would pass every test.
 *
 * The documented rules: the text is an XML-valid fragment whose root is <body>; tags are closed,
 * balanced, case-sensitive, and from a short list that depends on the object; attribute values are
 * quoted; only <a> carries attributes (and, in project briefs, <img> and <object>); inside <h1> and <h2>
 * only inline tags, and no line breaks. Anything else is a 400.
 */
export type RichTextObject = "task" | "project" | "goal" | "story" | "status_update" | "project_brief";

const common = ["body", "strong", "em", "u", "s", "code", "ol", "ul", "li", "a"];
const tagsOf: Record<RichTextObject, ReadonlySet<string>> = {
  task: new Set([...common, "h1", "h2", "hr"]),
  project: new Set(common),
  goal: new Set(common),
  story: new Set(common),
  status_update: new Set(common),
  project_brief: new Set([...common, "h1", "h2", "hr", "img", "table", "tr", "td", "object"]),
};
const withAttributes = new Set(["a", "img", "object"]);
const inline = new Set(["strong", "em", "u", "s", "code", "a"]);
const headings = new Set(["h1", "h2"]);
/** The entities XML defines without a DTD; a rich-text fragment has no DTD to declare others. */
const predefined: Record<string, string> = { lt: "<", gt: ">", amp: "&", apos: "'", quot: '"' };

export type RichTextReading = { plain: string } | { problem: string };

/** Reads rich text for an object: its plain text (markup gone, references decoded), or why Asana refuses it. */
export function readRichText(markup: string, object: RichTextObject): RichTextReading {
  try {
    return { plain: new FragmentReader(markup, tagsOf[object]).read() };
  } catch (error) {
    if (error instanceof RichTextProblem) return { problem: error.message };
    throw error;
  }
}

class RichTextProblem extends Error {}

class FragmentReader {
  #at = 0;
  #plain = "";
  /** Open elements, outermost first. */
  readonly #open: string[] = [];

  constructor(
    readonly text: string,
    readonly allowed: ReadonlySet<string>,
  ) {}

  read(): string {
    this.#skipSpace();
    if (!this.text.startsWith("<body", this.#at) || !/[\s/>]/.test(this.text[this.#at + 5] ?? "")) {
      throw new RichTextProblem("the text must be one <body> element (<body>...</body>)");
    }
    this.#element();
    this.#skipSpace();
    if (this.#at < this.text.length) throw new RichTextProblem("nothing may follow </body>");
    return this.#plain;
  }

  #element(): void {
    this.#at += 1; // "<"
    const name = this.#name();
    if (!this.allowed.has(name)) throw new RichTextProblem(`<${name}> is not an allowed tag here`);
    if (name === "body" && this.#open.length > 0) throw new RichTextProblem("<body> may only be the outermost element");
    const parent = this.#open[this.#open.length - 1];
    if (parent && headings.has(parent) && !inline.has(name)) throw new RichTextProblem(`<${name}> is not allowed inside <${parent}>`);
    const attributes = this.#attributes();
    if (attributes.length > 0 && !withAttributes.has(name)) throw new RichTextProblem(`<${name}> cannot have attributes`);
    if (this.text.startsWith("/>", this.#at)) {
      this.#at += 2;
      return;
    }
    this.#expect(">", `<${name}> is not closed with ">"`);
    this.#open.push(name);
    this.#content(name);
    this.#open.pop();
  }

  /** An element's content up to and including its end tag. */
  #content(name: string): void {
    const inHeading = this.#open.some((open) => headings.has(open));
    for (;;) {
      if (this.#at >= this.text.length) throw new RichTextProblem(`<${name}> is never closed`);
      const char = this.text[this.#at]!;
      if (char === "<") {
        if (this.text.startsWith("</", this.#at)) {
          this.#at += 2;
          const closing = this.#name();
          this.#skipSpace();
          this.#expect(">", `</${closing}> is not closed with ">"`);
          if (closing !== name) throw new RichTextProblem(`</${closing}> does not close the open <${name}>`);
          return;
        }
        if (this.text.startsWith("<!", this.#at) || this.text.startsWith("<?", this.#at)) {
          throw new RichTextProblem("comments, CDATA sections and processing instructions are not rich text");
        }
        this.#element();
      } else if (char === "&") {
        this.#plain += this.#reference();
      } else {
        if (inHeading && (char === "\n" || char === "\r")) throw new RichTextProblem("a heading cannot hold a line break");
        if (this.text.startsWith("]]>", this.#at)) throw new RichTextProblem('"]]>" cannot appear in text (write ]]&gt;)');
        this.#character(char);
        this.#plain += char;
        this.#at += 1;
      }
    }
  }

  /** Attributes up to "/>" or ">": quoted values, each name once. */
  #attributes(): string[] {
    const names: string[] = [];
    for (;;) {
      const spaced = this.#skipSpace();
      const next = this.text[this.#at];
      if (next === ">" || next === "/" || next === undefined) return names;
      if (!spaced) throw new RichTextProblem("attributes must be separated by spaces");
      const name = this.#name();
      if (names.includes(name)) throw new RichTextProblem(`the attribute ${name} appears twice`);
      names.push(name);
      this.#skipSpace();
      this.#expect("=", `the attribute ${name} has no value (write ${name}="...")`);
      this.#skipSpace();
      const quote = this.text[this.#at];
      if (quote !== '"' && quote !== "'") throw new RichTextProblem(`the value of ${name} must be quoted`);
      this.#at += 1;
      for (;;) {
        const char = this.text[this.#at];
        if (char === undefined) throw new RichTextProblem(`the value of ${name} is never closed`);
        if (char === quote) break;
        if (char === "<") throw new RichTextProblem(`the value of ${name} cannot hold "<" (write &lt;)`);
        if (char === "&") this.#reference();
        else {
          this.#character(char);
          this.#at += 1;
        }
      }
      this.#at += 1;
    }
  }

  /** An entity or character reference at "&", decoded. */
  #reference(): string {
    const end = this.text.indexOf(";", this.#at);
    const body = end === -1 ? "" : this.text.slice(this.#at + 1, end);
    let decoded: string | undefined;
    if (/^#[0-9]+$/.test(body)) decoded = characterOf(Number.parseInt(body.slice(1), 10));
    else if (/^#x[0-9a-fA-F]+$/.test(body)) decoded = characterOf(Number.parseInt(body.slice(2), 16));
    else decoded = Object.hasOwn(predefined, body) ? predefined[body] : undefined;
    if (decoded === undefined) throw new RichTextProblem(`"&${body.slice(0, 20)}" is not a reference XML knows (write &amp; for a literal &)`);
    this.#at = end + 1;
    return decoded;
  }

  /** An XML name: a letter, "_" or ":" first, then letters, digits, "-", ".", "_" or ":". */
  #name(): string {
    const match = /^[A-Za-z_:][A-Za-z0-9_:.-]*/.exec(this.text.slice(this.#at, this.#at + 100));
    if (!match) throw new RichTextProblem(`a "<" at position ${this.#at - 1} does not start a tag (write &lt; for a literal <)`);
    this.#at += match[0].length;
    return match[0];
  }

  #character(char: string): void {
    const code = char.charCodeAt(0);
    if (code < 0x20 && char !== "\t" && char !== "\n" && char !== "\r")
      throw new RichTextProblem(`the control character U+${code.toString(16).padStart(4, "0")} is not allowed in XML`);
  }

  #skipSpace(): boolean {
    const start = this.#at;
    while (/[ \t\r\n]/.test(this.text[this.#at] ?? "")) this.#at += 1;
    return this.#at > start;
  }

  #expect(literal: string, problem: string): void {
    if (!this.text.startsWith(literal, this.#at)) throw new RichTextProblem(problem);
    this.#at += literal.length;
  }
}

/** The character a reference names, when XML allows it (no NUL, no C0 control but tab and line breaks, no surrogate). */
function characterOf(code: number): string | undefined {
  const allowed =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  return allowed ? String.fromCodePoint(code) : undefined;
}
