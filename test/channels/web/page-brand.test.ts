/**
 * The web pages are the city's whose directory is in service: the title, the header and the
 * footer name it in both languages (an operator of another city replaces the directory, not the
 * pages), and the chat page gets the same words with its session. The chat page's HTML names
 * it already, for a reader without script and before the script has run.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { renderNotFoundPage } from "../../../src/channels/web/status-page.ts";
import { ANOTHER_CITY, anotherCityDirectoryFile } from "../../support/another-city.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";

const LUOHE = { city: { city: "漯河市", cityEn: "Luohe" }, phone: null };

describe("the pages' brand", () => {
  it("names the directory's city in the title, header and footer, in Chinese", () => {
    const html = renderNotFoundPage("zh", LUOHE);
    expect(html).toContain("<title>找不到这个页面 · 漯河市群众诉求服务平台</title>");
    expect(html).toContain('<span class="brand-name">漯河市群众诉求服务平台</span>');
    expect(html).toContain("<p>漯河市人民政府 12345 群众诉求服务平台</p></footer>");
    expect(html).not.toContain("周口");
  });

  it("and in English", () => {
    const html = renderNotFoundPage("en", LUOHE);
    expect(html).toContain('<span class="brand-name">Luohe Citizen Service Platform</span>');
    expect(html).toMatch(
      /<p>Luohe Municipal People(?:'|&#39;|&#x27;)s Government · 12345 Citizen Service Platform<\/p><\/footer>/,
    );
    expect(html).not.toContain("Zhoukou");
  });
});

describe("the chat page served with another city's directory", { timeout: 60_000 }, () => {
  let service: TestApp;
  beforeAll(async () => {
    service = await startTestApp({ env: { DIRECTORY_FILE: await anotherCityDirectoryFile() } });
  });

  it("names the directory's city in its title, header and footer before any script runs", async () => {
    const page = await fetch(new URL("/", service.url));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<title>在线反映 · ${ANOTHER_CITY.city}群众诉求服务平台</title>`);
    expect(html).toContain(
      `<span class="brand-name" data-text="serviceName">${ANOTHER_CITY.city}群众诉求服务平台</span>`,
    );
    expect(html).toContain(
      `<p data-text="footer">${ANOTHER_CITY.city}人民政府 12345 群众诉求服务平台</p>`,
    );
    expect(html).not.toContain("周口");
    expect(html).not.toContain("{{");
  });

  it("does not serve the page's template among its files", async () => {
    expect((await fetch(new URL("/static/index.html", service.url))).status).toBe(404);
  });
});
