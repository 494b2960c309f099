/**
 * The console in headless Chromium: a clerk signs in and confirms the routing
 * of a case, a handler answers it, the dashboard counts it. Screenshots go to
 * CONSOLE_SCREENSHOTS (or a temporary folder) for a person to look at.
 */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { HOUR } from "../support/clock.ts";
import { PASSWORD, useConsoleAndBrowser } from "./console-world.ts";
import { chartBars } from "../support/browser-charts.ts";
import { signIn as signInAs, startAndAnswer } from "../support/console-pages.ts";
import { UNSURE_FILING, UNSURE_UNITS } from "../support/unsure-classification.ts";

const scene = useConsoleAndBrowser({
  staff: [
    { username: "li", role: "clerk" },
    { username: "zhao", role: "handler", unitId: "urban_management.fugou" },
  ],
});
let shots: string;

beforeAll(async () => {
  shots =
    process.env.CONSOLE_SCREENSHOTS ?? (await mkdtemp(path.join(os.tmpdir(), "console-shots-")));
});

const signIn = (page: Page, username: string) =>
  signInAs(page, scene.world.url, username, PASSWORD);

describe("the console in a browser", { timeout: 60_000 }, () => {
  it("lets a clerk route, a handler answer, and the dashboard count the case", async () => {
    const errors: string[] = [];
    scene.world.clock.advance(-20 * HOUR);
    await scene.world.file("older", {
      category: "utilities",
      description: "西华县城关镇幸福小区停水已经两天，家里老人孩子用水困难，物业说不清原因。",
      region: "xihua",
    });
    scene.world.clock.advance(19 * HOUR);
    await scene.world.file("urgent", {
      isEmergency: true,
      category: "environment",
      region: "chuanhui",
      description: "川汇区七一路化工厂夜间排放刺鼻气体，附近居民头晕恶心。",
      contact: { kind: "anonymous" },
    });
    scene.world.clock.advance(HOUR);
    const no = await scene.world.file("citizen-1");

    const desktop = await scene.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const clerkPage = await desktop.newPage();
    clerkPage.on("pageerror", (e) => errors.push(e.message));
    // A signed-out start asks GET /api/session and gets the expected 401.
    clerkPage.on("console", (m) => {
      if (m.type() === "error" && !m.text().includes("status of 401")) errors.push(m.text());
    });
    await clerkPage.goto(`${scene.world.url}/console`);
    await clerkPage.getByRole("button", { name: "登录" }).waitFor();
    await clerkPage.screenshot({ path: path.join(shots, "1-sign-in.png") });
    await signIn(clerkPage, "li");
    const card = clerkPage.locator(".qcard", { hasText: no });
    await card.waitFor();
    await clerkPage.screenshot({ path: path.join(shots, "2-queue.png"), fullPage: true });

    const phone = await scene.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    const phonePage = await phone.newPage();
    await signIn(phonePage, "li");
    await phonePage.locator(".qcard").first().waitFor();
    await phonePage.screenshot({ path: path.join(shots, "3-queue-phone.png"), fullPage: true });

    await card.getByRole("button", { name: "确认交办" }).click();
    await expect.poll(() => card.count()).toBe(0);
    expect(
      (await scene.world.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } })).status,
    ).toBe("assigned");

    const { page: handlerPage } = await scene.signedInPage("zhao", { errors });
    await startAndAnswer(
      handlerPage,
      no,
      "经核查，建设路井盖已于今日更换，并设置了警示标志。警示标志将于12月20日前撤除。",
      "2026-12-20",
    );
    expect(await handlerPage.locator(".case-head").textContent()).toContain("已答复");
    // The day the answer promised, as the form sent it, kept on the case and shown with it.
    expect(await handlerPage.locator(".card-answer").textContent()).toContain(
      "承诺 2026-12-20 前办好",
    );
    expect(
      (await scene.world.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } }))
        .answerPromisedBy,
    ).toBe("2026-12-20");
    expect(await handlerPage.locator("body").textContent()).not.toContain("13812345678");
    await handlerPage.screenshot({ path: path.join(shots, "4-case-answered.png"), fullPage: true });

    await clerkPage.goto(`${scene.world.url}/console/dashboard`);
    await clerkPage.locator("#chart-category").waitFor();
    await expect.poll(() => chartBars(clerkPage, "chart-category")).toContain("市政市容:1");
    await clerkPage.screenshot({ path: path.join(shots, "5-dashboard.png"), fullPage: true });

    await clerkPage.goto(`${scene.world.url}/console/cases/${no}`);
    await clerkPage.locator(".timeline").waitFor();
    // The clerk sees where each notice to the citizen went (有信必复); the handler does not.
    const notices = clerkPage.locator(".card-notices");
    expect(await notices.textContent()).toContain("已发到聊天");
    expect(await notices.locator(".notice").count()).toBeGreaterThan(1);
    expect(await handlerPage.locator(".card-notices").count()).toBe(0);
    // Routed: the dispatch took its time and no clock runs any more.
    const dispatch = clerkPage.locator(".side-dispatch .dispatch");
    expect(await dispatch.getAttribute("class")).toContain("dispatch-done");
    expect(await dispatch.textContent()).toContain("已按时分办");
    await clerkPage.screenshot({ path: path.join(shots, "6-case-clerk.png"), fullPage: true });

    expect(errors).toEqual([]);
  });

  it("shows an unsure suggestion in the queue with its top 3 to choose from, no one-tap confirm", async () => {
    const no = await scene.world.file("citizen-unsure", UNSURE_FILING);
    const { page } = await scene.signedInPage("li");
    const card = page.locator(".qcard", { hasText: no });
    await card.waitFor();

    expect(await card.textContent()).toContain("分类不确定");
    expect(await card.getByRole("button", { name: "确认交办" }).count()).toBe(0);
    const choices = card.locator("button[data-unit]");
    expect(await choices.evaluateAll((buttons) => buttons.map((b) => b.dataset.unit))).toEqual([
      ...UNSURE_UNITS,
    ]);
    expect(await choices.nth(1).textContent()).toBe("市政市容 34% → 川汇区城市管理局");
    await page.screenshot({ path: path.join(shots, "7-queue-unsure.png"), fullPage: true });

    await choices.nth(1).click();
    await expect.poll(() => card.count()).toBe(0);
    const routed = await scene.world.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
    expect(routed).toMatchObject({ status: "assigned", unitId: UNSURE_UNITS[1] });

    // The case page keeps saying what the classifier offered.
    await page.goto(`${scene.world.url}/console/cases/${no}`);
    const routing = page.locator("section.card", { hasText: "分办建议" });
    await routing.waitFor();
    expect(await routing.textContent()).toContain("分类不确定");
    expect(await routing.textContent()).toContain("市政市容 34% → 川汇区城市管理局");
  });

  it("lets a handler report progress from the case page, which starts the case", async () => {
    const no = await scene.world.file("citizen-progress");
    const api = scene.world.client();
    await api.signIn("li");
    await api.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "route", unitId: "urban_management.fugou" },
    });

    const { page, errors } = await scene.signedInPage("zhao");
    await page.goto(`${scene.world.url}/console/cases/${no}`);
    await page.getByRole("button", { name: "报告进展" }).click();
    await page.getByLabel("办理进展（原样发给群众）").fill("已派人现场查看，预计周五前修复。");
    await page.getByRole("button", { name: "提交" }).click();

    const entry = page.locator(".tl-progress");
    await entry.waitFor();
    expect(await entry.textContent()).toContain("已派人现场查看，预计周五前修复。");
    // The assignment names its unit from the entry's data.
    expect(await page.locator(".tl-assigned").textContent()).toContain("扶沟县城市管理局");
    expect(await page.locator(".case-head").textContent()).toContain("办理中");
    await expect.poll(() => page.getByRole("button", { name: "报告进展" }).count()).toBe(1);
    await page.screenshot({ path: path.join(shots, "7-case-progress.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("shows a clerk a name given as a surname alone as a surname, and the day as said, in both languages", async () => {
    const no = await scene.world.file("citizen-surname", {
      contact: { kind: "named", name: "赵", phone: "13812345678" },
      occurredAt: {
        text: "去年夏天",
        date: "2025-07-15",
        time: null,
        approximate: true,
        precision: "season",
      },
    });
    const { page, errors } = await scene.signedInPage("li");
    await page.goto(`${scene.world.url}/console/cases/${no}`);
    await page.locator(".timeline").waitFor();
    const value = (term: string) =>
      page.locator("dt", { hasText: new RegExp(`^${term}$`) }).locator("+ dd");
    expect(await value("姓名").innerText()).toBe("赵（只留了姓）");
    expect(await value("发生时间").innerText()).toBe("约 2025年夏天（去年夏天）");

    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => value("Name").innerText()).toBe("赵 (surname only)");
    expect(await value("When").innerText()).toBe("about summer 2025（去年夏天）");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("names the handling unit in the console's language: in the list, on the case page and in the unit filter", async () => {
    const no = await scene.world.file("citizen-unit-in-english");
    const li = await scene.signedIn("li");
    const routed = await li.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "route", unitId: "urban_management.fugou" },
    });
    expect(routed.status).toBe(200);
    const { page, errors } = await scene.signedInPage("li");
    await page.goto(`${scene.world.url}/console/cases`);
    const row = page.locator(".case-list tbody tr", { hasText: no });
    await expect.poll(() => row.innerText()).toContain("扶沟县城市管理局");

    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => row.innerText()).toContain("Fugou County Urban Management Bureau");
    expect(await row.innerText()).not.toContain("扶沟县城市管理局");
    const filter = page.locator("select[name=unit]");
    await filter.selectOption({ label: "Fugou County Urban Management Bureau" });
    expect(await filter.inputValue()).toBe("urban_management.fugou");

    await page.goto(`${scene.world.url}/console/cases/${no}`);
    await page.locator(".case-main").waitFor();
    expect(await page.locator(".case-main").innerText()).toContain(
      "Fugou County Urban Management Bureau",
    );
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("shows a clerk whose the phone is beside it when it is a relative's, in both languages", async () => {
    const no = await scene.world.file("citizen-son", {
      contact: {
        kind: "named",
        name: "王",
        phone: "13838281234",
        holder: { relation: "son", name: "李强" },
      },
    });
    const { page, errors } = await scene.signedInPage("li");
    await page.goto(`${scene.world.url}/console/cases/${no}`);
    await page.locator(".timeline").waitFor();
    const value = (term: string) =>
      page.locator("dt", { hasText: new RegExp(`^${term}$`) }).locator("+ dd");
    expect(await value("电话").innerText()).toBe("13838281234（儿子李强的电话）");

    await page.getByRole("button", { name: "English" }).click();
    await expect
      .poll(() => value("Phone").innerText())
      .toBe("13838281234 (the number of: son 李强)");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("marks a case outside the city in the routing queue and on its page, the place kept as named, in both languages", async () => {
    const zhengzhou = await scene.world.file("citizen-zhengzhou", {
      description: "在郑州工地干活，老板是扶沟人，欠了三个月工资",
      address: "郑州东区龙湖工地",
      outsideCity: { place: "郑州市" },
    });
    const pointSent = await scene.world.file("citizen-point-sent", {
      description: "这里的路灯坏了",
      address: null,
      location: { latitude: 39.908, longitude: 116.397 },
      outsideCity: { place: null },
    });
    const inCity = await scene.world.file("citizen-in-city");
    const { page, errors } = await scene.signedInPage("li");
    await page.goto(`${scene.world.url}/console/queue`);
    const mark = (no: string) =>
      page.locator(".qcard", { hasText: no }).locator(".qcard-head .badge-warn");
    await mark(zhengzhou).waitFor();
    expect(await mark(zhengzhou).innerText()).toBe("不在本市：郑州市");
    expect(await mark(pointSent).innerText()).toBe("不在本市：所发位置");
    expect(await mark(inCity).count()).toBe(0);

    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => mark(zhengzhou).innerText()).toBe("Outside the city: 郑州市");
    expect(await mark(pointSent).innerText()).toBe("Outside the city: the location sent");
    // The case page marks it alike, in the language chosen.
    for (const [no, marked] of [
      [zhengzhou, "Outside the city: 郑州市"],
      [pointSent, "Outside the city: the location sent"],
    ] as const) {
      await page.goto(`${scene.world.url}/console/cases/${no}`);
      await expect.poll(() => page.locator(".case-head .badge-warn").innerText()).toBe(marked);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
