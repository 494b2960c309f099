/**
 * What a citizen sends on Telegram while a rating question under an answer is open: a look at
 * their cases ("我的事办得怎么样了", /status, the menu's "查看我反映过的事") is answered and the
 * question asked again, never recorded on the case; a 已解决 / 未解决 button of an answer that
 * is not to be rated now is refused at once, nothing asked; a photo is kept about the answer (on
 * the case where the satisfaction is asked, with the rating where the reason is), never lost.
 */
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerCase } from "../../support/answered-case.ts";
import { TelegramCitizen } from "../../support/telegram-citizen.ts";
import {
  buttonData,
  deliver,
  fileStreetLight,
  press,
  since,
  startStaffService,
  type StaffService,
} from "../../support/telegram-staff.ts";

describe("a rating question open on Telegram", { timeout: 60_000 }, () => {
  let staff: StaffService;
  let nextUser = 1001;
  const app = () => staff.service;
  const logLines: string[] = [];

  beforeAll(async () => {
    staff = await startStaffService({ logLines });
  });
  afterAll(() => staff.stop());

  /** A citizen's street light filed and answered: the case and the rating question under it. */
  async function answeredStreetLight() {
    const { telegram, service } = staff;
    const citizen = new TelegramCitizen(telegram, () => service.app.db, nextUser++);
    const no = await fileStreetLight(citizen);
    await answerCase(service.app, no);
    await deliver(service);
    const question = telegram.sentMessages(citizen.id).at(-1)!;
    expect(question.text).toBe("请告诉我们：您反映的问题解决了吗？");
    return { citizen, no, question };
  }

  const commentsOn = (no: string) =>
    staff.service.app.db.timelineEntry.count({
      where: { case: { trackingNo: no }, kind: "answer_commented" },
    });

  describe("a look at the citizen's cases where it asks how satisfied", () => {
    it.each([["我的事办得怎么样了"], ["查看我反映过的事"], ["/status"]])(
      "answers %s with the cases, records nothing, and asks again",
      async (words) => {
        const { citizen, no, question } = await answeredStreetLight();
        await press(app, staff.telegram, citizen.user, question, `k:sv:${no}:0`);
        const seen = staff.telegram.sentMessages(citizen.id).length;

        await (words.startsWith("/") ? citizen.command(words) : citizen.say(words));
        const replies = since(staff.telegram, citizen.id, seen);
        expect(replies.map((m) => m.text).join("\n")).toContain(no);
        expect(replies.at(-1)!.text).toBe("您选择了“未解决”。您对这次办理满意吗？");
        expect(buttonData(replies.at(-1))).toEqual([
          `k:sf:${no}:0:s`,
          `k:sf:${no}:0:b`,
          `k:sf:${no}:0:d`,
        ]);
        expect(await commentsOn(no)).toBe(0);

        const rated = staff.telegram.sentMessages(citizen.id).length;
        await press(app, staff.telegram, citizen.user, replies.at(-1)!, `k:sf:${no}:0:d`);
        const rating = await staff.service.app.db.rating.findFirstOrThrow({
          where: { case: { trackingNo: no } },
        });
        expect(rating).toMatchObject({ solved: false, satisfaction: "dissatisfied", reason: null });
        const followUp = since(staff.telegram, citizen.id, rated).map((m) => m.text);
        expect(followUp.join("\n")).toContain("哪里没有解决或不满意");
      },
    );

    it("answers it where it asks what was wrong, and still takes the reason", async () => {
      const { citizen, no, question } = await answeredStreetLight();
      await press(app, staff.telegram, citizen.user, question, `k:sv:${no}:0`);
      await press(app, staff.telegram, citizen.user, question, `k:sf:${no}:0:d`);
      const seen = staff.telegram.sentMessages(citizen.id).length;

      await citizen.say("我的事办得怎么样了");
      const replies = since(staff.telegram, citizen.id, seen).map((m) => m.text);
      expect(replies.join("\n")).toContain(no);
      expect(replies.at(-1)).toContain("哪里没有解决或不满意");
      const reasonOf = async () =>
        (
          await staff.service.app.db.rating.findFirstOrThrow({
            where: { case: { trackingNo: no } },
          })
        ).reason;
      expect(await reasonOf()).toBeNull();

      await citizen.say("修的人根本没来");
      expect(await reasonOf()).toBe("修的人根本没来");
    });
  });

  it("refuses a 未解决 button of an answer under review at once, and asks nothing", async () => {
    const { citizen, no, question } = await answeredStreetLight();
    // Rated in words and a review asked for: the buttons under the answer are stale.
    await citizen.say("没解决，不满意");
    await citizen.tap("是，就这样评价");
    await citizen.tap("申请复查");
    const { status } = await staff.service.app.db.case.findUniqueOrThrow({
      where: { trackingNo: no },
    });
    expect(status).toBe("under_review");
    // The review's notice ("复查申请已收到") goes by the outbox: it is sent before counting, or
    // it could arrive during the press below and read as an answer to it.
    await deliver(staff.service);
    const seen = staff.telegram.sentMessages(citizen.id).length;

    const answer = await press(app, staff.telegram, citizen.user, question, `k:sv:${no}:0`);
    expect(answer).toMatchObject({
      text: "这件事现在不能评价：有了新的答复以后，才能评价。",
      show_alert: true,
    });
    expect(since(staff.telegram, citizen.id, seen)).toEqual([]);
    const underAnswer = staff.telegram
      .sentMessages(citizen.id)
      .find((m) => m.message_id === question.message_id);
    expect(buttonData(underAnswer)).toEqual([]);
  });

  const attachmentsOf = (no: string) =>
    staff.service.app.db.attachment.findMany({ where: { case: { trackingNo: no } } });
  const photoCommentsOn = (no: string) =>
    staff.service.app.db.timelineEntry.findMany({
      where: { case: { trackingNo: no }, kind: "answer_commented" },
    });

  describe("a photo sent there", () => {
    it("records it on the case where it asks how satisfied, and asks again", async () => {
      const { citizen, no, question } = await answeredStreetLight();
      await press(app, staff.telegram, citizen.user, question, `k:sv:${no}:0`);

      await citizen.sendPhoto("lamp-still-dark");
      const asked = staff.telegram.sentMessages(citizen.id).at(-1)!;
      expect(asked.text).toBe(
        "照片已经记在这件事上，工作人员看得到。您对这次办理满意吗？请点下面的按钮：",
      );
      expect(buttonData(asked)).toEqual([`k:sf:${no}:0:s`, `k:sf:${no}:0:b`, `k:sf:${no}:0:d`]);
      const [attached] = await attachmentsOf(no);
      expect(attached).toMatchObject({ ratingStage: 0 });
      expect((await photoCommentsOn(no)).map((e) => e.data)).toEqual([
        { text: null, photoIds: [attached!.fileId] },
      ]);
      expect(await staff.service.app.db.rating.count({ where: { case: { trackingNo: no } } })).toBe(
        0,
      );

      await press(app, staff.telegram, citizen.user, asked, `k:sf:${no}:0:d`);
      expect(
        await staff.service.app.db.rating.findFirstOrThrow({ where: { case: { trackingNo: no } } }),
      ).toMatchObject({ solved: false, satisfaction: "dissatisfied" });
    });

    it("records its caption with it on the case, as words typed there", async () => {
      const { citizen, no, question } = await answeredStreetLight();
      await press(app, staff.telegram, citizen.user, question, `k:sv:${no}:0`);

      await citizen.sendPhoto("lamp-caption", "晚上去看了，灯还是不亮");
      expect(citizen.text).toContain("您说的话已经记在这件事上，工作人员看得到。");
      const [attached] = await attachmentsOf(no);
      expect((await photoCommentsOn(no)).map((e) => e.data)).toEqual([
        { text: "晚上去看了，灯还是不亮", photoIds: [attached!.fileId] },
      ]);
      expect(citizen.text).not.toContain("评为");
    });

    it("keeps it with the rating where it asks what was wrong, and asks again", async () => {
      const { citizen, no, question } = await answeredStreetLight();
      await press(app, staff.telegram, citizen.user, question, `k:sv:${no}:0`);
      await press(app, staff.telegram, citizen.user, question, `k:sf:${no}:0:d`);

      const linesBefore = logLines.length;
      await citizen.sendPhoto("lamp-reason");
      expect(citizen.text).toContain("1 张照片已经跟您的评价一起保存，工作人员看得到。");
      expect(citizen.text).toContain("哪里没有解决或不满意");
      expect((await attachmentsOf(no)).map((a) => a.ratingStage)).toEqual([0]);
      // One log line for the photo, with the case's number and the count kept.
      const photoLines = logLines
        .slice(linesBefore)
        .map((line) => JSON.parse(line) as { msg: string; caseNo?: string; photos?: number })
        .filter((line) => /photo/i.test(line.msg));
      expect(photoLines).toEqual([
        expect.objectContaining({ msg: "photos kept with the rating", caseNo: no, photos: 1 }),
      ]);

      await citizen.say("修的人根本没来");
      const rating = await staff.service.app.db.rating.findFirstOrThrow({
        where: { case: { trackingNo: no } },
      });
      expect(rating.reason).toBe("修的人根本没来");
    });

    it("keeps it with the earlier rating when its caption rates an answer rated already, and says that rating stands", async () => {
      const { citizen, no, question } = await answeredStreetLight();
      await press(app, staff.telegram, citizen.user, question, `k:sv:${no}:0`);
      // Rated meanwhile elsewhere (the status page), the satisfaction question still open here.
      await staff.service.app.caseActions.act(
        no,
        { type: "rate", solved: true, satisfaction: "basically_satisfied" },
        { kind: "citizen", id: `telegram:${citizen.id}` },
      );
      const seen = staff.telegram.sentMessages(citizen.id).length;

      await citizen.sendPhoto("lamp-rated-before", "不满意");
      const said = since(staff.telegram, citizen.id, seen).map((m) => m.text);
      expect(said).toEqual([
        "您已经评价过这次答复了，评价仍按您之前给的为准。\n1 张照片已经跟您的评价一起保存，工作人员看得到。",
      ]);
      const ratings = await staff.service.app.db.rating.findMany({
        where: { case: { trackingNo: no } },
      });
      expect(ratings).toEqual([
        expect.objectContaining({ solved: true, satisfaction: "basically_satisfied" }),
      ]);
      expect((await attachmentsOf(no)).map((a) => a.ratingStage)).toEqual([0]);
      expect(await photoCommentsOn(no)).toEqual([]);
    });

    it.each([
      { tapped: "0", caption: "不满意", rated: { solved: false, satisfaction: "dissatisfied" } },
      { tapped: "1", caption: "满意", rated: { solved: true, satisfaction: "satisfied" } },
      {
        tapped: "0",
        caption: "not satisfied",
        rated: { solved: false, satisfaction: "dissatisfied" },
      },
    ])(
      "takes a caption $caption where it asks how satisfied as the rating, the photo kept with it",
      async ({ tapped, caption, rated }) => {
        const { citizen, no, question } = await answeredStreetLight();
        await press(app, staff.telegram, citizen.user, question, `k:sv:${no}:${tapped}`);
        const seen = staff.telegram.sentMessages(citizen.id).length;

        await citizen.sendPhoto(`lamp-rated-${caption}`, caption);
        const rating = await staff.service.app.db.rating.findFirstOrThrow({
          where: { case: { trackingNo: no } },
        });
        expect(rating).toMatchObject({ ...rated, reason: null });
        expect((await attachmentsOf(no)).map((a) => a.ratingStage)).toEqual([0]);
        expect(await photoCommentsOn(no)).toEqual([]);
        const replies = since(staff.telegram, citizen.id, seen);
        const said = replies.map((m) => m.text);
        expect(said.slice(0, 2)).toEqual([
          `谢谢您的评价（编号 ${no}）。`,
          "1 张照片已经跟您的评价一起保存，工作人员看得到。",
        ]);
        if (rated.solved) {
          expect(said).toHaveLength(2);
          return;
        }
        // A low rating: what was wrong is asked, as after the words alone, and a review offered.
        expect(said[2]).toContain("哪里没有解决或不满意");
        expect(buttonData(replies.at(-1))).toEqual([`k:rv:${no}`]);
        await citizen.say("修的人根本没来");
        expect(
          (
            await staff.service.app.db.rating.findFirstOrThrow({
              where: { case: { trackingNo: no } },
            })
          ).reason,
        ).toBe("修的人根本没来");
      },
    );

    /**
     * Handles `update` again, as after a crash before its completion was recorded (the
     * instance that takes it over gets it from the inbox, or Telegram delivers it again);
     * resolves with what the bot sent then.
     */
    async function handledAgain(citizen: TelegramCitizen, update: Update) {
      await staff.service.app.db.inboxUpdate.update({
        where: { channel_updateId: { channel: "telegram", updateId: String(update.update_id) } },
        data: { processedAt: null, leaseUntil: null },
      });
      const seen = staff.telegram.sentMessages(citizen.id).length;
      await citizen.act(staff.telegram.redeliver(update));
      return since(staff.telegram, citizen.id, seen);
    }

    it("records it once and says nothing again when its update is handled again", async () => {
      const { citizen, no, question } = await answeredStreetLight();
      await press(app, staff.telegram, citizen.user, question, `k:sv:${no}:0`);
      const photo = await citizen.sendPhoto("lamp-twice");
      expect(citizen.text).toContain("照片已经记在这件事上");

      expect(await handledAgain(citizen, photo)).toEqual([]);
      expect(await photoCommentsOn(no)).toHaveLength(1);
      expect(await attachmentsOf(no)).toHaveLength(1);
    });

    it("keeps it and its reason once when its update is handled again", async () => {
      const { citizen, no, question } = await answeredStreetLight();
      await press(app, staff.telegram, citizen.user, question, `k:sv:${no}:0`);
      await press(app, staff.telegram, citizen.user, question, `k:sf:${no}:0:d`);
      const photo = await citizen.sendPhoto("lamp-reason-twice", "灯还是不亮");
      expect(citizen.text).toContain("已记录您的意见，谢谢。");

      // The reason question is closed by then: nor is the photo taken as the start of a new one.
      expect(await handledAgain(citizen, photo)).toEqual([]);
      expect(await attachmentsOf(no)).toHaveLength(1);
    });

    it("takes the caption of a photo there as the reason", async () => {
      const { citizen, no, question } = await answeredStreetLight();
      await press(app, staff.telegram, citizen.user, question, `k:sv:${no}:0`);
      await press(app, staff.telegram, citizen.user, question, `k:sf:${no}:0:d`);

      await citizen.sendPhoto("lamp-reason-caption", "灯还是不亮");
      expect(citizen.text).toContain("1 张照片已经跟您的评价一起保存");
      expect(citizen.text).toContain("已记录您的意见，谢谢。");
      const rating = await staff.service.app.db.rating.findFirstOrThrow({
        where: { case: { trackingNo: no } },
      });
      expect(rating.reason).toBe("灯还是不亮");
      expect((await attachmentsOf(no)).map((a) => a.ratingStage)).toEqual([0]);
    });
  });
});
