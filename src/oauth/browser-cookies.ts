import type { IncomingMessage, ServerResponse } from "node:http";
import type { SealedBox, SealPurpose } from "./sealed-box.js";

/**
 * The cookies of the sign-in pages, each sealed with the server's secret: HttpOnly (no script reads
 * them), SameSite=Lax (a cross-site POST does not carry them, which is what makes the consent form
 * safe from forgery), Secure and `__Host-` named when the server is reached over https.
 */
export type CookieName = "consent" | "sign_in" | "session";

export class BrowserCookies {
  readonly #box: SealedBox;
  readonly #secure: boolean;

  constructor(box: SealedBox, secure: boolean) {
    this.#box = box;
    this.#secure = secure;
  }

  #name(name: CookieName): string {
    return this.#secure ? `__Host-asana_mcp_${name}` : `asana_mcp_${name}`;
  }

  #append(res: ServerResponse, cookie: string): void {
    const existing = res.getHeader("set-cookie");
    const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
    res.setHeader("set-cookie", [...list, cookie]);
  }

  async set(res: ServerResponse, name: CookieName, purpose: SealPurpose, claims: Record<string, unknown>, ttlSeconds: number): Promise<void> {
    const value = await this.#box.seal(purpose, claims, ttlSeconds);
    this.#append(res, `${this.#name(name)}=${value}; Path=/; Max-Age=${ttlSeconds}; HttpOnly; SameSite=Lax${this.#secure ? "; Secure" : ""}`);
  }

  async read<T extends Record<string, unknown>>(req: IncomingMessage, name: CookieName, purpose: SealPurpose): Promise<(T & { exp: number }) | undefined> {
    const wanted = this.#name(name);
    for (const part of String(req.headers.cookie ?? "").split(";")) {
      const eq = part.indexOf("=");
      if (eq > 0 && part.slice(0, eq).trim() === wanted) return this.#box.open<T>(purpose, part.slice(eq + 1).trim());
    }
    return undefined;
  }

  clear(res: ServerResponse, name: CookieName): void {
    this.#append(res, `${this.#name(name)}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${this.#secure ? "; Secure" : ""}`);
  }
}
