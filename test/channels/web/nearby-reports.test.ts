/**
 * Nearby reports before filing in the web chat, over real HTTP against the whole service:
 * a citizen describing a problem already reported on the same street is shown that case
 * (never its reporter's name, phone or words) and joins it as a supporter (附议) with a tap
 * or a typed number, or files anyway; the supporter hears of the case's progress, and may
 * withdraw their support (撤回附议).
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { WebCitizen, fileComplaint } from "./web-citizen.ts";

const clerk = { kind: "clerk", id: "clerk-li" } as const;

describe("nearby reports in the web chat", { timeout: 60_000 }, () => {
  let service: TestApp;
  let filed: { trackingNo: string };

  beforeAll(async () => {
    service = await startTestApp();
    // 王芳's lamp at 川汇区七一路和八一路交叉口东边, with her phone (web-citizen.ts).
    filed = await fileComplaint(new WebCitizen(service.url));
  });

  /** A neighbour describes the same lamp on the same crossing, typed (no coordinates). */
  async function describeTheLamp(citizen: WebCitizen) {
    await citizen.open();
    await citizen.start();
    await citizen.tap("我要反映问题");
    await citizen.say("路灯不亮了，晚上路上黑乎乎的");
    await citizen.tap("对，就是这个");
    await citizen.say("川汇区七一路八一路路口");
  }

  it("shows the case on the same street without its reporter, and joins it with a tap", async () => {
    const neighbour = new WebCitizen(service.url);
    await describeTheLamp(neighbour);
    const offer = neighbour.text;
    expect(offer).toContain("附近已经有人反映过同类的问题");
    expect(offer).toMatch(
      /1\. 市政市容 · 川汇区 七一路和八一路交叉口东边 · .*提交 · 已收到，等待受理/,
    );
    for (const secret of ["王芳", "13812345678", "老人走路不方便", filed.trackingNo]) {
      expect(offer).not.toContain(secret);
    }

    await neighbour.tap("第1件是同一个问题（附议）");
    expect(neighbour.text).toContain("✅ 已附议。");
    expect(neighbour.text).toContain(`编号：${filed.trackingNo}`);
    expect(await service.app.db.case.count()).toBe(1);
    const joined = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: filed.trackingNo },
      select: { supporterCount: true },
    });
    expect(joined.supporterCount).toBe(1);

    await neighbour.tap("第1件是同一个问题（附议）");
    expect(neighbour.text).toContain("这个按钮是之前消息里的");

    await service.app.caseActions.act(
      filed.trackingNo,
      { type: "route", unitId: "urban_management.chuanhui" },
      clerk,
    );
    await vi.waitFor(
      async () => {
        const notices = (await neighbour.poll()).messages.filter((m) => m.author === "notice");
        expect(notices.map((m) => m.text).join("\n")).toContain(filed.trackingNo);
      },
      { timeout: 15_000, interval: 200 },
    );
  });

  it("joins with a typed 是, and asks again for a number it does not show", async () => {
    const neighbour = new WebCitizen(service.url);
    await describeTheLamp(neighbour);
    await neighbour.say("2");
    expect(neighbour.text).toContain("回复“是”或“不是”");
    await neighbour.say("是");
    expect(neighbour.text).toContain("✅ 已附议。");
    const supporters = await service.app.db.caseSupporter.count();
    expect(supporters).toBe(2);
  });

  it("lets a supporter withdraw their support from the case's page: no longer counted, the case runs on", async () => {
    const neighbour = new WebCitizen(service.url);
    await describeTheLamp(neighbour);
    await neighbour.tap("第1件是同一个问题（附议）");
    const supporters = async () =>
      (
        await service.app.db.case.findUniqueOrThrow({
          where: { trackingNo: filed.trackingNo },
          select: { supporterCount: true },
        })
      ).supporterCount;
    const joined = await supporters();

    await neighbour.tap("查看我反映过的事");
    await neighbour.tap(`查看 ${filed.trackingNo}`);
    await neighbour.tap("撤回附议");
    expect(neighbour.text).toContain(
      `您附议了编号 ${filed.trackingNo}（市政市容）。要撤回附议吗？`,
    );
    await neighbour.tap("确定撤回");
    expect(neighbour.text).toContain(`已撤回您对编号 ${filed.trackingNo} 的附议`);
    expect(await supporters()).toBe(joined - 1);
    const row = await service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: filed.trackingNo },
      select: { status: true },
    });
    expect(row.status).not.toBe("withdrawn");

    await neighbour.tap("查看我反映过的事");
    expect(neighbour.text).not.toContain(filed.trackingNo);
  });

  it("files a new case unchanged after 不是", async () => {
    const other = new WebCitizen(service.url);
    await describeTheLamp(other);
    await other.say("不是");
    expect(other.text).toContain("这件事是什么时候发生的");
    await other.tap("不记得了");
    await other.tap("没有照片");
    await other.tap("匿名反映");
    await other.tap("提交");
    expect(other.text).toContain("您的编号是");
    expect(await service.app.db.case.count()).toBe(2);
  });
});
