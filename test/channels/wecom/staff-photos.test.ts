/**
 * Photos of the fix from the WeCom self-built app: after 答复 (or 报告进展) on the unit's card,
 * the handler sends photos and then the words; the citizen gets the answer and then the
 * photos, and the case keeps them with the answer. A photo without a question open is told how
 * to attach one, one WeCom could not hand over just now to send it again; a voice message is
 * refused with a word on what the app takes.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CardShape, FakeWeCom } from "../../support/fake-wecom.ts";
import type { TestApp } from "../../support/test-app.ts";
import { waitUntil } from "../../support/wait.ts";
import { PNG_BYTES } from "../web/web-citizen.ts";
import type { WeComCitizen } from "./wecom-citizen.ts";
import { startWeComStaffWorld, type WeComStaffWorld } from "./wecom-staff.ts";

const HANDLER = "unit-handler-1";

describe("a unit's photos from the WeCom app", { timeout: 60_000 }, () => {
  let world: WeComStaffWorld;
  let fake: FakeWeCom;
  let service: TestApp;
  let citizen: WeComCitizen;

  beforeEach(async () => {
    world = await startWeComStaffWorld(HANDLER);
    ({ fake, service, citizen } = world);
  });
  afterEach(() => world.stop());

  const post = (xml: string) => world.post(xml);
  const textsTo = (userId: string): string[] => world.textsTo(userId);
  const answerTo = (userId: string, xml: string) => world.answerTo(userId, xml);
  const status = (no: string) => world.status(no);

  /** A new case routed to its suggested unit and started by its handler 王五. */
  async function startedCase(): Promise<{ no: string; card: CardShape }> {
    const { no, card } = await world.assignedCase();
    await post(fake.pressCardButton(HANDLER, card.task_id, `st|${no}`).xml);
    await waitUntil(async () => (await status(no)) === "in_progress");
    await waitUntil(() => fake.currentCard(card.task_id)!.card.button_list[0]?.key === `an|${no}`);
    return { no, card };
  }

  it("go with the answer typed after them, to the citizen and into the case", async () => {
    const { no, card } = await startedCase();

    // Without a question open, a photo gets the way to attach one.
    expect(await answerTo(HANDLER, fake.appImage(HANDLER, PNG_BYTES).xml)).toContain(
      "请先点卡片上的「答复」或「报告进展」",
    );

    await post(fake.pressCardButton(HANDLER, card.task_id, `an|${no}`, "support").xml);
    await waitUntil(() => textsTo(HANDLER).some((t) => t.includes(`请回复 ${no}`)));
    expect(await answerTo(HANDLER, fake.appImage(HANDLER, PNG_BYTES).xml)).toBe(
      `已收到 ${no} 的照片1张，将随文字一并发给反映人。可以继续发照片，最后回复文字。`,
    );
    // WeCom cannot hand the photo over just now: the handler hears it and sends it again.
    fake.failNext("media/get", 1, { status: 503 });
    expect(await answerTo(HANDLER, fake.appImage(HANDLER, PNG_BYTES).xml)).toContain(
      "这张照片暂时没能取到，没有收下。请稍后再发一次",
    );
    expect(await answerTo(HANDLER, fake.appImage(HANDLER, PNG_BYTES).xml)).toBe(
      `已收到 ${no} 的照片2张，将随文字一并发给反映人。可以继续发照片，最后回复文字。`,
    );
    // Bytes that are no picture: refused, the question stays open.
    expect(
      await answerTo(HANDLER, fake.appImage(HANDLER, Buffer.from("not a photo")).xml),
    ).toContain("这张照片无法使用");
    // A voice message: the app takes text and photos only.
    expect(await answerTo(HANDLER, fake.appVoice(HANDLER).xml)).toContain("只收文字和照片");

    await citizen.say("请问处理得怎么样了"); // the citizen's window is open
    expect(
      await answerTo(HANDLER, fake.appText(HANDLER, "路灯已于今日修复，感谢您的反映。").xml),
    ).toContain(`${no} 承诺哪天办好？`);
    expect(await answerTo(HANDLER, fake.appText(HANDLER, "不需要").xml)).toBe(`已处理：${no}`);
    await waitUntil(async () => (await status(no)) === "answered");
    const entry = await service.app.db.timelineEntry.findFirstOrThrow({
      where: { case: { trackingNo: no }, kind: "answered" },
    });
    expect(entry.data).toMatchObject({
      outcome: "support",
      photoIds: [expect.any(String), expect.any(String)],
    });

    // The notices, the answer and its photo are more than one message's window (5 kf
    // messages): the photo waits for the citizen's next word.
    await waitUntil(() =>
      fake.kfSent("wmCITIZEN1").some((m) => JSON.stringify(m.body).includes("路灯已于今日修复")),
    );
    // The citizen speaks once the photo is held: a word that comes while the worker still has
    // the row in hand finds nothing held yet (the race is in the note).
    await waitUntil(
      async () =>
        (await service.app.db.outboxMessage.count({
          where: { recipient: "wmCITIZEN1", status: "held" },
        })) > 0,
    );
    await citizen.say("好的，谢谢");
    await waitUntil(() => fake.kfSent("wmCITIZEN1").some((m) => m.body.msgtype === "image"));
    const sent = fake.kfSent("wmCITIZEN1");
    const answer = sent.findIndex((m) => JSON.stringify(m.body).includes("路灯已于今日修复"));
    const image = sent.findIndex((m) => m.body.msgtype === "image");
    expect(answer).toBeGreaterThanOrEqual(0);
    expect(image).toBeGreaterThan(answer);
    const mediaId = (sent[image]!.body.image as { media_id: string }).media_id;
    expect(fake.mediaBytes(mediaId)!.bytes.equals(PNG_BYTES)).toBe(true);
  });

  it("go with a progress report, and the case keeps them with it", async () => {
    const { no, card } = await startedCase();
    await post(fake.pressCardButton(HANDLER, card.task_id, `pg|${no}`).xml);
    await waitUntil(() => textsTo(HANDLER).some((t) => t.includes(`请回复 ${no} 的办理进展`)));
    expect(await answerTo(HANDLER, fake.appImage(HANDLER, PNG_BYTES).xml)).toContain("照片1张");
    expect(await answerTo(HANDLER, fake.appText(HANDLER, "已联系施工队，明天更换灯杆。").xml)).toBe(
      `已处理：${no}`,
    );
    const entry = await service.app.db.timelineEntry.findFirstOrThrow({
      where: { case: { trackingNo: no }, kind: "progress" },
    });
    expect(entry.data).toMatchObject({ photoIds: [expect.any(String)] });
  });
});
