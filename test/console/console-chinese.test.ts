/**
 * The console in Chinese shows Chinese: a clerk opens every page (the queue,
 * the case list, a routed case, a case waiting with its routing suggestion, the
 * dashboard, the map), an administrator the classifier page, and no page shows English
 * or an internal code. Allowed: tracking numbers, product names (Telegram,
 * WeCom, CSV, LLM, the Open311 standard) and the language switch ("English").
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { parseOccurredAt } from "../../src/domain/intake/occurred-at.ts";
import { HOUR } from "../support/clock.ts";
import { PASSWORD, useConsoleAndBrowser } from "./console-world.ts";

const scene = useConsoleAndBrowser({
  staff: [
    { username: "li", role: "clerk", displayName: "李登记" },
    { username: "wang", role: "admin", displayName: "王管理" },
  ],
});

/** Latin words a Chinese page may show on purpose. */
const ALLOWED = new Set(["Telegram", "WeCom", "CSV", "LLM", "Open311", "English"]);
const TRACKING_NO = /\b[A-Z]{2}-\d{8}-\d{4}\b/g;

/** The Latin words in the page's visible text that are not allowed. */
async function latinWords(page: Page, data: readonly string[] = []): Promise<string[]> {
  const text = (await page.locator("body").innerText()).replace(TRACKING_NO, "");
  return [...new Set(text.match(/[A-Za-z][A-Za-z0-9_.-]*/g) ?? [])].filter(
    (w) => !ALLOWED.has(w) && !data.includes(w),
  );
}

describe("the console in Chinese", { timeout: 90_000 }, () => {
  it("shows no English word or internal code on any page", async () => {
    const classifier = scene.world.app.classification.classifier;
    const sewage = "建设路的下水道堵了，污水冒到路面上，气味很大";
    scene.world.clock.advance(-2 * HOUR);
    const routed = await scene.world.file("citizen-routed", {
      description: sewage,
      classification: await classifier.classify(sewage, { region: "fugou" }),
      occurredAt: {
        text: "一个星期前",
        date: "2026-11-20",
        time: null,
        approximate: true,
        precision: "day",
      },
    });
    scene.world.clock.advance(HOUR);
    const unknownRegion = "路灯坏了好几天了，晚上走路看不见";
    const waiting = await scene.world.file("citizen-waiting", {
      description: unknownRegion,
      category: "municipal",
      region: null,
      classification: await classifier.classify(unknownRegion),
      occurredAt: { text: "打我搬来就这样", date: null, ongoing: false },
    });
    const api = scene.world.client();
    await api.signIn("li", PASSWORD);
    expect(
      (
        await api.send("POST", `/api/cases/${routed}/actions`, {
          action: { type: "route", unitId: "urban_management.fugou" },
        })
      ).status,
    ).toBe(200);

    const { page, errors } = await scene.signedInPage("li");

    const pages: [string, string, string][] = [
      ["queue", "/console/queue", ".qcard"],
      ["case list", "/console/cases", ".table"],
      ["routed case", `/console/cases/${routed}`, ".timeline"],
      ["waiting case", `/console/cases/${waiting}`, ".timeline"],
      ["dashboard", "/console/dashboard", "#chart-category"],
      ["map", "/console/map", ".leaflet-container .map-region-label"],
    ];
    const found: Record<string, string[]> = {};
    for (const [name, path, ready] of pages) {
      await page.goto(`${scene.world.url}${path}`);
      await page.locator(ready).first().waitFor();
      found[name] = await latinWords(page);
    }
    expect(found).toEqual(Object.fromEntries(pages.map(([name]) => [name, []])));

    const { page: adminPage } = await scene.signedInPage("wang", { errors });
    await adminPage.goto(`${scene.world.url}/console/admin`);
    await adminPage.locator(".classifier-serving").waitFor();
    const staffRows = adminPage.locator("[data-username]");
    await staffRows.first().waitFor();
    // Sign-in names are Latin by rule: the staff list's data, not the console's words.
    const usernames = await Promise.all(
      (await staffRows.all()).map(async (row) => (await row.getAttribute("data-username")) ?? ""),
    );
    expect(await latinWords(adminPage, usernames)).toEqual([]);
    await adminPage.context().close();

    // 发生时间 is the resolved day, to the precision the words said it, with the citizen's words
    // beside it; words without a day alone, said to go on until now when they do (no day is
    // taken for its start).
    const occurred = page.locator("dt", { hasText: "发生时间" }).locator("+ dd");
    await page.goto(`${scene.world.url}/console/cases/${routed}`);
    await page.locator(".timeline").waitFor();
    expect(await occurred.innerText()).toBe("2026-11-20（一个星期前）");
    await page.goto(`${scene.world.url}/console/cases/${waiting}`);
    await page.locator(".timeline").waitFor();
    expect(await occurred.innerText()).toBe("打我搬来就这样");
    const ongoing = await scene.world.file("citizen-ongoing", {
      occurredAt: { text: "天天都这样", date: null, ongoing: true },
    });
    await page.goto(`${scene.world.url}/console/cases/${ongoing}`);
    await page.locator(".timeline").waitFor();
    expect(await occurred.innerText()).toBe("天天都这样（持续至今）");
    // A time the words gave only to its year is shown to its year, not as a day.
    const lastYear = await scene.world.file("citizen-last-year", {
      occurredAt: parseOccurredAt("去年", scene.world.clock.now()),
    });
    await page.goto(`${scene.world.url}/console/cases/${lastYear}`);
    await page.locator(".timeline").waitFor();
    expect(await occurred.innerText()).toBe("约 2025年（去年）");
    // A complaint made for many says so at its head and in the queue, where 紧急 would be.
    const village = await scene.world.file("citizen-village", {
      description: "全村两百多户吃不上自来水，已经一个星期了",
    });
    await page.goto(`${scene.world.url}/console/cases/${village}`);
    await page.locator(".timeline").waitFor();
    expect(await page.locator(".case-head").innerText()).toContain("群体诉求：全村，约 200 户以上");
    await page.goto(`${scene.world.url}/console/queue`);
    const queued = page.locator(".qcard", { hasText: village }).locator(".qcard-head");
    expect(await queued.innerText()).toContain("群体诉求：全村，约 200 户以上");
    await page.goto(`${scene.world.url}/console/cases`);
    const listed = page.locator("tr", { hasText: village });
    expect(await listed.innerText()).toContain("群体诉求：全村，约 200 户以上");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("says the case was re-routed after a clerk changes its unit", async () => {
    const no = await scene.world.file("citizen-rerouted");
    const { page } = await scene.signedInPage("li");
    await page.goto(`${scene.world.url}/console/cases/${no}`);
    await page.getByRole("button", { name: "改派单位" }).click();
    await page.getByLabel("承办单位").selectOption("urban_management.city");
    await page.getByRole("button", { name: "提交" }).click();
    const toast = page.locator(".toast");
    await toast.waitFor();
    expect(await toast.innerText()).toContain("已改派");
    await page.context().close();
  });
});
