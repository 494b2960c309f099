/**
 * Each role's pages in headless Chromium, on a desktop (1366×768) and a phone (390×844): what a
 * clerk, a unit's handler and an administrator meet when they walk their work. Screenshots go
 * to CONSOLE_SCREENSHOTS (or a temporary folder) for a person to look at.
 */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { UNSURE_FILING, UNSURE_UNITS } from "../support/unsure-classification.ts";
import { useConsoleAndBrowser } from "./console-world.ts";

const DESKTOP = { viewport: { width: 1366, height: 768 }, locale: "zh-CN" };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, locale: "zh-CN" };
const FUGOU = "urban_management.fugou";

const scene = useConsoleAndBrowser({
  staff: [
    { username: "li", role: "clerk", displayName: "李文" },
    { username: "zhao", role: "handler", unitId: FUGOU, displayName: "赵强" },
    { username: "wang", role: "admin", displayName: "王主任" },
  ],
});
let shots: string;

beforeAll(async () => {
  shots =
    process.env.CONSOLE_SCREENSHOTS ?? (await mkdtemp(path.join(os.tmpdir(), "console-roles-")));
});

/** A page of a new browser context, signed in as `username`; errors thrown on it are kept. */
const pageOf = (username: string, device: typeof DESKTOP | typeof PHONE) =>
  scene.signedInPage(username, { device });

/**
 * A case filed by web citizen `citizen`, sent by 李文 to 扶沟 and answered there by 赵强 with
 * `outcome` and `text`, through the console's API.
 */
async function answeredByFugou(
  citizen: string,
  outcome: "support" | "explain",
  text: string,
): Promise<string> {
  const no = await scene.world.file(citizen);
  const li = scene.world.client();
  await li.signIn("li");
  await li.send("POST", `/api/cases/${no}/actions`, { action: { type: "route", unitId: FUGOU } });
  const zhao = scene.world.client();
  await zhao.signIn("zhao");
  await zhao.send("POST", `/api/cases/${no}/actions`, { action: { type: "start" } });
  await zhao.send("POST", `/api/cases/${no}/actions`, {
    action: { type: "answer", outcome, text },
  });
  return no;
}

/** Opens `path` of the console and waits for its page to be drawn. */
async function open(page: Page, pathname: string) {
  await page.goto(`${scene.world.url}${pathname}`);
  await page.locator("#app:not(.loading) .main h1").waitFor();
}

/** How far the page reaches beyond the screen's width, in CSS pixels (0: it fits). */
const overflow = (page: Page) =>
  page.locator("html").evaluate((html) => html.scrollWidth - html.clientWidth);

describe("the console on a phone", { timeout: 90_000 }, () => {
  it("fits every page of each role to the screen, the bar short and the current page's tab in sight", async () => {
    await scene.world.file("phone-1");
    const walks: [string, string[]][] = [
      ["li", ["/console/queue", "/console/cases", "/console/dashboard", "/console/hot-spots"]],
      ["zhao", ["/console/cases", "/console/dashboard"]],
      ["wang", ["/console/admin", "/console/queue"]],
    ];
    for (const [username, paths] of walks) {
      const { page, errors } = await pageOf(username, PHONE);
      for (const pathname of paths) {
        await open(page, pathname);
        const where = `${username} ${pathname}`;
        expect(await overflow(page), where).toBe(0);
        // The brand, the user's buttons and one row of tabs: not a third of the screen.
        expect((await page.locator(".sidebar").boundingBox())!.height, where).toBeLessThan(130);
        const tab = (await page.locator(".nav-item.active").boundingBox())!;
        expect(tab.x, where).toBeGreaterThanOrEqual(0);
        expect(tab.x + tab.width, where).toBeLessThanOrEqual(391); // rounding of its width
        await page.screenshot({
          path: path.join(shots, `phone-${username}-${path.basename(pathname)}.png`),
          fullPage: true,
        });
      }
      expect(errors).toEqual([]);
    }
  });
});

