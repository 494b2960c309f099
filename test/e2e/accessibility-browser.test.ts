/**
 * Every page a citizen or a member of staff reads passes axe-core's automated checks (WCAG 2.1
 * A and AA, 2.2's target size, and axe's best practices) in headless Chromium, in the states
 * they are read in: the chat new, mid-filing with its buttons, with a receipt, in English and
 * in large text (大字); the status page empty and with an answered case, in both languages;
 * 我的诉求 from the phone's sign-in to the citizen's list; and the console of a clerk, a handler and an administrator, in
 * both languages. A blind citizen's screen
 * reader, an elderly clerk's weak eyes and a thumb on a small phone meet the same pages.
 * Automated checks find about half of what a person with a screen reader would; they keep what
 * they find from coming back.
 */
import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../src/channels/web/session.ts";
import { accessibilityViolations } from "../support/accessibility.ts";
import { CHROMIUM, launchChromium } from "../support/browser.ts";
import { MovableClock } from "../support/clock.ts";
import type { FakeTencentSms } from "../support/fake-tencent-sms.ts";
import { fileDirectly } from "../support/telegram-staff.ts";
import type { TestApp } from "../support/test-app.ts";
import { waitUntil } from "../support/wait.ts";
import { TEMPLATE_IDS } from "../channels/sms/templates.ts";
import { startTestAppWithSms } from "../channels/sms/tencent-service.ts";
import { fileComplaint, WebCitizen } from "../channels/web/web-citizen.ts";
import { useConsoleAndBrowser } from "../console/console-world.ts";

const CHUANHUI_LIGHTS = "urban_management.chuanhui";
const PHONE = { viewport: { width: 390, height: 844 }, locale: "zh-CN" };

const scene = useConsoleAndBrowser({
  staff: [
    { username: "li", role: "clerk", displayName: "李登记" },
    { username: "zhao", role: "handler", unitId: CHUANHUI_LIGHTS, displayName: "赵办理" },
    { username: "root", role: "admin", displayName: "王管理" },
  ],
});

