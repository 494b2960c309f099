/**
 * A clerk pages through several hundred cases in headless Chromium over a slow network (every
 * console request held back before it goes on): each page says which cases of how many it
 * shows, every case is on exactly one page, and 下一页 clicked twice while the next page is
 * still on its way moves one page, not two.
 */
import { describe, expect, it } from "vitest";
import { useConsoleAndBrowser } from "./console-world.ts";

const CASES = 600;
const PAGE_SIZE = 50;
/** How long each request is held back: a slow mobile network's round trip. */
const NETWORK_DELAY_MS = 300;

const scene = useConsoleAndBrowser({ staff: [{ username: "li", role: "clerk" }] });

describe("a clerk paging through hundreds of cases on a slow network", { timeout: 240_000 }, () => {
  it("shows every case once, counted right, one page per click however often clicked", async () => {
    for (let batch = 0; batch < CASES; batch += 25) {
      await Promise.all(
        Array.from({ length: 25 }, (_, i) => scene.world.file(`paging-${batch + i}`)),
      );
    }
    const { page, errors } = await scene.signedInPage("li");
    await page.route("**/api/**", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, NETWORK_DELAY_MS));
      await route.continue();
    });
    await page.goto(`${scene.world.url}/console/cases`);

    const numbers = page.locator(".case-list tbody tr .case-no");
    const seen: string[] = [];
    for (let n = 0; n < CASES / PAGE_SIZE; n++) {
      const from = n * PAGE_SIZE + 1;
      const shown = `第 ${from}–${from + PAGE_SIZE - 1} 件，共 ${CASES} 件`;
      await page.locator(".page-sub", { hasText: shown }).waitFor();
      await expect.poll(() => numbers.count()).toBe(PAGE_SIZE);
      seen.push(...(await numbers.allInnerTexts()));
      const next = page.locator(".pager").getByRole("button", { name: "下一页" });
      if (n < CASES / PAGE_SIZE - 1) await next.dblclick();
      else expect(await next.isDisabled()).toBe(true);
    }

    expect(seen).toHaveLength(CASES);
    expect(new Set(seen).size).toBe(CASES);
    expect(errors).toEqual([]);
  });
});