describe("the case list on a phone", { timeout: 60_000 }, () => {
  it("lays each case out in the screen's width for a unit's handler and a clerk, the dates named", async () => {
    const no = await scene.world.file("phone-list-1");
    const li = scene.world.client();
    await li.signIn("li");
    await li.send("POST", `/api/cases/${no}/actions`, { action: { type: "route", unitId: FUGOU } });
    for (const username of ["zhao", "li"]) {
      const { page, errors } = await pageOf(username, PHONE);
      await open(page, "/console/cases");
      const list = page.locator(".case-list");
      expect(await overflow(page), username).toBe(0);
      // Nothing to scroll sideways inside the list either.
      expect(await list.evaluate((card) => card.scrollWidth - card.clientWidth), username).toBe(0);
      const row = list.locator("tbody tr", { hasText: no });
      const box = (await row.boundingBox())!;
      expect(box.x + box.width, username).toBeLessThanOrEqual(391);
      // Without the headings, the two dates say which is which.
      const labels = await row
        .locator("td[data-label]")
        .evaluateAll((cells) =>
          cells.map((td) => [
            td.getAttribute("data-label"),
            td.ownerDocument.defaultView!.getComputedStyle(td, "::before").content,
          ]),
        );
      expect(labels.map(([label]) => label)).toEqual(["登记时间", "期限"]);
      for (const [, content] of labels) expect(content).not.toMatch(/^(none|normal)$/);
      await page.screenshot({ path: path.join(shots, `phone-${username}-case-list.png`) });
      expect(errors).toEqual([]);
    }
  });
});

