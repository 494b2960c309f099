/**
 * 大字: a reader who finds the pages' text too small taps 大字 in the header once, and every
 * page — the chat, the status page, 我的诉求 — opens a quarter larger in that browser from then
 * on, until they tap it again. On a phone the header's switches and the chat's buttons take a
 * row of their own, so the city's name and the message box keep their width. The switch is
 * there only with script (it is the script that keeps the choice); without, the browser's own
 * zoom is the way. End to end in headless Chromium at phone size.
 */
import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, launchChromium } from "../../support/browser.ts";
import { startTestApp, type TestApp } from "../../support/test-app.ts";

const PHONE = { width: 390, height: 844 };

describe.skipIf(!existsSync(CHROMIUM))("the large-text switch (大字)", { timeout: 60_000 }, () => {
  let service: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [service, browser] = await Promise.all([startTestApp(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function phonePage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: PHONE, locale: "zh-CN", ...options });
    const page = await context.newPage();
    page.on("pageerror", (error) => {
      throw error;
    });
    return page;
  }

  const rootFontSize = (page: Page) =>
    page.evaluate<string>("getComputedStyle(document.documentElement).fontSize");
  const pressed = (page: Page, name: string) =>
    page.getByRole("button", { name }).getAttribute("aria-pressed");

  it("makes every page a quarter larger once tapped, until tapped again", async () => {
    const page = await phonePage();
    await page.goto(`${service.url}/status`);
    await expect(rootFontSize(page)).resolves.toBe("16px");
    await expect(pressed(page, "大字")).resolves.toBe("false");

    await page.getByRole("button", { name: "大字" }).click();
    await expect(rootFontSize(page)).resolves.toBe("20px");
    await expect(pressed(page, "大字")).resolves.toBe("true");

    // The chat and 我的诉求 open large in this browser too.
    await page.goto(service.url);
    await expect(rootFontSize(page)).resolves.toBe("20px");
    await expect(pressed(page, "大字")).resolves.toBe("true");
    await page.goto(`${service.url}/my`);
    await expect(rootFontSize(page)).resolves.toBe("20px");

    await page.getByRole("button", { name: "大字" }).click();
    await expect(rootFontSize(page)).resolves.toBe("16px");
    await page.goto(`${service.url}/status`);
    await expect(rootFontSize(page)).resolves.toBe("16px");
    await expect(pressed(page, "大字")).resolves.toBe("false");
  });

  it("keeps the city's name on one line and the message box full width on a phone", async () => {
    const page = await phonePage();
    await page.goto(service.url);
    await page.getByRole("button", { name: "大字" }).click();
    const name = await page.locator(".brand-name").boundingBox();
    const lineHeight = await page
      .locator(".brand-name")
      .evaluate((el) =>
        Number.parseFloat(el.ownerDocument.defaultView!.getComputedStyle(el).lineHeight),
      );
    expect(name!.height).toBeLessThan(lineHeight * 1.5);
    const box = await page.getByLabel("输入您要说的话").boundingBox();
    expect(box!.width).toBeGreaterThan(PHONE.width * 0.8);
  });

  it("is called Large text in English", async () => {
    const page = await phonePage();
    await page.goto(`${service.url}/status?lang=en`);
    await page.getByRole("button", { name: "Large text" }).click();
    await expect(rootFontSize(page)).resolves.toBe("20px");
  });

  it("is not offered without script, which keeps the choice", async () => {
    const page = await phonePage({ javaScriptEnabled: false });
    await page.goto(`${service.url}/status`);
    await expect(page.getByRole("button", { name: "大字" }).count()).resolves.toBe(0);
    await expect(page.getByRole("link", { name: "English" }).count()).resolves.toBe(1);
  });
});