describe.skipIf(!existsSync(CHROMIUM))("accessibility of every page", { timeout: 120_000 }, () => {
  let citizen: WebCitizen;
  let answered: { trackingNo: string; code: string };

  beforeAll(async () => {
    citizen = new WebCitizen(scene.world.url);
    answered = await fileComplaint(citizen);
    const [li, zhao] = await Promise.all([scene.signedIn("li"), scene.signedIn("zhao")]);
    const act = (staff: typeof li, action: object) =>
      staff.send("POST", `/api/cases/${answered.trackingNo}/actions`, { action });
    expect((await act(li, { type: "route", unitId: CHUANHUI_LIGHTS })).status).toBe(200);
    expect((await act(zhao, { type: "start" })).status).toBe(200);
    const answer = { type: "answer", outcome: "support", text: "路灯已于今日更换，恢复照明。" };
    expect((await act(zhao, answer)).status).toBe(200);
  });

  /**
   * `path` opened at phone size; with `session`, in that web chat session (its cookie set before
   * the first load: a page of a new session answered after it would replace it).
   */
  async function phonePage(
    path: string,
    options: { locale?: string; session?: string } = {},
  ): Promise<Page> {
    const { session, ...contextOptions } = options;
    const context = await scene.browser.newContext({ ...PHONE, ...contextOptions });
    if (session) {
      await context.addCookies([{ name: SESSION_COOKIE, value: session, url: scene.world.url }]);
    }
    const page = await context.newPage();
    await page.goto(`${scene.world.url}${path}`);
    return page;
  }

  async function say(page: Page, words: string) {
    await page.locator("#composer-input").fill(words);
    await page.keyboard.press("Enter");
  }

  it("the chat: new, mid-filing with its buttons, in large text, in English", async () => {
    const page = await phonePage("/");
    await page.getByRole("button", { name: "我要反映问题" }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await say(page, "人民路的路灯坏了一个月了，晚上很黑");
    await page.getByRole("button", { name: "是，开始反映" }).click();
    await page.getByRole("button", { name: "对，就是这个" }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "大字" }).click();
    expect(await accessibilityViolations(page)).toEqual([]);

    const english = await phonePage("/?lang=en", { locale: "en-US" });
    await english.getByRole("button", { name: "Report a problem" }).waitFor();
    expect(await accessibilityViolations(english)).toEqual([]);
  });

  it("the chat of a citizen who filed, with the receipt's copy buttons", async () => {
    const page = await phonePage("/", { session: citizen.cookie(SESSION_COOKIE)! });
    await page.locator(".receipt-fields").waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it("the status page: empty, and an answered case with its rating form, in both languages", async () => {
    const page = await phonePage("/status");
    await page.getByLabel("查询码").waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(`${scene.world.url}/status?no=${answered.trackingNo}`);
    await page.getByLabel("查询码").fill(answered.code);
    await page.getByRole("button", { name: "查询" }).click();
    await page.locator(".answer-text").waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    const english = await phonePage(`/status?no=${answered.trackingNo}&lang=en`);
    await english.getByLabel("Query code").fill(answered.code);
    await english.getByRole("button", { name: "Check" }).click();
    await english.locator(".answer-text").waitFor();
    expect(await accessibilityViolations(english)).toEqual([]);
  });

  it("我的诉求 where SMS is not set up", async () => {
    const page = await phonePage("/my");
    await page.getByRole("heading", { name: "我的诉求", level: 1 }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it("the console's sign-in, and a clerk's queue, case, list, dashboard, hot spots and map", async () => {
    const signIn = await scene.browser.newPage();
    await signIn.goto(`${scene.world.url}/console/login`);
    await signIn.getByRole("button", { name: "登录" }).waitFor();
    expect(await accessibilityViolations(signIn)).toEqual([]);

    await scene.world.file("citizen-queued");
    const { page } = await scene.signedInPage("li");
    const pages: [path: string, drawn: string][] = [
      ["/console/queue", ".qcard"],
      [`/console/cases/${answered.trackingNo}`, ".case-main"],
      ["/console/cases", "table"],
      ["/console/dashboard", "#chart-category[aria-label]"],
      ["/console/hot-spots", ".hot-clusters"],
      ["/console/map", ".case-map"],
    ];
    for (const [path, drawn] of pages) {
      await page.goto(`${scene.world.url}${path}`);
      await page.locator(drawn).first().waitFor();
      expect({ path, violations: await accessibilityViolations(page) }).toEqual({
        path,
        violations: [],
      });
    }
  });

  it("a handler's case page and the administrator's page", async () => {
    const { page: handler } = await scene.signedInPage("zhao");
    await handler.goto(`${scene.world.url}/console/cases/${answered.trackingNo}`);
    await handler.locator(".case-main").waitFor();
    expect(await accessibilityViolations(handler)).toEqual([]);

    const { page: admin } = await scene.signedInPage("root");
    await admin.goto(`${scene.world.url}/console/admin`);
    await admin.locator(".staff tbody tr").first().waitFor();
    expect(await accessibilityViolations(admin)).toEqual([]);
  });

  it("the console in English: the sign-in, a clerk's pages with 登记来电, a handler's case and the administrator's page", async () => {
    const english = async (page: Page) => {
      await page.evaluate(`localStorage.setItem("console.lang", "en")`);
      return page;
    };
    const signIn = await scene.browser.newPage();
    await signIn.goto(`${scene.world.url}/console/login`);
    await (await english(signIn)).reload();
    await signIn.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await accessibilityViolations(signIn)).toEqual([]);

    await scene.world.file("citizen-queued-in-english");
    const pages: [username: string, path: string, drawn: string][] = [
      ["li", "/console/queue", ".qcard"],
      ["li", `/console/cases/${answered.trackingNo}`, ".case-main"],
      ["li", "/console/cases", "table"],
      ["li", "/console/dashboard", "#chart-category[aria-label]"],
      ["li", "/console/hot-spots", ".hot-clusters"],
      ["li", "/console/map", ".case-map"],
      ["li", "/console/register", "form textarea"],
      ["zhao", `/console/cases/${answered.trackingNo}`, ".case-main"],
      ["root", "/console/admin", ".staff tbody tr"],
    ];
    const signedIn = new Map<string, Page>();
    for (const [username, path, drawn] of pages) {
      const page =
        signedIn.get(username) ?? (await english((await scene.signedInPage(username)).page));
      signedIn.set(username, page);
      await page.goto(`${scene.world.url}${path}`);
      await page.locator("html[lang=en]").waitFor();
      await page.locator(drawn).first().waitFor();
      expect({ path, violations: await accessibilityViolations(page) }).toEqual({
        path,
        violations: [],
      });
    }
  });

  it("reads a dashboard chart out as its figures, not as a picture without words", async () => {
    const li = await scene.signedIn("li");
    const { byCategory } = (await li.get("/api/dashboard")).json as {
      byCategory: { key: string; count: number }[];
    };
    const municipal = byCategory.find((figure) => figure.key === "municipal")!.count;
    const { page } = await scene.signedInPage("li");
    await page.goto(`${scene.world.url}/console/dashboard`);
    const chart = page.locator("#chart-category[aria-label]");
    await chart.waitFor();
    const spoken = await chart.getAttribute("aria-label");
    expect(spoken).toMatch(/^按类别: /);
    expect(spoken).toContain(`市政市容 ${municipal}`);
  });
});

describe.skipIf(!existsSync(CHROMIUM))("accessibility of 我的诉求", { timeout: 90_000 }, () => {
  let service: TestApp;
  let tencent: FakeTencentSms;
  let browser: Browser;

  beforeAll(async () => {
    let started: { service: TestApp; tencent: FakeTencentSms };
    [started, browser] = await Promise.all([
      startTestAppWithSms(new MovableClock()),
      launchChromium(),
    ]);
    ({ service, tencent } = started);
  });
  afterAll(async () => {
    await browser?.close();
    await tencent?.close();
  });

  it("the phone's sign-in, the code's, and the citizen's list of cases", async () => {
    const no = await fileDirectly(service, 4242);
    const page = await (await browser.newContext(PHONE)).newPage();
    await page.goto(`${service.url}/my`);
    await page.getByLabel("手机号码").fill("13812345678");
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "获取验证码" }).click();
    await waitUntil(() => tencent.sent.some((s) => s.templateId === TEMPLATE_IDS.login_code));
    expect(await accessibilityViolations(page)).toEqual([]);

    const code = tencent.sent.find((s) => s.templateId === TEMPLATE_IDS.login_code)!.params[0]!;
    await page.getByLabel("短信验证码").fill(code);
    await page.getByRole("button", { name: "查看我的诉求" }).click();
    await page.getByRole("link", { name: no }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