describe("the console by role", { timeout: 60_000 }, () => {
  it("tells a handler who opens the routing queue that it is not theirs, not that the network failed", async () => {
    const { page } = await pageOf("zhao", DESKTOP);
    await page.goto(`${scene.world.url}/console/queue`);
    const title = page.locator(".main h1");
    await expect.poll(() => title.textContent()).toBe("无权访问此页面");
    expect(await page.locator(".main").textContent()).not.toContain("网络");
  });

  it("offers an unsure suggestion's top 3 on its case page too, and picks no unit for the clerk", async () => {
    const no = await scene.world.file("unsure-page", UNSURE_FILING);
    const { page, errors } = await pageOf("li", DESKTOP);
    await open(page, `/console/cases/${no}`);

    const choices = page.locator(".unsure-choices button[data-unit]");
    expect(await choices.evaluateAll((buttons) => buttons.map((b) => b.dataset.unit))).toEqual([
      ...UNSURE_UNITS,
    ]);
    expect(await page.getByRole("button", { name: /^确认交办/ }).count()).toBe(0);
    await page.screenshot({ path: path.join(shots, "case-unsure.png"), fullPage: true });

    await page.getByRole("button", { name: "改派单位" }).click();
    const unit = page.getByLabel("承办单位");
    expect(await unit.inputValue()).toBe("");
    expect(await unit.locator("option:checked").textContent()).toBe("（请选择）");
    await page.getByRole("button", { name: "取消" }).click();

    await choices.nth(1).click();
    await page.locator(".case-head", { hasText: "已交办" }).waitFor();
    const routed = await scene.world.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
    expect(routed).toMatchObject({ status: "assigned", unitId: UNSURE_UNITS[1] });
    expect(errors).toEqual([]);
  });

  it("shows the case list's numbers, categories and regions each on one line", async () => {
    await scene.world.file("list-1", { isEmergency: true });
    const { page } = await pageOf("li", DESKTOP);
    await open(page, "/console/cases");
    const row = page.locator("tbody tr").first();
    for (const cell of [1, 3, 4]) {
      const td = row.locator(`td:nth-child(${cell})`);
      // On one line, the boxes of its words (and of a badge beside them) all overlap the first.
      const oneLine = await td.evaluate((node) => {
        const range = node.ownerDocument.createRange();
        range.selectNodeContents(node);
        const [first, ...rest] = [...range.getClientRects()];
        return rest.every((r) => r.top < first!.bottom && r.bottom > first!.top);
      });
      expect(oneLine, (await td.textContent()) ?? "").toBe(true);
    }
    expect(await overflow(page)).toBe(0);
    // The deadline column is in sight without scrolling the table.
    const table = page.locator(".table-card");
    expect(await table.evaluate((t) => t.scrollWidth <= t.clientWidth)).toBe(true);
    await page.screenshot({ path: path.join(shots, "case-list.png") });
  });

  it("keeps what an administrator's Open311 card holds inside its margins", async () => {
    const { page } = await pageOf("wang", DESKTOP);
    await open(page, "/console/admin");
    const margins = await page.locator(".api-keys").evaluate((card) => {
      const outer = card.getBoundingClientRect();
      // What shows: a hint's words, the empty list's frame, the form's field.
      const shown = (selector: string) => {
        const node = card.querySelector(selector)!;
        const range = node.ownerDocument.createRange();
        range.selectNodeContents(node);
        return node.matches("p") ? range.getBoundingClientRect() : node.getBoundingClientRect();
      };
      return [":scope > p", ":scope > .empty", ".api-key-form input"].map((selector) => {
        const box = shown(selector);
        return [selector, box.left - outer.left, outer.right - box.right] as const;
      });
    });
    for (const [selector, left, right] of margins) {
      expect(left, selector).toBeGreaterThanOrEqual(12);
      expect(right, selector).toBeGreaterThanOrEqual(12);
    }
    await page.screenshot({ path: path.join(shots, "admin.png"), fullPage: true });
  });

  it("tells an administrator why a key could not be issued or revoked", async () => {
    const { page, errors } = await pageOf("wang", DESKTOP);
    await open(page, "/console/admin");
    const card = page.locator(".api-keys");
    const failure = page.locator(".toast-error");

    // Spaces fill the field for the browser, but name no one: the service refuses.
    await card.locator("input[name=name]").fill("   ");
    await card.getByRole("button", { name: "发放密钥" }).click();
    await failure.waitFor();
    expect(await failure.innerText()).toBe("提交的内容不完整或不正确，请检查后重试。");
    expect(await card.locator("input[name=name]").inputValue()).toBe("   ");

    await card.locator("input[name=name]").fill("网格化平台");
    await card.getByRole("button", { name: "发放密钥" }).click();
    await page.locator(".api-key-issued").waitFor();
    // Revoked meanwhile from another tab: this page's 停用 finds nothing left to revoke.
    const other = scene.world.client();
    await other.signIn("wang");
    const { items } = (await other.get("/api/admin/api-keys")).json as {
      items: { id: string; name: string }[];
    };
    const key = items.find((k) => k.name === "网格化平台")!;
    await other.send("POST", `/api/admin/api-keys/${key.id}/revoke`);
    await page
      .locator(".api-keys tbody tr", { hasText: "网格化平台" })
      .getByRole("button", { name: "停用" })
      .click();
    await page.locator(".toast-error", { hasText: "该接口密钥不存在或已停用。" }).waitFor();
    expect(errors).toEqual([]);
  });

  it("offers a clerk to reassign a case under review to the proposed organ first, never back to the unit that answered", async () => {
    const no = await answeredByFugou("review-1", "explain", "该井盖属供水公司管理，已转告。");
    await scene.world.app.caseActions.act(
      no,
      { type: "request_review" },
      { kind: "citizen", id: "web:review-1" },
    );

    const { page, errors } = await pageOf("li", DESKTOP);
    await open(page, `/console/cases/${no}`);
    // The review is named by the one label list, as the chats and cards name it.
    const facts = page.locator(".tl-review_requested .tl-note");
    expect(await facts.innerText()).toBe("复查");
    expect(await page.locator(".case-head .badge", { hasText: /^复查$/ }).count()).toBe(1);
    await page.locator("button[data-action=reassign]").click();
    const unit = page.getByLabel("承办单位");
    expect(await unit.inputValue()).toBe("urban_management.city");
    const options = await unit
      .locator("option")
      .evaluateAll((all) => all.map((o) => o.getAttribute("value")));
    expect(options[0]).toBe("urban_management.city");
    expect(options).not.toContain(FUGOU);
    expect(options.length).toBeGreaterThan(1);
    await page.getByRole("button", { name: "提交" }).click();
    await expect
      .poll(
        async () =>
          (await scene.world.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } })).unitId,
      )
      .toBe("urban_management.city");
    expect(errors).toEqual([]);
  });

  it("shows a unit the answered case's review window, not its closed return window", async () => {
    const no = await answeredByFugou("answered-1", "support", "井盖已更换。");

    const { page } = await pageOf("zhao", DESKTOP);
    await open(page, `/console/cases/${no}`);
    const facts = page.locator(".case-side .dl").first();
    // Answered on Saturday 28 November 2026: 30 days end on Monday 28 December.
    expect(await facts.textContent()).toContain("可申请复查至2026-12-28 23:59");
    expect(await facts.textContent()).not.toContain("可退回至");
  });
});
