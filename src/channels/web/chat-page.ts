/**
 * The chat page (index.html of the page's files) with the directory city's brand in its title,
 * header and footer, and the hotline (SERVICE_PHONE) one tap away in the footer: the HTML served
 * names the city and the number before its script runs, and to a reader without script. The
 * script puts the same words, in the session's language, from GET /chat/session.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pageBrand, type PageBrand } from "../../i18n/web-page.ts";
import { esc, hotlineLine, type PageService } from "./status-page.ts";

/** The page's file: the brand's words left as {{serviceName}} and {{footer}}. */
const TEMPLATE = "index.html";
/** The footer's line of the hotline, in the page's file. */
const HOTLINE_SLOT = "{{hotline}}";

/**
 * Reads the page from `staticDir` and fills in the brand of `service`'s city and its hotline in
 * Chinese, the page's language until its script knows the session's.
 * @throws when the file cannot be read or lacks a slot (a page that would name no city, or
 *   hide the hotline).
 */
export async function loadChatPage(staticDir: string, service: PageService): Promise<string> {
  return renderChatPage(await readFile(path.join(staticDir, TEMPLATE), "utf8"), service);
}

/** `template` with `service`'s brand and hotline in its slots; throws when one is missing. */
function renderChatPage(template: string, service: PageService): string {
  const brand = pageBrand("zh", service.city);
  let page = fill(template, HOTLINE_SLOT, hotlineLine(service.phone, "zh", "translatedByScript"));
  for (const slot of Object.keys(brand) as (keyof PageBrand)[]) {
    page = fill(page, `{{${slot}}}`, esc(brand[slot]));
  }
  return page;
}

function fill(page: string, marker: string, html: string): string {
  if (!page.includes(marker)) throw new Error(`${TEMPLATE} has no ${marker}`);
  return page.replaceAll(marker, html);
}
