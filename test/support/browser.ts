import { CookieJar } from "tough-cookie";

/**
 * A person's browser for sign-in tests: it follows redirects with a cookie jar (tough-cookie, RFC 6265),
 * sends Origin on form posts as browsers do, and fills in and submits the forms of the pages it is
 * shown. Every step is kept, so a test can check where the browser went and what it was told.
 */
export interface BrowserPage {
  url: string;
  status: number;
  html: string;
}

export interface BrowserStop {
  /** The redirect the browser was told to follow into a stop prefix (the MCP client's redirect URI). */
  stoppedAt: string;
}

export interface BrowserStep {
  method: string;
  url: string;
  status: number;
  location?: string;
}

export interface FormSubmission {
  /** Which form of the page (default the first). */
  form?: number;
  /** Values to set (others keep the page's values: hidden fields, the first option of a select). */
  values?: Record<string, string>;
  /** The submit button's name and value, when the form has several. */
  button?: { name: string; value: string };
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decode = (text: string) =>
  text.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith("#x") || entity.startsWith("#X")) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number(entity.slice(1)));
    return entities[entity.toLowerCase()] ?? whole;
  });

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/([a-zA-Z_:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    found[match[1]!.toLowerCase()] = decode(match[2] ?? match[3] ?? match[4] ?? "");
  }
  return found;
}

export class TestBrowser {
  readonly jar = new CookieJar();
  readonly steps: BrowserStep[] = [];
  /** Every page the browser was shown, in order. */
  readonly pages: BrowserPage[] = [];
  /** Redirects into these prefixes are not followed: the browser stops and reports the URL. */
  readonly stopAt: string[];
  readonly maxHops: number;

  constructor(options: { stopAt?: string[]; maxHops?: number } = {}) {
    this.stopAt = options.stopAt ?? [];
    this.maxHops = options.maxHops ?? 25;
  }

  async open(url: string): Promise<BrowserPage | BrowserStop> {
    return this.#go(url, "GET", undefined, undefined);
  }

  /** Submits a form of `page` as a person would by pressing its button. */
  async submit(page: BrowserPage, submission: FormSubmission = {}): Promise<BrowserPage | BrowserStop> {
    const forms = [...page.html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)];
    const chosen = forms[submission.form ?? 0];
    if (!chosen) throw new Error(`no form on ${page.url}:\n${page.html.slice(0, 2000)}`);
    const formAttributes = attributes(chosen[1]!);
    const fields = new URLSearchParams();
    for (const input of chosen[2]!.matchAll(/<input\b([^>]*)>/gi)) {
      const a = attributes(input[1]!);
      if (a.name && a.type !== "submit" && !(a.type === "checkbox" && !("checked" in a))) fields.set(a.name, a.value ?? "");
    }
    for (const select of chosen[2]!.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const a = attributes(select[1]!);
      const first = /<option\b([^>]*)>/i.exec(select[2]!);
      if (a.name && first) fields.set(a.name, attributes(first[1]!).value ?? "");
    }
    for (const [name, value] of Object.entries(submission.values ?? {})) fields.set(name, value);
    if (submission.button) fields.set(submission.button.name, submission.button.value);
    const target = new URL(formAttributes.action || page.url, page.url).toString();
    const method = (formAttributes.method || "GET").toUpperCase();
    if (method === "GET") {
      const url = new URL(target);
      for (const [name, value] of fields) url.searchParams.set(name, value);
      return this.#go(url.toString(), "GET", undefined, new URL(page.url).origin);
    }
    return this.#go(target, "POST", fields.toString(), new URL(page.url).origin);
  }

  async #go(start: string, startMethod: string, startBody: string | undefined, origin: string | undefined): Promise<BrowserPage | BrowserStop> {
    let url = start;
    let method = startMethod;
    let body = startBody;
    for (let hop = 0; hop < this.maxHops; hop++) {
      const headers: Record<string, string> = { accept: "text/html,application/json;q=0.9" };
      const cookie = await this.jar.getCookieString(url);
      if (cookie) headers.cookie = cookie;
      if (method === "POST") {
        headers["content-type"] = "application/x-www-form-urlencoded";
        if (origin) headers.origin = origin;
      }
      const response = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}), redirect: "manual" });
      for (const setCookie of response.headers.getSetCookie()) await this.jar.setCookie(setCookie, url, { ignoreError: true });
      const location = response.headers.get("location") ?? undefined;
      this.steps.push({ method, url, status: response.status, ...(location ? { location } : {}) });
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        const next = new URL(location, url).toString();
        if (this.stopAt.some((prefix) => next.startsWith(prefix))) return { stoppedAt: next };
        url = next;
        // 303 (and, as browsers do, 301/302 after a POST) continue as GET without a body.
        if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === "POST")) {
          method = "GET";
          body = undefined;
        }
        continue;
      }
      const page = { url, status: response.status, html: await response.text() };
      this.pages.push(page);
      return page;
    }
    throw new Error(`more than ${this.maxHops} redirects from ${start}: ${this.steps.map((s) => `${s.status} ${s.url}`).join(" -> ")}`);
  }
}

export function isPage(result: BrowserPage | BrowserStop): result is BrowserPage {
  return "html" in result;
}
