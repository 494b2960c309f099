/**
 * Adding to a running case in Telegram (补充), against the fake Bot API server: after filing
 * about the dark street lamp, the citizen writes "补充一下：…" with what they saw since; on their
 * yes the words go to the case they already have, never a new one, and the unit's chat gets
 * 【群众补充】 with the words, the phone the citizen wrote in masked. From the case's page
 * "补充到这件事" asks for the words and takes the next message. A photo under words asking to add
 * goes with them: one of the case's photos on the yes, the unit's chat told how many. A photo
 * sent alone is added without words on "就补充照片" (or "就是这个"): the entry holds no text, and
 * the citizen, the unit's chat and the case's page say photos were added without words.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeTelegram } from "../../support/fake-telegram.ts";
import { TelegramCitizen } from "../../support/telegram-citizen.ts";
import {
  CLERK_LI,
  deliver,
  fileStreetLight,
  since,
  startStaffService,
  UNIT_CHAT,
  UNIT_ID,
  type StaffService,
} from "../../support/telegram-staff.ts";
import type { TestApp } from "../../support/test-app.ts";

const ADDITION = "路灯旁边的井盖也松了，昨晚有人绊倒了，有事打我电话13812345678";

describe("adding to a running case on Telegram", { timeout: 60_000 }, () => {
  let staff: StaffService;
  let telegram: FakeTelegram;
  let service: TestApp;
  let citizen: TelegramCitizen;
  let no: string;
  let unitSeen: number;

  const additions = () =>
    service.app.db.timelineEntry.findMany({
      where: { case: { trackingNo: no }, kind: "supplemented" },
      orderBy: { at: "asc" },
    });

  /** The photo is one of the case's own (an addition's: no rating stage). */
  const expectAttachedWithAddition = async (photo: string) => {
    const attached = await service.app.db.attachment.findMany({
      where: { case: { trackingNo: no }, fileId: photo },
    });
    expect(attached).toEqual([expect.objectContaining({ channel: "telegram", ratingStage: null })]);
  };
  /** What the unit's chat was sent since `unitSeen`, once the outbox is delivered. */
  const unitChatSince = async () => {
    await deliver(service);
    return since(telegram, UNIT_CHAT, unitSeen).map((m) => m.text);
  };

  beforeAll(async () => {
    staff = await startStaffService();
    ({ telegram, service } = staff);
    citizen = new TelegramCitizen(telegram, () => service.app.db, 1001);
    no = await fileStreetLight(citizen);
    await service.app.caseActions.act(
      no,
      { type: "route", unitId: UNIT_ID },
      { kind: "clerk", id: String(CLERK_LI) },
    );
    await deliver(service);
    unitSeen = telegram.sentMessages(UNIT_CHAT).length;
  });
  afterAll(() => staff.stop());

  it("asks to add the words to the case the citizen has, and stores nothing before the yes", async () => {
    const cases = await service.app.db.case.count();
    await citizen.say(`补充一下：${ADDITION}`);
    // The written notice of the case's routing may arrive among the turn's replies.
    expect(citizen.replies.map((reply) => reply.text)).toContain(
      `要把这段话补充到编号 ${no}（市政市容）吗？\n“${ADDITION}”`,
    );
    expect(citizen.buttons).toEqual(["补充进去", "不用了"]);
    expect(await additions()).toEqual([]);
    expect(await service.app.db.case.count()).toBe(cases);
  });

  it("adds them on the yes, and the unit's chat is told with the phone masked", async () => {
    await citizen.tap("补充进去");
    expect(citizen.replies.map((reply) => reply.text)).toContain(
      `已补充到编号 ${no}，办理的工作人员会看到。`,
    );
    expect((await additions()).map((entry) => entry.data)).toEqual([{ text: ADDITION }]);
    await deliver(service);
    const toUnit = since(telegram, UNIT_CHAT, unitSeen).map((m) => m.text);
    expect(toUnit).toContainEqual(
      expect.stringContaining(`【群众补充】事项 ${no} 的反映人补充了情况，请一并办理`),
    );
    expect(toUnit.join("\n")).toContain(
      "补充内容：路灯旁边的井盖也松了，昨晚有人绊倒了，有事打我电话***********",
    );
    expect(toUnit.join("\n")).not.toContain("13812345678");
  });

  it("adds from the case's page: 补充到这件事, then the next message", async () => {
    await citizen.command(`/status ${no}`);
    expect(citizen.text).toContain(`您补充了：${ADDITION}`);
    expect(citizen.buttons).toEqual(["补充到这件事", "撤回这件事"]);
    await citizen.tap("补充到这件事");
    expect(citizen.text).toBe(`请说要补充的内容（补充到编号 ${no}）。`);
    await citizen.say("今天早上井盖还是松的");
    await citizen.tap("补充进去");
    expect((await additions()).map((entry) => entry.data)).toEqual([
      { text: ADDITION },
      { text: "今天早上井盖还是松的" },
    ]);
  });

  it("keeps a photo under words asking to add with the case, and tells the unit's chat", async () => {
    unitSeen = telegram.sentMessages(UNIT_CHAT).length;
    await citizen.sendPhoto("hole-bigger", "补充一下：井盖旁边的坑越来越大了");
    expect(citizen.text).toBe(
      `要把这段话和 1 张照片补充到编号 ${no}（市政市容）吗？\n“井盖旁边的坑越来越大了”`,
    );
    await citizen.tap("补充进去");
    const photo = (await citizen.keptPhotos()).at(-1)!;
    expect((await additions()).at(-1)?.data).toEqual({
      text: "井盖旁边的坑越来越大了",
      photoIds: [photo],
    });
    await expectAttachedWithAddition(photo);
    const toUnit = await unitChatSince();
    expect(toUnit.join("\n")).toContain("附照片 1 张，请在工作台查看。");
  });

  it("adds a photo sent alone without words on 就补充照片: photos only, told so everywhere", async () => {
    unitSeen = telegram.sentMessages(UNIT_CHAT).length;
    await citizen.sendPhoto("cover-cracked");
    expect(citizen.text).toContain("收到照片。是补充您正在办理的事吗？");
    expect(citizen.buttons).toEqual(["就补充照片"]);
    await citizen.tap("就补充照片");
    expect(citizen.text).toContain(
      `已把 1 张照片补充到编号 ${no}（没有文字说明），办理的工作人员会看到。`,
    );
    const photo = (await citizen.keptPhotos()).at(-1)!;
    expect((await additions()).at(-1)?.data).toEqual({ text: null, photoIds: [photo] });
    await expectAttachedWithAddition(photo);
    const toUnit = await unitChatSince();
    expect(toUnit.join("\n")).toContain("补充了照片 1 张（没有文字说明），请在工作台查看。");
    expect(toUnit.join("\n")).not.toContain("补充内容");

    await citizen.command(`/status ${no}`);
    expect(citizen.text).toContain("您补充了：照片 1 张（没有文字）");
  });

  it("takes 就是这个 typed after a photo alone as adding it without words", async () => {
    await citizen.sendPhoto("cover-cracked-again");
    await citizen.say("就是这个");
    const photo = (await citizen.keptPhotos()).at(-1)!;
    expect((await additions()).at(-1)?.data).toEqual({ text: null, photoIds: [photo] });
  });
});
