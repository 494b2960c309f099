/**
 * Withdrawing a complaint in the web chat, over real HTTP against the whole service: the
 * street lamp was mended before the unit came, and the citizen writes "不用管了，撤了吧". The
 * case is withdrawn through the case actions as its citizen — status, timeline and the
 * written notice as when any channel withdraws it — and the status page says so. A case may
 * be withdrawn on the status page too, with its number and query code and a box ticked.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/test-app.ts";
import {
  fileComplaint,
  postForm,
  startWithFiledComplaint,
  WebCitizen,
  type WebFiling,
} from "./web-citizen.ts";
import { deliver } from "../../support/outbox.ts";

describe("withdrawing a complaint in the web chat", { timeout: 30_000 }, () => {
  let service: TestApp;
  let citizen: WebCitizen;
  let filed: WebFiling;

  const stored = () =>
    service.app.db.case.findUniqueOrThrow({ where: { trackingNo: filed.trackingNo } });

  beforeAll(async () => {
    ({ service, citizen, filed } = await startWithFiledComplaint());
    const unitId = service.app.directory.units[0]!.id;
    await service.app.caseActions.act(
      filed.trackingNo,
      { type: "route", unitId },
      { kind: "clerk", id: "clerk-li" },
    );
  });

  it("asks before anything changes", async () => {
    await citizen.say("路灯今天已经有人修好了，这个事不用管了，撤了吧");
    expect(citizen.text).toBe(
      `要撤回编号 ${filed.trackingNo}（市政市容）吗？撤回后这件事就不再办理了。`,
    );
    expect((await stored()).status).toBe("assigned");
  });

  it("withdraws the case on a yes, as the case actions do for its citizen", async () => {
    await citizen.tap("确定撤回");
    expect(citizen.text).toContain(`已撤回编号 ${filed.trackingNo}，不再办理。`);
    expect((await stored()).status).toBe("withdrawn");
    const entries = await service.app.db.timelineEntry.findMany({
      where: { case: { trackingNo: filed.trackingNo }, kind: "withdrawn" },
    });
    expect(entries).toHaveLength(1);
  });

  it("sends the written notice of the withdrawal to the chat", async () => {
    await deliver(service);
    const notices = (await citizen.poll()).messages.filter((m) => m.author === "notice");
    expect(notices.at(-1)?.text).toBe(
      `您反映的问题（编号 ${filed.trackingNo}）已按您的要求撤回，不再办理。`,
    );
  });

  it("shows the case as withdrawn, with nothing more to withdraw", async () => {
    await citizen.tap("查看我反映过的事");
    expect(citizen.text).toContain("已撤回");
    await citizen.tap(`查看 ${filed.trackingNo}`);
    expect(citizen.text).toContain("现在：已撤回");
    expect(citizen.text).toContain("您撤回了这件事");
    expect(citizen.labels).not.toContain("撤回这件事");
    await citizen.say("撤回投诉");
    expect(citizen.text).toBe("您现在没有正在办理、可以撤回的事。");
  });

  it("says 已撤回 on the status page, with nothing more to withdraw", async () => {
    const page = await postForm(citizen, "/status", {
      trackingNo: filed.trackingNo,
      queryCode: filed.code,
    });
    expect(page.status).toBe(200);
    expect(page.html).toContain("已撤回");
    expect(page.html).not.toContain('action="/status/withdraw"');
  });

  describe("on the status page, with the number and query code", () => {
    let other: WebCitizen;
    let second: WebFiling;
    let csrf: string;

    beforeAll(async () => {
      other = new WebCitizen(service.url);
      second = await fileComplaint(other);
      const page = await postForm(other, "/status", {
        trackingNo: second.trackingNo,
        queryCode: second.code,
      });
      expect(page.html).toContain('action="/status/withdraw"');
      csrf = /name="_csrf" value="([^"]+)"/.exec(page.html)![1]!;
    });

    const withdrawForm = (extra: Record<string, string>) =>
      postForm(other, "/status/withdraw", {
        trackingNo: second.trackingNo,
        queryCode: second.code,
        _csrf: csrf,
        ...extra,
      });

    it("changes nothing without the box ticked", async () => {
      expect((await withdrawForm({})).status).toBe(400);
      const stored = await service.app.db.case.findUniqueOrThrow({
        where: { trackingNo: second.trackingNo },
      });
      expect(stored.status).toBe("submitted");
    });

    it("refuses a wrong query code as a look-up does", async () => {
      const page = await withdrawForm({ confirm: "yes", queryCode: "000000" });
      expect(page.html).not.toContain("已撤回，不再办理。");
    });

    it("withdraws the case with the box ticked", async () => {
      const page = await withdrawForm({ confirm: "yes" });
      expect(page.status).toBe(200);
      expect(page.html).toContain("已撤回，不再办理。");
      const stored = await service.app.db.case.findUniqueOrThrow({
        where: { trackingNo: second.trackingNo },
      });
      expect(stored.status).toBe("withdrawn");
    });
  });
});
