/**
 * The web pages are the city's whose directory is in service: the title, the header and the
 * footer name it in both languages (an operator of another city replaces the directory, not the
 * pages), and the chat page gets the same words with its session.
 */
import { describe, expect, it } from "vitest";
import { renderNotFoundPage } from "../../../src/channels/web/status-page.ts";

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
