/**
 * A clerk pages through more cases than two pages hold, in headless Chromium over a slow network
 * (every console request held back before it goes on): each page says which cases of how many
 * it shows, every case is on exactly one page, the last page holds the rest, and 下一页 clicked
 * twice while the next page is still on its way moves one page, not two.
 */
import { describe, expect, it } from "vitest";
import { useConsoleAndBrowser } from "./console-world.ts";

const PAGE_SIZE = 50;
/** Two full pages and a part of one: each page's bounds, and the last one's shortness. */
const CASES = 2 * PAGE_SIZE + 17;
/** How long each request is held back: a slow mobile network's round trip. */
const NETWORK_DELAY_MS = 300;

const scene = useConsoleAndBrowser({ staff: [{ username: "li", role: "clerk" }] });

describe("a clerk paging through the cases on a slow network", { timeout: 120_000 }, () => {
  it("shows every case once, counted right, one page per click however often clicked", async () => {
    for (let batch = 0; batch < CASES; batch += 25) {
      const size = Math.min(25, CASES - batch);
      await Promise.all(
        Array.from({ length: size }, (_, i) => scene.world.file(`paging-${batch + i}`)),
      );
    }
    const { page, errors } = await scene.signedInPage("li");
    await page.route("**/api/**", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, NETWORK_DELAY_MS));
      await route.continue();
    });
    await page.goto(`${scene.world.url}/console/cases`);

    const numbers = page.locator(".case-list tbody tr .case-no");
    const pages = Math.ceil(CASES / PAGE_SIZE);
    const seen: string[] = [];
    for (let n = 0; n < pages; n++) {
      const from = n * PAGE_SIZE + 1;
      const to = Math.min(from + PAGE_SIZE - 1, CASES);
      await page.locator(".page-sub", { hasText: `第 ${from}–${to} 件，共 ${CASES} 件` }).waitFor();
      await expect.poll(() => numbers.count()).toBe(to - from + 1);
      seen.push(...(await numbers.allInnerTexts()));
      const next = page.locator(".pager").getByRole("button", { name: "下一页" });
      if (n < pages - 1) await next.dblclick();
      else expect(await next.isDisabled()).toBe(true);
    }

    expect(seen).toHaveLength(CASES);
    expect(new Set(seen).size).toBe(CASES);
    expect(errors).toEqual([]);
  });
});
