/**
 * A citizen on 我的诉求 (/my), as a browser without scripts talks to it: forms posted with the
 * page's CSRF token, cookies kept, redirects seen (not followed).
 */
import { expect } from "vitest";
import { WebCitizen } from "./web-citizen.ts";

export interface Page {
  readonly status: number;
  readonly html: string;
  readonly location: string | null;
}

export class MyCasesVisitor {
  private readonly browser: WebCitizen;
  private csrf = "";

  constructor(baseUrl: string) {
    this.browser = new WebCitizen(baseUrl);
  }

  cookie(name: string): string | undefined {
    return this.browser.cookie(name);
  }

  async get(path: string): Promise<Page> {
    return this.read(await this.browser.fetch(path, { redirect: "manual" }));
  }

  /** Posts a form of the last page read (its CSRF token goes with it, unless `csrf` is given). */
  async post(path: string, fields: Record<string, string>, csrf = this.csrf): Promise<Page> {
    const body = new URLSearchParams({ ...fields, _csrf: csrf });
    const response = await this.browser.fetch(path, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: body.toString(),
    });
    return this.read(response);
  }

  /** From /my to the page that asks for the code. */
  async askCode(phone: string): Promise<Page> {
    const form = await this.get("/my");
    expect(form.status).toBe(200);
    return this.post("/my/code", { phone });
  }

  private async read(response: Response): Promise<Page> {
    const html = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (token) this.csrf = token;
    return { status: response.status, html, location: response.headers.get("location") };
  }
}
