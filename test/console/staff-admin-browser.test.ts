/**
 * In the browser: an administrator adds a handler of a unit on the admin page (人员管理), reads
 * the password shown once, sees a refused second add as an error toast, and deactivates the
 * handler; the handler, signed in meanwhile with that password, is sent back to the sign-in
 * page on their next step. The section reads in English too.
 */
import { describe, expect, it } from "vitest";
import { signIn } from "../support/console-pages.ts";
import { useConsoleAndBrowser } from "./console-world.ts";

const scene = useConsoleAndBrowser({
  staff: [{ username: "root", role: "admin", displayName: "王管理" }],
});

describe("the admin page's staff section", { timeout: 90_000 }, () => {
  it("adds a handler with a password shown once, then deactivates them", async () => {
    const { page, errors } = await scene.signedInPage("root");
    await page.getByRole("link", { name: "系统管理" }).click();
    const card = page.locator(".staff");
    await card.locator("h2", { hasText: "人员管理" }).waitFor();
    expect(await card.locator("tr[data-username=root]").innerText()).toMatch(
      /root （本人）\s+王管理\s+管理员/,
    );

    const form = card.locator(".staff-form");
    await form.getByLabel("用户名").fill("zhao");
    await form.getByLabel("姓名").fill("赵承办");
    expect(await form.getByLabel("承办单位").isVisible()).toBe(false);
    await form.getByLabel("角色").selectOption({ label: "承办人员" });
    await form.getByLabel("承办单位").selectOption({ label: "扶沟县城市管理局" });
    await form.getByLabel(/Telegram/).fill("700100");
    await form.getByRole("button", { name: "添加人员" }).click();
    const shown = page.locator(".staff-password");
    await shown.waitFor();
    expect(await shown.innerText()).toContain("zhao 的初始密码（只显示这一次");
    const password = await shown.locator("code").innerText();
    const row = page.locator(".staff tr[data-username=zhao]");
    expect((await row.innerText()).split("\t").map((cell) => cell.trim())).toEqual([
      "zhao",
      "赵承办",
      "承办人员",
      "扶沟县城市管理局",
      "是",
      "否",
      "在用",
      "停用重置密码",
    ]);

    // The handler signs in with the password shown.
    const handlerContext = await scene.browser.newContext({
      viewport: { width: 1366, height: 900 },
    });
    const handler = await handlerContext.newPage();
    await signIn(handler, scene.world.url, "zhao", password);

    // The same username again is refused, in a toast.
    await page.locator(".staff-form").getByLabel("用户名").fill("zhao");
    await page.locator(".staff-form").getByRole("button", { name: "添加人员" }).click();
    await page.locator(".toast-error", { hasText: "该用户名已被使用。" }).waitFor();

    await row.getByRole("button", { name: "停用" }).click();
    await page.locator(".toast", { hasText: "已停用 zhao" }).waitFor();
    // The section is drawn again: the row says so, and the password is no longer shown.
    await page.locator(".staff tr[data-username=zhao]", { hasText: "已停用" }).waitFor();
    expect(await page.locator(".staff-password").count()).toBe(0);

    await handler.getByRole("link", { name: "案件列表" }).click();
    await handler.getByRole("button", { name: "登录" }).waitFor();
    // The page replaces its address before it draws the sign-in, but Playwright hears of a
    // same-document change by an event of its own, which may come after the drawing.
    await handler.waitForURL(`${scene.world.url}/console/sign-in`);

    // The section in English.
    await page.getByRole("button", { name: "English" }).click();
    await page.locator(".staff h2", { hasText: "Staff" }).waitFor();
    expect(await page.locator(".staff tr[data-username=zhao]").innerText()).toMatch(
      /Handler.*Deactivated\s+Reactivate/s,
    );
    expect(errors).toEqual([]);
    await handlerContext.close();
    await page.context().close();
  });
});
