/**
 * What a member of staff types in an action's dialog is not lost when it cannot be sent:
 * - a console session that runs out (12 hours) while they write: sending it is told "登录已过期"
 *   on the sign-in page, and once signed in again they are back on the page they were on, the
 *   same dialog giving back the words they had typed, to check and send;
 * - the same case open in two tabs, acted on in the one: sending from the other says someone
 *   acted first, the page behind shows where the case stands, and the dialog stays open with
 *   the words;
 * - the case sent back to the clerks from another tab (or by another member of the unit): sending
 *   says the case left the unit and what to do, the dialog staying open with the words. Only a
 *   unit that held the case is told so: another unit's handler reads the same as for a case that
 *   does not exist.
 */
import { describe, expect, it } from "vitest";
import { HOUR } from "../support/clock.ts";
import { PASSWORD, startedAtUnit, useConsoleAndBrowser } from "./console-world.ts";

const FUGOU = "urban_management.fugou";
const CHUANHUI = "urban_management.chuanhui";

const scene = useConsoleAndBrowser({
  staff: [
    { username: "li", role: "clerk" },
    { username: "zhao", role: "handler", unitId: FUGOU },
    { username: "wang", role: "handler", unitId: CHUANHUI },
  ],
});

describe("a console session running out in the middle of an action", { timeout: 90_000 }, () => {
  it("keeps the reason typed, says to sign in again, and brings the handler back to it", async () => {
    const { no } = await startedAtUnit(scene, "expiry-extend", FUGOU);
    const { page, errors } = await scene.signedInPage("zhao");
    const casePath = `/console/cases/${encodeURIComponent(no)}`;
    await page.goto(`${scene.world.url}${casePath}`);
    const extend = page.locator('.action-bar [data-action="extend"]');
    await extend.click();
    const reason = "需要等管网改造的材料到货，预计还要三周";
    await page.getByRole("dialog").getByLabel("理由").fill(reason);

    scene.world.clock.advance(13 * HOUR);
    await page.getByRole("dialog").getByRole("button", { name: "提交" }).click();

    await expect.poll(() => page.locator(".signin").count()).toBe(1);
    await expect
      .poll(() => page.locator(".signin").innerText())
      .toContain("登录已过期，请重新登录。您填写的内容已保留");
    await page.getByLabel(/用户名/).fill("zhao");
    await page.getByLabel(/密码/).fill(PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();

    await expect.poll(() => new URL(page.url()).pathname).toBe(casePath);
    await extend.click();
    const restored = page.getByRole("dialog");
    expect(await restored.getByLabel("理由").inputValue()).toBe(reason);
    expect(await restored.innerText()).toContain("已恢复登录过期前填写的内容");
    await restored.getByRole("button", { name: "提交" }).click();

    await expect.poll(() => page.locator("dialog").count()).toBe(0);
    const kept = await scene.world.app.db.case.findUniqueOrThrow({ where: { trackingNo: no } });
    expect(kept.extensionReason).toBe(reason);
    expect(errors).toEqual([]);
  });

  it("keeps the dialog and its words open in a second tab when the first acted on the case", async () => {
    const no = await scene.world.file("two-tabs");
    const li = await scene.signedIn("li");
    await li.send("POST", `/api/cases/${no}/actions`, { action: { type: "route", unitId: FUGOU } });
    const { page: first } = await scene.signedInPage("zhao");
    const { page: second, errors } = await scene.signedInPage("zhao");
    const casePath = `${scene.world.url}/console/cases/${encodeURIComponent(no)}`;
    await Promise.all([first.goto(casePath), second.goto(casePath)]);
    await second.locator('.action-bar [data-action="return"]').click();
    const reason = "本单位不负责此事项，应由县住建局管网科办理，已电话沟通过";
    await second.getByRole("dialog").getByLabel("理由").fill(reason);

    await first.locator('.action-bar [data-action="start"]').click();
    await first.locator('.action-bar [data-action="extend"]').waitFor();
    await expect.poll(() => first.locator('.action-bar [data-action="start"]').count()).toBe(0);
    await second.getByRole("dialog").getByRole("button", { name: "退回" }).click();

    const dialog = second.getByRole("dialog");
    await expect
      .poll(() => dialog.innerText())
      .toContain("该案件已由其他人处理，已刷新为最新状态。");
    expect(await dialog.getByLabel("理由").inputValue()).toBe(reason);
    expect(errors).toEqual([]);
  });

  it("says the case left the unit when another tab returned it, and keeps the dialog's words", async () => {
    const no = await scene.world.file("returned-elsewhere");
    const li = await scene.signedIn("li");
    await li.send("POST", `/api/cases/${no}/actions`, { action: { type: "route", unitId: FUGOU } });
    const { page, errors } = await scene.signedInPage("zhao");
    await page.goto(`${scene.world.url}/console/cases/${encodeURIComponent(no)}`);
    await page.locator('.action-bar [data-action="return"]').click();
    const reason = "本单位不负责此事项，应由县住建局管网科办理";
    await page.getByRole("dialog").getByLabel("理由").fill(reason);

    const otherTab = await scene.signedIn("zhao");
    const returned = await otherTab.send("POST", `/api/cases/${no}/actions`, {
      action: { type: "return", reason: "不在本单位辖区" },
    });
    expect(returned.status).toBe(200);
    await page.getByRole("dialog").getByRole("button", { name: "退回" }).click();

    const dialog = page.getByRole("dialog");
    await expect
      .poll(() => dialog.innerText())
      .toContain("该案件已退回信访部门或转交其他单位，本单位已不能查看或办理");
    expect(await dialog.innerText()).toContain("未找到该案件，或您无权查看。");
    expect(await dialog.getByLabel("理由").inputValue()).toBe(reason);
    expect(errors).toEqual([]);
  });

  it("tells another unit's handler nothing of a case it never held, as of one that does not exist", async () => {
    const no = await scene.world.file("never-held");
    const li = await scene.signedIn("li");
    await li.send("POST", `/api/cases/${no}/actions`, { action: { type: "route", unitId: FUGOU } });
    const wang = await scene.signedIn("wang");

    const refusals = await Promise.all(
      [no, "NO-SUCH-CASE"].map(async (trackingNo) => {
        const opened = await wang.get(`/api/cases/${encodeURIComponent(trackingNo)}`);
        const acted = await wang.send(
          "POST",
          `/api/cases/${encodeURIComponent(trackingNo)}/actions`,
          {
            action: { type: "start" },
          },
        );
        return [opened, acted].map((r) => ({ status: r.status, message: r.json.error.message }));
      }),
    );

    expect(refusals[0]).toEqual(refusals[1]);
    expect(refusals[0]![0]).toEqual({ status: 404, message: "未找到该案件，或您无权查看。" });
  });
});
