/**
 * A citizen who edits the message their description was taken from — its text, or the caption
 * of the photo it came with — while the draft is still open, gets the description changed with
 * it and is told so. A photo edited to carry another picture has the new picture in place of
 * the old while the draft is open. When the citizen has since changed the description in words
 * (描述改成…), the later of the two changes wins. An edit of any other message —
 * an answer to a later question, or after the complaint was filed — changes nothing noted: the
 * citizen is asked to send the change as a new message.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramService, type TelegramService } from "../../support/telegram-service.ts";

describe("editing a sent message", { timeout: 30_000 }, () => {
  let service: TelegramService;
  beforeAll(async () => {
    service = await startTelegramService();
  });
  afterAll(() => service.stop());

  it("updates the description from an edit of its message, and asks the same question", async () => {
    const citizen = service.citizen();
    await citizen.command("/new");
    const said = await citizen.say("人民路上的路灯坏了");
    await citizen.tap("对，就是这个");
    expect(citizen.text).toContain("您说的地方在哪个县区");

    await citizen.editText(said, "人民路上的路灯和井盖都坏了");

    expect(citizen.text).toContain("已经按您改过的消息更新了描述");
    expect(citizen.text).toContain("您说的地方在哪个县区");
    expect((await citizen.dialogue())?.draft?.description).toBe("人民路上的路灯和井盖都坏了");
  });

  it("updates words first offered for filing when their message is edited", async () => {
    const citizen = service.citizen();
    const said = await citizen.say("楼下的下水道堵了一个星期了，污水到处流");
    await citizen.tap("是，开始反映");
    await citizen.editText(said, "楼下的下水道堵了两个星期了，污水到处流，臭得很");
    expect(citizen.text).toContain("已经按您改过的消息更新了描述");
    expect((await citizen.dialogue())?.draft?.description).toBe(
      "楼下的下水道堵了两个星期了，污水到处流，臭得很",
    );
  });

  it("keeps what was noted when another message is edited, and asks for the change anew", async () => {
    const citizen = service.citizen();
    await citizen.command("/new");
    await citizen.say("小区门口的井盖没了，晚上看不见，很危险");
    await citizen.tap("对，就是这个");
    const place = await citizen.say("项城市人民路口");
    const before = await citizen.dialogue();

    await citizen.editText(place, "项城市七一路口");

    expect(citizen.text).toContain("您改了之前发的消息，但已经记下的内容不会跟着变");
    expect((await citizen.dialogue())?.draft).toEqual(before?.draft);
  });

  it("keeps the filed complaint as it was when its message is edited afterwards", async () => {
    const citizen = service.citizen();
    const said = await citizen.reachPhotoQuestion();
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    await citizen.tap("提交");

    await citizen.editText(said, "项城市光明路的路灯和井盖都坏了");

    expect(citizen.text).toContain("您改了之前发的消息，但已经记下的内容不会跟着变");
    const [filed] = await citizen.cases();
    expect(filed?.description).toBe("项城市光明路的路灯坏了很久");
  });

  it("updates the description from an edit of the caption it was taken from", async () => {
    const citizen = service.citizen();
    await citizen.command("/new");
    const sent = await citizen.sendPhoto("manhole-caption", "人民路上的井盖没了");
    await citizen.tap("对，就是这个");
    expect(citizen.text).toContain("您说的地方在哪个县区");

    await citizen.editCaption(sent, "人民路上的井盖没了，晚上有人掉下去过");

    expect(citizen.text).toContain("已经按您改过的消息更新了描述");
    expect(citizen.text).toContain("您说的地方在哪个县区");
    const draft = (await citizen.dialogue())?.draft;
    expect(draft?.description).toBe("人民路上的井盖没了，晚上有人掉下去过");
    expect(draft?.photos).toEqual(await citizen.keptPhotos());
  });

  it("updates a caption first offered for filing when it is edited", async () => {
    const citizen = service.citizen();
    const sent = await citizen.sendPhoto("drain-caption", "楼下的下水道堵了一个星期了，污水到处流");
    await citizen.tap("是，开始反映");
    await citizen.editCaption(sent, "楼下的下水道堵了两个星期了，污水到处流，臭得很");
    expect(citizen.text).toContain("已经按您改过的消息更新了描述");
    expect((await citizen.dialogue())?.draft?.description).toBe(
      "楼下的下水道堵了两个星期了，污水到处流，臭得很",
    );
  });

  it("keeps what was noted when a caption added to the description is edited", async () => {
    const citizen = service.citizen();
    await citizen.command("/new");
    await citizen.say("小区门口的井盖没了，晚上看不见，很危险");
    await citizen.tap("对，就是这个");
    const sent = await citizen.sendPhoto("manhole-more", "你们看看，都塌成这样了");
    const before = await citizen.dialogue();

    await citizen.editCaption(sent, "你们看看，塌了一大片");

    expect(citizen.text).toContain("您改了之前发的消息，但已经记下的内容不会跟着变");
    expect((await citizen.dialogue())?.draft).toEqual(before?.draft);
  });

  it("replaces a photo whose picture is changed in an edit, keeping its caption as the description", async () => {
    const citizen = service.citizen();
    await citizen.command("/new");
    const sent = await citizen.sendPhoto("manhole-first", "人民路上的井盖没了");
    await citizen.tap("对，就是这个");
    const [first] = await citizen.keptPhotos();

    await citizen.replacePhoto(sent, "manhole-closer");

    expect(citizen.text).toContain("已经换成您改过的消息里的新照片");
    expect(citizen.text).not.toContain("已经按您改过的消息更新了描述");
    expect(citizen.text).toContain("您说的地方在哪个县区");
    const kept = await citizen.keptPhotos();
    expect(kept).toHaveLength(2);
    const draft = (await citizen.dialogue())?.draft;
    expect(draft?.photos).toEqual(kept.filter((photo) => photo !== first));
    expect(draft?.description).toBe("人民路上的井盖没了");
  });

  it("replaces a photo sent without words at the photo question", async () => {
    const citizen = service.citizen();
    await citizen.reachPhotoQuestion();
    const sent = await citizen.sendPhoto("lamp-blurred");
    const [blurred] = await citizen.keptPhotos();

    await citizen.replacePhoto(sent, "lamp-sharp");

    expect(citizen.text).toContain("已经换成您改过的消息里的新照片");
    const kept = await citizen.keptPhotos();
    expect((await citizen.dialogue())?.draft?.photos).toEqual(kept.filter((p) => p !== blurred));
  });

  it("keeps the filed complaint's photo when the photo is changed afterwards", async () => {
    const citizen = service.citizen();
    await citizen.reachPhotoQuestion();
    const sent = await citizen.sendPhoto("lamp-filed");
    await citizen.tap("照片发完了");
    await citizen.tap("匿名反映");
    await citizen.tap("提交");
    const [filed] = await citizen.cases();
    const before = await service.db.attachment.findMany({ where: { caseId: filed!.id } });
    expect(before).toHaveLength(1);

    await citizen.replacePhoto(sent, "lamp-after-filing");

    expect(citizen.text).toContain("您改了之前发的消息，但已经记下的内容不会跟着变");
    expect(await service.db.attachment.findMany({ where: { caseId: filed!.id } })).toEqual(before);
  });

  /** At the summary card with the description said in one message; resolves to that message. */
  async function atSummary(citizen: ReturnType<TelegramService["citizen"]>) {
    const described = await citizen.reachPhotoQuestion();
    await citizen.tap("没有照片");
    await citizen.tap("匿名反映");
    return described;
  }

  it("takes an edit of the description's message made after the description was changed in words", async () => {
    const citizen = service.citizen();
    const described = await atSummary(citizen);
    await citizen.say("描述改成：项城市光明路的路灯坏了一个多月了");
    expect((await citizen.dialogue())?.draft?.description).toBe("项城市光明路的路灯坏了一个多月了");

    await citizen.editText(described, "项城市光明路的路灯和井盖都坏了");

    expect(citizen.text).toContain(
      "已经按您刚改过的那条消息更新了描述；您之前用文字改的描述不再用了",
    );
    expect((await citizen.dialogue())?.draft?.description).toBe("项城市光明路的路灯和井盖都坏了");
    await citizen.tap("提交");
    expect((await citizen.cases())[0]?.description).toBe("项城市光明路的路灯和井盖都坏了");
  });

  it("takes words that change the description after an edit of its message, and never their 描述改成", async () => {
    const citizen = service.citizen();
    const described = await atSummary(citizen);
    await citizen.editText(described, "项城市光明路的路灯和井盖都坏了");
    const said = await citizen.say("描述改成：项城市光明路的路灯坏了一个多月了");
    expect((await citizen.dialogue())?.draft?.description).toBe("项城市光明路的路灯坏了一个多月了");

    await citizen.editText(said, "描述改成：项城市光明路的路灯坏了两个月了");

    expect(citizen.text).toContain("您改了之前发的消息，但已经记下的内容不会跟着变");
    expect((await citizen.dialogue())?.draft?.description).toBe("项城市光明路的路灯坏了一个多月了");
  });
});
