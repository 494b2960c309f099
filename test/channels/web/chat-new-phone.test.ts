/**
 * A new phone number in the web chat, over real HTTP against the whole service: the citizen who
 * filed about the dark street lamp (contact 王芳, 13812345678) writes "俺电话换了，新号是
 * 13712345678，以前反映的事打这个电话". They are asked once, the number masked; on their yes
 * the case keeps the new number with the name they left — the clerks' contact from now on — and
 * its history says the contact changed, without the number. Nothing is filed or added, the unit
 * is told nothing, and no log line carries the number. A citizen with no running case is told
 * there is nothing to change. Said in the middle of a new draft, the number is that draft's
 * contact (no contact question follows) and the running case is asked about at once.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../support/test-app.ts";
import { additionsOf, fileComplaint, routeToUnitWithChat, WebCitizen } from "./web-citizen.ts";

const NEW_PHONE = "13712345678";
const NEWER_PHONE = "13912345678";

describe("a new phone number in the web chat", { timeout: 30_000 }, () => {
  const logLines: string[] = [];
  let service: TestApp;
  let citizen: WebCitizen;
  let trackingNo: string;

  const stored = () =>
    service.app.db.case.findUniqueOrThrow({
      where: { trackingNo },
      select: { anonymous: true, contactName: true, contactPhone: true },
    });

  beforeAll(async () => {
    service = await startTestApp({ logLines });
    citizen = new WebCitizen(service.url);
    ({ trackingNo } = await fileComplaint(citizen));
    await routeToUnitWithChat(service, trackingNo);
  });

  it("asks once, the number masked, before anything changes", async () => {
    await citizen.say(`俺电话换了，新号是${NEW_PHONE}，以前反映的事打这个电话`);
    expect(citizen.text).toBe(
      `要把您正在办理的事（编号 ${trackingNo}）的联系电话改成 137****5678 吗？`,
    );
    expect(citizen.labels).toEqual(["是", "不用了"]);
    expect(await stored()).toEqual({
      anonymous: false,
      contactName: "王芳",
      contactPhone: "13812345678",
    });
  });

  it("keeps the new number with the name on the yes, and files or adds nothing", async () => {
    const cases = await service.app.db.case.count();
    const unitNotices = await service.app.db.outboxMessage.count({ where: { audience: "unit" } });
    await citizen.tap("是");
    expect(citizen.text).toContain(
      `已把编号 ${trackingNo} 的联系电话改成 137****5678，工作人员以后打这个号码联系您。`,
    );
    expect(await stored()).toEqual({
      anonymous: false,
      contactName: "王芳",
      contactPhone: NEW_PHONE,
    });
    const [entry, ...more] = await service.app.db.timelineEntry.findMany({
      where: { case: { trackingNo }, kind: "contact_changed" },
    });
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ actorKind: "citizen", note: null, data: null });
    expect(await service.app.db.case.count()).toBe(cases);
    expect(await additionsOf(service, trackingNo)).toEqual([]);
    expect(await service.app.db.outboxMessage.count({ where: { audience: "unit" } })).toBe(
      unitNotices,
    );
  });

  it("takes a number said in the middle of a new draft as its contact, and asks about the running case", async () => {
    await citizen.tap("我要反映问题");
    await citizen.say("七一路幸福小区门口的烧烤摊天天半夜吵，噪音太大，睡不着觉");
    await citizen.tap("对，就是这个");
    await citizen.say("川汇区七一路幸福小区门口");
    await citizen.fileAnywayIfOffered();
    expect(citizen.text).toContain("什么时候");
    await citizen.say(`俺电话又换了，新号是${NEWER_PHONE}`);
    expect(citizen.text).toContain("好的，这件事的联系电话记为 139****5678。");
    expect(citizen.text).toContain(
      `要把您正在办理的事（编号 ${trackingNo}）的联系电话改成 139****5678 吗？`,
    );
    await citizen.tap("是");
    expect(citizen.text).toContain("什么时候");
    expect((await stored()).contactPhone).toBe(NEWER_PHONE);
    await citizen.say("上个礼拜开始的");
    await citizen.tap("没有照片");
    // No contact question: the summary shows the number said.
    expect(citizen.text).toContain(`【联系方式】未留姓名，${NEWER_PHONE}`);
    await citizen.tap("提交");
    const filed = await service.app.db.case.findFirstOrThrow({
      where: { trackingNo: { not: trackingNo } },
      orderBy: { createdAt: "desc" },
      select: { anonymous: true, contactName: true, contactPhone: true },
    });
    expect(filed).toEqual({ anonymous: false, contactName: null, contactPhone: NEWER_PHONE });
  });

  it("writes the numbers in no log line", () => {
    expect(
      logLines.filter((line) => line.includes(NEW_PHONE) || line.includes(NEWER_PHONE)),
    ).toEqual([]);
  });

  it("tells a citizen with no running case that there is nothing to change", async () => {
    const stranger = new WebCitizen(service.url);
    await stranger.open();
    await stranger.start();
    const cases = await service.app.db.case.count();
    await stranger.say(`我电话换了，新号是${NEW_PHONE}`);
    expect(stranger.text).toBe(
      "您现在没有正在办理的事，不用改联系电话。以后反映新的事，留这个号码就行。",
    );
    expect(stranger.labels).toContain("我要反映问题");
    expect(await service.app.db.case.count()).toBe(cases);
  });
});
