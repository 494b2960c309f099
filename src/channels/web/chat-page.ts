/**
 * The chat page (index.html of the page's files) with the directory city's brand in its title,
 * header and footer: the HTML served names the city before its script runs, and to a reader
 * without script. The script puts the same words, in the session's language, from
 * GET /chat/session.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { CityNames } from "../../i18n/catalog.ts";
import { pageBrand, type PageBrand } from "../../i18n/web-page.ts";
import { esc } from "./status-page.ts";

/** The page's file, its brand's words left as {{serviceName}} and {{footer}}. */
const TEMPLATE = "index.html";

/**
 * Reads the page from `staticDir` and fills in `city`'s brand in Chinese, the page's language
 * until its script knows the session's.
 * @throws when the file cannot be read or lacks a slot of the brand (a page that would name
 *   no city).
 */
export async function loadChatPage(staticDir: string, city: CityNames): Promise<string> {
  return renderChatPage(await readFile(path.join(staticDir, TEMPLATE), "utf8"), city);
}

/** `template` with `city`'s brand in its slots; throws when one is missing. */
function renderChatPage(template: string, city: CityNames): string {
  const brand = pageBrand("zh", city);
  let page = template;
  for (const slot of Object.keys(brand) as (keyof PageBrand)[]) {
    const marker = `{{${slot}}}`;
    if (!page.includes(marker)) throw new Error(`${TEMPLATE} has no ${marker}`);
    page = page.replaceAll(marker, esc(brand[slot]));
  }
  return page;
}
